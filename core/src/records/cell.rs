//! One cell of a record as its source holds it ([`Cell`]): text from a CSV or JSON-lines file,
//! or a typed value from a column (an instant already on Vietnam's wall clock, a date, a
//! number, a flag), and what each logical column makes of it.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::civil::{format_instant, parse_date, parse_instant, DateOnly};
use crate::dossier::Channel;
use crate::error::{Error, ErrorKind, Result};

/// One cell of a record. Text is trimmed by the sources; an empty cell is [`Cell::Missing`].
// (`repr(u8)`: the tag alone in its byte and each value aligned, so that copying a cell is a
// few aligned moves)
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(u8)]
pub enum Cell<'a> {
    /// No value (an empty cell, `null`, `NaT`, `NaN`, a cleared validity bit).
    Missing,
    /// Text, trimmed and not empty.
    Text(&'a str),
    /// An instant on Vietnam's wall clock (a typed timestamp, already converted).
    Instant(NaiveDateTime),
    /// A date (a typed date or day number).
    Date(NaiveDate),
    /// An integer.
    Int(i64),
    /// An unsigned integer above `i64::MAX` (a `u64` column's value; the others are
    /// [`Cell::Int`]).
    UInt(u64),
    /// A floating-point number (never NaN: NaN is [`Cell::Missing`]).
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A value the source could not give: bytes that are not UTF-8, a dictionary code or a
    /// string past its buffer. Reading it is an error naming the row and column.
    Malformed(&'static str),
}

/// An owned [`Cell`], for values a source must build (the objects of a JS array, the distinct
/// values of a Python object column).
#[derive(Debug, Clone, PartialEq)]
pub enum OwnedCell {
    /// No value.
    Missing,
    /// Text (trimmed when read; empty text is missing).
    Text(String),
    /// An instant on Vietnam's wall clock.
    Instant(NaiveDateTime),
    /// A date.
    Date(NaiveDate),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A value the source could not give (a JS `NaN`, an invalid `Date`, a record that is not
    /// an object): reading it is an error naming the row and column ([`Cell::Malformed`]).
    Malformed(&'static str),
}

impl OwnedCell {
    /// The cell: text trimmed, empty text and NaN missing.
    #[inline]
    pub fn cell(&self) -> Cell<'_> {
        match self {
            OwnedCell::Missing => Cell::Missing,
            OwnedCell::Text(s) => Cell::text(s),
            OwnedCell::Instant(t) => Cell::Instant(*t),
            OwnedCell::Date(d) => Cell::Date(*d),
            OwnedCell::Int(i) => Cell::Int(*i),
            OwnedCell::Float(x) => Cell::float(*x),
            OwnedCell::Bool(b) => Cell::Bool(*b),
            OwnedCell::Malformed(why) => Cell::Malformed(why),
        }
    }
}

impl<'a> Cell<'a> {
    /// A text cell: trimmed; empty is [`Cell::Missing`].
    #[inline]
    pub fn text(s: &'a str) -> Cell<'a> {
        let t = trimmed(s);
        if t.is_empty() {
            Cell::Missing
        } else {
            Cell::Text(t)
        }
    }

    /// A number cell: NaN is [`Cell::Missing`].
    #[inline]
    pub fn float(x: f64) -> Cell<'a> {
        if x.is_nan() {
            Cell::Missing
        } else {
            Cell::Float(x)
        }
    }

    /// Whether the cell holds no value.
    #[inline]
    pub fn is_missing(&self) -> bool {
        matches!(self, Cell::Missing)
    }

    /// The cell as text, as a CSV file would hold it: text as it is; an instant as
    /// `YYYY-MM-DDTHH:MM[:SS]` (a date alone when it is at 00:00, see [`Cell::instant`]); a
    /// date as `YYYY-MM-DD`; an integer in decimal; a whole number without a fraction (`4.0`
    /// is `4`: a rating read with missing values becomes a float); a flag as `true`/`false`;
    /// a malformed value as what is wrong with it. Non-text values are written into `buf`.
    /// `None` when missing.
    // (one function in WebAssembly, where bytes count more)
    #[cfg_attr(not(target_family = "wasm"), inline)]
    pub fn as_text<'b>(&self, buf: &'b mut String) -> Option<&'b str>
    where
        'a: 'b,
    {
        buf.clear();
        // (Text, what most cells hold, in line; the other values written out of line.)
        match *self {
            Cell::Missing => None,
            Cell::Text(s) => Some(s),
            _ => Some(self.write_text(buf)),
        }
    }

    /// A cell other than text or missing written into `buf` (emptied), as
    /// [`as_text`](Cell::as_text) gives it.
    #[cfg_attr(not(target_family = "wasm"), inline(never))]
    #[cfg_attr(target_family = "wasm", inline(always))]
    fn write_text<'b>(&self, buf: &'b mut String) -> &'b str {
        buf.clear();
        match *self {
            // (not written: as_text gives them itself)
            Cell::Missing | Cell::Text(_) => {}
            Cell::Instant(t) if t.time() == NaiveTime::MIN => {
                let _ = write!(buf, "{}", t.date());
            }
            Cell::Instant(t) => buf.push_str(&format_instant(t)),
            Cell::Date(d) => {
                let _ = write!(buf, "{d}");
            }
            Cell::Int(i) => {
                let _ = write!(buf, "{i}");
            }
            Cell::UInt(i) => {
                let _ = write!(buf, "{i}");
            }
            Cell::Float(x) if x.fract() == 0.0 && x.abs() < 9.007_199_254_740_992e15 => {
                // Whole and below 2^53: the conversion is exact.
                let _ = write!(buf, "{}", x as i64);
            }
            Cell::Float(x) => {
                let _ = write!(buf, "{x}");
            }
            Cell::Bool(b) => buf.push_str(if b { "true" } else { "false" }),
            Cell::Malformed(why) => buf.push_str(why),
        }
        buf.as_str()
    }

    /// The cell as an instant and whether it is known by its date only. Text is
    /// `YYYY-MM-DD[THH:MM[:SS]]` or `dd/mm/yyyy[ HH:MM[:SS]]` (a date alone: 00:00, date
    /// only; an offset is converted to UTC+7); a typed date is date only; a typed instant at
    /// exactly 00:00:00 is read as its date alone too (as the CSV cell `2026-03-02` is: a
    /// frame column of dates stored as timestamps keeps its meaning), any other instant as
    /// itself. `Ok(None)` when missing.
    #[inline]
    pub fn instant(&self) -> Result<Option<(NaiveDateTime, bool)>> {
        match *self {
            Cell::Missing => Ok(None),
            Cell::Text(s) => {
                let date_only = !s.bytes().any(|b| b == b'T' || b == b' ');
                Ok(Some((parse_instant(s, DateOnly::StartOfDay)?, date_only)))
            }
            Cell::Instant(t) => Ok(Some((t, t.time().num_seconds_from_midnight() == 0))),
            Cell::Date(d) => Ok(Some((d.and_time(NaiveTime::MIN), true))),
            other => Err(other.not_a("date or instant")),
        }
    }

    /// The cell as a date: text as a date or an instant (its date), an instant's date, a date.
    pub fn date(&self) -> Result<Option<NaiveDate>> {
        match *self {
            Cell::Missing => Ok(None),
            Cell::Text(s) if s.contains(['T', ' ']) => {
                Ok(Some(parse_instant(s, DateOnly::StartOfDay)?.date()))
            }
            Cell::Text(s) => Ok(Some(parse_date(s)?)),
            Cell::Instant(t) => Ok(Some(t.date())),
            Cell::Date(d) => Ok(Some(d)),
            other => Err(other.not_a("date")),
        }
    }

    fn not_a(&self, what: &str) -> Error {
        let mut buf = String::new();
        let shown = self.as_text(&mut buf).unwrap_or("").to_string();
        Error::new(
            ErrorKind::InvalidDate,
            format!("`{shown}` is not a {what} (a number or a flag was given)"),
        )
    }
}

/// `s` without white space at either end, as [`str::trim`] gives it; most text starts with a
/// letter or digit and ends with an ASCII one (a code, a name, `Đất đai`), and is then itself
/// without the trim's decoding of a character at each end.
#[inline]
fn trimmed(s: &str) -> &str {
    let b = s.as_bytes();
    // The characters that are white space (Unicode's `White_Space`, what `trim` removes) are
    // ASCII up to the space, and U+0085, U+00A0, U+1680, U+2000..U+205F and U+3000, whose
    // UTF-8 starts with 0xC2, 0xE1, 0xE2 or 0xE3: a first byte above the space that is none
    // of these, and a last byte that is a visible ASCII character, end no white space.
    let starts = b
        .first()
        .is_some_and(|&x| (x > b' ' && x < 0x80) || (x >= 0xC3 && !(0xE1..=0xE3).contains(&x)));
    let ends = b.last().is_some_and(|&x| x > b' ' && x < 0x80);
    if starts && ends {
        s
    } else {
        s.trim()
    }
}

/// The channel labels read, lower-cased with single spaces: the three ways of submitting a
/// dossier — directly at the one-stop desk (*trực tiếp tại Bộ phận Một cửa*), through the public
/// postal service (*qua dịch vụ bưu chính công ích*), online on a public-service portal (*trực
/// tuyến*, whether the procedure is offered *toàn trình* or *một phần*) — in the words the
/// one-stop systems' exports use (the short ones also without diacritics).
const CHANNEL_LABELS: &[(&str, Channel)] = &[
    ("direct", Channel::Direct),
    ("trực tiếp", Channel::Direct),
    ("truc tiep", Channel::Direct),
    ("nộp trực tiếp", Channel::Direct),
    ("nop truc tiep", Channel::Direct),
    ("tại bộ phận một cửa", Channel::Direct),
    ("trực tiếp tại bộ phận một cửa", Channel::Direct),
    ("online", Channel::Online),
    ("trực tuyến", Channel::Online),
    ("truc tuyen", Channel::Online),
    ("nộp trực tuyến", Channel::Online),
    ("nop truc tuyen", Channel::Online),
    ("trực tuyến toàn trình", Channel::Online),
    ("trực tuyến một phần", Channel::Online),
    ("truc tuyen toan trinh", Channel::Online),
    ("truc tuyen mot phan", Channel::Online),
    ("dịch vụ công trực tuyến", Channel::Online),
    ("dịch vụ công trực tuyến toàn trình", Channel::Online),
    ("dịch vụ công trực tuyến một phần", Channel::Online),
    ("dvc trực tuyến", Channel::Online),
    ("postal", Channel::Postal),
    ("bưu chính", Channel::Postal),
    ("buu chinh", Channel::Postal),
    ("bưu chính công ích", Channel::Postal),
    ("qua bưu chính", Channel::Postal),
    ("qua bưu chính công ích", Channel::Postal),
    ("dịch vụ bưu chính công ích", Channel::Postal),
    ("qua dịch vụ bưu chính công ích", Channel::Postal),
    ("bưu điện", Channel::Postal),
    ("qua bưu điện", Channel::Postal),
    ("buu dien", Channel::Postal),
    ("qua buu dien", Channel::Postal),
];

/// Parses a channel: `direct`, `online`, `postal`, or a Vietnamese label of the one-stop
/// systems (*trực tiếp*, *nộp trực tiếp*, *tại Bộ phận Một cửa*; *trực tuyến*, *trực tuyến
/// toàn trình*, *dịch vụ công trực tuyến một phần*; *bưu chính*, *bưu điện*, *qua dịch vụ bưu
/// chính công ích*, ...; the short ones also without diacritics: *truc tuyen*, *buu dien*),
/// case-insensitive, runs of spaces read as one. Any other label is an error, never a guess.
pub fn parse_channel(s: &str) -> Result<Channel> {
    let t = trimmed(s);
    // The usual spellings without allocating.
    match t {
        "online" => return Ok(Channel::Online),
        "direct" => return Ok(Channel::Direct),
        "postal" => return Ok(Channel::Postal),
        _ => {}
    }
    let folded = crate::casefold::fold(t);
    let label = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    match CHANNEL_LABELS.iter().find(|(l, _)| *l == label) {
        Some(&(_, c)) => Ok(c),
        None => Err(Error::new(
            ErrorKind::CsvField,
            format!("`{s}` is not a channel (direct, online, postal)"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        parse_instant(s, DateOnly::StartOfDay).unwrap()
    }

    /// The trim's shortcut gives what `trim` gives, whatever character begins or ends the text.
    #[test]
    fn trimmed_is_trim() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("{c}a"),
                format!("a{c}"),
                format!("{c}Đ{c}"),
            ] {
                assert_eq!(trimmed(&s), s.trim(), "{:?}", s);
            }
        }
    }

    #[test]
    fn channels_as_the_one_stop_systems_write_them() {
        for (label, want) in [
            ("online", Channel::Online),
            (" Trực Tuyến ", Channel::Online),
            ("TRỰC TUYẾN  TOÀN TRÌNH", Channel::Online),
            ("Dịch vụ công trực tuyến một phần", Channel::Online),
            ("Nộp trực tiếp", Channel::Direct),
            ("Trực tiếp tại Bộ phận Một cửa", Channel::Direct),
            ("Qua dịch vụ bưu chính công ích", Channel::Postal),
            ("bưu điện", Channel::Postal),
            ("BUU CHINH", Channel::Postal),
        ] {
            assert_eq!(parse_channel(label).unwrap(), want, "{label:?}");
        }
        for label in ["", "mail", "trực", "trực tuyến hoặc trực tiếp", "qua"] {
            let e = parse_channel(label).unwrap_err();
            assert_eq!(e.code(), "csv_field", "{label:?}");
        }
        // Every label is folded already (else it could never match) and read once.
        for (i, (l, _)) in CHANNEL_LABELS.iter().enumerate() {
            assert_eq!(crate::casefold::fold(l), *l);
            assert!(CHANNEL_LABELS[..i].iter().all(|(m, _)| m != l), "{l} twice");
        }
    }

    #[test]
    fn instants_of_every_kind() {
        assert_eq!(
            Cell::text(" 2026-03-02T09:30 ").instant().unwrap(),
            Some((t("2026-03-02T09:30"), false))
        );
        assert_eq!(
            Cell::text("02/03/2026").instant().unwrap(),
            Some((t("2026-03-02"), true))
        );
        assert_eq!(
            Cell::Instant(t("2026-03-02T09:30")).instant().unwrap(),
            Some((t("2026-03-02T09:30"), false))
        );
        assert_eq!(
            Cell::Instant(t("2026-03-02")).instant().unwrap(),
            Some((t("2026-03-02"), true))
        );
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(
            Cell::Date(d).instant().unwrap(),
            Some((t("2026-03-02"), true))
        );
        assert_eq!(Cell::text("  ").instant().unwrap(), None);
        assert_eq!(Cell::Int(3).instant().unwrap_err().code(), "invalid_date");
        assert_eq!(Cell::float(f64::NAN), Cell::Missing);
    }

    #[test]
    fn text_forms() {
        let mut buf = String::new();
        assert_eq!(Cell::Float(4.0).as_text(&mut buf), Some("4"));
        assert_eq!(Cell::Float(4.5).as_text(&mut buf), Some("4.5"));
        assert_eq!(Cell::Int(-2).as_text(&mut buf), Some("-2"));
        assert_eq!(Cell::Bool(true).as_text(&mut buf), Some("true"));
        assert_eq!(
            Cell::Instant(t("2026-03-02T09:30:05")).as_text(&mut buf),
            Some("2026-03-02T09:30:05")
        );
        assert_eq!(
            Cell::Instant(t("2026-03-02")).as_text(&mut buf),
            Some("2026-03-02")
        );
        assert_eq!(Cell::Missing.as_text(&mut buf), None);
    }

    #[test]
    fn channels() {
        assert_eq!(parse_channel("online").unwrap(), Channel::Online);
        assert_eq!(parse_channel("Trực Tuyến").unwrap(), Channel::Online);
        assert_eq!(parse_channel("POSTAL").unwrap(), Channel::Postal);
        assert_eq!(parse_channel("fax").unwrap_err().code(), "csv_field");
    }
}
