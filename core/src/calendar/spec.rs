//! What a calendar is ([`CalendarSpec`]): the weekly rest days and their changes, the days
//! listed (holidays, closures, make-up working days) with their names and kinds, office hours
//! and the date range; read from the calendar spec JSON (DESIGN.md, "Calendar spec JSON"),
//! each failing value named by its path.

use std::fmt;

use chrono::{NaiveDate, NaiveTime, TimeDelta, Timelike};
use serde::{Deserialize, Serialize};

use super::WorkCalendar;
use crate::error::{excerpt, Error, ErrorKind, Result};

// ---------------------------------------------------------------------------------------------
// Weekmask
// ---------------------------------------------------------------------------------------------

/// Which days of the week are working days, Monday first, as in numpy (`"1111100"` = Monday to
/// Friday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Weekmask(pub(super) u8);

impl Weekmask {
    /// Monday to Friday.
    pub const MON_FRI: Weekmask = Weekmask(0b0001_1111);
    /// Monday to Saturday.
    pub const MON_SAT: Weekmask = Weekmask(0b0011_1111);

    /// Whether `weekday` (Monday = 0) is a working day.
    pub fn works(self, weekday: chrono::Weekday) -> bool {
        self.0 & (1 << weekday.num_days_from_monday()) != 0
    }
}

impl std::str::FromStr for Weekmask {
    type Err = Error;

    fn from_str(s: &str) -> Result<Weekmask> {
        if s.len() != 7 || !s.bytes().all(|b| b == b'0' || b == b'1') {
            return Err(Error::new(
                ErrorKind::InvalidSpec,
                format!(
                    "weekmask `{s}` must be 7 characters of 0/1, Monday first (e.g. \"1111100\")",
                    s = excerpt(s)
                ),
            )
            .in_field("weekmask"));
        }
        let bits = s.bytes().enumerate().fold(
            0u8,
            |acc, (i, b)| if b == b'1' { acc | (1 << i) } else { acc },
        );
        Ok(Weekmask(bits))
    }
}

impl fmt::Display for Weekmask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for i in 0..7 {
            f.write_str(if self.0 & (1 << i) != 0 { "1" } else { "0" })?;
        }
        Ok(())
    }
}

impl Serialize for Weekmask {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Weekmask {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse()
            .map_err(|e: Error| serde::de::Error::custom(e.message()))
    }
}

// ---------------------------------------------------------------------------------------------
// Spec
// ---------------------------------------------------------------------------------------------

/// What a listed day is, when the spec says so: the class of a day off in `holidays`, or of a
/// day in `working_days` (the kinds of `motcua holidays YEAR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A statutory holiday day, listed even when it falls on a weekly rest day (e.g. Tết
    /// mùng 1 on a Saturday).
    Statutory,
    /// A compensatory day off (*nghỉ bù*) for a holiday day on a weekly rest day.
    Compensatory,
    /// A working day made a day off by an announced swap (*hoán đổi*), made up on a
    /// [`MakeupWorkingDay`](HolidayKind::MakeupWorkingDay).
    Swapped,
    /// A weekly rest day worked (*làm bù*).
    MakeupWorkingDay,
    /// A day off of a provisional year (statutory and compensatory alike), computed from the
    /// statute and not yet announced.
    Provisional,
    /// A day of an unconfirmed change (in the Vietnamese preset: the proposed 2026
    /// arrangement), applied only on request.
    Pending,
}

impl HolidayKind {
    /// Every kind, in declaration order.
    pub const ALL: [HolidayKind; 6] = [
        HolidayKind::Statutory,
        HolidayKind::Compensatory,
        HolidayKind::Swapped,
        HolidayKind::MakeupWorkingDay,
        HolidayKind::Provisional,
        HolidayKind::Pending,
    ];

    /// Stable snake_case name, as serialized.
    pub const fn as_str(self) -> &'static str {
        match self {
            HolidayKind::Statutory => "statutory",
            HolidayKind::Compensatory => "compensatory",
            HolidayKind::Swapped => "swapped",
            HolidayKind::MakeupWorkingDay => "makeup_working_day",
            HolidayKind::Provisional => "provisional",
            HolidayKind::Pending => "pending",
        }
    }
}

impl fmt::Display for HolidayKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A day in a spec: a bare date (`"2026-01-01"`), or an object `{"date", "name"?, "kind"?}`
/// giving its name (shown in explanations) and its [`HolidayKind`] (the class explanations
/// give it; without one a day off in `holidays` is a plain holiday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum SpecDay {
    /// A bare date.
    Date(NaiveDate),
    /// A date with a name (shown in explanations).
    Named {
        /// The date.
        date: NaiveDate,
        /// What the day is, e.g. "Tết Nguyên đán".
        name: String,
    },
    /// A date with its class, and optionally a name.
    Classified {
        /// The date.
        date: NaiveDate,
        /// What kind of day it is (`holidays`: statutory, compensatory, swapped,
        /// provisional, pending; `working_days`: makeup_working_day, pending).
        kind: HolidayKind,
        /// What the day is, e.g. "Nghỉ bù Tết Nguyên đán".
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
}

impl SpecDay {
    /// The date.
    pub fn date(&self) -> NaiveDate {
        match self {
            SpecDay::Date(d)
            | SpecDay::Named { date: d, .. }
            | SpecDay::Classified { date: d, .. } => *d,
        }
    }

    /// The name, if any.
    pub fn name(&self) -> Option<&str> {
        match self {
            SpecDay::Date(_) => None,
            SpecDay::Named { name, .. } => Some(name),
            SpecDay::Classified { name, .. } => name.as_deref(),
        }
    }

    /// The kind the spec gives the day, if any.
    pub fn kind(&self) -> Option<HolidayKind> {
        match self {
            SpecDay::Classified { kind, .. } => Some(*kind),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for SpecDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        /// The object form, every key checked (a misspelt `nmae` is an error, not ignored).
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Object {
            #[serde(deserialize_with = "crate::civil::deserialize_date")]
            date: NaiveDate,
            #[serde(default)]
            name: Option<String>,
            #[serde(default)]
            kind: Option<HolidayKind>,
        }

        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SpecDay;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date \"YYYY-MM-DD\" or {\"date\", \"name\", \"kind\"}")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<SpecDay, E> {
                // The core's date reader, not chrono's (whose format parser would weigh on the
                // `.wasm`).
                crate::civil::parse_date(v)
                    .map(SpecDay::Date)
                    .map_err(|e| E::custom(e.message()))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<SpecDay, A::Error> {
                let o = Object::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(match (o.name, o.kind) {
                    (name, Some(kind)) => SpecDay::Classified {
                        date: o.date,
                        kind,
                        name,
                    },
                    (Some(name), None) => SpecDay::Named { date: o.date, name },
                    (None, None) => SpecDay::Date(o.date),
                })
            }
        }

        d.deserialize_any(Visitor)
    }
}

impl From<NaiveDate> for SpecDay {
    fn from(d: NaiveDate) -> SpecDay {
        SpecDay::Date(d)
    }
}

/// A change of the weekly pattern from a date on (e.g. the Vietnamese public sector moved from a
/// Monday–Saturday to a Monday–Friday week on 1999-10-02).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekmaskChange {
    /// First day of the new pattern.
    #[serde(deserialize_with = "crate::civil::deserialize_date")]
    pub from: NaiveDate,
    /// The new pattern.
    pub weekmask: Weekmask,
}

/// Office hours: the sessions of a working day, e.g. 07:30–11:30 and 13:00–17:00.
///
/// In JSON: `[["07:30", "11:30"], ["13:00", "17:00"]]`. Sessions must be non-empty, in order
/// and not overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeHours {
    pub(super) sessions: Vec<(NaiveTime, NaiveTime)>,
}

impl OfficeHours {
    /// The default office hours of Vietnamese state bodies used by motcua: 07:30–11:30 and
    /// 13:00–17:00 (8 hours a day, Decision 188/1999/QĐ-TTg fixes 8 h a day, 40 h a week;
    /// each province sets the clock times).
    pub fn standard() -> OfficeHours {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
        OfficeHours {
            sessions: vec![(t(7, 30), t(11, 30)), (t(13, 0), t(17, 0))],
        }
    }

    /// Office hours from explicit sessions, validated.
    pub fn new(sessions: Vec<(NaiveTime, NaiveTime)>) -> Result<OfficeHours> {
        let bad = |m: String| Error::new(ErrorKind::InvalidSpec, m).in_field("office_hours");
        if sessions.is_empty() {
            return Err(bad("office hours need at least one session".into()));
        }
        let mut prev_end: Option<NaiveTime> = None;
        for (s, e) in &sessions {
            if s >= e {
                return Err(bad(format!("session {s}–{e} does not end after it starts")));
            }
            if s.nanosecond() != 0 || e.nanosecond() != 0 {
                return Err(bad("session times must be whole seconds".into()));
            }
            if let Some(p) = prev_end {
                if *s < p {
                    return Err(bad(format!(
                        "session starting {s} overlaps or precedes the one before"
                    )));
                }
            }
            prev_end = Some(*e);
        }
        Ok(OfficeHours { sessions })
    }

    /// The sessions, in order.
    pub fn sessions(&self) -> &[(NaiveTime, NaiveTime)] {
        &self.sessions
    }

    /// Opening time (start of the first session).
    pub fn opening(&self) -> NaiveTime {
        self.sessions.first().map(|s| s.0).unwrap_or(NaiveTime::MIN)
    }

    /// Closing time (end of the last session).
    pub fn closing(&self) -> NaiveTime {
        self.sessions.last().map(|s| s.1).unwrap_or(NaiveTime::MIN)
    }

    /// Working seconds in one working day.
    pub fn seconds_per_day(&self) -> i64 {
        self.sessions
            .iter()
            .map(|(s, e)| (*e - *s).num_seconds())
            .sum()
    }

    /// Working seconds of a working day elapsed at time `t` (0 before opening, the whole day
    /// after closing, lunch breaks not counted).
    pub fn seconds_worked_by(&self, t: NaiveTime) -> i64 {
        self.sessions
            .iter()
            .map(|(s, e)| {
                if t <= *s {
                    0
                } else if t >= *e {
                    (*e - *s).num_seconds()
                } else {
                    (t - *s).num_seconds()
                }
            })
            .sum()
    }

    /// The clock time at which `secs` working seconds of a day have elapsed, for
    /// `0 < secs ≤ seconds_per_day()`: an amount that exactly fills a session ends at that
    /// session's end (11:30, not 13:00).
    pub(super) fn time_after(&self, mut secs: i64) -> NaiveTime {
        for (s, e) in &self.sessions {
            let len = (*e - *s).num_seconds();
            if secs <= len {
                return *s + TimeDelta::seconds(secs);
            }
            secs -= len;
        }
        self.closing()
    }
}

impl Default for OfficeHours {
    fn default() -> OfficeHours {
        OfficeHours::standard()
    }
}

impl Serialize for OfficeHours {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let v: Vec<[String; 2]> = self
            .sessions
            .iter()
            .map(|(a, b)| {
                [
                    crate::civil::format_time_of_day(*a),
                    crate::civil::format_time_of_day(*b),
                ]
            })
            .collect();
        v.serialize(s)
    }
}

impl<'de> Deserialize<'de> for OfficeHours {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        // (Sessions read as lists, then checked: a fixed pair read a third time as "trailing
        // characters", a JSON syntax error, and one time alone at the wrong element.)
        let raw: Vec<Vec<String>> = Vec::deserialize(d)?;
        let mut sessions = Vec::with_capacity(raw.len());
        for (i, pair) in raw.into_iter().enumerate() {
            let Ok([a, b]) = <[String; 2]>::try_from(pair) else {
                return Err(serde::de::Error::custom(format_args!(
                    "session {} is not a pair [\"HH:MM\", \"HH:MM\"] (opening, closing)",
                    i + 1
                )));
            };
            // (the message alone: the spec's reader names the path, `office_hours`)
            let custom = |e: Error| serde::de::Error::custom(e.message());
            let a = crate::civil::parse_time(&a).map_err(custom)?;
            let b = crate::civil::parse_time(&b).map_err(custom)?;
            sessions.push((a, b));
        }
        OfficeHours::new(sessions).map_err(|e| serde::de::Error::custom(e.message()))
    }
}

/// What a calendar is, before compilation: the `--calendar FILE` format.
///
/// ```json
/// {"weekmask": "1111100", "from": "2000-01-01", "to": "2050-12-31",
///  "holidays": ["2026-01-01"], "working_days": ["2026-01-10"],
///  "office_hours": [["07:30", "11:30"], ["13:00", "17:00"]]}
/// ```
///
/// `weekmask` is Monday..Sunday as in numpy (`1` = working); `holidays` are days off (a bare
/// date or `{"date", "name"}`); `closures` are extra days off of the same effect kept apart
/// (a province's extra day off, a one-off decision); `working_days` are days worked although the
/// weekmask rests (make-up Saturdays); `weekmask_changes` switch the weekly pattern from a date
/// on; `from` and `to` are required; `office_hours` is optional (default 07:30–11:30,
/// 13:00–17:00). A date in both a day-off list and `working_days`, twice in one list, or outside
/// `from..=to`, is an error naming it. Unknown keys are an error (a misspelt `holiday` must not be ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// Optional display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Optional free-text description (sources, notes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Weekly pattern, Monday first (`"1111100"`).
    pub weekmask: Weekmask,
    /// Later changes of the weekly pattern, each from a date on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekmask_changes: Vec<WeekmaskChange>,
    /// First day covered.
    #[serde(deserialize_with = "crate::civil::deserialize_date")]
    pub from: NaiveDate,
    /// Last day covered.
    #[serde(deserialize_with = "crate::civil::deserialize_date")]
    pub to: NaiveDate,
    /// Days off (statutory holidays, compensatory and swapped days).
    #[serde(default)]
    pub holidays: Vec<SpecDay>,
    /// Extra closures (same effect as holidays; kept apart for overlays).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closures: Vec<SpecDay>,
    /// Days worked although the weekmask rests (make-up Saturdays, *làm bù*).
    #[serde(default)]
    pub working_days: Vec<SpecDay>,
    /// Office hours (default 07:30–11:30, 13:00–17:00).
    #[serde(default)]
    pub office_hours: OfficeHours,
}

/// The earliest date a calendar may cover.
pub const MIN_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
/// The latest date a calendar may cover.
pub const MAX_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

impl CalendarSpec {
    /// Monday–Friday, no holidays, standard office hours, covering `from..=to`.
    pub fn weekdays(from: NaiveDate, to: NaiveDate) -> CalendarSpec {
        CalendarSpec {
            name: None,
            description: None,
            weekmask: Weekmask::MON_FRI,
            weekmask_changes: Vec::new(),
            from,
            to,
            holidays: Vec::new(),
            closures: Vec::new(),
            working_days: Vec::new(),
            office_hours: OfficeHours::standard(),
        }
    }

    /// Parses a spec from JSON text. Malformed JSON is an [`ErrorKind::InvalidJson`] error
    /// whose message gives line and column; JSON of the wrong shape (a wrong type, a missing
    /// or unknown key, a bad date) is [`ErrorKind::InvalidSpec`] naming the key in its message;
    /// an inconsistent spec is reported by [`compile`](CalendarSpec::compile). A UTF-8
    /// byte-order mark is skipped.
    pub fn from_json(text: &str) -> Result<CalendarSpec> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // An object only: serde would also read its fields from an array, in order, where a
        // misplaced value makes another calendar.
        if text.trim_start().starts_with('[') {
            return Err(Error::new(
                ErrorKind::InvalidSpec,
                "calendar spec: an object {\"weekmask\", \"from\", \"to\", ...}, not an array",
            ));
        }
        serde_json::from_str(text).map_err(|e| {
            let (kind, path) = if e.is_data() {
                let mut path = json_path_at(text, e.line(), e.column());
                // A missing field is found at the end of its object, after its last key: the
                // object's path is the one to name, not that key's.
                if e.to_string().starts_with("missing field") {
                    path.truncate(path.rfind('.').unwrap_or(0));
                }
                (ErrorKind::InvalidSpec, path)
            } else {
                (ErrorKind::InvalidJson, String::new())
            };
            let at = if path.is_empty() {
                String::new()
            } else {
                format!(" `{path}`:")
            };
            Error::new(kind, format!("calendar spec:{at} {e}")).at_line(e.line() as u64)
        })
    }

    /// The days the spec lists in Gregorian `year` (its `holidays`, `closures` and
    /// `working_days`), in date order: each with its name and the kind its entry states, else
    /// `holiday`, `closure` or `makeup_working_day` by its list (what `motcua holidays YEAR
    /// --calendar FILE` prints). A year outside `from..to` is
    /// [`ErrorKind::DateOutOfRange`].
    ///
    /// ```
    /// let spec = motcua::CalendarSpec::from_json(r#"{"weekmask": "1111100",
    ///     "from": "2026-01-01", "to": "2026-12-31", "holidays": ["2026-01-01",
    ///     {"date": "2026-09-02", "name": "Quốc khánh", "kind": "statutory"}]}"#)?;
    /// let days = spec.listed_days(2026)?;
    /// assert_eq!(days[0].kind, "holiday");
    /// assert_eq!((days[1].name, days[1].kind), (Some("Quốc khánh"), "statutory"));
    /// # Ok::<(), motcua::Error>(())
    /// ```
    pub fn listed_days(&self, year: i32) -> Result<Vec<ListedDay<'_>>> {
        use chrono::Datelike;
        if year < self.from.year() || year > self.to.year() {
            return Err(Error::new(
                ErrorKind::DateOutOfRange,
                format!(
                    "year {year} is outside the calendar range {}..{}",
                    self.from, self.to
                ),
            ));
        }
        let mut out: Vec<ListedDay<'_>> = [
            (&self.holidays, "holiday"),
            (&self.closures, "closure"),
            (&self.working_days, "makeup_working_day"),
        ]
        .into_iter()
        .flat_map(|(list, kind)| {
            list.iter()
                .filter(|d| d.date().year() == year)
                .map(move |d| ListedDay {
                    date: d.date(),
                    name: d.name(),
                    kind: d.kind().map_or(kind, HolidayKind::as_str),
                })
        })
        .collect();
        crate::sort::sort_by_key(&mut out, |d| d.date);
        Ok(out)
    }

    /// Checks the spec and compiles it into O(1) tables.
    pub fn compile(&self) -> Result<WorkCalendar> {
        WorkCalendar::compile(self.clone(), None)
    }

    /// [`compile`](CalendarSpec::compile) of a spec whose day names were left out (the
    /// Vietnamese preset: naming ~3,000 days is most of the cost of building its spec, and the
    /// first answers need no name). `named` builds the same spec with its names; it is called
    /// once, on the first [`WorkCalendar::spec`] or [`WorkCalendar::day_name`], so the
    /// calendar answers exactly as one compiled from the named spec.
    pub(crate) fn compile_unnamed(self, named: NamedSpec) -> Result<WorkCalendar> {
        WorkCalendar::compile(self, Some(named))
    }
}

/// A day a [`CalendarSpec`] lists ([`CalendarSpec::listed_days`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListedDay<'a> {
    /// The date.
    pub date: NaiveDate,
    /// Its name in the spec, if any.
    pub name: Option<&'a str>,
    /// The kind its entry states ([`HolidayKind::as_str`]), else `holiday`, `closure` or
    /// `makeup_working_day` by the list it is in.
    pub kind: &'static str,
}

/// Builds the full (named) spec of a calendar compiled with
/// [`CalendarSpec::compile_unnamed`].
pub(crate) type NamedSpec = Box<dyn Fn() -> CalendarSpec + Send + Sync>;

/// The JSON path (`holidays[2].date`) of the value being read at `line`:`column` (1-based, as
/// serde_json reports them) of `text`: where a spec value that fails is, named.
pub(super) fn json_path_at(text: &str, line: usize, column: usize) -> String {
    enum Frame {
        Object { key: String, expect_key: bool },
        Array(usize),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let (mut l, mut c) = (1, 0);
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        if ch == '\n' {
            (l, c) = (l + 1, 0);
        } else {
            c += 1;
        }
        if l > line || (l == line && c >= column) {
            break;
        }
        match ch {
            '{' => stack.push(Frame::Object {
                key: String::new(),
                expect_key: true,
            }),
            '[' => stack.push(Frame::Array(0)),
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array(i)) => *i += 1,
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                None => {}
            },
            '"' => {
                let mut s = String::new();
                let mut escaped = false;
                for ch in chars.by_ref() {
                    c += 1;
                    match (escaped, ch) {
                        (false, '\\') => escaped = true,
                        (false, '"') => break,
                        _ => {
                            escaped = false;
                            s.push(ch);
                        }
                    }
                }
                if let Some(Frame::Object { key, expect_key }) = stack.last_mut() {
                    if *expect_key {
                        *key = s;
                        *expect_key = false;
                    }
                }
            }
            _ => {}
        }
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Object { key, .. } if !key.is_empty() => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { .. } => {}
            Frame::Array(i) => path.push_str(&format!("[{i}]")),
        }
    }
    path
}
