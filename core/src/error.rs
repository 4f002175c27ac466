//! Typed errors: one [`Error`] type for the whole crate, carrying an [`ErrorKind`] whose
//! [`code`](ErrorKind::code) is a stable snake_case string that the CLI, the Python package and
//! the JS package expose unchanged, plus where the bad input was (line, field, element index).
//!
//! An error serializes (serde) as `{"code", "message", "field"?, "line"?, "index"?, "value"?,
//! "id"?}`, the shape a service answers with. Messages quote bad input through [`excerpt`], so
//! a 1 MB bad value gives a message of a few hundred bytes; [`Error::new`] also caps every
//! message at [`MAX_MESSAGE_BYTES`], a field name or id at [`MAX_FIELD_BYTES`], and a long
//! value is kept as its excerpt.

use std::fmt::{self, Write as _};

use serde::ser::{Serialize, SerializeMap, Serializer};

/// What went wrong, as a stable, machine-readable category.
///
/// New kinds may be added in minor releases; match with a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A date or instant that does not parse or does not exist (`2026-02-30`, `25:00`).
    InvalidDate,
    /// A date (or an answer) outside the range covered by the calendar.
    DateOutOfRange,
    /// A number that does not parse or is outside what the operation accepts.
    InvalidNumber,
    /// An argument that is well-formed but not acceptable (e.g. a negative hour count).
    InvalidArgument,
    /// An empty query line or an empty required value.
    EmptyInput,
    /// Malformed JSON (the message gives line and column).
    InvalidJson,
    /// A calendar spec that parses but is inconsistent (bad weekmask, a date both a holiday
    /// and a working day, `from` after `to`, overlapping office hours, ...).
    InvalidSpec,
    /// A schedules file (announced public-sector years, `--schedules FILE`) that parses but is
    /// inconsistent: a day off on a weekly rest day, a make-up day on a working day, a date
    /// outside its year or listed twice, an unknown status or key (the message names the year,
    /// the key and the value).
    InvalidSchedule,
    /// A lunar date that does not exist (day 30 of a short month, a leap month the year lacks),
    /// or a lunar year outside the supported range.
    InvalidLunarDate,
    /// A procedure code that is not in the catalogue.
    UnknownProcedure,
    /// A time limit that is malformed, of an unknown kind, or not positive.
    InvalidTimeLimit,
    /// A procedure catalogue row that is malformed (the message names row and field).
    InvalidCatalogue,
    /// A record's value that cannot be read: a CSV cell, a field of a JSON-lines record or a
    /// value of a frame's column (the message names line or row, column and value).
    CsvField,
    /// A CSV file without a header row.
    CsvEmpty,
    /// A CSV file that lacks a required column.
    CsvMissingColumn,
    /// Dossier events not in non-decreasing time order.
    EventsOutOfOrder,
    /// A dossier whose result (resolved, refused, withdrawn) is dated before its receipt.
    ResultBeforeReceipt,
    /// A `supplement_received` event without an open supplement request.
    SupplementWithoutRequest,
    /// A second apology with a new appointment (the law allows one).
    SecondApology,
    /// A `new_due` (apology or extension) earlier than the current due date.
    NewDueEarlier,
    /// A `transferred` event of an inter-agency dossier that does not fit its stages: a `to`
    /// that is not the next stage's agency, more transfers than stages, a transfer of a dossier
    /// without stages, or a transfer while a supplement request is open.
    InvalidTransfer,
    /// A dossier that is malformed in another way (unknown event type, missing field, an event
    /// after the dossier was closed, ...).
    InvalidDossier,
    /// An unknown rule option or option value (`--rule KEY=VALUE`).
    InvalidRule,
    /// Input/output failure (CLI only: a file that cannot be read).
    Io,
}

impl ErrorKind {
    /// The stable snake_case code of this kind, e.g. `"date_out_of_range"`.
    pub const fn code(self) -> &'static str {
        match self {
            ErrorKind::InvalidDate => "invalid_date",
            ErrorKind::DateOutOfRange => "date_out_of_range",
            ErrorKind::InvalidNumber => "invalid_number",
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::EmptyInput => "empty_input",
            ErrorKind::InvalidJson => "invalid_json",
            ErrorKind::InvalidSpec => "invalid_spec",
            ErrorKind::InvalidSchedule => "invalid_schedule",
            ErrorKind::InvalidLunarDate => "invalid_lunar_date",
            ErrorKind::UnknownProcedure => "unknown_procedure",
            ErrorKind::InvalidTimeLimit => "invalid_time_limit",
            ErrorKind::InvalidCatalogue => "invalid_catalogue",
            ErrorKind::CsvField => "csv_field",
            ErrorKind::CsvEmpty => "csv_empty",
            ErrorKind::CsvMissingColumn => "csv_missing_column",
            ErrorKind::EventsOutOfOrder => "events_out_of_order",
            ErrorKind::ResultBeforeReceipt => "result_before_receipt",
            ErrorKind::SupplementWithoutRequest => "supplement_without_request",
            ErrorKind::SecondApology => "second_apology",
            ErrorKind::NewDueEarlier => "new_due_earlier",
            ErrorKind::InvalidTransfer => "invalid_transfer",
            ErrorKind::InvalidDossier => "invalid_dossier",
            ErrorKind::InvalidRule => "invalid_rule",
            ErrorKind::Io => "io",
        }
    }

    /// Every kind, in declaration order (for documentation and binding tests).
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::InvalidDate,
        ErrorKind::DateOutOfRange,
        ErrorKind::InvalidNumber,
        ErrorKind::InvalidArgument,
        ErrorKind::EmptyInput,
        ErrorKind::InvalidJson,
        ErrorKind::InvalidSpec,
        ErrorKind::InvalidSchedule,
        ErrorKind::InvalidLunarDate,
        ErrorKind::UnknownProcedure,
        ErrorKind::InvalidTimeLimit,
        ErrorKind::InvalidCatalogue,
        ErrorKind::CsvField,
        ErrorKind::CsvEmpty,
        ErrorKind::CsvMissingColumn,
        ErrorKind::EventsOutOfOrder,
        ErrorKind::ResultBeforeReceipt,
        ErrorKind::SupplementWithoutRequest,
        ErrorKind::SecondApology,
        ErrorKind::NewDueEarlier,
        ErrorKind::InvalidTransfer,
        ErrorKind::InvalidDossier,
        ErrorKind::InvalidRule,
        ErrorKind::Io,
    ];
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error type of every fallible motcua operation.
///
/// It says what was wrong ([`kind`](Error::kind), a human message) and, where known, where:
/// the input line, the field or column, the element index of a bulk call or row of a table,
/// the offending value and the dossier's id.
///
/// ```
/// use motcua::{CalendarSpec, ErrorKind};
/// let cal = CalendarSpec::weekdays("2026-01-01".parse()?, "2026-12-31".parse()?).compile()?;
/// let err = cal.add_working_days("2027-01-05".parse()?, 1).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::DateOutOfRange);
/// assert_eq!(err.code(), "date_out_of_range");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The error is one pointer wide (its contents are boxed, as jiff's are), so a `Result` of a
/// date or a count stays small on the hot paths that return one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    message: String,
    line: Option<u64>,
    field: Option<String>,
    index: Option<usize>,
    value: Option<String>,
    id: Option<String>,
}

impl Error {
    /// A new error of `kind` with a message saying what input was wrong. A message longer than
    /// [`MAX_MESSAGE_BYTES`] is cut there (at a character boundary) and ends with `…`: quote
    /// input with [`excerpt`] so that the cut never has to happen.
    #[cold]
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                message: bounded(message.into(), MAX_MESSAGE_BYTES),
                line: None,
                field: None,
                index: None,
                value: None,
                id: None,
            }),
        }
    }

    /// The same error with the message `message` (bounded as [`Error::new`] bounds it).
    #[must_use]
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn with_message(mut self, message: String) -> Error {
        self.inner.message = bounded(message, MAX_MESSAGE_BYTES);
        self
    }

    /// The same error, located at input line `line` (1-based).
    #[must_use]
    pub fn at_line(mut self, line: u64) -> Error {
        self.inner.line = Some(line);
        self
    }

    /// The same error, located in field or column `field` (a name longer than
    /// [`MAX_FIELD_BYTES`], e.g. an unknown key sent by a hostile client, is cut there, and
    /// its control characters are escaped as [`excerpt`] escapes them).
    #[must_use]
    pub fn in_field(mut self, field: impl Into<String>) -> Error {
        self.inner.field = Some(name(field.into()));
        self
    }

    /// The same error, located at element `index` (0-based) of a bulk input.
    #[must_use]
    pub fn at_index(mut self, index: usize) -> Error {
        self.inner.index = Some(index);
        self
    }

    /// The same error, naming the offending input `value` (a cell, a token).
    #[must_use]
    pub fn with_value(mut self, value: impl Into<String>) -> Error {
        let value = value.into();
        // A long value is kept as its excerpt (a 1 MB cell must not ride along whole).
        self.inner.value = Some(if value.len() > 4 * EXCERPT_CHARS {
            excerpt(&value).to_string()
        } else {
            value
        });
        self
    }

    /// The same error, naming the id of the dossier (record) it is about.
    #[must_use]
    pub fn with_id(mut self, id: impl Into<String>) -> Error {
        self.inner.id = Some(name(id.into()));
        self
    }

    /// The category of the error.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The stable code of the error's kind, e.g. `"invalid_date"`.
    pub fn code(&self) -> &'static str {
        self.inner.kind.code()
    }

    /// The message without location prefix.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The 1-based input line, if known.
    pub fn line(&self) -> Option<u64> {
        self.inner.line
    }

    /// The field or column name, if known.
    pub fn field(&self) -> Option<&str> {
        self.inner.field.as_deref()
    }

    /// The 0-based element index of a bulk input (or row of a table), if known.
    pub fn index(&self) -> Option<usize> {
        self.inner.index
    }

    /// The offending input value, if known.
    pub fn value(&self) -> Option<&str> {
        self.inner.value.as_deref()
    }

    /// The id of the dossier the error is about, if known.
    pub fn id(&self) -> Option<&str> {
        self.inner.id.as_deref()
    }
}

impl fmt::Display for Error {
    #[inline(never)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.inner;
        if let Some(i) = e.index {
            write!(f, "element {i}: ")?;
        }
        // (a message that names the field already, as "line 2, column `received`, ..." does,
        // is not told it twice)
        if let Some(field) = e.field.as_deref().filter(|x| !names(&e.message, x)) {
            write!(f, "field `{field}`: ")?;
        }
        f.write_str(&e.message)?;
        if let Some(id) = &e.id {
            write!(f, " (id {id})")?;
        }
        Ok(())
    }
}

/// Whether `message` names `field` in backquotes.
#[inline(never)]
fn names(message: &str, field: &str) -> bool {
    let field = field.as_bytes();
    message.as_bytes().windows(field.len() + 2).any(|w| {
        w.first() == Some(&b'`') && w.last() == Some(&b'`') && w.get(1..w.len() - 1) == Some(field)
    })
}

/// `{"code": "invalid_date", "message": "...", "field": "received", "line": 3, "index": 7,
/// "value": "30/02/2026", "id": "HS-1"}`:
/// the location keys only when known; the message without the location prefix that
/// [`Display`](fmt::Display) adds.
///
/// ```
/// use motcua::{Error, ErrorKind};
/// let e = Error::new(ErrorKind::InvalidDate, "`2026-02-30` is not a valid date").in_field("received");
/// assert_eq!(serde_json::to_string(&e)?,
///   r#"{"code":"invalid_date","message":"`2026-02-30` is not a valid date","field":"received"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let e = &self.inner;
        let len = 2
            + usize::from(e.field.is_some())
            + usize::from(e.line.is_some())
            + usize::from(e.index.is_some())
            + usize::from(e.value.is_some())
            + usize::from(e.id.is_some());
        let mut m = s.serialize_map(Some(len))?;
        m.serialize_entry("code", e.kind.code())?;
        m.serialize_entry("message", &e.message)?;
        if let Some(field) = &e.field {
            m.serialize_entry("field", field)?;
        }
        if let Some(line) = e.line {
            m.serialize_entry("line", &line)?;
        }
        if let Some(index) = e.index {
            m.serialize_entry("index", &index)?;
        }
        if let Some(value) = &e.value {
            m.serialize_entry("value", value)?;
        }
        if let Some(id) = &e.id {
            m.serialize_entry("id", id)?;
        }
        m.end()
    }
}

/// The longest message an [`Error`] keeps, in bytes (UTF-8): longer ones are cut and end with
/// `…`. Quoted input is bounded well below it by [`excerpt`].
pub const MAX_MESSAGE_BYTES: usize = 480;

/// The longest field name an [`Error`] keeps, in bytes.
pub const MAX_FIELD_BYTES: usize = 100;

/// How many characters of a bad value [`excerpt`] quotes.
pub const EXCERPT_CHARS: usize = 80;

/// A name from the input (a field, a key, an id): its control characters escaped as [`excerpt`]
/// escapes them, cut at [`MAX_FIELD_BYTES`].
fn name(text: String) -> String {
    let text = match escape_controls(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        escaped => escaped.into_owned(),
    };
    bounded(text, MAX_FIELD_BYTES)
}

/// `text` with its control characters escaped (`\n`, `\u{1b}`).
pub(crate) fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(char::is_control) {
        return text.into();
    }
    text.chars()
        .flat_map(|c| {
            let escape = c.is_control();
            c.escape_default()
                .filter(move |_| escape)
                .chain(Some(c).filter(|_| !escape))
        })
        .collect::<String>()
        .into()
}

/// `text` cut to at most `max` bytes at a character boundary, ending with `…` when cut.
fn bounded(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut end = max.saturating_sub('…'.len_utf8());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push('…');
    }
    text
}

/// A bad value as an error message quotes it: its first [`EXCERPT_CHARS`] characters, then,
/// when there is more, `…` and the whole length (`… [1048576 bytes]`); control characters
/// escaped (`\n`, `\u{1b}`), so a message stays one short line whatever was sent. Every
/// message that echoes input quotes it through this (a value of any [`Display`](fmt::Display)
/// type: a string, a JSON value).
///
/// ```
/// use motcua::error::excerpt;
/// assert_eq!(excerpt("2026-02-30").to_string(), "2026-02-30");
/// assert_eq!(excerpt("a\nb").to_string(), "a\\nb");
/// let long = "x".repeat(1 << 20);
/// assert_eq!(excerpt(&long).to_string(), format!("{}… [1048576 bytes]", "x".repeat(80)));
/// ```
pub fn excerpt<T: fmt::Display + ?Sized>(value: &T) -> Excerpt<'_, T> {
    Excerpt(value)
}

/// The bounded quotation of a value made by [`excerpt`]; formats with [`Display`](fmt::Display).
pub struct Excerpt<'a, T: ?Sized>(&'a T);

impl<T: ?Sized> fmt::Debug for Excerpt<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Excerpt")
    }
}

impl<T: fmt::Display + ?Sized> fmt::Display for Excerpt<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // (one body for every type: the generic part is this call)
        excerpt_fmt(&self.0, f)
    }
}

/// [`Excerpt`]'s formatting of any value.
fn excerpt_fmt(value: &dyn fmt::Display, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    /// Keeps the first characters written to it (escaped) and counts every byte.
    struct Head {
        text: String,
        chars: usize,
        bytes: usize,
        cut: bool,
    }
    impl fmt::Write for Head {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.bytes += s.len();
            if self.cut {
                return Ok(());
            }
            for c in s.chars() {
                if self.chars == EXCERPT_CHARS {
                    self.cut = true;
                    break;
                }
                self.chars += 1;
                // Control characters, and the invisible ones a value can hide (a
                // non-breaking space, zero-width ones, a byte-order mark): shown escaped,
                // so that a value that looks right on screen says what is wrong with it.
                let invisible = matches!(c, '\u{a0}' | '\u{ad}' | '\u{200b}'..='\u{200f}'
                        | '\u{2028}'..='\u{202e}' | '\u{2060}' | '\u{feff}');
                if c.is_control() || invisible {
                    self.text.extend(c.escape_default());
                } else {
                    self.text.push(c);
                }
            }
            Ok(())
        }
    }
    let mut head = Head {
        text: String::new(),
        chars: 0,
        bytes: 0,
        cut: false,
    };
    write!(head, "{value}")?;
    f.write_str(&head.text)?;
    if head.cut {
        write!(f, "… [{} bytes]", head.bytes)?;
    }
    Ok(())
}

/// Shorthand for `Result<T, motcua::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for k in ErrorKind::ALL {
            let c = k.code();
            assert!(seen.insert(c), "duplicate code {c}");
            assert!(
                c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "{c}"
            );
        }
    }

    #[test]
    fn display_includes_location() {
        let e = Error::new(ErrorKind::InvalidDate, "bad `x`")
            .in_field("received")
            .at_index(3);
        assert_eq!(e.to_string(), "element 3: field `received`: bad `x`");
        assert_eq!(e.line(), None);
        assert_eq!(e.clone().at_line(4).line(), Some(4));
        let e = e.with_value("x").with_id("HS1");
        assert_eq!((e.value(), e.id()), (Some("x"), Some("HS1")));
        assert_eq!(
            e.to_string(),
            "element 3: field `received`: bad `x` (id HS1)"
        );
        // A message that names its field already is not prefixed with it.
        let e = Error::new(
            ErrorKind::CsvField,
            "line 2, column `received`, value `x`: bad",
        )
        .in_field("received")
        .at_line(2);
        assert_eq!(e.to_string(), "line 2, column `received`, value `x`: bad");
        let e = Error::new(ErrorKind::CsvField, "column `received_at`: bad").in_field("received");
        assert_eq!(e.to_string(), "field `received`: column `received_at`: bad");
    }

    #[test]
    fn serializes_code_message_and_known_location_only() {
        let e = Error::new(ErrorKind::CsvField, "bad cell").at_line(3);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"code": "csv_field", "message": "bad cell", "line": 3})
        );
        let e = e.in_field("received").at_index(7);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"code": "csv_field", "message": "bad cell", "line": 3,
                "field": "received", "index": 7})
        );
    }

    #[test]
    fn excerpt_keeps_short_values_and_cuts_long_ones() {
        assert_eq!(excerpt("").to_string(), "");
        let eighty = "é".repeat(EXCERPT_CHARS);
        assert_eq!(excerpt(&eighty).to_string(), eighty);
        let more = format!("{eighty}z");
        assert_eq!(
            excerpt(&more).to_string(),
            format!("{eighty}… [{} bytes]", more.len())
        );
        // Control characters are escaped, so a message stays one line.
        assert_eq!(excerpt("a\tb\u{1b}[2J").to_string(), "a\\tb\\u{1b}[2J");
        // Invisible characters a pasted value can hide are shown too.
        assert_eq!(
            excerpt("03/03/2026\u{a0}10:00\u{200b}").to_string(),
            "03/03/2026\\u{a0}10:00\\u{200b}"
        );
        assert_eq!(excerpt("Hộ tịch").to_string(), "Hộ tịch");
        // Any Display value: a JSON value is quoted as compact JSON.
        let v = serde_json::json!({"k": "v".repeat(1000)});
        let x = excerpt(&v).to_string();
        assert!(
            x.starts_with(r#"{"k":"vvv"#) && x.ends_with("… [1008 bytes]"),
            "{x}"
        );
    }

    #[test]
    fn no_message_or_field_exceeds_its_bound() {
        let huge = "ả".repeat(1 << 20);
        let e = Error::new(ErrorKind::InvalidDate, format!("`{huge}` is bad")).in_field(&huge);
        assert!(
            e.message().len() <= MAX_MESSAGE_BYTES,
            "{}",
            e.message().len()
        );
        assert!(e.message().ends_with('…') && e.message().starts_with("`ảả"));
        assert!(e.field().is_some_and(|f| f.len() <= MAX_FIELD_BYTES));
        let e = e.with_value(huge.clone()).with_id(huge.clone());
        assert_eq!(e.value(), Some(excerpt(&huge).to_string().as_str()));
        assert!(e.id().is_some_and(|id| id.len() <= MAX_FIELD_BYTES));
        let short = Error::new(ErrorKind::CsvField, "x")
            .with_value("30/02/2026")
            .with_id("HS-1");
        assert_eq!(
            serde_json::to_value(&short).unwrap(),
            serde_json::json!({"code": "csv_field", "message": "x", "value": "30/02/2026", "id": "HS-1"})
        );
        assert!(serde_json::to_string(&e).unwrap().len() < 1024);
        // Control characters in a field name are escaped (a JSON answer would spell each in
        // six bytes).
        let e = Error::new(ErrorKind::InvalidDossier, "x").in_field("\u{0}".repeat(500));
        assert_eq!(
            e.field(),
            Some(format!("{}\\u…", "\\u{0}".repeat(19)).as_str())
        );
        // Up to the bound, a message is kept whole.
        let exact = "m".repeat(MAX_MESSAGE_BYTES);
        assert_eq!(Error::new(ErrorKind::Io, exact.clone()).message(), exact);
    }
}
