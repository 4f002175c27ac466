//! The line contract shared by every command (DESIGN.md, "CLI"): an input is either the
//! command's positional arguments (one answer) or, with `-`, stdin, where each line is one query
//! and gets exactly one stdout line, in order. A bad line gets an error object on stdout and
//! `line N: code: message` on stderr; the run goes on and the process exits 1 at the end.
//!
//! Output is buffered, and flushed whenever the input has nothing more buffered, so a program
//! that writes one query and waits for its answer is never left waiting.

use std::io::{self, BufRead, BufReader, Read, Write};

use motcua::records::TextReader;
use motcua::{Error, ErrorKind};

/// Where answers and diagnostics go.
pub struct Sink<W: Write, E: Write> {
    pub out: W,
    pub err: E,
    /// Whether any answer was an error (→ exit code 1).
    pub failed: bool,
}

#[derive(serde::Serialize)]
struct ErrorBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    code: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
}

#[derive(serde::Serialize)]
struct ErrorLine<'a> {
    error: ErrorBody<'a>,
}

impl<W: Write, E: Write> Sink<W, E> {
    pub fn new(out: W, err: E) -> Self {
        Sink {
            out,
            err,
            failed: false,
        }
    }

    /// Writes the error object for `e` (at input line `line`, if any) on stdout and the one-line
    /// diagnostic on stderr.
    pub fn error(&mut self, line: Option<u64>, e: &Error) -> io::Result<()> {
        self.failed = true;
        let line = line.or(e.line());
        let body = ErrorLine {
            error: ErrorBody {
                line,
                code: e.code(),
                message: e.to_string(),
                field: e.field(),
            },
        };
        let json = serde_json::to_string(&body).unwrap_or_else(|_| String::from("{\"error\":{}}"));
        self.out.write_all(json.as_bytes())?;
        self.out.write_all(b"\n")?;
        // (one line whatever the input held: control characters escaped, as in JSON)
        let text = e.to_string();
        let text = motcua::report::printable(&text);
        match line {
            Some(n) => writeln!(self.err, "line {n}: {}: {text}", e.code()),
            None => writeln!(self.err, "{}: {text}", e.code()),
        }
    }

    /// Writes one answer line (without its newline in `answer`).
    pub fn answer(&mut self, answer: &[u8]) -> io::Result<()> {
        self.out.write_all(answer)?;
        self.out.write_all(b"\n")
    }
}

/// Runs `query` on each line of `input`, writing one line per input line.
///
/// The input is UTF-8 (a byte-order mark allowed), or UTF-16 with its byte-order mark (what
/// Windows PowerShell 5 writes with `>`), decoded as it is read. `query` appends its answer
/// (without a newline) to the buffer it is given. A line that is not valid text, or is empty,
/// is an error answered in place.
pub fn for_each_line<R: Read, W: Write, E: Write>(
    input: R,
    sink: &mut Sink<W, E>,
    mut query: impl FnMut(&str, &mut Vec<u8>) -> Result<(), Error>,
) -> io::Result<()> {
    let mut input = BufReader::with_capacity(1 << 16, TextReader::new(input));
    let mut raw = Vec::with_capacity(256);
    let mut answer = Vec::with_capacity(256);
    let mut line_no: u64 = 0;
    loop {
        raw.clear();
        if input.read_until(b'\n', &mut raw)? == 0 {
            break;
        }
        // Lines end at line feeds (a carriage return before one dropped); a carriage return
        // inside such a line is the line's (JSON's white space; in a date, the query's error),
        // so that the answers keep in step with the lines a caller wrote: splitting there too
        // answered one line twice, and every later answer was taken for the query before it.
        // An input without any line feed (classic Mac OS line ends) has its lines end at
        // carriage returns.
        let classic = line_no == 0 && !raw.ends_with(b"\n");
        let mut bytes = raw.as_slice();
        if let Some(rest) = bytes.strip_suffix(b"\n") {
            bytes = rest;
        }
        if let Some(rest) = bytes.strip_suffix(b"\r") {
            bytes = rest;
        }
        if line_no == 0 {
            if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
                bytes = rest;
            }
        }
        let ends: &[u8] = if classic { b"\r" } else { b"" };
        for line in bytes.split(|b| ends.contains(b)) {
            line_no += 1;
            answer.clear();
            let result = match std::str::from_utf8(line) {
                Err(_) => Err(Error::new(
                    ErrorKind::InvalidArgument,
                    "line is not valid text (UTF-8, or UTF-16 with its byte-order mark)",
                )),
                Ok(text) if text.trim().is_empty() => Err(Error::new(
                    ErrorKind::EmptyInput,
                    "empty line: expected a query",
                )),
                Ok(text) => query(text, &mut answer),
            };
            match result {
                Ok(()) => sink.answer(&answer)?,
                Err(e) => sink.error(Some(line_no), &e)?,
            }
        }
        // Nothing more read ahead: the next read may block, so answer what we have first (a
        // program that writes a query and waits for its answer must get it). `fill_buf` would
        // block here instead of telling.
        if input.buffer().is_empty() {
            sink.out.flush()?;
            sink.err.flush()?;
        }
    }
    sink.out.flush()?;
    sink.err.flush()
}

/// [`for_each_line`] on standard input, decompressed first when it is gzip (told by its
/// first two bytes, as a file is).
pub fn for_each_stdin_line<W: Write, E: Write>(
    sink: &mut Sink<W, E>,
    query: impl FnMut(&str, &mut Vec<u8>) -> Result<(), Error>,
) -> io::Result<()> {
    match crate::report::gunzip(Box::new(io::stdin())) {
        Ok(input) => for_each_line(input, sink, query),
        Err(e) => {
            sink.failed = true;
            writeln!(sink.err, "{}: {e}", e.code())
        }
    }
}

/// Splits a query line into exactly `n` whitespace-separated fields.
pub fn fields<'a>(line: &'a str, names: &[&str]) -> Result<Vec<&'a str>, Error> {
    let parts: Vec<&str> = line.split_whitespace().collect();
    if parts.len() != names.len() {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!(
                "expected {} field(s) `{}`, got {}",
                names.len(),
                names.join(" "),
                parts.len()
            ),
        ));
    }
    Ok(parts)
}

/// Appends `"YYYY-MM-DD"` (quoted, as JSON) to `out` without going through a formatter.
pub fn push_date_json(out: &mut Vec<u8>, d: chrono::NaiveDate) {
    use chrono::Datelike;
    out.push(b'"');
    push_date(out, d.year(), d.month(), d.day());
    out.push(b'"');
}

fn push_date(out: &mut Vec<u8>, y: i32, m: u32, d: u32) {
    if (0..=9999).contains(&y) {
        let y = y as u32;
        out.extend_from_slice(&[
            b'0' + (y / 1000) as u8,
            b'0' + (y / 100 % 10) as u8,
            b'0' + (y / 10 % 10) as u8,
            b'0' + (y % 10) as u8,
            b'-',
            b'0' + (m / 10) as u8,
            b'0' + (m % 10) as u8,
            b'-',
            b'0' + (d / 10) as u8,
            b'0' + (d % 10) as u8,
        ]);
    } else {
        out.extend_from_slice(format!("{y:+05}-{m:02}-{d:02}").as_bytes());
    }
}

/// Appends the decimal `n` to `out`.
pub fn push_int(out: &mut Vec<u8>, n: i64) {
    // Writing into a Vec cannot fail.
    let _ = write!(out, "{n}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_answer_per_line_and_errors_in_place() {
        let input = b"a\n\nb\r\n".as_slice();
        let mut sink = Sink::new(Vec::new(), Vec::new());
        for_each_line(input, &mut sink, |l, out| {
            if l == "b" {
                return Err(Error::new(ErrorKind::InvalidDate, "bad b"));
            }
            out.extend_from_slice(l.as_bytes());
            Ok(())
        })
        .unwrap();
        let out = String::from_utf8(sink.out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], "a");
        assert!(lines[1].contains("\"line\":2") && lines[1].contains("empty_input"));
        assert!(lines[2].contains("\"line\":3") && lines[2].contains("invalid_date"));
        let err = String::from_utf8(sink.err).unwrap();
        assert!(err.contains("line 3: invalid_date: bad b"), "{err}");
        assert!(sink.failed);
    }

    /// One answer per line ended by a line feed: a carriage return inside a line is the
    /// line's (two lines in, two answers out, whatever they hold).
    #[test]
    fn a_carriage_return_inside_a_line_is_the_line_s() {
        let (out, _) = answers(b"2026-03-02\r2026-03-07\nlast\r\n");
        assert_eq!(out, "<2026-03-02\r2026-03-07>\n<last>\n");
        let (out, _) = answers(b"{\"a\":\r1}\n");
        assert_eq!(out, "<{\"a\":\r1}>\n");
        // Without any line feed: classic Mac OS line ends.
        let (out, _) = answers(b"a\rb\r");
        assert_eq!(out, "<a>\n<b>\n");
        // A line feed anywhere: lines end there only (the last line unended).
        let (out, _) = answers(b"a\nb\rc");
        assert_eq!(out, "<a>\n<b\rc>\n");
    }

    fn answers(input: &[u8]) -> (String, String) {
        let mut sink = Sink::new(Vec::new(), Vec::new());
        for_each_line(input, &mut sink, |l, out| {
            out.extend_from_slice(format!("<{l}>").as_bytes());
            Ok(())
        })
        .unwrap();
        (
            String::from_utf8(sink.out).unwrap(),
            String::from_utf8(sink.err).unwrap(),
        )
    }

    #[test]
    fn utf16_input_gives_the_utf8_input_answers() {
        let text = "{\"id\":\"HS-Đ1\"}\r\n\nb\n";
        let utf8 = answers(text.as_bytes());
        assert_eq!(utf8, answers(format!("\u{feff}{text}").as_bytes()));
        for big_endian in [false, true] {
            let mut bytes: Vec<u8> = if big_endian {
                vec![0xFE, 0xFF]
            } else {
                vec![0xFF, 0xFE]
            };
            for u in text.encode_utf16() {
                bytes.extend(if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                });
            }
            assert_eq!(answers(&bytes), utf8, "big endian: {big_endian}");
        }
        assert!(utf8.0.starts_with("<{\"id\":\"HS-Đ1\"}>\n"), "{}", utf8.0);
        // A lone surrogate: that line alone is an error, at its line.
        let mut bytes = vec![0xFF, 0xFE];
        for u in "a\n"
            .encode_utf16()
            .chain([0xD800])
            .chain("x\nc\n".encode_utf16())
        {
            bytes.extend(u.to_le_bytes());
        }
        let (out, err) = answers(&bytes);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "<a>");
        assert!(lines[1].contains("\"line\":2") && lines[1].contains("not valid text"));
        assert_eq!(lines[2], "<c>");
        assert!(
            err.starts_with("line 2: invalid_argument: line is not valid text"),
            "{err}"
        );
    }

    #[test]
    fn dates_format() {
        let mut v = Vec::new();
        push_date_json(&mut v, chrono::NaiveDate::from_ymd_opt(2026, 3, 9).unwrap());
        assert_eq!(v, b"\"2026-03-09\"");
    }
}
