//! Text sources: CSV and JSON lines, read from any [`Read`] in blocks of whole records
//! ([`TextSource`]), so that blocks can be parsed on several cores and the records still come
//! back in order with their line numbers. Memory stays flat: a block is about a megabyte.
//!
//! CSV: a header row (a UTF-8 byte-order mark and CRLF line ends accepted; a carriage return
//! alone, the line end of classic Mac OS files, is read as a line feed, inside a quoted field
//! too, so that lines are counted as an editor shows them); fields separated by
//! `,`, or by `;` or tabs when the header line has more of those, or by the one a
//! spreadsheet's delimiter line before the header names (`sep=;`); quoted fields may hold the
//! separator, quotes (doubled) and line breaks. A record boundary is a line feed outside
//! quotes, found by counting quotes, so a block never splits a record. Blank lines are
//! skipped. A record with another number of fields than the header is an error.
//!
//! Hostile input loses no record: a quoted field that is never closed, that runs over a line
//! reading as a whole record of its own (the header's number of fields, one of them a date: a
//! forgotten quote paired with a later record's), that is longer than [`MAX_LINE`], or that
//! runs over lines to a quote text follows (a stray quote closed by a quote inside a later
//! record's text), is one bad record at the first line of its record, and reading goes on at
//! the next line; a line longer than
//! [`MAX_LINE`] stops the reading at that line (memory stays flat); gzip or zip bytes are named
//! as such (the CLI reads gzip itself). Every error is located at its line. UTF-16 input with
//! its byte-order mark (a spreadsheet's "Unicode text", tab-separated) is decoded as it
//! streams; a code unit that is no character is reported at its line as not valid text.
//!
//! JSON lines: one object per line; its keys are the columns (a string is text, a number or
//! a flag is its JSON text, `null` is missing). Blank lines are skipped; the input needs at
//! least one record.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

use super::cell::Cell;
use super::encoding::TextReader;
#[cfg(feature = "csv")]
use super::layout::header_names;
use super::layout::{Locator, ReadOptions, Row};
use crate::error::{Error, ErrorKind, Result};

/// The format of a text source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    /// Comma- (or semicolon-, tab-) separated values with a header row.
    Csv,
    /// One JSON object per line (not read in WebAssembly, where [`TextSource::open`] says
    /// so: the JS package takes CSV text and arrays of objects).
    JsonLines,
}

impl TextFormat {
    /// The format of a file by its name, as every door tells it: JSON lines when the name ends
    /// in `.jsonl` or `.ndjson` (either followed by `.gz`; any case), else CSV.
    ///
    /// ```
    /// use motcua::records::TextFormat;
    /// assert_eq!(TextFormat::of_name("hoso-2026.JSONL.gz"), TextFormat::JsonLines);
    /// assert_eq!(TextFormat::of_name("hoso.csv.gz"), TextFormat::Csv);
    /// assert_eq!(TextFormat::of_name("hoso.txt"), TextFormat::Csv);
    /// ```
    pub fn of_name(name: &str) -> TextFormat {
        let lower = name.to_ascii_lowercase();
        let stem = lower.strip_suffix(".gz").unwrap_or(&lower);
        if stem.ends_with(".jsonl") || stem.ends_with(".ndjson") {
            TextFormat::JsonLines
        } else {
            TextFormat::Csv
        }
    }
}

/// How large a block is read at a time (bytes); a record longer than this grows the block.
pub const BLOCK_SIZE: usize = 1 << 20;

/// A block of whole records and the line number of its first byte.
#[derive(Debug, Clone)]
pub struct Block {
    bytes: Vec<u8>,
    first_line: u64,
    /// The line where a runaway quoted field opened: the block is that one bad record.
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    broken: Option<u64>,
}

/// The longest line read (bytes): a longer one is an error, so that memory stays flat.
pub const MAX_LINE: usize = 1 << 20;

/// In `bytes` (whole lines from a record's start, outside quotes): the first quoted field that
/// runs past its line and, closed or not yet, holds a later line that reads as a whole record
/// ([`reads_as_record`]: a record of `fields` fields swallowed, a forgotten quote paired with
/// one of a later record) or more than [`MAX_LINE`] bytes, or `at_end` (the input ends in
/// `bytes`) is never closed; or a quote that runs past its line to a quote that text follows
/// (not `delimiter`, a line end or a doubled quote) — a stray quote in a note paired with a
/// quote inside a later record's text (`"Thiếu giấy tờ` ... `bản "chính gốc`), which would
/// swallow the records between into one field without an error. A note over lines whose lines
/// hold commas (`"Thiếu:\nCMND, hộ khẩu, giấy khai sinh, ảnh"`), or many lines, is a field, as
/// RFC 4180 reads it. Returns the start of its record and the offset of its opening quote.
fn runaway_quote(
    bytes: &[u8],
    at_end: bool,
    delimiter: u8,
    fields: usize,
) -> Option<(usize, usize)> {
    let mut record = 0;
    let mut at = 0;
    // (the lines after the quote's own; unless `whole`, the last one may be read in part)
    let swallows = |inside: &[u8], whole: bool| {
        let complete = match whole {
            true => inside,
            false => match inside.iter().rposition(|&b| b == b'\n') {
                Some(nl) => inside.get(..nl).unwrap_or(&[]),
                None => &[],
            },
        };
        inside.len() > MAX_LINE
            || (complete.split(|&b| b == b'\n').skip(1))
                .any(|l| reads_as_record(l, delimiter, fields))
    };
    loop {
        let open = at + bytes.get(at..)?.iter().position(|&b| b == b'"')?;
        if let Some(nl) = bytes.get(at..open)?.iter().rposition(|&b| b == b'\n') {
            record = at + nl + 1;
        }
        let rest = bytes.get(open + 1..)?;
        match rest.iter().position(|&b| b == b'"') {
            Some(k) => {
                let inside = rest.get(..k)?;
                // (Whether the opening quote began its field or not: the csv reader takes one
                // inside a field as text, and the quote that closes this pair opens a field of
                // the later record, which then swallows the lines up to its own closing quote.)
                let after = rest.get(k + 1).copied();
                let text_follows =
                    after.is_some_and(|b| b != delimiter && b != b'\n' && b != b'\r' && b != b'"');
                // (A record swallowed whole, `R5,2026-03-02T09:00,3wd,bản 12in"`: its line
                // ends in the quote, so the last line inside is whole but for it.)
                if (text_follows && inside.contains(&b'\n')) || swallows(inside, true) {
                    return Some((record, open));
                }
                at = open + k + 2;
            }
            None => return (at_end || swallows(rest, false)).then_some((record, open)),
        }
    }
}

/// Whether `line` (inside a quoted field) reads as a whole record of a file of `fields` fields:
/// exactly its separators, and a field that begins with a date (`2026-03-02`, `2/3/2026`), as
/// every dossier's receipt does. A note's line of a list (`CMND, hộ khẩu, ảnh`) does not.
fn reads_as_record(line: &[u8], delimiter: u8, fields: usize) -> bool {
    fields >= 2
        && line.iter().filter(|&&b| b == delimiter).count() + 1 == fields
        && line.split(|&b| b == delimiter).any(begins_with_date)
}

/// Whether `field` (spaces and a quote before it passed over) begins with an ISO date
/// (`YYYY-MM-DD`) or a day/month/year one (`D/M/YYYY`, each of day and month one or two digits).
fn begins_with_date(field: &[u8]) -> bool {
    let start = field
        .iter()
        .position(|&b| b != b' ' && b != b'"')
        .unwrap_or(field.len());
    let f = field.get(start..).unwrap_or(&[]);
    let digits = |from: usize, n: usize| {
        f.get(from..from + n)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let at = |i: usize, c: u8| f.get(i) == Some(&c);
    if digits(0, 4) && at(4, b'-') && digits(5, 2) && at(7, b'-') && digits(8, 2) {
        return true;
    }
    // D/M/YYYY: the lengths of day and month, 1 or 2 each
    let day = if digits(0, 2) {
        2
    } else {
        usize::from(digits(0, 1))
    };
    let month_at = day + 1;
    let month = if digits(month_at, 2) {
        2
    } else {
        usize::from(digits(month_at, 1))
    };
    let year_at = month_at + month + 1;
    day > 0 && month > 0 && at(day, b'/') && at(year_at - 1, b'/') && digits(year_at, 4)
}

/// Compressed input: said by name rather than read as bad UTF-8.
pub(crate) fn compressed(head: &[u8]) -> Option<Error> {
    let (what, hint) = if head.starts_with(&[0x1f, 0x8b]) {
        ("gzip-compressed", "decompress it first")
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        ("a zip archive", "unzip it first")
    } else {
        return None;
    };
    Some(
        Error::new(
            ErrorKind::CsvField,
            format!("line 1: the input is {what}, not UTF-8 text: {hint}"),
        )
        .at_line(1),
    )
}

/// A CSV or JSON-lines source: its header (the columns), then its records in [`Block`]s.
#[derive(Debug)]
pub struct TextSource<R> {
    /// The input as UTF-8 (UTF-16 decoded as it is read).
    reader: TextReader<R>,
    format: TextFormat,
    delimiter: u8,
    names: Vec<String>,
    /// Bytes read but not yet handed out (the start of a record), and how far they are
    /// scanned for quotes and line feeds.
    carry: Vec<u8>,
    scanned: usize,
    in_quotes: bool,
    /// Quotes in the carry scanned so far (none: no runaway quote to look for).
    quotes_held: usize,
    next_line: u64,
    eof: bool,
    /// Whether the first bytes were looked at (for compressed input).
    sniffed: bool,
    block_size: usize,
}

/// CSV asked of a build without motcua's `csv` feature.
#[cfg(not(feature = "csv"))]
pub(crate) fn csv_not_built() -> Error {
    Error::new(
        ErrorKind::InvalidArgument,
        "reading CSV needs motcua's `csv` feature (on by default); JSON lines and typed columns \
         do not",
    )
}

/// How many lines after a CSV header [`TextSource::resolve`] looks at for the real header when
/// a column is missing.
#[cfg(all(feature = "csv", not(target_arch = "wasm32")))]
const HEADER_SEARCH: usize = 32;

fn io_error(e: &std::io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("cannot read the input: {e}"))
}

/// The field delimiter of a CSV file, from its header line: `,` unless the header has more
/// `;` (spreadsheets in locales with a decimal comma) or tabs, outside quotes (a quoted name
/// `"a;b;c"` is one column's name, not three delimiters).
#[cfg(feature = "csv")]
fn sniff_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let count = |c: u8| {
        let mut quoted = false;
        line.iter()
            .filter(|&&b| {
                quoted ^= b == b'"';
                b == c && !quoted
            })
            .count()
    };
    let (commas, semis, tabs) = (count(b','), count(b';'), count(b'\t'));
    if tabs > commas && tabs >= semis {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

/// The line `sep=X` that spreadsheets write and read before a CSV header to name its delimiter
/// `X` (one ASCII character other than a quote; a UTF-8 byte-order mark may come first): its
/// length with its line end, and `X`.
#[cfg(feature = "csv")]
fn delimiter_line(head: &[u8]) -> Option<(usize, u8)> {
    let bom = if head.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    let line = head.get(bom..)?;
    let rest = line.get(..4).filter(|p| p.eq_ignore_ascii_case(b"sep="))?;
    let d = *line.get(rest.len())?;
    let end = match line.get(5..) {
        Some([b'\n', ..]) => 1,
        Some([b'\r', b'\n', ..]) => 2,
        _ => return None,
    };
    let usable = d.is_ascii() && !matches!(d, b'"' | b'\r' | b'\n');
    usable.then_some((bom + 5 + end, d))
}

/// The delimiter of a CSV text starting with `head`, and how many bytes to skip before its
/// header: the one its `sep=X` line names (that line skipped), else the one its header line
/// has most of ([`sniff_delimiter`]). The records' reader and the catalogue's decide alike.
#[cfg(feature = "csv")]
pub(crate) fn csv_delimiter(head: &[u8]) -> (usize, u8) {
    match delimiter_line(head) {
        Some((len, d)) => (len, d),
        None => (0, sniff_delimiter(head)),
    }
}

/// How many bytes `c` `bytes` holds (counted in byte-wide lanes, 16 or 32 bytes at a time).
fn count_byte(bytes: &[u8], c: u8) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(b == c))))
        .sum()
}

/// How many quote characters `bytes` holds.
fn quotes(bytes: &[u8]) -> usize {
    count_byte(bytes, b'"')
}

/// The end (one past the line feed) of the last record in `bytes`, which start inside quotes
/// when `in_quotes` and hold `quotes_in` quote characters: the last line feed outside quotes
/// (counting quotes, so that a quoted line break is no boundary; `csv` false: the last line
/// feed).
fn last_boundary(bytes: &[u8], in_quotes: bool, quotes_in: usize, csv: bool) -> Option<usize> {
    let mut end = bytes.len();
    // The quote parity at `end`.
    let mut parity = in_quotes ^ (csv && quotes_in % 2 == 1);
    loop {
        let nl = bytes.get(..end)?.iter().rposition(|&b| b == b'\n')?;
        // Undo the quotes after this line feed.
        if csv {
            parity ^= quotes(bytes.get(nl..end).unwrap_or(&[])) % 2 == 1;
        }
        if !parity {
            return Some(nl + 1);
        }
        end = nl;
    }
}

/// Rewrites each carriage return of `bytes[from..]` that is not followed by a line feed into a
/// line feed; a carriage return ending `bytes` is left for the next read unless `at_end`.
/// Words of eight bytes without a carriage return are passed over at once.
fn bare_returns_to_feeds(bytes: &mut [u8], from: usize, at_end: bool) {
    let len = bytes.len();
    let start = from.min(len);
    let tail = bytes.get(start..).unwrap_or(&[]);
    if !tail.contains(&b'\r') {
        return;
    }
    let mut returns = Vec::new();
    let mut words = tail.chunks_exact(8);
    let mut base = start;
    for chunk in &mut words {
        let w = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        let mut hits = equal_bytes(w, b'\r');
        while hits != 0 {
            returns.push(base + (hits.trailing_zeros() / 8) as usize);
            hits &= hits - 1;
        }
        base += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b == b'\r' {
            returns.push(base + i);
        }
    }
    for k in returns {
        let bare = match bytes.get(k + 1) {
            Some(&next) => next != b'\n',
            None => at_end,
        };
        if let (true, Some(b)) = (bare, bytes.get_mut(k)) {
            *b = b'\n';
        }
    }
}

/// The high bit of each byte of `w` (eight bytes) equal to `c`, and of no other (no borrow
/// crosses from one byte to the next): eight bytes compared without a branch.
#[inline(always)]
fn equal_bytes(w: u64, c: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = w ^ (ONES * u64::from(c));
    !(((x & LOW7) + LOW7) | x | LOW7)
}

fn count_lines(bytes: &[u8]) -> u64 {
    count_byte(bytes, b'\n') as u64
}

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

/// The error of a runaway quoted field (see [`runaway_quote`]).
#[cfg(feature = "csv")]
fn unclosed(line: u64) -> Error {
    Error::new(
        ErrorKind::CsvField,
        format!(
            "line {line}: malformed CSV: a quoted field opens on this line and is not closed \
             by the end of the input, or runs over a line that reads as a record of its own \
             (the header's number of fields, one a date), over more than 1 MiB, or to a quote \
             that text follows (a stray quote); the next line is read as a new record"
        ),
    )
    .at_line(line)
}

/// What to do with a file that is not UTF-8 text (a spreadsheet saved in the Windows code page,
/// as "CSV (Comma delimited)" does on a Vietnamese Windows).
const SAVE_AS_UTF8: &str = "save the file as UTF-8 (in a spreadsheet: \"CSV UTF-8\")";

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

#[cfg(feature = "csv")]
fn csv_error(e: &csv::Error, line: Option<u64>) -> Error {
    // (the csv reader's own message counts lines its way: say what is wrong only)
    let what = match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!(
            "field {} is not valid UTF-8 text (after byte {}): {SAVE_AS_UTF8}",
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
        #[cfg(target_arch = "wasm32")]
        let _ = opts;
        let mut src = TextSource {
            reader: TextReader::new(reader),
            format,
            delimiter: b',',
            names: Vec::new(),
            carry: Vec::with_capacity(BLOCK_SIZE + (1 << 16)),
            scanned: 0,
            in_quotes: false,
            quotes_held: 0,
            next_line: 1,
            eof: false,
            sniffed: false,
            block_size: BLOCK_SIZE,
        };
        match format {
            #[cfg(target_arch = "wasm32")]
            TextFormat::JsonLines => return Err(jsonl_not_built()),
            #[cfg(not(target_arch = "wasm32"))]
            TextFormat::JsonLines => {
                // The keys a record may hold, one per column in any ASCII case (`--by Field`
                // is the `field` column, as a CSV header's names match).
                for name in opts.wanted() {
                    if !src.names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                        src.names.push(name);
                    }
                }
            }
            #[cfg(feature = "csv")]
            TextFormat::Csv => src.read_header()?,
            #[cfg(not(feature = "csv"))]
            TextFormat::Csv => return Err(csv_not_built()),
        }
        Ok(src)
    }

    /// The same source read in blocks of about `bytes` bytes (the default is [`BLOCK_SIZE`]);
    /// call before reading any block.
    #[must_use]
    pub fn with_block_size(mut self, bytes: usize) -> TextSource<R> {
        self.block_size = bytes.max(1);
        self
    }

    /// The column names (a CSV file's header; for JSON lines the keys read).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The format.
    pub fn format(&self) -> TextFormat {
        self.format
    }

    /// The [`Layout`](super::Layout) of this source's columns ([`Layout::resolve`](super::Layout::resolve)
    /// of its [`names`](TextSource::names)). When a column is missing from a CSV header and a
    /// line soon after it would do as the header — a report exported with its title lines
    /// above the table — the error says which line, and what to remove: the file is not read
    /// from there on a guess. (Not in WebAssembly, where the package's bytes are counted: there
    /// the error is the plain missing column.)
    ///
    /// ```
    /// use motcua::records::{ReadOptions, TextFormat, TextSource};
    /// let csv = "BÁO CÁO HỒ SƠ THÁNG 3,,\n,,\nreceived,time_limit,id\n2026-03-02,3wd,A\n";
    /// let read = ReadOptions::default();
    /// let src = TextSource::open(csv.as_bytes(), TextFormat::Csv, &read)?;
    /// let e = src.resolve(&read).unwrap_err();
    /// assert_eq!(e.code(), "csv_missing_column");
    /// assert!(e.message().ends_with("; line 3 holds the columns (received, time_limit, id): \
    ///     remove the 2 lines above it (a title?)"), "{}", e.message());
    /// # Ok::<(), motcua::Error>(())
    /// ```
    pub fn resolve(&self, opts: &ReadOptions) -> Result<super::Layout> {
        super::Layout::resolve(&self.names, opts).map_err(|e| {
            #[cfg(not(target_arch = "wasm32"))]
            let e = match self.header_hint(e, opts) {
                Ok(hinted) => return hinted,
                Err(e) => e,
            };
            self.headless(e)
        })
    }

    /// A CSV whose first line holds values — a date, an instant or a time limit where the
    /// column names should be — has no header row: [`ErrorKind::CsvEmpty`], as a file without
    /// a header is, rather than the missing column `e` (which names the values as columns).
    fn headless(&self, e: Error) -> Error {
        if self.format != TextFormat::Csv || e.kind() != ErrorKind::CsvMissingColumn {
            return e;
        }
        let value = self.names.iter().find(|n| {
            crate::civil::parse_instant(n, crate::civil::DateOnly::StartOfDay).is_ok()
                || n.parse::<crate::procedure::TimeLimit>().is_ok()
        });
        match value {
            Some(v) => Error::new(
                ErrorKind::CsvEmpty,
                format!(
                    "no header row: line 1 holds values (`{}`), not column names; add a first \
                     line naming the columns, e.g. received,time_limit",
                    crate::error::excerpt(v)
                ),
            ),
            None => e,
        }
    }

    /// `e` saying which later line would do as the header, when `e` is a missing column of a
    /// CSV header and there is such a line (else `e` back, as `Err`).
    #[cfg(not(target_arch = "wasm32"))]
    fn header_hint(&self, e: Error, opts: &ReadOptions) -> std::result::Result<Error, Error> {
        if e.kind() != ErrorKind::CsvMissingColumn || self.format != TextFormat::Csv {
            return Err(e);
        }
        if self
            .names
            .first()
            .is_some_and(|n| n.trim_start().starts_with('{'))
        {
            let message = format!(
                "{}; line 1 is a JSON object: JSON lines are read as such from a file named \
                 .jsonl or .ndjson, or with `--input-format jsonl` (the CLI)",
                e.message()
            );
            return Ok(e.with_message(message));
        }
        match self.later_header(opts) {
            Some((line, names)) => {
                let above = line - 1;
                let lines = if above == 1 { "line" } else { "lines" };
                let message = format!(
                    "{}; line {line} holds the columns ({}): remove the {above} {lines} above \
                     it (a title?)",
                    e.message(),
                    names.join(", ")
                );
                Ok(e.with_message(message))
            }
            None => Err(e),
        }
    }

    /// The first of the next [`HEADER_SEARCH`] lines read but not yet handed out that would
    /// do as the header for `opts`: its line and its names (cells split at the delimiter that
    /// line would be read with as the first, each trimmed and unquoted: a header holds no
    /// delimiter inside quotes).
    #[cfg(all(feature = "csv", not(target_arch = "wasm32")))]
    fn later_header(&self, opts: &ReadOptions) -> Option<(u64, Vec<String>)> {
        let lines = self.carry.split(|&b| b == b'\n').take(HEADER_SEARCH);
        for (line, bytes) in (self.next_line..).zip(lines) {
            let Ok(text) = std::str::from_utf8(bytes) else {
                continue;
            };
            let cells: Vec<&str> = text
                .split(char::from(sniff_delimiter(bytes)))
                .map(|c| c.trim().trim_matches('"'))
                .collect();
            let names = header_names(&cells);
            if super::Layout::resolve(&names, opts).is_ok() {
                return Some((line, names));
            }
        }
        None
    }

    #[cfg(all(not(feature = "csv"), not(target_arch = "wasm32")))]
    fn later_header(&self, _opts: &ReadOptions) -> Option<(u64, Vec<String>)> {
        None
    }

    #[cfg(feature = "csv")]
    fn read_header(&mut self) -> Result<()> {
        // The first block holds the header row (unless it is longer than a block).
        let Some(block) = self.next_block()? else {
            return Err(Error::new(
                ErrorKind::CsvEmpty,
                "the CSV file has no header row",
            ));
        };
        if let Some(line) = block.broken {
            return Err(unclosed(line));
        }
        // A spreadsheet's delimiter line (`sep=;`) names the delimiter, and is no header.
        let (skip, delimiter) = csv_delimiter(&block.bytes);
        let bytes = block.bytes.get(skip..).unwrap_or(&[]);
        let first_line = block.first_line + u64::from(skip > 0);
        self.delimiter = delimiter;
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delimiter)
            .from_reader(bytes);
        let mut rec = csv::StringRecord::new();
        // Blank lines before the header are skipped by the csv reader.
        let read = rdr
            .read_record(&mut rec)
            .map_err(|e| csv_error(&e, Some(first_line)))?;
        if !read || rec.iter().all(|c| c.trim().is_empty()) {
            return Err(Error::new(
                ErrorKind::CsvEmpty,
                "the CSV file has no header row",
            ));
        }
        self.names = header_names(&rec.iter().collect::<Vec<_>>());
        // The rest of the block goes back in front of the unread input.
        let pos = rdr.position();
        let rest_at = usize::try_from(pos.byte()).unwrap_or(bytes.len());
        let rest = bytes.get(rest_at..).unwrap_or(&[]);
        let mut carry = rest.to_vec();
        carry.extend_from_slice(&self.carry);
        self.carry = carry;
        self.scanned = 0;
        self.in_quotes = false;
        self.quotes_held = 0;
        self.next_line = first_line + count_lines(bytes.get(..rest_at).unwrap_or(&[]));
        Ok(())
    }

    /// The next block of whole records (`None` at the end). Errors only for input that
    /// cannot be read.
    pub fn next_block(&mut self) -> Result<Option<Block>> {
        loop {
            // Scan what is new for the last record boundary.
            let new = self.carry.get(self.scanned..).unwrap_or(&[]);
            let csv = self.format == TextFormat::Csv;
            let q = if csv { quotes(new) } else { 0 };
            let boundary = last_boundary(new, self.in_quotes, q, csv).map(|i| i + self.scanned);
            if csv {
                self.in_quotes ^= q % 2 == 1;
                self.quotes_held += q;
            }
            self.scanned = self.carry.len();
            let mut cut = match boundary {
                Some(end) if self.carry.len() >= self.block_size || self.eof => Some(end),
                None if self.eof && !self.carry.is_empty() => Some(self.carry.len()),
                _ => None,
            };
            let mut broken = None;
            // (while waiting for more, only when no record ended in what was read: the
            // carry is not scanned again for each read)
            if self.quotes_held > 0 && (cut.is_some() || boundary.is_none()) {
                // A runaway quote in what would be cut (or, waiting for more, in what is held):
                // the records before it, or its own line as one bad record.
                let end = cut.unwrap_or(self.carry.len());
                let at_end = self.eof && end == self.carry.len();
                if let Some((record, _)) = runaway_quote(
                    self.carry.get(..end).unwrap_or(&[]),
                    at_end,
                    self.delimiter,
                    self.names.len(),
                ) {
                    if record > 0 {
                        cut = Some(record);
                    } else {
                        // The record's first line is the bad record, and reading goes on at its
                        // next line: when the runaway quote is on a later line, an earlier quote
                        // of the record paired with one of another line (a stray quote in a
                        // note: `"Thiếu giấy tờ` closed by the next record's `"chính"`), and
                        // the lines between are records of their own. Cut at the runaway's line,
                        // they vanished (4 records: 1 counted, 1 skipped) and the error named
                        // the wrong line.
                        let line_end = self
                            .carry
                            .iter()
                            .position(|&b| b == b'\n')
                            .map_or(self.carry.len(), |k| k + 1);
                        cut = Some(line_end);
                        broken = Some(self.next_line);
                    }
                }
            }
            if let Some(end) = cut {
                let rest = self.carry.split_off(end);
                let bytes = std::mem::replace(&mut self.carry, rest);
                // The carried bytes were scanned from a boundary (outside quotes); they are
                // scanned again (their quotes counted) on the next call.
                self.scanned = 0;
                self.in_quotes = false;
                self.quotes_held = 0;
                let first_line = self.next_line;
                self.next_line += count_lines(&bytes);
                return Ok(Some(Block {
                    bytes,
                    first_line,
                    broken,
                }));
            }
            if self.eof {
                return Ok(None);
            }
            // Read up to a block more (into spare capacity: nothing is zeroed first).
            let start = self.carry.len();
            let want = self.block_size.max(start / 2);
            self.carry.reserve(want);
            let n = match self.fill(want) {
                Ok(n) => n,
                Err(e) => {
                    self.carry.truncate(start);
                    return Err(e);
                }
            };
            // CSV and JSON lines alike (in a JSON record a carriage return is escaped in a
            // string, and one between tokens is not written by any JSON-lines writer: a record is
            // one line). From the byte before this read: a carriage return that ended the last
            // read.
            let from = start.saturating_sub(1);
            bare_returns_to_feeds(&mut self.carry, from, n == 0);
            if self.carry.get(from) == Some(&b'\n') && from < self.scanned {
                // It was scanned as a carriage return (no quote): scan it again.
                self.scanned = from;
            }
            self.bound_lines(start, want)?;
            if n == 0 {
                self.eof = true;
            }
        }
    }

    /// Appends about `want` bytes of UTF-8 text to the carry; 0 when the input has ended. The
    /// input is read through a [`TextReader`] (a UTF-16 byte-order mark switches to decoding:
    /// a spreadsheet's "Unicode text"); the first call looks at its first bytes, and gzip or
    /// zip bytes are named as such.
    fn fill(&mut self, want: usize) -> Result<usize> {
        let start = self.carry.len();
        if !self.sniffed {
            self.sniffed = true;
            (&mut self.reader)
                .take(4)
                .read_to_end(&mut self.carry)
                .map_err(|e| io_error(&e))?;
            let head = self.carry.get(start..).unwrap_or(&[]);
            if let Some(e) = compressed(head).filter(|_| !self.reader.is_utf16()) {
                return Err(e);
            }
        }
        let held = self.carry.len() - start;
        let n = (&mut self.reader)
            .take(want.saturating_sub(held) as u64)
            .read_to_end(&mut self.carry)
            .map_err(|e| io_error(&e))?;
        Ok(held + n)
    }

    /// One line is bounded ([`MAX_LINE`]), so that memory stays flat whatever the input: after
    /// a read of at most `want` bytes at `start`, the line across `start` is measured (a
    /// longer line than a read spans a read's start), and when a read may be longer than
    /// [`MAX_LINE`], every line it holds.
    fn bound_lines(&self, start: usize, want: usize) -> Result<()> {
        let carry = &self.carry;
        let from = carry
            .get(..start)
            .and_then(|b| b.iter().rposition(|&c| c == b'\n'))
            .map_or(0, |i| i + 1);
        let to = carry
            .get(start..)
            .and_then(|b| b.iter().position(|&c| c == b'\n'))
            .map_or(carry.len(), |k| start + k);
        let long = if to - from > MAX_LINE {
            Some(from)
        } else if want > MAX_LINE {
            let mut at = start;
            carry
                .get(start..)
                .unwrap_or(&[])
                .split(|&c| c == b'\n')
                .find_map(|l| {
                    let here = at;
                    at += l.len() + 1;
                    (l.len() > MAX_LINE).then_some(here)
                })
        } else {
            None
        };
        match long {
            Some(from) => {
                Err(self.too_long(self.next_line + count_lines(carry.get(..from).unwrap_or(&[]))))
            }
            None => Ok(()),
        }
    }

    fn too_long(&self, line: u64) -> Error {
        let kind = match self.format {
            TextFormat::Csv => ErrorKind::CsvField,
            TextFormat::JsonLines => ErrorKind::InvalidJson,
        };
        Error::new(kind, format!("line {line} is longer than {MAX_LINE} bytes")).at_line(line)
    }

    /// What parses this source's blocks (it may go to other threads).
    pub fn parser(&self) -> TextParser {
        TextParser {
            format: self.format,
            delimiter: self.delimiter,
            names: self.names.clone(),
            used: None,
            seen: self.names.iter().map(|_| AtomicBool::new(false)).collect(),
        }
    }
}

/// Parses the blocks of a [`TextSource`].
#[derive(Debug)]
pub struct TextParser {
    format: TextFormat,
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    delimiter: u8,
    names: Vec<String>,
    used: Option<Vec<bool>>,
    /// JSON lines: whether some record parsed so far gave each column's key (blocks may be
    /// parsed on several threads).
    seen: Vec<AtomicBool>,
}

impl TextParser {
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

    /// Parses one block, handing each record (or its error, located at its line) to `each`;
    /// `each` returns `false` to stop.
    pub fn parse(&self, block: &Block, each: impl FnMut(Locator, Result<&dyn Row>) -> bool) {
        match self.format {
            #[cfg(feature = "csv")]
            TextFormat::Csv => parse_csv(
                block,
                self.delimiter,
                &self.names,
                self.used.as_deref(),
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
struct TextRow<'r, S>(&'r [Option<S>], AllFields<'r>);

/// All the fields of a text record, read or not, for [`Row::holds_any`] (the cells of a
/// [`TextRow`] hold only the columns read).
#[derive(Clone, Copy)]
#[cfg_attr(target_family = "wasm", allow(dead_code))]
enum AllFields<'r> {
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
    used: Option<&[bool]>,
    mut each: impl FnMut(Locator, Result<&dyn Row>) -> bool,
) {
    if let Some(line) = block.broken {
        each(Locator::Line(line), Err(unclosed(line)));
        return;
    }
    match plain_text(&block.bytes) {
        Some(text) => parse_plain(text, block.first_line, delimiter, names.len(), used, each),
        None => parse_quoted(block, delimiter, names, used, each),
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

/// The wrong number of fields at `line`.
#[cfg(feature = "csv")]
fn field_count(line: u64, fields: usize, width: usize) -> Error {
    Error::new(
        ErrorKind::CsvField,
        format!("line {line}: {fields} fields, the header has {width}"),
    )
    .at_line(line)
}

/// The records of a block without quotes (see [`plain_text`]), as the csv reader reads them: a
/// line feed, a carriage return and a CRLF pair each end a record, an empty record or one
/// blank field is skipped, each record is located at the line of its first byte.
#[cfg(feature = "csv")]
fn parse_plain(
    text: &str,
    first_line: u64,
    delimiter: u8,
    width: usize,
    used: Option<&[bool]>,
    mut each: impl FnMut(Locator, Result<&dyn Row>) -> bool,
) {
    let bytes = text.as_bytes();
    let mut rec = PlainRecord {
        text,
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
            each(Locator::Line(line), Err(field_count(line, n, width)))
        };
        self.bounds.clear();
        go
    }
}

/// The records of a block through the csv reader (quoted fields, or bytes that are not all
/// UTF-8: only the cells read are checked).
#[cfg(feature = "csv")]
fn parse_quoted(
    block: &Block,
    delimiter: u8,
    names: &[String],
    used: Option<&[bool]>,
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
                    if !each(at, Err(field_count(line, rec.len(), width))) {
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

/// JSON lines are not read in WebAssembly (the JS package reads CSV text and arrays of
/// objects: the reader would weigh on the `.wasm` for nothing).
#[cfg(target_arch = "wasm32")]
fn jsonl_not_built() -> Error {
    Error::new(
        ErrorKind::InvalidArgument,
        "JSON lines are not read in WebAssembly: pass CSV text or an array of objects",
    )
}

/// One JSON-lines record: an object whose keys are each given once (a key given twice would
/// leave one value unread: which is a guess, so it is an error naming the key, as a CSV
/// header naming a column twice is).
#[cfg(not(target_arch = "wasm32"))]
struct Record(serde_json::Map<String, serde_json::Value>);

#[cfg(not(target_arch = "wasm32"))]
impl<'de> serde::Deserialize<'de> for Record {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Record;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object (one record per line)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Record, A::Error> {
                let mut out = serde_json::Map::new();
                while let Some((k, v)) = map.next_entry::<String, serde_json::Value>()? {
                    if out.contains_key(&k) {
                        return Err(serde::de::Error::custom(format_args!(
                            "key `{k}` given twice"
                        )));
                    }
                    out.insert(k, v);
                }
                Ok(Record(out))
            }
        }
        d.deserialize_map(Visitor)
    }
}

/// A JSON line's parse error placed by its column alone: serde's "at line 1 column 63" spoke
/// of a line 1 beside the file's own line number (`line 2: key ... given twice at line 1 column
/// 63`). (An error whose place is not in one line keeps serde's words.)
#[cfg(not(target_arch = "wasm32"))]
fn in_line(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let place = format!(" at line 1 column {}", e.column());
    match text.strip_suffix(&place) {
        Some(what) => format!("{what} at column {}", e.column()),
        None => text,
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_jsonl(
    block: &Block,
    names: &[String],
    seen: &[AtomicBool],
    mut each: impl FnMut(Locator, Result<&dyn Row>) -> bool,
) {
    let mut cells: Vec<Option<String>> = vec![None; names.len()];
    let mut given = vec![false; names.len()];
    for (this, raw) in (block.first_line..).zip(block.bytes.split(|&b| b == b'\n')) {
        let at = Locator::Line(this);
        let bad = |e: &dyn std::fmt::Display| {
            Error::new(ErrorKind::InvalidJson, format!("line {this}: {e}")).at_line(this)
        };
        let parsed = std::str::from_utf8(raw)
            .map_err(|e| {
                let after = e.valid_up_to();
                bad(&format!(
                    "not valid UTF-8 text (after byte {after}): {SAVE_AS_UTF8}"
                ))
            })
            .map(|t| t.trim().trim_start_matches('\u{feff}'))
            .and_then(|text| {
                if text.is_empty() {
                    return Ok(None);
                }
                serde_json::from_str::<Record>(text)
                    .map(|r| Some(r.0))
                    .map_err(|e| bad(&in_line(&e)))
            });
        let obj = match parsed {
            Ok(Some(o)) => o,
            Ok(None) => continue,
            Err(err) => {
                if !each(at, Err(err)) {
                    return;
                }
                continue;
            }
        };
        // A dossier as `motcua classify` reads it (its events listed) is no record: its
        // events would be ignored and the dossier counted open.
        if obj.contains_key("events") && !names.iter().any(|n| n == "events") {
            let e = Error::new(
                ErrorKind::CsvField,
                format!(
                    "line {this}: `events`: a dossier in the format of `motcua classify`; a \
                     record has one column per event (supplement_requested, \
                     supplement_received, new_due, resolved, refused, withdrawn)"
                ),
            )
            .at_line(this)
            .in_field("events");
            if !each(at, Err(e)) {
                return;
            }
            continue;
        }
        match record_cells(&obj, names, &mut cells, &mut given, seen) {
            Ok(()) => {
                if !each(
                    at,
                    Ok(&TextRow(&cells, AllFields::Cells(std::marker::PhantomData))),
                ) {
                    return;
                }
            }
            Err(msg) => {
                let e =
                    Error::new(ErrorKind::CsvField, format!("line {this}: {msg}")).at_line(this);
                if !each(at, Err(e)) {
                    return;
                }
            }
        }
    }
}

/// The cells of one JSON-lines record: each column's value from the key of its name, or in
/// another ASCII case (`Resolved` is the `resolved` column, as in a CSV header); a key given
/// null or empty is held as empty text (the record holds the column, without a value), a key
/// not given as `None`. Two keys naming one column (`resolved` and `Resolved`) are an error:
/// which one is meant is a guess. Marks the columns given in `seen`.
#[cfg(not(target_arch = "wasm32"))]
fn record_cells(
    obj: &serde_json::Map<String, serde_json::Value>,
    names: &[String],
    cells: &mut [Option<String>],
    given: &mut [bool],
    seen: &[AtomicBool],
) -> std::result::Result<(), String> {
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    let mut matched = 0;
    for ((slot, name), g) in cells.iter_mut().zip(names).zip(given.iter_mut()) {
        *slot = obj.get(name).map(text);
        *g = slot.is_some();
        matched += usize::from(*g);
    }
    if matched < obj.len() {
        // Keys in another case than the column's name (or not read at all).
        for (key, v) in obj {
            if names.iter().any(|n| n == key) {
                continue;
            }
            let Some((j, name)) = names
                .iter()
                .enumerate()
                .find(|(_, n)| n.eq_ignore_ascii_case(key))
            else {
                continue;
            };
            if given.get(j) == Some(&true) {
                return Err(format!(
                    "the key `{}` is the column `{}`, which another key of the record gives \
                     too (column names match in any ASCII case): which one is meant is a guess",
                    crate::error::excerpt(key),
                    crate::error::excerpt(name)
                ));
            }
            if let (Some(slot), Some(g)) = (cells.get_mut(j), given.get_mut(j)) {
                *slot = Some(text(v));
                *g = true;
                matched += 1;
            }
        }
        if matched == 0 && !obj.is_empty() {
            // Not an empty record (`{}`, skipped as a blank line): keys none of which is read.
            let keys: Vec<String> = obj
                .keys()
                .take(4)
                .map(|k| format!("`{}`", crate::error::excerpt(k)))
                .collect();
            return Err(format!(
                "none of the record's keys ({}{}) is a column read (such as `received`, \
                 `time_limit`)",
                keys.join(", "),
                if obj.len() > 4 { ", ..." } else { "" }
            ));
        }
    }
    for (g, s) in given.iter().zip(seen) {
        if *g && !s.load(Ordering::Relaxed) {
            s.store(true, Ordering::Relaxed);
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "tests_text.rs"]
mod tests;
