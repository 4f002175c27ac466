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

use super::encoding::TextReader;
#[cfg(feature = "csv")]
use super::layout::header_names;
use super::layout::ReadOptions;
use crate::error::{Error, ErrorKind, Result};

#[cfg(not(target_arch = "wasm32"))]
mod jsonl;
mod parse;

pub use parse::TextParser;

/// JSON lines are not read in WebAssembly (the JS package reads CSV text and arrays of
/// objects: the reader would weigh on the `.wasm` for nothing).
#[cfg(target_arch = "wasm32")]
fn jsonl_not_built() -> Error {
    Error::new(
        ErrorKind::InvalidArgument,
        "JSON lines are not read in WebAssembly: pass CSV text or an array of objects",
    )
}

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
        // (An Excel workbook is a zip archive: what to do with it, natively; WebAssembly's
        // bytes are counted.)
        #[cfg(not(target_arch = "wasm32"))]
        let hint = "an Excel .xlsx workbook is one: save its sheet as CSV UTF-8";
        #[cfg(target_arch = "wasm32")]
        let hint = "unzip it first";
        ("a zip archive", hint)
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
    /// JSON lines: the keys of the first record, for the note of a key that looks like a
    /// column not found ([`Layout::near_misses_among`](super::Layout::near_misses_among)).
    #[cfg(not(target_arch = "wasm32"))]
    first_keys: Vec<String>,
    /// An error met while looking at the first record, given by the next block.
    #[cfg(not(target_arch = "wasm32"))]
    pending: Option<Error>,
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
            #[cfg(not(target_arch = "wasm32"))]
            first_keys: Vec::new(),
            #[cfg(not(target_arch = "wasm32"))]
            pending: None,
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
                src.peek_keys();
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
        // An "Excel" export that is a web page (`<html>`, `<table>`: a common .xls of the
        // one-stop systems), read as CSV.
        if self
            .names
            .first()
            .is_some_and(|n| n.trim_start().starts_with('<'))
        {
            let message = format!(
                "{}; the input is an HTML page, not CSV (an .xls saved as a web page?): open it \
                 in Excel and save it as CSV UTF-8",
                crate::error::excerpt(e.message())
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
        let rest = bytes.get(rest_at..).unwrap_or(&[]).to_vec();
        self.put_back(
            rest,
            first_line + count_lines(bytes.get(..rest_at).unwrap_or(&[])),
        );
        Ok(())
    }

    /// Puts `bytes`, read from line `first_line` on, back in front of the unread input (the
    /// rest of the block that held the header, or the block looked at for the first record's
    /// keys), to be scanned again from a record boundary.
    #[inline(always)]
    fn put_back(&mut self, mut bytes: Vec<u8>, first_line: u64) {
        bytes.extend_from_slice(&self.carry);
        self.carry = bytes;
        self.scanned = 0;
        self.in_quotes = false;
        self.quotes_held = 0;
        self.next_line = first_line;
    }

    /// The columns of this source not read by `layout` that look like a column not found,
    /// each with that column ([`Layout::near_misses`](super::Layout::near_misses); for JSON
    /// lines among the first record's keys too): what the CLI's note and Python's warning say.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn near_misses(&self, layout: &super::Layout) -> Vec<(String, &'static str)> {
        let mut out = layout.near_misses();
        out.extend(layout.near_misses_among(&self.first_keys));
        out
    }

    /// Reads the first block to keep the keys of the first record, then puts it back in front
    /// of the unread input (an error reading it is given by the next block, as it would have
    /// been).
    #[cfg(not(target_arch = "wasm32"))]
    fn peek_keys(&mut self) {
        let block = match self.next_block() {
            Ok(Some(b)) => b,
            Ok(None) => return,
            Err(e) => {
                self.pending = Some(e);
                return;
            }
        };
        let first = block
            .bytes
            .split(|&b| b == b'\n')
            .filter_map(|l| std::str::from_utf8(l).ok())
            .map(jsonl::record_text)
            .find(|l| !l.is_empty());
        if let Some(Ok(serde_json::Value::Object(m))) = first.map(serde_json::from_str) {
            self.first_keys = m.keys().cloned().collect();
        }
        self.put_back(block.bytes, block.first_line);
    }

    /// The next block of whole records (`None` at the end). Errors only for input that
    /// cannot be read.
    pub fn next_block(&mut self) -> Result<Option<Block>> {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
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
        TextParser::new(self.format, self.delimiter, self.names.clone())
    }
}

#[cfg(test)]
#[path = "tests_text.rs"]
mod tests;
