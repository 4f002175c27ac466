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
use crate::error::{Error, ErrorKind, Result};

mod bulk;
mod spec;

pub use bulk::{Broadcast, DayNumber};
pub(crate) use spec::NamedSpec;
pub use spec::{
    CalendarSpec, HolidayKind, ListedDay, OfficeHours, SpecDay, Weekmask, WeekmaskChange, MAX_DATE,
    MIN_DATE,
};

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

/// The lists of days in a spec (numbered from 1: 0 is no list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Holidays = 1,
    Closures = 2,
    WorkingDays = 3,
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

/// The date of a day number outside a calendar's range (see
/// [`WorkCalendar::date_of_number`]).
#[cfg(not(target_arch = "wasm32"))]
#[cold]
#[inline(never)]
fn date_outside(d: i64) -> Result<NaiveDate> {
    crate::civil::date_from_day_number(d)
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
    /// `end - start`, the largest index of a day (the one bound `index` compares with, kept
    /// rather than worked out at every lookup).
    span: u64,
    /// Class of each day of the range.
    kinds: Box<[DayClass]>,
    /// `cum[i]` = working days among the first `i` days of the range (`len + 1` entries).
    cum: Box<[u32]>,
    /// Day numbers of the working days, in order.
    nth: Box<[i32]>,
    /// The date of each day of the range, so that turning an answer's day number into a date
    /// is one read (chrono's conversion, even near a known date, was some 14 instructions a
    /// date of every `due`). Natively only: on WebAssembly, where memory and bytes count
    /// more, dates are converted by [`date_from_day_number`].
    #[cfg(not(target_arch = "wasm32"))]
    dates: Box<[NaiveDate]>,
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
        // Two changes on one day: which pattern holds is a guess (the file's order is no
        // rule), so it is an error, as a day listed twice in a schedules file is.
        if let Some(&[(day, _), _]) = changes
            .windows(2)
            .find(|w| matches!(w, [a, b] if a.0 == b.0))
        {
            return Err(spec_err(format!(
                "two weekly patterns from {}: keep one",
                crate::civil::date_from_day_number(i64::from(day))?
            ))
            .in_field("weekmask_changes"));
        }
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

        // The list that last listed each day (1, 2, 3; 0: none): a date listed twice in one
        // list, which entry's name and kind hold is a guess (and `motcua holidays` would list
        // the day twice), so it is an error naming it.
        let mut listed = vec![0_u8; len];
        let mut set = |days: &[SpecDay], list: List, kinds: &mut Vec<DayClass>| {
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
                let (Some(slot), Some(by)) = (kinds.get_mut(i), listed.get_mut(i)) else {
                    return Err(spec_err(format!("{field}: {d} out of range")));
                };
                if *by == list as u8 {
                    return Err(spec_err(format!("{d} is listed twice")).in_field(field));
                }
                *by = list as u8;
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

        #[cfg(not(target_arch = "wasm32"))]
        let dates: Box<[NaiveDate]> = spec.from.iter_days().take(len).collect();
        Ok(WorkCalendar {
            t: Arc::new(Tables {
                #[cfg(not(target_arch = "wasm32"))]
                dates,
                fingerprint: OnceLock::new(),
                day_seconds: spec.office_hours.seconds_per_day(),
                closing: spec.office_hours.closing(),
                spec,
                named: named.map(|f| (f, OnceLock::new())),
                start,
                end,
                span: u64::try_from(end - start).unwrap_or(0),
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

    /// [`covers`](Self::covers) for an instant whose day is known not to be before the
    /// calendar's first day (an event of a dossier whose receipt the calendar covers, checked
    /// not to be before it): only the last day is compared.
    #[inline]
    pub(crate) fn covers_not_before(&self, t: NaiveDateTime) -> bool {
        t.date() <= self.t.spec.to
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
                span: t.span,
                kinds: t.kinds.clone(),
                cum: t.cum.clone(),
                nth: t.nth.clone(),
                #[cfg(not(target_arch = "wasm32"))]
                dates: t.dates.clone(),
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
        // (`as`: the bits, a negative offset read as a large one; `cast_unsigned` is newer
        // than the crate's minimum Rust.)
        let offset = d.wrapping_sub(i64::from(self.t.start)) as u64;
        match usize::try_from(offset) {
            Ok(i) if offset <= self.t.span => Ok(i),
            _ => Err(self.day_out_of_range(d)),
        }
    }

    /// The error of a day number outside the calendar.
    #[cold]
    #[inline(never)]
    fn day_out_of_range(&self, d: i64) -> Error {
        self.out_of_range(self.describe_day(d))
    }

    /// The date of day number `d`: read from the table for a day of the range, else
    /// [`date_from_day_number`]'s (its answer or its
    /// error).
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    pub(crate) fn date_of_number(&self, d: i64) -> Result<NaiveDate> {
        // (`as`: the bits, a negative offset read as a large one, as in `index`.)
        let offset = d.wrapping_sub(i64::from(self.t.start)) as u64;
        match usize::try_from(offset)
            .ok()
            .and_then(|i| self.t.dates.get(i))
        {
            Some(&date) => Ok(date),
            None => date_outside(d),
        }
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

    /// [`add_working_days_number`](WorkCalendar::add_working_days_number) of `n.max(0)` working
    /// days (never counted backwards), always inlined: the deadline engine's count of a
    /// working-day limit natively (out of line, `classify` called it at some 10 instructions
    /// a dossier more; the clamp and the test of `n` made once; the sum wraps
    /// rather than being checked, a wrapped sum being negative and so no working day, the
    /// same error).
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    pub(crate) fn add_working_days_forward(&self, d: i64, n: i64) -> Result<i64> {
        let i = self.index(d)?;
        let k = if n >= 1 {
            // working days ≤ d, then the n-th after them
            i64::from(self.cum_at(i + 1)).wrapping_add(n - 1)
        } else {
            // n ≤ 0 → 0: the first working day ≥ d
            i64::from(self.cum_at(i))
        };
        usize::try_from(k)
            .ok()
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
}

#[cfg(test)]
#[path = "tests_calendar.rs"]
mod tests;
