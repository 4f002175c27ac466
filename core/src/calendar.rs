//! The working-day calendar: [`CalendarSpec`] (what a calendar is: weekly rest days, holidays,
//! closures, make-up working days, office hours and the date range it covers) and
//! [`WorkCalendar`] (the spec compiled into tables so that every query is O(1)).
//!
//! # Semantics (DESIGN.md, "Semantics everyone relies on")
//! - [`WorkCalendar::add_working_days`]`(d, n)`: for `n ≥ 1` the `n`-th working day strictly
//!   after `d` (the day `d` itself is not counted, as the Civil Code counts periods; `d` need not
//!   be a working day) = numpy `busday_offset(d, n, roll='backward')`; for `n ≤ −1` the `|n|`-th
//!   working day strictly before `d` = `busday_offset(d, n, roll='forward')`; for `n = 0`, `d`
//!   if it is a working day, else the next working day.
//! - [`WorkCalendar::working_days_between`]`(a, b)`: the number of working days `d` with
//!   `a < d ≤ b`, negated when `b < a`: the working days `d` with `b < d ≤ a`, negated. For
//!   `a ≤ b` this is numpy `busday_count(a + 1, b + 1)`; for `b < a` it is
//!   `-busday_count(b + 1, a + 1)` (numpy's own reversed count is shifted by one day: it counts
//!   `(b + 1, a + 1]`, which would break the identity below).
//! - Hence `working_days_between(a, add_working_days(a, n)) == n` for every `n ≥ 1`, and for
//!   `n ≤ −1` when `a` is a working day.
//! - A calendar covers `from..=to`. A date outside it, or an answer that would fall outside it,
//!   is an [`ErrorKind::DateOutOfRange`] error, never a guess.
//!
//! # Tables
//! Compiling a spec builds, for every day of the range, its [`DayKind`]; the prefix count of
//! working days; and the day number of the k-th working day. `is_working_day` is one read,
//! `working_days_between` two, `add_working_days` two. The tables cost about nine bytes a day
//! (≈ 0.7 MB for the 205 years of the Vietnamese preset) and are shared behind an [`Arc`], so
//! cloning a calendar is cheap and a calendar is `Send + Sync`.

use std::fmt;
use std::sync::{Arc, OnceLock};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};
use serde::{Deserialize, Serialize};

use crate::civil::{date_from_day_number, day_number};
use crate::error::{excerpt, Error, ErrorKind, Result};

// ---------------------------------------------------------------------------------------------
// Weekmask
// ---------------------------------------------------------------------------------------------

/// Which days of the week are working days, Monday first, as in numpy (`"1111100"` = Monday to
/// Friday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Weekmask(u8);

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
    sessions: Vec<(NaiveTime, NaiveTime)>,
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
    fn time_after(&self, mut secs: i64) -> NaiveTime {
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
        let raw: Vec<[String; 2]> = Vec::deserialize(d)?;
        let mut sessions = Vec::with_capacity(raw.len());
        for [a, b] in raw {
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
/// 13:00–17:00). A date in both a day-off list and `working_days`, or outside `from..=to`, is an
/// error naming it. Unknown keys are an error (a misspelt `holiday` must not be ignored).
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

// ---------------------------------------------------------------------------------------------
// Compiled calendar
// ---------------------------------------------------------------------------------------------

/// What a day is in a calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum DayKind {
    /// An ordinary working day.
    Working = 0,
    /// A weekly rest day (weekend) by the weekmask.
    WeeklyRest = 1,
    /// A holiday (statutory, compensatory or swapped day off) from the spec's `holidays`.
    Holiday = 2,
    /// An extra closure from the spec's `closures`.
    Closure = 3,
    /// A make-up working day: a weekly rest day that is worked (*làm bù*).
    MakeupWorkingDay = 4,
}

impl DayKind {
    /// Every kind, in declaration order (the bindings' type definitions are generated from
    /// it).
    pub const ALL: [DayKind; 5] = [
        DayKind::Working,
        DayKind::WeeklyRest,
        DayKind::Holiday,
        DayKind::Closure,
        DayKind::MakeupWorkingDay,
    ];

    /// Whether the day is worked.
    pub fn is_working(self) -> bool {
        matches!(self, DayKind::Working | DayKind::MakeupWorkingDay)
    }

    /// Stable snake_case name (`"weekly_rest"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Working => "working",
            DayKind::WeeklyRest => "weekly_rest",
            DayKind::Holiday => "holiday",
            DayKind::Closure => "closure",
            DayKind::MakeupWorkingDay => "makeup_working_day",
        }
    }
}

/// What a day is in a calendar, in detail: its [`DayKind`] and, for days listed in the spec,
/// the class the spec gives them ([`HolidayKind`]). Explanations read the class from here, so
/// no rule guesses a day's nature from its name. Serialized as its [`as_str`](DayClass::as_str).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum DayClass {
    /// An ordinary working day.
    Working = 0,
    /// A make-up working day: a weekly rest day that is worked (*làm bù*).
    MakeupWorkingDay = 1,
    /// A weekly rest day by the weekmask.
    WeeklyRest = 2,
    /// A day off from `holidays` whose kind the spec does not state.
    Holiday = 3,
    /// A statutory holiday day.
    Statutory = 4,
    /// A compensatory day off (*nghỉ bù*).
    Compensatory = 5,
    /// A swapped day off (*hoán đổi*).
    Swapped = 6,
    /// A day off of a provisional year (computed from the statute, not yet announced).
    Provisional = 7,
    /// A day off of an unconfirmed change, applied on request.
    Pending = 8,
    /// An extra closure from `closures` (a province's extra day off, a one-off decision).
    Closure = 9,
}

impl DayClass {
    /// Every class, in declaration order.
    pub const ALL: [DayClass; 10] = [
        DayClass::Working,
        DayClass::MakeupWorkingDay,
        DayClass::WeeklyRest,
        DayClass::Holiday,
        DayClass::Statutory,
        DayClass::Compensatory,
        DayClass::Swapped,
        DayClass::Provisional,
        DayClass::Pending,
        DayClass::Closure,
    ];

    /// Whether the day is worked.
    #[inline]
    pub const fn is_working(self) -> bool {
        (self as u8) <= DayClass::MakeupWorkingDay as u8
    }

    /// The coarse kind: working, make-up working day, weekly rest, holiday (every class of
    /// day off from `holidays`) or closure.
    pub const fn kind(self) -> DayKind {
        match self {
            DayClass::Working => DayKind::Working,
            DayClass::MakeupWorkingDay => DayKind::MakeupWorkingDay,
            DayClass::WeeklyRest => DayKind::WeeklyRest,
            DayClass::Holiday
            | DayClass::Statutory
            | DayClass::Compensatory
            | DayClass::Swapped
            | DayClass::Provisional
            | DayClass::Pending => DayKind::Holiday,
            DayClass::Closure => DayKind::Closure,
        }
    }

    /// Stable snake_case name, as serialized (`"compensatory"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            DayClass::Working => "working",
            DayClass::MakeupWorkingDay => "makeup_working_day",
            DayClass::WeeklyRest => "weekly_rest",
            DayClass::Holiday => "holiday",
            DayClass::Statutory => "statutory",
            DayClass::Compensatory => "compensatory",
            DayClass::Swapped => "swapped",
            DayClass::Provisional => "provisional",
            DayClass::Pending => "pending",
            DayClass::Closure => "closure",
        }
    }

    /// The class of a day listed in `list` with `kind`; a kind that does not belong to the
    /// list is an error naming the day.
    fn of_listed(list: List, day: &SpecDay) -> Result<DayClass> {
        let class = match (list, day.kind()) {
            (List::Holidays, None) => Some(DayClass::Holiday),
            (List::Holidays, Some(k)) => match k {
                HolidayKind::Statutory => Some(DayClass::Statutory),
                HolidayKind::Compensatory => Some(DayClass::Compensatory),
                HolidayKind::Swapped => Some(DayClass::Swapped),
                HolidayKind::Provisional => Some(DayClass::Provisional),
                HolidayKind::Pending => Some(DayClass::Pending),
                HolidayKind::MakeupWorkingDay => None,
            },
            (List::Closures, None) => Some(DayClass::Closure),
            (
                List::WorkingDays,
                None | Some(HolidayKind::MakeupWorkingDay | HolidayKind::Pending),
            ) => Some(DayClass::MakeupWorkingDay),
            (_, Some(_)) => None,
        };
        class.ok_or_else(|| {
            let field = list.field();
            spec_err(format!(
                "{field}: {} has kind `{}`, which does not belong in `{field}`",
                day.date(),
                day.kind().map_or("", HolidayKind::as_str)
            ))
            .in_field(field)
        })
    }
}

/// The lists of days in a spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Holidays,
    Closures,
    WorkingDays,
}

impl List {
    /// The spec's key.
    const fn field(self) -> &'static str {
        match self {
            List::Holidays => "holidays",
            List::Closures => "closures",
            List::WorkingDays => "working_days",
        }
    }
}

impl Serialize for DayClass {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Display for DayClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the name of a named day is in the spec: list (0 `holidays`, 1 `closures`, 2
/// `working_days`) and index in it.
#[derive(Debug, Clone, Copy)]
struct NameAt {
    day: i32,
    list: u8,
    index: usize,
}

/// Fills `kinds` (the days from day number `first_day` on) with the weekly pattern `mask`: the
/// first week is written, then doubled by block copies (a multiple of seven days at a time).
fn fill_weeks(kinds: &mut [DayClass], mask: Weekmask, first_day: i32) {
    // 1970-01-01 (day 0) was a Thursday: Monday-based weekday 3.
    let w0 = (i64::from(first_day) + 3).rem_euclid(7);
    let mut week = [DayClass::WeeklyRest; 7];
    for (j, slot) in (0_i64..).zip(week.iter_mut()) {
        if mask.0 & (1 << ((w0 + j) % 7)) != 0 {
            *slot = DayClass::Working;
        }
    }
    for (slot, k) in kinds.iter_mut().zip(week) {
        *slot = k;
    }
    let mut filled = kinds.len().min(7);
    while filled < kinds.len() {
        let n = filled.min(kinds.len() - filled);
        kinds.copy_within(0..n, filled);
        filled += n;
    }
}

struct Tables {
    /// The spec as compiled (for the Vietnamese preset: without its day names).
    spec: CalendarSpec,
    /// When `spec` was compiled without its day names: how to build the full spec, and the full
    /// spec once built.
    named: Option<(NamedSpec, OnceLock<CalendarSpec>)>,
    /// Day number of `spec.from`.
    start: i32,
    /// Day number of `spec.to`.
    end: i32,
    /// Class of each day of the range.
    kinds: Box<[DayClass]>,
    /// `cum[i]` = working days among the first `i` days of the range (`len + 1` entries).
    cum: Box<[u32]>,
    /// Day numbers of the working days, in order.
    nth: Box<[i32]>,
    /// Named days (holidays, closures, make-up days), by day number, each pointing at its
    /// name in the full spec (the first given for that day); built on first use.
    names: OnceLock<Box<[NameAt]>>,
    /// Working seconds per working day.
    day_seconds: i64,
    /// The closing time of a working day (the end of its last session).
    closing: NaiveTime,
    /// See [`WorkCalendar::fingerprint`] (computed on first use).
    fingerprint: OnceLock<u64>,
}

/// The fingerprint of a calendar's answers: its range, which of its days are working days, and
/// its office hours (day names and classes change explanations, not answers).
fn fingerprint_of(start: i32, end: i32, kinds: &[DayClass], hours: &OfficeHours) -> u64 {
    let mut f = crate::hash::Fingerprint::default();
    f.int(i64::from(start)).int(i64::from(end));
    for k in kinds {
        f.bytes(&[u8::from(k.is_working())]);
    }
    for (a, b) in &hours.sessions {
        f.int(i64::from(a.num_seconds_from_midnight()))
            .int(i64::from(b.num_seconds_from_midnight()));
    }
    f.value()
}

/// A compiled working-day calendar: immutable, `Send + Sync`, cheap to clone, every query O(1).
///
/// ```
/// use motcua::CalendarSpec;
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let mut spec = CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31"));
/// spec.holidays.push(d("2026-03-09").into());
/// let cal = spec.compile()?;
/// // Friday + 1 working day skips the weekend and the holiday on Monday.
/// assert_eq!(cal.add_working_days(d("2026-03-06"), 1)?, d("2026-03-10"));
/// assert_eq!(cal.working_days_between(d("2026-03-06"), d("2026-03-10"))?, 1);
/// assert!(!cal.is_working_day(d("2026-03-09"))?);
/// # Ok::<(), motcua::Error>(())
/// ```
#[derive(Clone)]
pub struct WorkCalendar {
    t: Arc<Tables>,
}

impl fmt::Debug for WorkCalendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WorkCalendar")
            .field("from", &self.t.spec.from)
            .field("to", &self.t.spec.to)
            .field("working_days", &self.t.nth.len())
            .finish()
    }
}

fn spec_err(msg: String) -> Error {
    Error::new(ErrorKind::InvalidSpec, msg)
}

/// A day number that bulk functions accept: `i32` (Arrow `date32`, JS `Int32Array`) or `i64`
/// (numpy `datetime64[D]`). The minimum value of the type is the "missing" sentinel (numpy's
/// `NaT` is `i64::MIN`): it passes through bulk functions unchanged.
pub trait DayNumber: Copy + Send + Sync + 'static {
    /// The missing-value sentinel (`NaT`).
    const MISSING: Self;
    /// Widens to `i64`.
    fn to_i64(self) -> i64;
    /// Narrows from `i64` (`None` when it does not fit).
    fn from_i64(v: i64) -> Option<Self>;
    /// Whether this is the missing sentinel.
    fn is_missing(self) -> bool;
}

impl DayNumber for i32 {
    const MISSING: i32 = i32::MIN;
    #[inline]
    fn to_i64(self) -> i64 {
        i64::from(self)
    }
    #[inline]
    fn from_i64(v: i64) -> Option<i32> {
        i32::try_from(v).ok()
    }
    #[inline]
    fn is_missing(self) -> bool {
        self == i32::MIN
    }
}

impl DayNumber for i64 {
    const MISSING: i64 = i64::MIN;
    #[inline]
    fn to_i64(self) -> i64 {
        self
    }
    #[inline]
    fn from_i64(v: i64) -> Option<i64> {
        Some(v)
    }
    #[inline]
    fn is_missing(self) -> bool {
        self == i64::MIN
    }
}

/// The second operand of a bulk call: one value for all elements, or one per element.
#[derive(Debug, Clone, Copy)]
pub enum Broadcast<'a, T> {
    /// The same value for every element.
    Scalar(T),
    /// One value per element (the slice must have the input's length).
    Each(&'a [T]),
}

impl<T: Copy> Broadcast<'_, T> {
    #[inline]
    fn get(&self, i: usize) -> Option<T> {
        match self {
            Broadcast::Scalar(v) => Some(*v),
            Broadcast::Each(s) => s.get(i).copied(),
        }
    }

    fn check_len(&self, len: usize) -> Result<()> {
        match self {
            Broadcast::Each(s) if s.len() != len => Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("operand has {} elements, input has {len}", s.len()),
            )),
            _ => Ok(()),
        }
    }
}

fn check_out_len(input: usize, out: usize) -> Result<()> {
    if input == out {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("output has {out} elements, input has {input}"),
        ))
    }
}

impl WorkCalendar {
    fn compile(spec: CalendarSpec, named: Option<NamedSpec>) -> Result<WorkCalendar> {
        if spec.from > spec.to {
            return Err(spec_err(format!(
                "`from` {} is after `to` {}",
                spec.from, spec.to
            )));
        }
        if spec.from < MIN_DATE || spec.to > MAX_DATE {
            return Err(spec_err(format!(
                "calendar range {}..{} exceeds the supported {MIN_DATE}..{MAX_DATE}",
                spec.from, spec.to
            )));
        }
        // (a calendar on which no working day can be counted: every count would say its answer
        // falls outside the range, which is not the cause)
        if spec.working_days.is_empty()
            && spec.weekmask.0 == 0
            && spec.weekmask_changes.iter().all(|c| c.weekmask.0 == 0)
        {
            return Err(spec_err(
                "weekmask `0000000` rests every day and `working_days` lists none: the calendar \
                 has no working day"
                    .into(),
            )
            .in_field("weekmask"));
        }
        let start = day_number(spec.from);
        let end = day_number(spec.to);
        let len = usize::try_from(end - start + 1).map_err(|_| spec_err("empty range".into()))?;

        // The weekly pattern, segment by segment: the mask of a day is that of the last change
        // (in `from` order) on or before it, else the spec's.
        let mut changes: Vec<(i32, Weekmask)> = spec
            .weekmask_changes
            .iter()
            .map(|c| (day_number(c.from), c.weekmask))
            .collect();
        crate::sort::sort_by_key(&mut changes, |c| c.0);
        let mut kinds = vec![DayClass::WeeklyRest; len];
        let mut mask = spec.weekmask;
        let mut seg = 0_usize;
        for (from, m) in changes {
            let at = usize::try_from(i64::from(from) - i64::from(start))
                .unwrap_or(0)
                .min(len);
            if at > seg {
                if let Some(part) = kinds.get_mut(seg..at) {
                    fill_weeks(
                        part,
                        mask,
                        start.saturating_add(i32::try_from(seg).unwrap_or(0)),
                    );
                }
                seg = at;
            }
            mask = m;
        }
        if let Some(part) = kinds.get_mut(seg..) {
            fill_weeks(
                part,
                mask,
                start.saturating_add(i32::try_from(seg).unwrap_or(0)),
            );
        }

        let set = |days: &[SpecDay], list: List, kinds: &mut Vec<DayClass>| {
            let field = list.field();
            for day in days {
                let d = day.date();
                if d < spec.from || d > spec.to {
                    // (the field says its list: `field \`holidays\`: 2051-01-05 is ...`)
                    return Err(spec_err(format!(
                        "{d} is outside the calendar range {}..{}",
                        spec.from, spec.to
                    ))
                    .in_field(field));
                }
                let class = DayClass::of_listed(list, day)?;
                let i = usize::try_from(day_number(d) - start).unwrap_or(usize::MAX);
                let Some(slot) = kinds.get_mut(i) else {
                    return Err(spec_err(format!("{field}: {d} out of range")));
                };
                match (class.kind(), slot.kind()) {
                    (DayKind::MakeupWorkingDay, DayKind::Holiday | DayKind::Closure)
                    | (DayKind::Holiday | DayKind::Closure, DayKind::MakeupWorkingDay) => {
                        return Err(spec_err(format!(
                            "{d} is both a day off and a working day (`working_days`)"
                        ))
                        .in_field(field));
                    }
                    (DayKind::MakeupWorkingDay, DayKind::Working) => {
                        // Already a working day by the weekmask: nothing to make up, but keep
                        // the name for explanations.
                    }
                    (DayKind::Holiday, DayKind::Closure) => {}
                    _ => *slot = class,
                }
            }
            Ok(())
        };
        set(&spec.holidays, List::Holidays, &mut kinds)?;
        set(&spec.closures, List::Closures, &mut kinds)?;
        set(&spec.working_days, List::WorkingDays, &mut kinds)?;
        let mut cum = Vec::with_capacity(len + 1);
        let mut nth = Vec::with_capacity(len);
        let mut count: u32 = 0;
        let mut day = start;
        cum.push(0);
        for k in &kinds {
            if k.is_working() {
                count += 1;
                nth.push(day);
            }
            cum.push(count);
            day = day.saturating_add(1);
        }

        Ok(WorkCalendar {
            t: Arc::new(Tables {
                fingerprint: OnceLock::new(),
                day_seconds: spec.office_hours.seconds_per_day(),
                closing: spec.office_hours.closing(),
                spec,
                named: named.map(|f| (f, OnceLock::new())),
                start,
                end,
                kinds: kinds.into_boxed_slice(),
                cum: cum.into_boxed_slice(),
                nth: nth.into_boxed_slice(),
                names: OnceLock::new(),
            }),
        })
    }

    /// The named days of `spec`: for each day the first name given (holidays, then closures,
    /// then working days, each in list order), by day number.
    fn name_index(spec: &CalendarSpec) -> Box<[NameAt]> {
        let mut names: Vec<NameAt> = Vec::new();
        for (list, days) in [&spec.holidays, &spec.closures, &spec.working_days]
            .into_iter()
            .enumerate()
        {
            for (index, day) in days.iter().enumerate() {
                if day.name().is_some() {
                    names.push(NameAt {
                        day: day_number(day.date()),
                        list: u8::try_from(list).unwrap_or(u8::MAX),
                        index,
                    });
                }
            }
        }
        // (list, index) is the order of precedence among names of the same day.
        crate::sort::sort_by_key(&mut names, |n| (n.day, n.list, n.index));
        names.dedup_by_key(|n| n.day);
        names.into_boxed_slice()
    }

    /// The spec this calendar was compiled from.
    pub fn spec(&self) -> &CalendarSpec {
        match &self.t.named {
            Some((build, full)) => full.get_or_init(build),
            None => &self.t.spec,
        }
    }

    /// First date covered.
    pub fn from(&self) -> NaiveDate {
        self.t.spec.from
    }

    /// Last date covered.
    pub fn to(&self) -> NaiveDate {
        self.t.spec.to
    }

    /// Checks that `as_of`, the instant a report, a worklist or the outcomes stand at, falls
    /// inside the calendar: a `date_out_of_range` error naming it otherwise, for a door to
    /// give before any record is read (rather than a table of zeros, every dossier received
    /// after it, or an error blamed on each open dossier).
    ///
    /// ```
    /// use motcua::civil::{parse_instant, DateOnly};
    /// let cal = motcua::vn::public_sector()?;
    /// let t = |s: &str| parse_instant(s, DateOnly::EndOfDay).unwrap();
    /// assert!(cal.check_as_of(t("2026-11-15")).is_ok());
    /// let e = cal.check_as_of(t("1926-11-15")).unwrap_err();
    /// assert_eq!(e.code(), "date_out_of_range");
    /// assert_eq!(e.field(), Some("as_of"));
    /// assert_eq!(e.message(), "1926-11-15 is outside the calendar range 1995-01-01..2199-12-31");
    /// # Ok::<(), motcua::Error>(())
    /// ```
    pub fn check_as_of(&self, as_of: NaiveDateTime) -> Result<()> {
        self.check_within(as_of, "as_of")
    }

    /// Checks that instant `t`, given as `field`, falls inside the calendar: a
    /// `date_out_of_range` error on `field` otherwise ([`check_as_of`](Self::check_as_of) is
    /// this for `as_of`). The record readers check a dossier's `received` with it before they
    /// leave out one received after the as-of instant, so that a receipt in year 9999 (a typo)
    /// is a bad row, as one in 1994 is, not a dossier quietly left out.
    pub fn check_within(&self, t: NaiveDateTime, field: &str) -> Result<()> {
        match self.index(i64::from(day_number(t.date()))) {
            Ok(_) => Ok(()),
            Err(e) => Err(e.in_field(field)),
        }
    }

    /// Whether instant `t`'s day is inside the calendar ([`check_within`](Self::check_within)
    /// as a test, for the hot path: no error built).
    #[inline]
    pub(crate) fn covers(&self, t: NaiveDateTime) -> bool {
        let d = t.date();
        d >= self.t.spec.from && d <= self.t.spec.to
    }

    /// Office hours.
    pub fn office_hours(&self) -> &OfficeHours {
        &self.t.spec.office_hours
    }

    /// The closing time of a working day: [`OfficeHours::closing`] of
    /// [`office_hours`](WorkCalendar::office_hours), kept at hand (every day count is due at
    /// it).
    #[inline]
    pub fn closing_time(&self) -> NaiveTime {
        self.t.closing
    }

    /// A number that identifies this calendar's answers: its range, which of its days are
    /// working days, and its office hours (FNV-1a over them: the same in every process and on
    /// every machine). Two calendars with different fingerprints count differently; day names
    /// and classes (which change explanations only) are not in it. A
    /// [`PartialReport`](crate::report::PartialReport) keeps it, so that counts made on
    /// different calendars (before and after a year's schedule was announced) are never merged.
    ///
    /// ```
    /// use motcua::CalendarSpec;
    /// let a = CalendarSpec::weekdays("2026-01-01".parse()?, "2026-12-31".parse()?).compile()?;
    /// let mut spec = CalendarSpec::weekdays("2026-01-01".parse()?, "2026-12-31".parse()?);
    /// assert_eq!(spec.clone().compile()?.fingerprint(), a.fingerprint());
    /// spec.holidays.push(motcua::calendar::SpecDay::Date("2026-11-24".parse()?));
    /// assert_ne!(spec.compile()?.fingerprint(), a.fingerprint());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fingerprint(&self) -> u64 {
        let t = &self.t;
        *t.fingerprint
            .get_or_init(|| fingerprint_of(t.start, t.end, &t.kinds, &t.spec.office_hours))
    }

    /// The same calendar with other office hours (the day tables are shared, not rebuilt).
    pub fn with_office_hours(&self, hours: OfficeHours) -> WorkCalendar {
        let t = &self.t;
        let mut spec = self.spec().clone();
        spec.office_hours = hours;
        WorkCalendar {
            t: Arc::new(Tables {
                fingerprint: OnceLock::new(),
                day_seconds: spec.office_hours.seconds_per_day(),
                closing: spec.office_hours.closing(),
                spec,
                start: t.start,
                end: t.end,
                kinds: t.kinds.clone(),
                cum: t.cum.clone(),
                nth: t.nth.clone(),
                names: t.names.clone(),
                named: None,
            }),
        }
    }

    #[cold]
    fn out_of_range(&self, what: impl fmt::Display) -> Error {
        Error::new(
            ErrorKind::DateOutOfRange,
            format!(
                "{what} is outside the calendar range {}..{}",
                self.t.spec.from, self.t.spec.to
            ),
        )
    }

    #[cold]
    fn answer_out_of_range(&self) -> Error {
        self.falls_outside(format_args!("the answer"))
    }

    /// The `date_out_of_range` error of `what` (an answer, a due date counted from an
    /// instant), which falls outside this calendar's range.
    #[cold]
    pub(crate) fn falls_outside(&self, what: std::fmt::Arguments<'_>) -> Error {
        Error::new(
            ErrorKind::DateOutOfRange,
            format!(
                "{what} falls outside the calendar range {}..{}",
                self.t.spec.from, self.t.spec.to
            ),
        )
    }

    /// Day number `d` as a date, or past what a date holds, the year it is around.
    pub(crate) fn describe_day(&self, d: i64) -> String {
        // (Past what chrono holds, ±262,143 years: a limit of 99,999,999 calendar days. Said
        // as a year, not as the day number, which a user never wrote.)
        date_from_day_number(d).map_or_else(
            |_| {
                let years = d / 146_097 * 400 + d % 146_097 * 400 / 146_097;
                format!("a date around the year {}", 1970 + years)
            },
            |x| x.to_string(),
        )
    }

    /// Index of day number `d` in the tables.
    #[inline(always)]
    fn index(&self, d: i64) -> Result<usize> {
        // One unsigned compare of the offset with the calendar's span (where three were: the
        // offset not negative, `d` not before the start, not after the end). A day number near
        // `i64::MIN` or `i64::MAX` (uninitialised memory read as `datetime64[D]`) cannot wrap
        // into the table: the span is below 2^33 (the ends are `i32`), and a wrapped offset is
        // off by 2^64.
        let (start, end) = (i64::from(self.t.start), i64::from(self.t.end));
        // (`as`: the bits, a negative offset read as a large one; `cast_unsigned` is newer
        // than the crate's minimum Rust.)
        let offset = d.wrapping_sub(start) as u64;
        match usize::try_from(offset) {
            Ok(i) if offset <= (end - start) as u64 => Ok(i),
            _ => Err(self.day_out_of_range(d)),
        }
    }

    /// The error of a day number outside the calendar.
    #[cold]
    #[inline(never)]
    fn day_out_of_range(&self, d: i64) -> Error {
        self.out_of_range(self.describe_day(d))
    }

    #[inline]
    fn cum_at(&self, i: usize) -> u32 {
        self.t.cum.get(i).copied().unwrap_or(0)
    }

    // ------------------------------------------------------------------ day-number primitives

    /// [`is_working_day`](WorkCalendar::is_working_day) on a day number (days since
    /// 1970-01-01).
    #[inline]
    pub fn is_working_day_number(&self, d: i64) -> Result<bool> {
        let i = self.index(d)?;
        Ok(self.t.kinds.get(i).is_some_and(|k| k.is_working()))
    }

    /// [`day_kind`](WorkCalendar::day_kind) on a day number.
    #[inline]
    pub fn day_kind_number(&self, d: i64) -> Result<DayKind> {
        self.day_class_number(d).map(DayClass::kind)
    }

    /// [`day_class`](WorkCalendar::day_class) on a day number.
    #[inline]
    pub fn day_class_number(&self, d: i64) -> Result<DayClass> {
        let i = self.index(d)?;
        self.t
            .kinds
            .get(i)
            .copied()
            .ok_or_else(|| self.out_of_range(d))
    }

    /// [`add_working_days`](WorkCalendar::add_working_days) on day numbers.
    #[inline]
    pub fn add_working_days_number(&self, d: i64, n: i64) -> Result<i64> {
        self.add_working_days_number_inlined(d, n)
    }

    /// [`add_working_days_number`](WorkCalendar::add_working_days_number), always inlined: for
    /// the deadline engine's count of a working-day limit natively (where `classify` called
    /// it out of line, some 10 instructions a dossier), not for every caller of the public
    /// method.
    #[inline(always)]
    pub(crate) fn add_working_days_number_inlined(&self, d: i64, n: i64) -> Result<i64> {
        let i = self.index(d)?;
        let k = if n >= 1 {
            // working days ≤ d, then the n-th after them
            i64::from(self.cum_at(i + 1)).checked_add(n - 1)
        } else {
            // working days < d; n = 0 → the first working day ≥ d
            i64::from(self.cum_at(i)).checked_add(n)
        };
        k.and_then(|k| usize::try_from(k).ok())
            .and_then(|k| self.t.nth.get(k))
            .map(|&x| i64::from(x))
            .ok_or_else(|| self.answer_out_of_range())
    }

    /// [`working_days_between`](WorkCalendar::working_days_between) on day numbers.
    #[inline]
    pub fn working_days_between_numbers(&self, a: i64, b: i64) -> Result<i64> {
        let ia = self.index(a)?;
        let ib = self.index(b)?;
        Ok(i64::from(self.cum_at(ib + 1)) - i64::from(self.cum_at(ia + 1)))
    }

    // ------------------------------------------------------------------ date API

    /// Whether `date` is a working day.
    #[inline]
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool> {
        self.is_working_day_number(i64::from(day_number(date)))
    }

    /// What `date` is: working day, weekly rest, holiday, closure or make-up working day.
    #[inline]
    pub fn day_kind(&self, date: NaiveDate) -> Result<DayKind> {
        self.day_kind_number(i64::from(day_number(date)))
    }

    /// What `date` is in detail: working, make-up working day, weekly rest, the class of a
    /// day off (statutory, compensatory, swapped, provisional, pending, or a plain holiday when
    /// the spec does not say) or closure.
    #[inline]
    pub fn day_class(&self, date: NaiveDate) -> Result<DayClass> {
        self.day_class_number(i64::from(day_number(date)))
    }

    /// The name the spec gives `date` (a holiday's name), if any.
    pub fn day_name(&self, date: NaiveDate) -> Option<&str> {
        let spec = self.spec();
        let names = self.t.names.get_or_init(|| WorkCalendar::name_index(spec));
        let i = names
            .binary_search_by_key(&day_number(date), |n| n.day)
            .ok()?;
        let at = names.get(i)?;
        let list = match at.list {
            0 => &spec.holidays,
            1 => &spec.closures,
            _ => &spec.working_days,
        };
        list.get(at.index)?.name()
    }

    /// For `n ≥ 1` the `n`-th working day strictly after `date`; for `n ≤ −1` the `|n|`-th
    /// working day strictly before it; for `n = 0`, `date` if it is a working day, else the
    /// next working day. Errors with `date_out_of_range` when `date` or the answer is outside
    /// the calendar.
    #[inline]
    pub fn add_working_days(&self, date: NaiveDate, n: i64) -> Result<NaiveDate> {
        let d = self.add_working_days_number(i64::from(day_number(date)), n)?;
        date_from_day_number(d)
    }

    /// The number of working days `d` with `a < d ≤ b`, negated when `b < a`.
    #[inline]
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64> {
        self.working_days_between_numbers(i64::from(day_number(a)), i64::from(day_number(b)))
    }

    /// The first working day strictly after `date` (= `add_working_days(date, 1)`).
    pub fn next_working_day(&self, date: NaiveDate) -> Result<NaiveDate> {
        self.add_working_days(date, 1)
    }

    /// The last working day strictly before `date` (= `add_working_days(date, -1)`).
    pub fn previous_working_day(&self, date: NaiveDate) -> Result<NaiveDate> {
        self.add_working_days(date, -1)
    }

    /// `date` if it is a working day, else the next one (= `add_working_days(date, 0)`).
    pub fn roll_forward(&self, date: NaiveDate) -> Result<NaiveDate> {
        self.add_working_days(date, 0)
    }

    /// Every non-working date in `from..=to` (weekly rest days included), in order.
    /// `from > to` is an `invalid_argument` error.
    pub fn days_off(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<NaiveDate>> {
        Ok(self
            .days_off_with_kind(from, to)?
            .into_iter()
            .map(|(d, _)| d)
            .collect())
    }

    /// Every non-working date in `from..=to` with its [`DayKind`].
    pub fn days_off_with_kind(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, DayKind)>> {
        Ok(self
            .days_off_with_class(from, to)?
            .into_iter()
            .map(|(d, c)| (d, c.kind()))
            .collect())
    }

    /// Every non-working date in `from..=to` with its [`DayClass`].
    /// `from > to` is an `invalid_argument` error.
    pub fn days_off_with_class(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, DayClass)>> {
        self.classes_in(from, to, |k| !k.is_working())
    }

    /// The days from `from` to `to` that are not ordinary working days (days off and make-up
    /// working days), with their class: what an explanation lists about a count.
    pub(crate) fn named_days_with_class(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, DayClass)>> {
        self.classes_in(from, to, |k| k != DayClass::Working)
    }

    fn classes_in(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        keep: impl Fn(DayClass) -> bool,
    ) -> Result<Vec<(NaiveDate, DayClass)>> {
        if from > to {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("range start {from} is after its end {to}"),
            ));
        }
        let a = self.index(i64::from(day_number(from)))?;
        let b = self.index(i64::from(day_number(to)))?;
        let kinds = self.t.kinds.get(a..=b).unwrap_or(&[]);
        let mut out = Vec::new();
        let mut date = from;
        for k in kinds {
            if keep(*k) {
                out.push((date, *k));
            }
            date = date.succ_opt().unwrap_or(date);
        }
        Ok(out)
    }

    /// Number of working days in the calendar (for statistics and tests).
    pub fn working_day_count(&self) -> usize {
        self.t.nth.len()
    }

    // ------------------------------------------------------------------ working hours

    /// Working seconds from the start of the calendar's first day to `at`.
    fn position(&self, at: NaiveDateTime) -> Result<i64> {
        let d = i64::from(day_number(at.date()));
        let i = self.index(d)?;
        let before = i64::from(self.cum_at(i));
        let today = if self.t.kinds.get(i).is_some_and(|k| k.is_working()) {
            self.t.spec.office_hours.seconds_worked_by(at.time())
        } else {
            0
        };
        Ok(before * self.t.day_seconds + today)
    }

    /// The instant at which `seconds ≥ 0` working seconds have elapsed after `at`, counting only
    /// office hours of working days. An amount that ends exactly at the close of a session ends
    /// there (17:00, not the next morning). `seconds = 0` returns `at`.
    pub fn add_working_seconds(&self, at: NaiveDateTime, seconds: i64) -> Result<NaiveDateTime> {
        if seconds < 0 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("working time to add must not be negative (got {seconds} s)"),
            ));
        }
        let pos = self.position(at)?;
        if seconds == 0 {
            return Ok(at);
        }
        let target = pos
            .checked_add(seconds)
            .ok_or_else(|| self.answer_out_of_range())?;
        let w = self.t.day_seconds;
        let k = (target - 1) / w;
        let within = target - k * w;
        let day = usize::try_from(k)
            .ok()
            .and_then(|k| self.t.nth.get(k))
            .ok_or_else(|| self.answer_out_of_range())?;
        let date = date_from_day_number(i64::from(*day))?;
        Ok(date.and_time(self.t.spec.office_hours.time_after(within)))
    }

    /// The instant at which `hours` working hours have elapsed after `at`; see
    /// [`add_working_seconds`](WorkCalendar::add_working_seconds).
    ///
    /// ```
    /// # let cal = motcua::CalendarSpec::weekdays("2026-01-01".parse().unwrap(), "2026-12-31".parse().unwrap()).compile().unwrap();
    /// // 8 h from Monday 14:00 end on Tuesday 14:00 (07:30–11:30, 13:00–17:00).
    /// let at = "2026-03-02T14:00:00".parse().unwrap();
    /// assert_eq!(cal.add_working_hours(at, 8)?.to_string(), "2026-03-03 14:00:00");
    /// # Ok::<(), motcua::Error>(())
    /// ```
    pub fn add_working_hours(&self, at: NaiveDateTime, hours: i64) -> Result<NaiveDateTime> {
        let secs = hours
            .checked_mul(3600)
            .ok_or_else(|| self.answer_out_of_range())?;
        self.add_working_seconds(at, secs)
    }

    /// Working seconds in office hours between `a` and `b` (negative when `b < a`).
    pub fn working_seconds_between(&self, a: NaiveDateTime, b: NaiveDateTime) -> Result<i64> {
        Ok(self.position(b)? - self.position(a)?)
    }

    /// Working time in office hours between `a` and `b` (negative when `b < a`).
    pub fn working_hours_between(&self, a: NaiveDateTime, b: NaiveDateTime) -> Result<TimeDelta> {
        Ok(TimeDelta::seconds(self.working_seconds_between(a, b)?))
    }

    // ------------------------------------------------------------------ bulk

    /// Bulk [`add_working_days`](WorkCalendar::add_working_days) over day numbers, writing into
    /// `out` (same length as `days`). Missing values ([`DayNumber::MISSING`], numpy `NaT`) give
    /// missing values. On error, returns it located at the index of the first bad element; the
    /// content of `out` is then unspecified.
    pub fn add_working_days_bulk<T: DayNumber, N: DayNumber>(
        &self,
        days: &[T],
        n: Broadcast<'_, N>,
        out: &mut [T],
    ) -> Result<()> {
        check_out_len(days.len(), out.len())?;
        n.check_len(days.len())?;
        for (i, (d, o)) in days.iter().zip(out.iter_mut()).enumerate() {
            let Some(k) = n.get(i) else { break };
            if d.is_missing() || k.is_missing() {
                *o = T::MISSING;
                continue;
            }
            let r = self
                .add_working_days_number(d.to_i64(), k.to_i64())
                .map_err(|e| e.at_index(i))?;
            *o = T::from_i64(r).ok_or_else(|| self.answer_out_of_range().at_index(i))?;
        }
        Ok(())
    }

    /// Bulk [`working_days_between`](WorkCalendar::working_days_between): `out[i]` = working
    /// days between `a[i]` and `b[i]` (or the scalar `b`). A missing input gives
    /// `O::MISSING`.
    pub fn working_days_between_bulk<T: DayNumber, O: DayNumber>(
        &self,
        a: &[T],
        b: Broadcast<'_, T>,
        out: &mut [O],
    ) -> Result<()> {
        check_out_len(a.len(), out.len())?;
        b.check_len(a.len())?;
        for (i, (x, o)) in a.iter().zip(out.iter_mut()).enumerate() {
            let Some(y) = b.get(i) else { break };
            if x.is_missing() || y.is_missing() {
                *o = O::MISSING;
                continue;
            }
            let r = self
                .working_days_between_numbers(x.to_i64(), y.to_i64())
                .map_err(|e| e.at_index(i))?;
            *o = O::from_i64(r).unwrap_or(O::MISSING);
        }
        Ok(())
    }

    /// Bulk [`is_working_day`](WorkCalendar::is_working_day): `out[i]` is 1 for a working day,
    /// 0 otherwise, and `missing` for a missing input.
    pub fn is_working_day_bulk<T: DayNumber>(
        &self,
        days: &[T],
        out: &mut [u8],
        missing: u8,
    ) -> Result<()> {
        // Written out, not through `map_days`: the WebAssembly build uses this one, and its
        // size budget is measured on this code.
        check_out_len(days.len(), out.len())?;
        for (i, (d, o)) in days.iter().zip(out.iter_mut()).enumerate() {
            if d.is_missing() {
                *o = missing;
                continue;
            }
            *o = u8::from(
                self.is_working_day_number(d.to_i64())
                    .map_err(|e| e.at_index(i))?,
            );
        }
        Ok(())
    }
}

/// `out[i] = f(days[i])`, `missing` for a missing day; an error is located at its index.
fn map_days<T: DayNumber, O>(
    days: &[T],
    out: &mut [O],
    missing: O,
    f: impl Fn(i64) -> Result<O>,
) -> Result<()>
where
    O: Copy,
{
    check_out_len(days.len(), out.len())?;
    for (i, (d, o)) in days.iter().zip(out.iter_mut()).enumerate() {
        *o = if d.is_missing() {
            missing
        } else {
            f(d.to_i64()).map_err(|e| e.at_index(i))?
        };
    }
    Ok(())
}

/// Day kinds and day names over many dates: the column versions of
/// [`day_kind`](WorkCalendar::day_kind) and [`day_name`](WorkCalendar::day_name) (a binding turns
/// the codes into a categorical column without a call per element).
impl WorkCalendar {
    /// Bulk [`day_kind`](WorkCalendar::day_kind): `out[i]` is the [`DayKind`] of `days[i]` as
    /// its code (`kind as u8`, the position in [`DayKind::ALL`]), and `missing` for a missing
    /// input. A date outside the calendar is a `date_out_of_range` error located at its index.
    ///
    /// ```
    /// use motcua::{CalendarSpec, DayKind};
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let cal = CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31")).compile()?;
    /// let days = [motcua::civil::day_number(d("2026-03-06")), i32::MIN, 20519]; // Fri, NaT, Sat
    /// let mut out = [0_u8; 3];
    /// cal.day_kind_bulk(&days, &mut out, u8::MAX)?;
    /// assert_eq!(out, [DayKind::Working as u8, u8::MAX, DayKind::WeeklyRest as u8]);
    /// # Ok::<(), motcua::Error>(())
    /// ```
    pub fn day_kind_bulk<T: DayNumber>(
        &self,
        days: &[T],
        out: &mut [u8],
        missing: u8,
    ) -> Result<()> {
        map_days(days, out, missing, |d| {
            self.day_kind_number(d).map(|k| k as u8)
        })
    }

    /// Bulk [`day_name`](WorkCalendar::day_name): `out[i]` is the position of the name of
    /// `days[i]` in the returned list of distinct names (in order of first appearance), or `-1`
    /// when the date has no name or is missing. As with `day_name`, a date outside the calendar
    /// has no name; a day number that is no date at all (beyond chrono's years) is an
    /// [`ErrorKind::DateOutOfRange`] error with its index.
    pub fn day_name_bulk<T: DayNumber>(&self, days: &[T], out: &mut [i32]) -> Result<Vec<&str>> {
        check_out_len(days.len(), out.len())?;
        let mut names: Vec<&str> = Vec::new();
        let mut seen: std::collections::HashMap<&str, i32> = std::collections::HashMap::new();
        for (i, (d, o)) in days.iter().zip(out.iter_mut()).enumerate() {
            *o = -1;
            if d.is_missing() {
                continue;
            }
            let date = date_from_day_number(d.to_i64()).map_err(|e| e.at_index(i))?;
            if let Some(name) = self.day_name(date) {
                *o = match seen.get(name) {
                    Some(&k) => k,
                    None => {
                        let k = i32::try_from(names.len()).map_err(|_| {
                            Error::new(ErrorKind::InvalidArgument, "too many distinct day names")
                        })?;
                        names.push(name);
                        seen.insert(name, k);
                        k
                    }
                };
            }
        }
        Ok(names)
    }
}

/// The JSON path (`holidays[2].date`) of the value being read at `line`:`column` (1-based, as
/// serde_json reports them) of `text`: where a spec value that fails is, named.
fn json_path_at(text: &str, line: usize, column: usize) -> String {
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

#[cfg(test)]
#[path = "tests_calendar.rs"]
mod tests;
