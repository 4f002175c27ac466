//! Text sources: CSV and JSON lines, read from any [`Read`] in blocks of whole records
//! ([`TextSource`]), so that blocks can be parsed on several cores and the records still come
//! back in order with their line numbers. Memory stays flat: a block is about a megabyte.
//!
//! CSV: a header row (a UTF-8 byte-order mark and CRLF line ends accepted); fields separated by
//! `,`, or by `;` or tabs when the header line has more of those; quoted fields may hold the
//! separator, quotes (doubled) and line breaks. A record boundary is a line feed outside
//! quotes, found by counting quotes, so a block never splits a record. Blank lines are
//! skipped. A record with another number of fields than the header is an error.
//!
//! JSON lines: one object per line; its keys are the columns (a string is text, a number or
//! a flag is its JSON text, `null` is missing). Blank lines are skipped; the input needs at
//! least one record.

use std::io::Read;

use super::cell::Cell;
use super::layout::{header_names, Locator, ReadOptions, Row};
use crate::error::{Error, ErrorKind, Result};

/// The format of a text source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    /// Comma- (or semicolon-, tab-) separated values with a header row.
    Csv,
    /// One JSON object per line.
    JsonLines,
}

/// How large a block is read at a time (bytes); a record longer than this grows the block.
pub const BLOCK_SIZE: usize = 1 << 20;

/// A block of whole records and the line number of its first byte.
#[derive(Debug, Clone)]
pub struct Block {
    bytes: Vec<u8>,
    first_line: u64,
}

/// A CSV or JSON-lines source: its header (the columns), then its records in [`Block`]s.
#[derive(Debug)]
pub struct TextSource<R> {
    reader: R,
    format: TextFormat,
    delimiter: u8,
    names: Vec<String>,
    /// Bytes read but not yet handed out (the start of a record), and how far they are
    /// scanned for quotes and line feeds.
    carry: Vec<u8>,
    scanned: usize,
    in_quotes: bool,
    next_line: u64,
    eof: bool,
}

fn io_error(e: &std::io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("cannot read the input: {e}"))
}

/// The field delimiter of a CSV file, from its header line: `,` unless the header has more
/// `;` (spreadsheets in locales with a decimal comma) or tabs.
fn sniff_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let count = |c: u8| line.iter().filter(|&&b| b == c).count();
    let (commas, semis, tabs) = (count(b','), count(b';'), count(b'\t'));
    if tabs > commas && tabs >= semis {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

fn count_lines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// Line numbers of the records of a block: the line of each record's first byte (the csv
/// reader's positions count from the end of the previous record, before its line end and
/// any blank lines).
struct Lines<'b> {
    bytes: &'b [u8],
    line: u64,
    scanned: usize,
}

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

fn csv_error(e: &csv::Error, line: Option<u64>) -> Error {
    // (the csv reader's own message counts lines its way: say what is wrong only)
    let what = match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!(
            "field {} is not valid UTF-8 (after byte {})",
            err.field() + 1,
            err.valid_up_to()
        ),
        _ => e.to_string(),
    };
    let mut err = Error::new(
        ErrorKind::CsvField,
        match line {
            Some(l) => format!("line {l}: malformed CSV: {what}"),
            None => format!("malformed CSV: {what}"),
        },
    );
    if let Some(l) = line {
        err = err.at_line(l);
    }
    err
}

impl<R: Read> TextSource<R> {
    /// Opens a source and reads its header: the CSV header row, or for JSON lines the columns
    /// `opts` can read ([`ReadOptions::wanted`]). A CSV input without a header row is
    /// [`ErrorKind::CsvEmpty`]; an input that cannot be read [`ErrorKind::Io`].
    pub fn open(reader: R, format: TextFormat, opts: &ReadOptions) -> Result<TextSource<R>> {
        let mut src = TextSource {
            reader,
            format,
            delimiter: b',',
            names: Vec::new(),
            carry: Vec::with_capacity(BLOCK_SIZE + (1 << 16)),
            scanned: 0,
            in_quotes: false,
            next_line: 1,
            eof: false,
        };
        match format {
            TextFormat::JsonLines => src.names = opts.wanted(),
            TextFormat::Csv => src.read_header()?,
        }
        Ok(src)
    }

    /// The column names (a CSV file's header; for JSON lines the keys read).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The format.
    pub fn format(&self) -> TextFormat {
        self.format
    }

    fn read_header(&mut self) -> Result<()> {
        // The first block holds the header row (unless it is longer than a block).
        let Some(block) = self.next_block()? else {
            return Err(Error::new(
                ErrorKind::CsvEmpty,
                "the CSV file has no header row",
            ));
        };
        self.delimiter = sniff_delimiter(&block.bytes);
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delimiter)
            .from_reader(block.bytes.as_slice());
        let mut rec = csv::StringRecord::new();
        // Blank lines before the header are skipped by the csv reader.
        let read = rdr
            .read_record(&mut rec)
            .map_err(|e| csv_error(&e, Some(block.first_line)))?;
        if !read || rec.iter().all(|c| c.trim().is_empty()) {
            return Err(Error::new(
                ErrorKind::CsvEmpty,
                "the CSV file has no header row",
            ));
        }
        self.names = header_names(&rec.iter().collect::<Vec<_>>());
        // The rest of the block goes back in front of the unread input.
        let pos = rdr.position();
        let rest_at = usize::try_from(pos.byte()).unwrap_or(block.bytes.len());
        let rest = block.bytes.get(rest_at..).unwrap_or(&[]);
        let mut carry = rest.to_vec();
        carry.extend_from_slice(&self.carry);
        self.carry = carry;
        self.scanned = 0;
        self.in_quotes = false;
        self.next_line = block.first_line + count_lines(block.bytes.get(..rest_at).unwrap_or(&[]));
        Ok(())
    }

    /// The next block of whole records (`None` at the end). Errors only for input that
    /// cannot be read.
    pub fn next_block(&mut self) -> Result<Option<Block>> {
        loop {
            // Scan what is new for the last record boundary.
            let mut boundary = None;
            let quotes = self.format == TextFormat::Csv;
            let mut in_quotes = self.in_quotes;
            for (i, &b) in self.carry.iter().enumerate().skip(self.scanned) {
                if quotes && b == b'"' {
                    in_quotes = !in_quotes;
                } else if b == b'\n' && !in_quotes {
                    boundary = Some(i + 1);
                }
            }
            self.scanned = self.carry.len();
            self.in_quotes = in_quotes;
            let cut = match boundary {
                Some(end) if self.carry.len() >= BLOCK_SIZE || self.eof => Some(end),
                None if self.eof && !self.carry.is_empty() => Some(self.carry.len()),
                _ => None,
            };
            if let Some(end) = cut {
                let rest = self.carry.split_off(end);
                let bytes = std::mem::replace(&mut self.carry, rest);
                // The carried bytes were scanned from a boundary (outside quotes).
                self.scanned = 0;
                self.in_quotes = false;
                let first_line = self.next_line;
                self.next_line += bytes.iter().filter(|&&b| b == b'\n').count() as u64;
                return Ok(Some(Block { bytes, first_line }));
            }
            if self.eof {
                return Ok(None);
            }
            // Read up to a block more.
            let start = self.carry.len();
            let want = BLOCK_SIZE.max(start / 2);
            self.carry.resize(start + want, 0);
            let n = loop {
                match self
                    .reader
                    .read(self.carry.get_mut(start..).unwrap_or(&mut []))
                {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.carry.truncate(start);
                        return Err(io_error(&e));
                    }
                }
            };
            self.carry.truncate(start + n);
            if n == 0 {
                self.eof = true;
            }
        }
    }

    /// What parses this source's blocks (it may go to other threads).
    pub fn parser(&self) -> TextParser {
        TextParser {
            format: self.format,
            delimiter: self.delimiter,
            names: self.names.clone(),
        }
    }
}

/// Parses the blocks of a [`TextSource`].
#[derive(Debug, Clone)]
pub struct TextParser {
    format: TextFormat,
    delimiter: u8,
    names: Vec<String>,
}

impl TextParser {
    /// Parses one block, handing each record (or its error, located at its line) to `each`;
    /// `each` returns `false` to stop.
    pub fn parse(&self, block: &Block, each: impl FnMut(Locator, Result<&dyn Row>) -> bool) {
        match self.format {
            TextFormat::Csv => parse_csv(block, self.delimiter, self.names.len(), each),
            TextFormat::JsonLines => parse_jsonl(block, &self.names, each),
        }
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

/// A CSV record as a row.
struct CsvRow<'r>(&'r csv::StringRecord);

impl Row for CsvRow<'_> {
    #[inline]
    fn cell(&self, column: usize) -> Cell<'_> {
        self.0.get(column).map_or(Cell::Missing, Cell::text)
    }
}

fn parse_csv(
    block: &Block,
    delimiter: u8,
    width: usize,
    mut each: impl FnMut(Locator, Result<&dyn Row>) -> bool,
) {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(block.bytes.as_slice());
    let mut rec = csv::StringRecord::new();
    let mut lines = Lines {
        bytes: &block.bytes,
        line: block.first_line,
        scanned: 0,
    };
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => return,
            Ok(true) => {
                let line = lines.at(rec.position());
                let at = Locator::Line(line);
                if rec.len() == 1 && rec.get(0).is_some_and(|c| c.trim().is_empty()) {
                    continue;
                }
                let go = if rec.len() != width {
                    each(
                        at,
                        Err(Error::new(
                            ErrorKind::CsvField,
                            format!("line {line}: {} fields, the header has {width}", rec.len()),
                        )
                        .at_line(line)),
                    )
                } else {
                    each(at, Ok(&CsvRow(&rec)))
                };
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

/// A JSON-lines record as a row: the cells of the wanted keys.
struct JsonRow<'r>(&'r [Option<String>]);

impl Row for JsonRow<'_> {
    #[inline]
    fn cell(&self, column: usize) -> Cell<'_> {
        match self.0.get(column) {
            Some(Some(s)) => Cell::text(s),
            _ => Cell::Missing,
        }
    }
}

fn parse_jsonl(
    block: &Block,
    names: &[String],
    mut each: impl FnMut(Locator, Result<&dyn Row>) -> bool,
) {
    let mut cells: Vec<Option<String>> = vec![None; names.len()];
    for (this, raw) in (block.first_line..).zip(block.bytes.split(|&b| b == b'\n')) {
        let at = Locator::Line(this);
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t.trim().trim_start_matches('\u{feff}'),
            Err(e) => {
                let err =
                    Error::new(ErrorKind::InvalidJson, format!("line {this}: {e}")).at_line(this);
                if !each(at, Err(err)) {
                    return;
                }
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        let obj: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(text) {
            Ok(o) => o,
            Err(e) => {
                let err =
                    Error::new(ErrorKind::InvalidJson, format!("line {this}: {e}")).at_line(this);
                if !each(at, Err(err)) {
                    return;
                }
                continue;
            }
        };
        for (slot, name) in cells.iter_mut().zip(names) {
            *slot = match obj.get(name) {
                None | Some(serde_json::Value::Null) => None,
                Some(serde_json::Value::String(s)) => Some(s.clone()),
                Some(v) => Some(v.to_string()),
            };
        }
        if !each(at, Ok(&JsonRow(&cells))) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> (Vec<String>, Vec<(u64, Vec<String>)>) {
        let mut src =
            TextSource::open(text.as_bytes(), TextFormat::Csv, &ReadOptions::default()).unwrap();
        let mut out = Vec::new();
        let parser = src.parser();
        while let Some(b) = src.next_block().unwrap() {
            parser.parse(&b, |at, r| {
                let row = r.unwrap();
                let cells = (0..src.names().len())
                    .map(|j| match row.cell(j) {
                        Cell::Text(s) => s.to_string(),
                        _ => String::new(),
                    })
                    .collect();
                out.push((at.line(), cells));
                true
            });
        }
        (src.names().to_vec(), out)
    }

    #[test]
    fn lines_count_quoted_line_breaks() {
        let (names, rows) = blocks("\u{feff}a,b\r\n1,\"x\ny\"\r\n\r\n2,z\n");
        assert_eq!(names, ["a", "b"]);
        assert_eq!(
            rows,
            [
                (2, vec!["1".to_string(), "x\ny".to_string()]),
                (5, vec!["2".to_string(), "z".to_string()])
            ]
        );
    }

    #[test]
    fn long_inputs_cross_blocks_whole() {
        let mut text = String::from("a;b\n");
        for i in 0..200_000 {
            text.push_str(&format!("{i};\"q;{i}\n\"\n"));
        }
        let (names, rows) = blocks(&text);
        assert_eq!(names, ["a", "b"]);
        assert_eq!(rows.len(), 200_000);
        for (k, (line, cells)) in rows.iter().enumerate() {
            assert_eq!(*line, 2 + 2 * k as u64);
            assert_eq!(cells[1], format!("q;{k}"));
        }
    }

    #[test]
    fn empty_and_header_only() {
        let e = TextSource::open(&b""[..], TextFormat::Csv, &ReadOptions::default()).unwrap_err();
        assert_eq!(e.code(), "csv_empty");
        let e =
            TextSource::open(&b"\n \n"[..], TextFormat::Csv, &ReadOptions::default()).unwrap_err();
        assert_eq!(e.code(), "csv_empty");
        let (names, rows) = blocks("received,time_limit");
        assert_eq!((names.len(), rows.len()), (2, 0));
    }
}
