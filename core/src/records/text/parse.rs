//! The records of a text block: the CSV reader (a block without quotes cut at its separators
//! and line ends, [`parse_plain`]; one with quotes through the csv crate's reader,
//! [`parse_quoted`]), the dispatch by format ([`TextParser`]) and a text record as a
//! [`Row`]. JSON lines: `jsonl.rs`.

use std::sync::atomic::{AtomicBool, Ordering};

use super::super::cell::Cell;
use super::super::layout::{Locator, Row};
#[cfg(not(feature = "csv"))]
use super::csv_not_built;
#[cfg(not(target_arch = "wasm32"))]
use super::jsonl::parse_jsonl;
#[cfg(target_arch = "wasm32")]
use super::jsonl_not_built;
#[cfg(feature = "csv")]
use super::{count_lines, csv_error, equal_bytes, unclosed, SAVE_AS_UTF8};
use super::{Block, TextFormat};
use crate::error::{Error, ErrorKind, Result};

/// Line numbers of the records of a block: the line of each record's first byte (the csv
/// reader's positions count from the end of the previous record, before its line end and
/// any blank lines).
#[cfg(feature = "csv")]
struct Lines<'b> {
    bytes: &'b [u8],
    line: u64,
    scanned: usize,
}

#[cfg(feature = "csv")]
impl Lines<'_> {
    fn at(&mut self, pos: Option<&csv::Position>) -> u64 {
        let mut start = pos.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        while let Some(b'\r' | b'\n') = self.bytes.get(start) {
            start += 1;
        }
        if start > self.scanned {
            self.line += count_lines(self.bytes.get(self.scanned..start).unwrap_or(&[]));
            self.scanned = start;
        }
        self.line
    }
}

/// A cell that is not UTF-8 text, located at its line and column.
#[cfg(feature = "csv")]
fn not_utf8(line: u64, column: &str, valid_up_to: usize) -> Error {
    Error::new(
        ErrorKind::CsvField,
        format!(
            "line {line}, column `{column}`: not valid UTF-8 text (after byte {valid_up_to}): \
             {SAVE_AS_UTF8}"
        ),
    )
    .at_line(line)
    .in_field(column)
}

/// Parses the blocks of a [`TextSource`](super::TextSource).
#[derive(Debug)]
pub struct TextParser {
    format: TextFormat,
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    delimiter: u8,
    names: Vec<String>,
    used: Option<Vec<bool>>,
    /// The column of the dossier id, named in an error about a record's number of fields.
    id: Option<usize>,
    /// JSON lines: whether some record parsed so far gave each column's key (blocks may be
    /// parsed on several threads).
    seen: Vec<AtomicBool>,
}

impl TextParser {
    /// A parser of the blocks of a source of `format`, its columns `names` (a CSV source's
    /// fields separated by `delimiter`), reading every cell.
    pub(super) fn new(format: TextFormat, delimiter: u8, names: Vec<String>) -> TextParser {
        TextParser {
            format,
            delimiter,
            seen: names.iter().map(|_| AtomicBool::new(false)).collect(),
            names,
            used: None,
            id: None,
        }
    }

    /// The same parser, reading only the cells of `columns` (the others are never looked at:
    /// not even checked to be UTF-8).
    #[must_use]
    pub fn reading(mut self, columns: &[usize]) -> TextParser {
        let mut used = vec![false; self.names.len()];
        for &c in columns {
            if let Some(u) = used.get_mut(c) {
                *u = true;
            }
        }
        self.used = Some(used);
        self
    }

    /// The same parser, naming the dossier id (the cell of column `id`) in the error about a
    /// record's number of fields, as the record reader names it in the errors about a cell.
    #[must_use]
    pub(crate) fn naming_ids(mut self, id: Option<usize>) -> TextParser {
        self.id = id;
        self
    }

    /// Parses one block, handing each record (or its error, located at its line) to `each`;
    /// `each` returns `false` to stop.
    pub fn parse(&self, block: &Block, each: impl FnMut(Locator, Result<&dyn Row>) -> bool) {
        match self.format {
            #[cfg(feature = "csv")]
            TextFormat::Csv => parse_csv(
                block,
                self.delimiter,
                &self.names,
                (self.used.as_deref(), self.id),
                each,
            ),
            #[cfg(not(feature = "csv"))]
            TextFormat::Csv => {
                // (No source opens as CSV without the feature; said again if one were read.)
                let mut each = each;
                each(Locator::Line(block.first_line), Err(csv_not_built()));
            }
            #[cfg(not(target_arch = "wasm32"))]
            TextFormat::JsonLines => parse_jsonl(block, &self.names, &self.seen, each),
            #[cfg(target_arch = "wasm32")]
            TextFormat::JsonLines => {
                // (No source opens as JSON lines in WebAssembly: said again if one were read.)
                let mut each = each;
                each(Locator::Line(block.first_line), Err(jsonl_not_built()));
            }
        }
    }

    /// JSON lines: whether some record parsed so far gave the key of column `column` (in
    /// any ASCII case, even null). A CSV source holds its header's columns: always true.
    pub fn seen(&self, column: usize) -> bool {
        self.format == TextFormat::Csv
            || self
                .seen
                .get(column)
                .is_some_and(|s| s.load(Ordering::Relaxed))
    }

    /// Checks the whole input once every block was parsed, `records` being how many records
    /// (good or bad) were met: a JSON-lines input without any is [`ErrorKind::CsvEmpty`].
    pub fn finish(&self, records: u64) -> Result<()> {
        if self.format == TextFormat::JsonLines && records == 0 {
            return Err(Error::new(
                ErrorKind::CsvEmpty,
                "the JSON-lines input has no record",
            ));
        }
        Ok(())
    }
}

/// A text record as a row: its cells' text (a CSV record's cells read, each checked to be
/// UTF-8 once; a JSON line's values of the wanted keys).
#[cfg_attr(target_family = "wasm", allow(dead_code))]
pub(super) struct TextRow<'r, S>(pub(super) &'r [Option<S>], pub(super) AllFields<'r>);

/// All the fields of a text record, read or not, for [`Row::holds_any`] (the cells of a
/// [`TextRow`] hold only the columns read).
#[derive(Clone, Copy)]
#[cfg_attr(target_family = "wasm", allow(dead_code))]
pub(super) enum AllFields<'r> {
    /// The cells are all the fields (a JSON line's keys). (The marker holds the lifetime when
    /// the other variants are not built: without the `csv` feature.)
    Cells(std::marker::PhantomData<&'r ()>),
    /// A record of [`parse_plain`]: its text and each field's bounds in it.
    #[cfg(feature = "csv")]
    Plain(&'r str, &'r [(usize, usize)]),
    /// A record of the csv reader.
    #[cfg(feature = "csv")]
    Quoted(&'r csv::ByteRecord),
}

impl<S: AsRef<str>> Row for TextRow<'_, S> {
    #[inline]
    fn cell(&self, column: usize) -> Cell<'_> {
        match self.0.get(column) {
            Some(Some(s)) => Cell::text(s.as_ref()),
            _ => Cell::Missing,
        }
    }

    #[cfg(not(target_family = "wasm"))]
    fn holds_any(&self, columns: usize) -> bool {
        // (A field that is not UTF-8 holds something.)
        #[cfg(feature = "csv")]
        let value = |b: &[u8]| std::str::from_utf8(b).map_or(true, |t| !Cell::text(t).is_missing());
        match self.1 {
            AllFields::Cells(_) => (0..columns).any(|c| !self.cell(c).is_missing()),
            #[cfg(feature = "csv")]
            AllFields::Plain(text, bounds) => bounds
                .iter()
                .take(columns)
                .any(|&(a, b)| value(text.as_bytes().get(a..b).unwrap_or(&[]))),
            #[cfg(feature = "csv")]
            AllFields::Quoted(rec) => rec.iter().take(columns).any(value),
        }
    }

    /// (A JSON line's key given null is held as empty text: held, and missing.)
    fn holds(&self, column: usize) -> bool {
        matches!(self.0.get(column), Some(Some(_)))
    }
}

#[cfg(feature = "csv")]
fn parse_csv(
    block: &Block,
    delimiter: u8,
    names: &[String],
    read: Read<'_>,
    mut each: impl FnMut(Locator, Result<&dyn Row>) -> bool,
) {
    if let Some(line) = block.broken {
        each(Locator::Line(line), Err(unclosed(line)));
        return;
    }
    match plain_text(&block.bytes) {
        Some(text) => parse_plain(text, block.first_line, delimiter, names.len(), read, each),
        None => parse_quoted(block, delimiter, names, read, each),
    }
}

/// The text of a block without a quote character, when it is all valid UTF-8: its records are
/// its lines and its fields are cut at the separator, which [`parse_plain`] does without
/// the csv reader's state machine (checked to give the same records by a property test).
#[cfg(feature = "csv")]
fn plain_text(bytes: &[u8]) -> Option<&str> {
    if bytes.contains(&b'"') {
        return None;
    }
    std::str::from_utf8(bytes).ok()
}

/// The columns a CSV parse reads (`None`: every one) and the column of the dossier id.
#[cfg(feature = "csv")]
pub(super) type Read<'u> = (Option<&'u [bool]>, Option<usize>);

/// The wrong number of fields at `line`, naming the record's dossier id when it has one.
#[cfg(feature = "csv")]
fn field_count(line: u64, fields: usize, width: usize, id: Option<&[u8]>) -> Error {
    let e = Error::new(
        ErrorKind::CsvField,
        format!("{fields} fields, the header has {width}"),
    )
    .at_line(line);
    match id.and_then(|b| std::str::from_utf8(b).ok()).map(str::trim) {
        Some(id) if !id.is_empty() => e.with_id(id),
        _ => e,
    }
}

/// The records of a block without quotes (see [`plain_text`]), as the csv reader reads them: a
/// line feed, a carriage return and a CRLF pair each end a record, an empty record or one
/// blank field is skipped, each record is located at the line of its first byte.
#[cfg(feature = "csv")]
pub(super) fn parse_plain(
    text: &str,
    first_line: u64,
    delimiter: u8,
    width: usize,
    (used, id): Read<'_>,
    mut each: impl FnMut(Locator, Result<&dyn Row>) -> bool,
) {
    let bytes = text.as_bytes();
    let mut rec = PlainRecord {
        text,
        id,
        wanted: (0..width)
            .filter(|&j| used.is_none_or(|u| u.get(j).copied().unwrap_or(false)))
            .collect(),
        bounds: Vec::with_capacity(width),
        cells: vec![None; width],
    };
    let mut line = first_line;
    let mut start = 0;
    let mut words = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut words {
        let w = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        let mut hits = separators(w, delimiter);
        while hits != 0 {
            let bit = hits.trailing_zeros();
            let k = base + (bit / 8) as usize;
            rec.bounds.push((start, k));
            start = k + 1;
            let b = (w >> (bit - 7)) as u8;
            if b != delimiter {
                if !rec.end(line, width, &mut each) {
                    return;
                }
                line += u64::from(b == b'\n');
            }
            hits &= hits - 1;
        }
        base += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b == delimiter || b == b'\n' || b == b'\r' {
            let k = base + i;
            rec.bounds.push((start, k));
            start = k + 1;
            if b != delimiter {
                if !rec.end(line, width, &mut each) {
                    return;
                }
                line += u64::from(b == b'\n');
            }
        }
    }
    if start < text.len() || !rec.bounds.is_empty() {
        rec.bounds.push((start, text.len()));
        rec.end(line, width, &mut each);
    }
}

/// The high bit of each byte of `w` (eight bytes of text) that is `delimiter`, a line feed or
/// a carriage return ([`equal_bytes`]).
#[cfg(feature = "csv")]
#[inline(always)]
fn separators(w: u64, delimiter: u8) -> u64 {
    equal_bytes(w, delimiter) | equal_bytes(w, b'\n') | equal_bytes(w, b'\r')
}

/// The record being cut by [`parse_plain`].
#[cfg(feature = "csv")]
struct PlainRecord<'t> {
    text: &'t str,
    /// The column of the dossier id.
    id: Option<usize>,
    /// The columns read, in order.
    wanted: Vec<usize>,
    /// Where each field of the record starts and ends in `text`.
    bounds: Vec<(usize, usize)>,
    /// The cells, one per column (`None`: a column not read; the others are set for each
    /// record of the right width before it is handed on).
    cells: Vec<Option<&'t str>>,
}

#[cfg(feature = "csv")]
impl PlainRecord<'_> {
    /// The record ends (at `line`): handed to `each`, unless it is one blank field; `false`
    /// to stop.
    #[inline(never)]
    fn end(
        &mut self,
        line: u64,
        width: usize,
        each: &mut impl FnMut(Locator, Result<&dyn Row>) -> bool,
    ) -> bool {
        let n = self.bounds.len();
        let text = self.text;
        let field = |&(from, to): &(usize, usize)| text.get(from..to).unwrap_or("");
        let go = if n == 1
            && self
                .bounds
                .first()
                .map(field)
                .unwrap_or("")
                .trim_ascii()
                .is_empty()
        {
            true
        } else if n == width
            || (n > width
                && self
                    .bounds
                    .get(width..)
                    .unwrap_or(&[])
                    .iter()
                    .all(|b| field(b).trim_ascii().is_empty()))
            || (n < width
                && self.wanted.iter().all(|&j| {
                    self.bounds
                        .get(j)
                        .is_none_or(|b| field(b).trim_ascii().is_empty())
                }))
        {
            // (Empty cells past the header's columns: a spreadsheet's formatted but empty
            // cells, `A,2026-03-02,3wd,,`; ignored as the columns not read are. A record short
            // of the header's columns whose cells read are all empty, `,,` under four columns
            // or a footer `,,,Tổng cộng`: a blank record, or one with values only in columns
            // not read, as at full width. A short record with a value read is an error: a
            // record cut short is not guessed at.)
            for &j in &self.wanted {
                if let Some(cell) = self.cells.get_mut(j) {
                    *cell = self.bounds.get(j).map(field);
                }
            }
            each(
                Locator::Line(line),
                Ok(&TextRow(&self.cells, AllFields::Plain(text, &self.bounds))),
            )
        } else {
            let id = self.id.and_then(|j| self.bounds.get(j)).map(field);
            let e = field_count(line, n, width, id.map(str::as_bytes));
            each(Locator::Line(line), Err(e))
        };
        self.bounds.clear();
        go
    }
}

/// The records of a block through the csv reader (quoted fields, or bytes that are not all
/// UTF-8: only the cells read are checked).
#[cfg(feature = "csv")]
pub(super) fn parse_quoted(
    block: &Block,
    delimiter: u8,
    names: &[String],
    (used, id): Read<'_>,
    mut each: impl FnMut(Locator, Result<&dyn Row>) -> bool,
) {
    let width = names.len();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(block.bytes.as_slice());
    let mut rec = csv::ByteRecord::new();
    let mut lines = Lines {
        bytes: &block.bytes,
        line: block.first_line,
        scanned: 0,
    };
    // The cells' text, an allocation reused from record to record (it holds no borrow
    // between records: it is emptied, then recycled as a vector of `'static` strings).
    let mut spare: Vec<Option<&'static str>> = Vec::with_capacity(width);
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => return,
            Ok(true) => {
                let line = lines.at(rec.position());
                let at = Locator::Line(line);
                if rec.len() == 1 && rec.get(0).is_some_and(|c| c.trim_ascii().is_empty()) {
                    continue;
                }
                let extra_empty =
                    rec.len() > width && rec.iter().skip(width).all(|f| f.trim_ascii().is_empty());
                // (Short of the header's columns, with its cells read all empty: a blank
                // record or a footer, as at full width; see `PlainRecord::end`.)
                let short_unread = rec.len() < width
                    && rec.iter().enumerate().all(|(j, f)| {
                        used.is_some_and(|u| !u.get(j).copied().unwrap_or(false))
                            || f.trim_ascii().is_empty()
                    });
                if rec.len() != width && !extra_empty && !short_unread {
                    let e = field_count(line, rec.len(), width, id.and_then(|j| rec.get(j)));
                    if !each(at, Err(e)) {
                        return;
                    }
                    continue;
                }
                let mut cells: Vec<Option<&str>> = std::mem::take(&mut spare)
                    .into_iter()
                    .map(|_| None)
                    .collect();
                let mut bad = None;
                for (j, field) in rec.iter().take(width).enumerate() {
                    if used.is_some_and(|u| !u.get(j).copied().unwrap_or(false)) {
                        cells.push(None);
                        continue;
                    }
                    match std::str::from_utf8(field) {
                        Ok(t) => cells.push(Some(t)),
                        Err(e) => {
                            let name = names.get(j).map_or("?", String::as_str);
                            bad = Some(not_utf8(line, name, e.valid_up_to()));
                            break;
                        }
                    }
                }
                let go = match bad {
                    Some(e) => each(at, Err(e)),
                    None => each(at, Ok(&TextRow(&cells, AllFields::Quoted(&rec)))),
                };
                cells.clear();
                spare = cells.into_iter().map(|_| None).collect();
                if !go {
                    return;
                }
            }
            Err(e) => {
                let line = lines.at(e.position());
                let err = csv_error(&e, Some(line));
                // An error inside the block's bytes: the csv reader resumes after it.
                if !each(Locator::Line(line), Err(err)) {
                    return;
                }
            }
        }
    }
}
