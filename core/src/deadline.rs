//! The counting rules, in one place: when the clock starts (the deemed receipt day), how each
//! kind of time limit is counted, the 15:00 cut-off of same-day limits, supplement pauses and
//! restarts, apologies and extensions, the rule set in force, and the switches ([`Rules`]) that
//! reproduce other systems' numbers. The entry points are [`due`], [`due_explained`] and
//! [`due_with`]; [`outcome::classify`](crate::outcome::classify) builds on them.
//!
//! Every rule is a small function below whose doc comment cites its source in
//! `reference/procedures.md` and the legal text with the reference's status letter: **\[V\]**
//! verified, **\[S\]** secondary sources only, **\[U\]** not verified (recalled, to be checked).
//!
//! # The count, step by step (default rules = the law)
//! 1. The deemed receipt day `D` ([`deemed_receipt_day`]): the day of receipt when it is a
//!    working day and the time is not after closing time, else the next working day.
//! 2. The limit from `D`: [`working_days_due`], [`calendar_days_due`],
//!    [`working_hours_expiry`], [`same_day_due`].
//! 3. Events, in order: a supplement request stops the clock and a complete dossier restarts
//!    it with what was left ([`working_days_used`], [`calendar_days_used`],
//!    [`working_seconds_used`]; or a fresh limit under `supplement=restart`); the first apology
//!    issued by the end of the due date, and any extension, replace the due date with their
//!    `new_due` ([`new_appointment_applies`]); a result, refusal or withdrawal ends the clock.
//! 4. The rule set ([`rule_set_for`]) is chosen by `D` and kept for the dossier's whole life.
//!
//! ```
//! use motcua::{CalendarSpec, deadline::{due, Rules}, dossier::Dossier};
//! let cal = CalendarSpec::weekdays("2026-01-01".parse()?, "2026-12-31".parse()?).compile()?;
//! let d = Dossier::from_json(r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":3}}"#)?;
//! let out = due(&d, &cal, &Rules::default(), None)?;
//! assert_eq!(out.due.to_string(), "2026-03-05");
//! assert_eq!(out.rule_set.as_str(), "nd118");
//! assert_eq!(serde_json::to_string(&out)?,
//!   r#"{"due":"2026-03-05","due_at":"2026-03-05T17:00","rule_set":"nd118","deemed_receipt":"2026-03-02","warnings":[]}"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

use crate::calendar::{DayKind, WorkCalendar};
use crate::dossier::{Dossier, Event, EventKind, Lifecycle, LimitSource};
use crate::error::{Error, ErrorKind, Result};
use crate::procedure::{AuthorityLevel, Catalogue, Procedure, TimeLimit};

pub use crate::dossier::{Warning, WarningCode};

// =============================================================================================
// Options
// =============================================================================================

macro_rules! option_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $key:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// The option's key in `--rule KEY=VALUE`.
            pub const KEY: &'static str = $key;
            /// The accepted values, the default (the law) first.
            pub const VALUES: &'static [&'static str] = &[$($text),+];

            /// The value as written in `--rule KEY=VALUE`.
            pub const fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text, )+ }
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<$name> {
                match s.trim() {
                    $( $text => Ok($name::$variant), )+
                    other => Err(Error::new(
                        ErrorKind::InvalidRule,
                        format!(
                            "rule `{}`: unknown value `{}` (allowed: {})",
                            $key, other, $name::VALUES.join(", ")
                        ),
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

option_enum! {
    /// What a supplement request during processing does to the clock (reference §3.1, §5.1).
    SupplementRule, "supplement" {
        /// The days already used count; the rest runs on from the deemed receipt day of the
        /// complete dossier (Decree 61/2018/NĐ-CP, Art. 19 \[U\]; the national portal counts so
        /// \[S\]). The default.
        #[default]
        Pause = "pause",
        /// A fresh limit from the deemed receipt day of the last complete dossier (some
        /// sectoral laws and provincial processes \[U\]).
        Restart = "restart",
    }
}

option_enum! {
    /// How working-day limits are counted (reference §5.3).
    Counting, "counting" {
        /// Whole working days, Civil-Code style (the law). The default.
        #[default]
        Days = "days",
        /// N days = 8N working hours from the receipt instant, due at an instant, as OpenCPS v2
        /// counts (`DueDateUtils`, `DAY_TO_HOURS = 8` [V, source read]).
        Hours = "hours",
    }
}

option_enum! {
    /// How a result (or "now") is compared with the due date (reference §4, §5).
    Compare, "compare" {
        /// By date: a result on the due date is on time, whatever the hour (Civil Code: a
        /// period ends at the end of its last day [V as content]). The default.
        #[default]
        Date = "date",
        /// By instant: late when after `due_at` (hour-based dashboards).
        Instant = "instant",
    }
}

option_enum! {
    /// What an apology with a new appointment does (reference §3.3).
    ApologyRule, "apology" {
        /// The first apology issued by the end of the due date moves the due date (Form 04 of
        /// Circular 01/2018/TT-VPCP \[U\]). The default.
        #[default]
        MovesDue = "moves_due",
        /// The due date stays: a dossier that needed an apology and was resolved after the
        /// original date is late (index-style statistics \[U\]).
        CountsLate = "counts_late",
    }
}

option_enum! {
    /// What more than one supplement request means (reference §5, §5.4).
    MultiSupplement, "multi_supplement" {
        /// Accepted with a warning: a breach of procedure, not proof of a late result. The
        /// default.
        #[default]
        Allowed = "allowed",
        /// The dossier is late (resolved) or overdue (pending), as some portals count \[U\].
        Late = "late",
    }
}

option_enum! {
    /// Which day the clock starts from (reference §1, §5).
    DeemedReceipt, "deemed_receipt" {
        /// The receipt day if a working day and not after closing time, else the next working
        /// day. The default.
        #[default]
        NextWorkingDayAfterHours = "next_working_day_after_hours",
        /// The calendar date of receipt, whatever the day and hour (naive date arithmetic).
        CalendarDay = "calendar_day",
    }
}

/// The rule switches (reference §5). `Rules::default()` is the law; each field is one switch
/// so that analysts can reproduce other systems' numbers. The CLI sets them with
/// `--rule KEY=VALUE` through [`Rules::set_pair`].
///
/// ```
/// use motcua::deadline::{Rules, SupplementRule};
/// let mut r = Rules::default();
/// r.set_pair("supplement=restart")?;
/// assert_eq!(r.supplement, SupplementRule::Restart);
/// assert_eq!(r.set("counting", "minutes").unwrap_err().code(), "invalid_rule");
/// # Ok::<(), motcua::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// `supplement`: pause (default) or restart.
    pub supplement: SupplementRule,
    /// `counting`: days (default) or hours.
    pub counting: Counting,
    /// `compare`: date (default) or instant.
    pub compare: Compare,
    /// `apology`: moves_due (default) or counts_late.
    pub apology: ApologyRule,
    /// `multi_supplement`: allowed (default) or late.
    pub multi_supplement: MultiSupplement,
    /// `deemed_receipt`: next_working_day_after_hours (default) or calendar_day.
    pub deemed_receipt: DeemedReceipt,
}

impl Rules {
    /// The option keys with their values (default first), for help texts.
    pub const OPTIONS: &'static [(&'static str, &'static [&'static str])] = &[
        (SupplementRule::KEY, SupplementRule::VALUES),
        (Counting::KEY, Counting::VALUES),
        (Compare::KEY, Compare::VALUES),
        (ApologyRule::KEY, ApologyRule::VALUES),
        (MultiSupplement::KEY, MultiSupplement::VALUES),
        (DeemedReceipt::KEY, DeemedReceipt::VALUES),
    ];

    /// Sets option `key` to `value`. An unknown key or value is an [`ErrorKind::InvalidRule`]
    /// error whose message lists what is allowed.
    pub fn set(&mut self, key: &str, value: &str) -> Result<()> {
        match key.trim() {
            SupplementRule::KEY => self.supplement = value.parse()?,
            Counting::KEY => self.counting = value.parse()?,
            Compare::KEY => self.compare = value.parse()?,
            ApologyRule::KEY => self.apology = value.parse()?,
            MultiSupplement::KEY => self.multi_supplement = value.parse()?,
            DeemedReceipt::KEY => self.deemed_receipt = value.parse()?,
            other => {
                return Err(Error::new(
                    ErrorKind::InvalidRule,
                    format!(
                        "unknown rule `{other}` (allowed: {})",
                        Rules::OPTIONS
                            .iter()
                            .map(|(k, v)| format!("{k}={}", v.join("|")))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ))
            }
        }
        Ok(())
    }

    /// Sets an option from a `KEY=VALUE` string (the CLI's `--rule KEY=VALUE`).
    pub fn set_pair(&mut self, pair: &str) -> Result<()> {
        let (k, v) = pair.split_once('=').ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidRule,
                format!("`{pair}` is not KEY=VALUE (e.g. supplement=restart)"),
            )
        })?;
        self.set(k, v)
    }
}

impl fmt::Display for Rules {
    /// `supplement=pause counting=days compare=date apology=moves_due multi_supplement=allowed
    /// deemed_receipt=next_working_day_after_hours`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "supplement={} counting={} compare={} apology={} multi_supplement={} deemed_receipt={}",
            self.supplement,
            self.counting,
            self.compare,
            self.apology,
            self.multi_supplement,
            self.deemed_receipt
        )
    }
}

// =============================================================================================
// Rule sets
// =============================================================================================

/// The rule-set versions, chosen by the deemed receipt day (reference §0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSet {
    /// Before 2018-06-21: Decision 09/2015/QĐ-TTg (93/2007/QĐ-TTg before 2015-05) \[U\].
    Pre2018,
    /// 2018-06-21 .. 2025-06-30: Decree 61/2018/NĐ-CP (+ Decree 107/2021/NĐ-CP).
    Nd61,
    /// From 2025-07-01: Decree 118/2025/NĐ-CP (+ Decree 367/2025/NĐ-CP, Circular
    /// 03/2025/TT-VPCP).
    Nd118,
}

impl RuleSet {
    /// `"pre2018"`, `"nd61"` or `"nd118"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RuleSet::Pre2018 => "pre2018",
            RuleSet::Nd61 => "nd61",
            RuleSet::Nd118 => "nd118",
        }
    }

    /// The table entry of this rule set.
    pub fn info(self) -> &'static RuleSetInfo {
        match self {
            RuleSet::Pre2018 => &RULE_SETS[0],
            RuleSet::Nd61 => &RULE_SETS[1],
            RuleSet::Nd118 => &RULE_SETS[2],
        }
    }
}

impl fmt::Display for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the rule-set table: what differs between versions. Today only the
/// verification status and the district level differ; a verified difference in arithmetic is
/// a new column here and one line per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleSetInfo {
    /// The id.
    pub id: RuleSet,
    /// First deemed receipt day the set applies to (`None`: from the beginning).
    pub from: Option<NaiveDate>,
    /// The base texts.
    pub basis: &'static str,
    /// Whether its texts were checked (reference §0: `pre2018` is flagged "not verified").
    pub verified: bool,
    /// Whether district-level authorities exist (abolished 2025-07-01, reference §0 \[S\]).
    pub has_districts: bool,
}

const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(x) => x,
        None => NaiveDate::MIN,
    }
}

/// The rule-set table (reference §0, §6), in date order. Dates \[V\]: Decree 61/2018/NĐ-CP in
/// force 2018-06-21 (public copy of its header); Decree 118/2025/NĐ-CP in force 2025-07-01
/// \[S\].
pub const RULE_SETS: [RuleSetInfo; 3] = [
    RuleSetInfo {
        id: RuleSet::Pre2018,
        from: None,
        basis: "Decision 09/2015/QĐ-TTg (Decision 93/2007/QĐ-TTg before 2015-05) [U]",
        verified: false,
        has_districts: true,
    },
    RuleSetInfo {
        id: RuleSet::Nd61,
        from: Some(ymd(2018, 6, 21)),
        basis: "Decree 61/2018/NĐ-CP as amended by Decree 107/2021/NĐ-CP",
        verified: true,
        has_districts: true,
    },
    RuleSetInfo {
        id: RuleSet::Nd118,
        from: Some(ymd(2025, 7, 1)),
        basis: "Decree 118/2025/NĐ-CP, Decree 367/2025/NĐ-CP, Circular 03/2025/TT-VPCP [S]",
        verified: true,
        has_districts: false,
    },
];

/// The rule set in force for a dossier whose deemed receipt day is `d`: the last row of
/// [`RULE_SETS`] starting on or before `d`. A dossier keeps it for its whole life (the usual
/// transitional clause; \[U\] for Decree 118/2025/NĐ-CP; reference §0).
#[inline]
pub fn rule_set_for(d: NaiveDate) -> &'static RuleSetInfo {
    let mut found = &RULE_SETS[0];
    for r in &RULE_SETS {
        match r.from {
            Some(f) if f > d => {}
            _ => found = r,
        }
    }
    found
}

// =============================================================================================
// The rules
// =============================================================================================

/// Working hours in a day when a day limit is counted in hours: OpenCPS v2
/// (`org.opencps.datamgt.util.DueDateUtils`, `DAY_TO_HOURS = 8`) [V, source read]; reference
/// §5.3. Used whatever the calendar's office hours.
pub const HOURS_PER_DAY: u32 = 8;

/// The deemed receipt day `D`, day 0 of the count (reference §1).
///
/// Default: the date of `at` when it is a working day and the time is at or before the
/// calendar's closing time — including before opening and in the lunch break — else the next
/// working day. Every channel alike: Decree 61/2018/NĐ-CP, Art. 17 (direct) \[U\]; Decision
/// 45/2016/QĐ-TTg, Art. 7 (postal) \[U\]; Decree 45/2020/NĐ-CP (online) \[U\], common portal
/// practice \[S\]. Option `deemed_receipt=calendar_day`: the date of `at`, whatever the day and
/// hour.
///
/// The same rule gives the deemed receipt day of a complete dossier after a supplement
/// request (Decree 61/2018/NĐ-CP, Art. 19 \[U\]; reference §3.1).
#[inline]
pub fn deemed_receipt_day(
    calendar: &WorkCalendar,
    at: NaiveDateTime,
    rule: DeemedReceipt,
) -> Result<NaiveDate> {
    let date = at.date();
    match rule {
        DeemedReceipt::CalendarDay => {
            // Still within the calendar's range, or an error.
            calendar.is_working_day(date)?;
            Ok(date)
        }
        DeemedReceipt::NextWorkingDayAfterHours => {
            if calendar.is_working_day(date)? && at.time() <= calendar.office_hours().closing() {
                Ok(date)
            } else {
                add_working_days_fast(calendar, date, 1)
            }
        }
    }
}

/// [`WorkCalendar::add_working_days`] for `n ≥ 0`, turning the answer back into a date by
/// adding days to `d` (chrono's same-year fast path) instead of converting a day number.
#[inline]
fn add_working_days_fast(calendar: &WorkCalendar, d: NaiveDate, n: i64) -> Result<NaiveDate> {
    let from = i64::from(crate::civil::day_number(d));
    let to = calendar.add_working_days_number(from, n)?;
    u64::try_from(to - from)
        .ok()
        .and_then(|k| d.checked_add_days(Days::new(k)))
        .map_or_else(|| calendar.add_working_days(d, n), Ok)
}

/// A limit of `n` working days from deemed receipt day `d` ends on the `n`-th working day
/// strictly after `d`: the day of receipt is not counted and the period ends at the end of
/// its last day (Civil Code 2015, Arts 144–148 [V as content; article split U]; reference
/// §2.1). `n = 0` (nothing left after a supplement pause) gives `d` itself when it is a
/// working day, else the next working day.
#[inline]
pub fn working_days_due(calendar: &WorkCalendar, d: NaiveDate, n: i64) -> Result<NaiveDate> {
    add_working_days_fast(calendar, d, n.max(0))
}

/// A limit of `n` calendar days from `d` ends on `d + n`; when that is not a working day
/// (weekend, holiday, compensatory or swapped day off) the period ends at the end of the next
/// working day. Rest days inside the period count. (Civil Code 2015, the rule on a period
/// ending on a rest day [V as content; article U]; reference §2.2.)
#[inline]
pub fn calendar_days_due(calendar: &WorkCalendar, d: NaiveDate, n: i64) -> Result<NaiveDate> {
    let end = u64::try_from(n.max(0))
        .ok()
        .and_then(|n| d.checked_add_days(Days::new(n)))
        .ok_or_else(|| {
            Error::new(
                ErrorKind::DateOutOfRange,
                format!("{d} + {n} days is not a representable date"),
            )
        })?;
    add_working_days_fast(calendar, end, 0)
}

/// A limit in working time expires when `seconds` working seconds inside office hours have
/// elapsed from `at` (an instant before opening starts at opening; after closing or on a rest
/// day, at the next opening); the due date is the expiry's date (reference §2.3 [S: published
/// procedure sheets state limits in working hours]). `seconds = 0` expires at `at`.
#[inline]
pub fn working_hours_expiry(
    calendar: &WorkCalendar,
    at: NaiveDateTime,
    seconds: i64,
) -> Result<NaiveDateTime> {
    calendar.add_working_seconds(at, seconds.max(0))
}

/// A same-day limit (*trong ngày*) is due on the deemed receipt day `d`, or on the next
/// working day when the request was received on `d` itself strictly after `cutoff` (15:00):
/// Decree 23/2015/NĐ-CP, Art. 7 [S: repeated verbatim in published procedure sheets; article
/// U]; reference §2.4. A dossier deemed received on a later day (online at night, on Sunday)
/// is treated as arriving at opening: due `d`. (Under `deemed_receipt=calendar_day`, `d` may be
/// a rest day: the result is then due on the next working day, as a period ending on a rest
/// day is extended, reference §2.2.) The cut-off applies to same-day limits only:
/// the 15:00 of Decree 61/2018/NĐ-CP, Art. 18 \[U\] moves paper inside the agency, not the
/// appointment.
#[inline]
pub fn same_day_due(
    calendar: &WorkCalendar,
    d: NaiveDate,
    at: NaiveDateTime,
    cutoff: NaiveTime,
) -> Result<NaiveDate> {
    if at.date() == d && at.time() > cutoff {
        add_working_days_fast(calendar, d, 1)
    } else {
        add_working_days_fast(calendar, d, 0)
    }
}

/// Working days used before a supplement request under `supplement=pause`: the working days
/// `x` with `start < x ≤ request`, or 0 for a request before `start` (e.g. the evening of an
/// after-hours receipt). Decree 61/2018/NĐ-CP, Art. 19: the time already spent on the first
/// examination counts within the processing time [U: recalled by two readers]; reference
/// §3.1, §5.1, §5.2.
#[inline]
pub fn working_days_used(
    calendar: &WorkCalendar,
    start: NaiveDate,
    request: NaiveDate,
) -> Result<i64> {
    Ok(calendar.working_days_between(start, request)?.max(0))
}

/// Calendar days used before a supplement request under `supplement=pause`: the days `x` with
/// `start < x ≤ request` (0 when the request is before `start`). Reference §5.2 (pause
/// arithmetic extended to calendar-day limits; Decree 61/2018/NĐ-CP, Art. 19 \[U\]).
#[inline]
pub fn calendar_days_used(start: NaiveDate, request: NaiveDate) -> i64 {
    (request - start).num_days().max(0)
}

/// Working seconds used before a supplement request under `supplement=pause` when counting in
/// working time (hour limits, `counting=hours`): office-hours seconds from `start` to
/// `request` (0 when the request is before `start`). Reference §5.2 (Decree 61/2018/NĐ-CP,
/// Art. 19 \[U\]).
#[inline]
pub fn working_seconds_used(
    calendar: &WorkCalendar,
    start: NaiveDateTime,
    request: NaiveDateTime,
) -> Result<i64> {
    Ok(calendar.working_seconds_between(start, request)?.max(0))
}

/// Whether an apology or extension issued at `issued` moves the due date: only when issued
/// by the end of the current due date `current` (an apology after the due date is a warning
/// and the date stays), and for an apology only under `apology=moves_due`. Apology: Form 04 of
/// Circular 01/2018/TT-VPCP, Decree 61/2018/NĐ-CP \[U\] ("at least 1 day before" is recalled
/// \[U\] and not enforced); Circular 03/2025/TT-VPCP Form 04 (apology and extension request)
/// \[S\]. Extension (*gia hạn*): where a sectoral law allows it, behaves like an apology in
/// arithmetic, not limited in number, not a failure (reference §3.4). Reference §3.3, §5.
#[inline]
pub fn new_appointment_applies(
    kind: EventKind,
    issued: NaiveDate,
    current: NaiveDate,
    rule: ApologyRule,
) -> bool {
    let in_time = issued <= current;
    match kind {
        EventKind::Apology => in_time && rule == ApologyRule::MovesDue,
        EventKind::Extended => in_time,
        _ => false,
    }
}

/// Whether an instant `at` (a result, a refusal, "now") is after the due date: by date
/// (`compare=date`: the period ends at the end of its last day, Civil Code 2015 [V as
/// content]; reference §2.5, §4.1, §4.2) or by instant (`compare=instant`: after `due_at`).
#[inline]
pub fn is_after_due(
    at: NaiveDateTime,
    due: NaiveDate,
    due_at: NaiveDateTime,
    rule: Compare,
) -> bool {
    match rule {
        Compare::Date => at.date() > due,
        Compare::Instant => at > due_at,
    }
}

// =============================================================================================
// Answer types
// =============================================================================================

/// What a step of an explanation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// The rule set and the options in force (which reading, pause or restart, is used).
    RuleSet,
    /// The time limit and where it comes from.
    Limit,
    /// Received after closing time: the next working day is day 0.
    AfterHours,
    /// The deemed receipt day `D` (day 0 of the count) and why.
    DeemedReceipt,
    /// A same-day request received after the cut-off (15:00): due the next working day.
    AfterCutoff,
    /// A skipped weekly rest day.
    Weekend,
    /// A skipped holiday (the calendar's name in `detail`).
    Holiday,
    /// A skipped compensatory day off (*nghỉ bù*).
    Compensatory,
    /// A skipped swapped day off (*hoán đổi*).
    Swap,
    /// A skipped extra closure.
    Closure,
    /// How the limit was counted and where it ends.
    Counted,
    /// A calendar-day period ending on a rest day, moved to the next working day.
    EndMoved,
    /// A supplement request stopped the clock (`pause` reading).
    SupplementPause,
    /// The complete dossier arrived: the rest of the limit runs on (`pause` reading).
    SupplementResumed,
    /// The complete dossier arrived: a fresh limit starts (`restart` reading).
    SupplementRestart,
    /// An apology with a new appointment (moved the due date, or not, and why).
    Apology,
    /// An extension (moved the due date, or not, and why).
    Extension,
    /// A refusal or withdrawal ended the clock.
    Closed,
    /// Events after the as-of instant, ignored.
    IgnoredAfterAsOf,
    /// The classification and why.
    Outcome,
}

impl StepKind {
    /// Every kind, in declaration order (the bindings' type definitions are generated from
    /// it).
    pub const ALL: [StepKind; 20] = [
        StepKind::RuleSet,
        StepKind::Limit,
        StepKind::AfterHours,
        StepKind::DeemedReceipt,
        StepKind::AfterCutoff,
        StepKind::Weekend,
        StepKind::Holiday,
        StepKind::Compensatory,
        StepKind::Swap,
        StepKind::Closure,
        StepKind::Counted,
        StepKind::EndMoved,
        StepKind::SupplementPause,
        StepKind::SupplementResumed,
        StepKind::SupplementRestart,
        StepKind::Apology,
        StepKind::Extension,
        StepKind::Closed,
        StepKind::IgnoredAfterAsOf,
        StepKind::Outcome,
    ];

    /// The snake_case name, as serialized.
    pub const fn as_str(self) -> &'static str {
        match self {
            StepKind::RuleSet => "rule_set",
            StepKind::Limit => "limit",
            StepKind::AfterHours => "after_hours",
            StepKind::DeemedReceipt => "deemed_receipt",
            StepKind::AfterCutoff => "after_cutoff",
            StepKind::Weekend => "weekend",
            StepKind::Holiday => "holiday",
            StepKind::Compensatory => "compensatory",
            StepKind::Swap => "swap",
            StepKind::Closure => "closure",
            StepKind::Counted => "counted",
            StepKind::EndMoved => "end_moved",
            StepKind::SupplementPause => "supplement_pause",
            StepKind::SupplementResumed => "supplement_resumed",
            StepKind::SupplementRestart => "supplement_restart",
            StepKind::Apology => "apology",
            StepKind::Extension => "extension",
            StepKind::Closed => "closed",
            StepKind::IgnoredAfterAsOf => "ignored_after_as_of",
            StepKind::Outcome => "outcome",
        }
    }
}

/// One step of an explanation: what happened or was skipped, on which day, and why.
/// Serialized as `{"kind": "holiday", "date": "2026-02-16", "detail": "Tết Nguyên đán"}`
/// (`date` and `at` only when known).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExplainStep {
    /// What the step is about.
    pub kind: StepKind,
    /// The day concerned, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// The instant concerned, if any.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_opt_instant"
    )]
    pub at: Option<NaiveDateTime>,
    /// Human-readable reason, citing the rule.
    pub detail: String,
}

/// The due date of a dossier and how it was obtained.
///
/// Serialized (the CLI's `due` line) as
/// `{"due":"2026-06-25","due_at":"2026-06-25T17:00","rule_set":"nd118",
/// "deemed_receipt":"2026-06-08","warnings":[]}`, plus `"awaiting_supplement_since"` while a
/// supplement request is open and `"explain":[...]` when an explanation was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The due date (the appointment).
    pub due: NaiveDate,
    /// The due instant: the expiry of an hour count (working-hour limits, `counting=hours`),
    /// else the closing time of the due date.
    pub due_at: NaiveDateTime,
    /// The rule set in force (chosen by the deemed receipt day).
    pub rule_set: RuleSet,
    /// The deemed receipt day `D` of the dossier (day 0 of the count).
    pub deemed_receipt: NaiveDate,
    /// While a supplement request is open: when it was made. The clock is stopped and `due` is
    /// the due date as it stood at that moment; it will move when the dossier is completed.
    pub awaiting_supplement_since: Option<NaiveDateTime>,
    /// Odd but accepted things (see [`WarningCode`]).
    pub warnings: Vec<Warning>,
    /// The explanation (empty unless asked for).
    pub explain: Vec<ExplainStep>,
}

/// Writes an instant as `YYYY-MM-DDTHH:MM` (`:SS` when not zero), without allocating.
struct InstantFmt(NaiveDateTime);

impl fmt::Display for InstantFmt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute()
        )?;
        if t.second() != 0 {
            write!(f, ":{:02}", t.second())?;
        }
        Ok(())
    }
}

impl Serialize for InstantFmt {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn serialize_opt_instant<S: serde::Serializer>(
    t: &Option<NaiveDateTime>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match t {
        Some(t) => InstantFmt(*t).serialize(s),
        None => s.serialize_none(),
    }
}

impl Due {
    /// Writes the fields of a due answer into a JSON map; `extra` (the outcome fields) goes
    /// before `warnings`.
    pub(crate) fn write_fields<M: SerializeMap>(
        &self,
        m: &mut M,
        extra: impl FnOnce(&mut M) -> std::result::Result<(), M::Error>,
    ) -> std::result::Result<(), M::Error> {
        m.serialize_entry("due", &self.due)?;
        m.serialize_entry("due_at", &InstantFmt(self.due_at))?;
        m.serialize_entry("rule_set", &self.rule_set)?;
        m.serialize_entry("deemed_receipt", &self.deemed_receipt)?;
        if let Some(t) = self.awaiting_supplement_since {
            m.serialize_entry("awaiting_supplement_since", &InstantFmt(t))?;
        }
        extra(m)?;
        m.serialize_entry("warnings", &self.warnings)?;
        if !self.explain.is_empty() {
            m.serialize_entry("explain", &self.explain)?;
        }
        Ok(())
    }
}

impl Serialize for Due {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        self.write_fields(&mut m, |_| Ok(()))?;
        m.end()
    }
}

// =============================================================================================
// Entry points
// =============================================================================================

/// The due date of `dossier`, after validating it (reference §9), using every event.
///
/// `catalogue` resolves a `procedure` code (an [`ErrorKind::UnknownProcedure`] error when the
/// code is missing from it, or when no catalogue is given). Errors: the validation errors of
/// [`Dossier::validate`], `new_due_earlier`, and `date_out_of_range` when a date or the answer
/// falls outside the calendar.
pub fn due(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
) -> Result<Due> {
    due_with(dossier, calendar, rules, catalogue, None, false)
}

/// [`due`] with an explanation: each skipped day and why, the receipt rule, the supplement
/// reading, apologies (see [`StepKind`]).
pub fn due_explained(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
) -> Result<Due> {
    due_with(dossier, calendar, rules, catalogue, None, true)
}

/// The due date as it stood at `as_of` (events after it ignored; the whole dossier is still
/// validated), with an explanation when `explain`. An `as_of` before the receipt is an
/// [`ErrorKind::InvalidArgument`] error.
pub fn due_with(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
    as_of: Option<NaiveDateTime>,
    explain: bool,
) -> Result<Due> {
    Ok(evaluate(dossier, calendar, rules, catalogue, as_of, explain)?.due)
}

/// The time limit of `dossier`: its own, or its procedure's from the catalogue.
pub fn resolve_limit<'c>(
    dossier: &Dossier,
    catalogue: Option<&'c Catalogue>,
) -> Result<(TimeLimit, Option<&'c Procedure>)> {
    match &dossier.limit {
        LimitSource::TimeLimit(t) => Ok((*t, None)),
        LimitSource::Procedure(code) => {
            let cat = catalogue.ok_or_else(|| {
                Error::new(
                    ErrorKind::UnknownProcedure,
                    format!("procedure `{code}` cannot be looked up: no catalogue given"),
                )
                .in_field("procedure")
            })?;
            let p = cat.get(code).map_err(|e| e.in_field("procedure"))?;
            Ok((p.time_limit, Some(p)))
        }
    }
}

/// What [`evaluate`] knows beyond the due date, for classification.
#[derive(Debug, Clone)]
pub(crate) struct Evaluation {
    pub(crate) due: Due,
    /// The closing event (as of), with its instant.
    pub(crate) closing: Option<(EventKind, NaiveDateTime)>,
    /// Supplement requests (as of).
    pub(crate) requests: u32,
}

/// The whole computation: validation, due date as of `as_of`, warnings, explanation.
#[inline]
pub(crate) fn evaluate(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
    as_of: Option<NaiveDateTime>,
    explain: bool,
) -> Result<Evaluation> {
    let (limit, procedure) = resolve_limit(dossier, catalogue)?;
    if let Some(t) = as_of {
        if t < dossier.received {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "as-of {} is before the dossier's receipt at {}",
                    InstantFmt(t),
                    InstantFmt(dossier.received)
                ),
            ));
        }
    }
    if !explain
        && dossier
            .events
            .iter()
            .all(|e| e.kind.is_closing() || e.kind == EventKind::Returned)
    {
        return evaluate_plain(dossier, calendar, rules, limit, procedure, as_of);
    }
    evaluate_walk(dossier, calendar, rules, limit, procedure, as_of, explain)
}

/// The general case: the walk over every event.
#[inline(never)]
fn evaluate_walk(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    limit: TimeLimit,
    procedure: Option<&Procedure>,
    as_of: Option<NaiveDateTime>,
    explain: bool,
) -> Result<Evaluation> {
    let mut w = Walk::start(dossier, calendar, *rules, limit, procedure, explain)?;
    let mut snapshot: Option<Evaluation> = None;
    for (i, e) in dossier.events.iter().enumerate() {
        if snapshot.is_none() && as_of.is_some_and(|t| e.at > t) {
            let ignored = dossier.events.len() - i;
            snapshot = Some(w.finish(Some(ignored))?);
        }
        w.step(i, e)?;
    }
    match snapshot {
        Some(s) => Ok(s),
        None => w.finish(None),
    }
}

/// The unit a limit is counted in, and the whole limit in that unit.
fn unit_of(limit: TimeLimit, counting: Counting) -> (Unit, i64) {
    match (limit, counting) {
        (TimeLimit::WorkingDays(n), Counting::Days) => (Unit::WorkingDays, i64::from(n)),
        (TimeLimit::WorkingDays(n), Counting::Hours) => (
            Unit::Seconds,
            i64::from(n) * i64::from(HOURS_PER_DAY) * 3600,
        ),
        (TimeLimit::CalendarDays(n), _) => (Unit::CalendarDays, i64::from(n)),
        (TimeLimit::WorkingHours(n), _) => (Unit::Seconds, i64::from(n) * 3600),
        (TimeLimit::SameDay { cutoff }, _) => (Unit::SameDay(cutoff), 0),
    }
}

/// The warnings known from the start: an unverified rule set, a district-level procedure
/// after districts were abolished.
fn start_warnings(
    set: &RuleSetInfo,
    procedure: Option<&Procedure>,
    d: NaiveDate,
    out: &mut Vec<Warning>,
) {
    if !set.verified {
        out.push(Warning::new(
            WarningCode::RuleSetUnverified,
            format!(
                "rule set {} ({}) applies to dossiers deemed received before 2018-06-21; its \
                 texts were not verified",
                set.id, set.basis
            ),
        ));
    }
    if let Some(p) = procedure {
        if p.level == AuthorityLevel::District && !set.has_districts {
            out.push(Warning::new(
                WarningCode::DistrictLevelAbolished,
                format!(
                    "procedure {} is district-level, but districts were abolished on 2025-07-01 \
                     (dossier deemed received {d})",
                    p.code
                ),
            ));
        }
    }
}

fn refused_late_message(at: NaiveDateTime, due: NaiveDate) -> String {
    format!(
        "refused at {} after the due date {due}: a refusal must be issued within the time limit \
         (Decree 61/2018 Art. 19 [U])",
        InstantFmt(at)
    )
}

/// The common case: no supplement, apology or extension, no explanation. Same rules as the
/// walk, without its state.
#[inline]
fn evaluate_plain(
    dossier: &Dossier,
    cal: &WorkCalendar,
    rules: &Rules,
    limit: TimeLimit,
    procedure: Option<&Procedure>,
    as_of: Option<NaiveDateTime>,
) -> Result<Evaluation> {
    let received = dossier.received;
    let d = deemed_receipt_day(cal, received, rules.deemed_receipt)?;
    let set = rule_set_for(d);
    let closing_time = cal.office_hours().closing();
    let (unit, total) = unit_of(limit, rules.counting);
    let (due, due_at) = match unit {
        Unit::WorkingDays => {
            let x = working_days_due(cal, d, total)?;
            (x, x.and_time(closing_time))
        }
        Unit::CalendarDays => {
            let x = calendar_days_due(cal, d, total)?;
            (x, x.and_time(closing_time))
        }
        Unit::Seconds => {
            let t = working_hours_expiry(cal, received, total)?;
            (t.date(), t)
        }
        Unit::SameDay(cutoff) => {
            let x = same_day_due(cal, d, received, cutoff)?;
            (x, x.and_time(closing_time))
        }
    };
    let mut life = Lifecycle::new(received);
    let mut closing = None;
    let mut frozen = false;
    for (i, e) in dossier.events.iter().enumerate() {
        if !frozen && as_of.is_some_and(|t| e.at > t) {
            closing = life.closing;
            frozen = true;
        }
        life.step(i, e)?;
    }
    if !frozen {
        closing = life.closing;
    }
    let mut warnings = Vec::new();
    start_warnings(set, procedure, d, &mut warnings);
    if let Some((EventKind::Refused, at)) = closing {
        if is_after_due(at, due, due_at, rules.compare) {
            warnings.push(Warning::new(
                WarningCode::RefusedLate,
                refused_late_message(at, due),
            ));
        }
    }
    Ok(Evaluation {
        due: Due {
            due,
            due_at,
            rule_set: set.id,
            deemed_receipt: d,
            awaiting_supplement_since: None,
            warnings,
            explain: Vec::new(),
        },
        closing,
        requests: 0,
    })
}

// =============================================================================================
// The walk over the events
// =============================================================================================

/// The unit a limit is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    WorkingDays,
    CalendarDays,
    /// Working seconds (hour limits, `counting=hours`).
    Seconds,
    /// Same day, with its cut-off.
    SameDay(NaiveTime),
}

/// The running clock: the current round's start, what is left, and overrides.
#[derive(Debug, Clone, Copy)]
struct Clock {
    unit: Unit,
    /// The whole limit in `unit` (what `restart` starts again with).
    total: i64,
    /// What is left, counted from the current round's start.
    budget: i64,
    /// Deemed receipt day of the current round.
    start_day: NaiveDate,
    /// Receipt instant of the current round.
    start_at: NaiveDateTime,
    /// A new appointment (apology, extension) replacing the computed due date.
    fixed: Option<NaiveDate>,
    /// While a request is open: the due date and instant as they stood when it was made.
    paused: Option<(NaiveDate, NaiveDateTime)>,
}

struct Walk<'a> {
    cal: &'a WorkCalendar,
    rules: Rules,
    closing_time: NaiveTime,
    rule_set: RuleSet,
    deemed_receipt: NaiveDate,
    clock: Clock,
    life: Lifecycle,
    /// Before the as-of snapshot: warnings and explanation are recorded.
    live: bool,
    warnings: Vec<Warning>,
    explain: Option<Vec<ExplainStep>>,
}

fn step(
    kind: StepKind,
    date: Option<NaiveDate>,
    at: Option<NaiveDateTime>,
    detail: String,
) -> ExplainStep {
    ExplainStep {
        kind,
        date,
        at,
        detail,
    }
}

/// The explanation kind of a skipped day. The calendar knows holidays, closures and weekly
/// rest days; swapped and compensatory days are holidays told apart by their names
/// (containing "hoán đổi" / "swap", else "bù" / "compensat").
fn skipped_kind(kind: DayKind, name: Option<&str>) -> StepKind {
    match kind {
        DayKind::WeeklyRest => StepKind::Weekend,
        DayKind::Closure => StepKind::Closure,
        _ => {
            let n = name.unwrap_or("").to_lowercase();
            if n.contains("hoán đổi") || n.contains("swap") {
                StepKind::Swap
            } else if n.contains("bù") || n.contains("compensat") {
                StepKind::Compensatory
            } else {
                StepKind::Holiday
            }
        }
    }
}

impl<'a> Walk<'a> {
    fn start(
        dossier: &Dossier,
        cal: &'a WorkCalendar,
        rules: Rules,
        limit: TimeLimit,
        procedure: Option<&Procedure>,
        explain: bool,
    ) -> Result<Walk<'a>> {
        let received = dossier.received;
        let d = deemed_receipt_day(cal, received, rules.deemed_receipt)?;
        let set = rule_set_for(d);
        let (unit, total) = unit_of(limit, rules.counting);
        let mut w = Walk {
            cal,
            rules,
            closing_time: cal.office_hours().closing(),
            rule_set: set.id,
            deemed_receipt: d,
            clock: Clock {
                unit,
                total,
                budget: total,
                start_day: d,
                start_at: received,
                fixed: None,
                paused: None,
            },
            life: Lifecycle::new(received),
            live: true,
            warnings: Vec::new(),
            explain: explain.then(Vec::new),
        };
        start_warnings(set, procedure, d, &mut w.warnings);
        if w.explain.is_some() {
            let source = match (&dossier.limit, procedure) {
                (LimitSource::Procedure(code), Some(p)) if !p.name.is_empty() => {
                    format!(" (procedure {code}: {})", p.name)
                }
                (LimitSource::Procedure(code), _) => format!(" (procedure {code})"),
                _ => String::new(),
            };
            let how = match unit {
                Unit::Seconds if matches!(limit, TimeLimit::WorkingDays(_)) => format!(
                    ", counted as {} working hours (counting=hours: 1 day = {HOURS_PER_DAY} h, \
                     OpenCPS v2 DueDateUtils [V])",
                    total / 3600
                ),
                _ => String::new(),
            };
            let rs = step(
                StepKind::RuleSet,
                None,
                None,
                format!(
                    "rule set {} ({}), chosen by the deemed receipt day {d}; options: {}",
                    set.id, set.basis, rules
                ),
            );
            let lim = step(
                StepKind::Limit,
                None,
                None,
                format!("time limit {limit}{source}{how}"),
            );
            w.push(rs);
            w.push(lim);
            w.explain_receipt(received, d, "received")?;
        }
        Ok(w)
    }

    #[inline]
    fn warn(&mut self, code: WarningCode, message: String) {
        if self.live {
            self.warnings.push(Warning::new(code, message));
        }
    }

    #[inline]
    fn push(&mut self, s: ExplainStep) {
        if self.live {
            if let Some(x) = self.explain.as_mut() {
                x.push(s);
            }
        }
    }

    #[inline]
    fn explaining(&self) -> bool {
        self.live && self.explain.is_some()
    }

    /// Explains how a receipt instant became its deemed receipt day.
    fn explain_receipt(&mut self, at: NaiveDateTime, d: NaiveDate, what: &str) -> Result<()> {
        let date = at.date();
        let closing = self.closing_time;
        if self.rules.deemed_receipt == DeemedReceipt::CalendarDay {
            self.push(step(
                StepKind::DeemedReceipt,
                Some(d),
                Some(at),
                format!(
                    "{what} {}: day 0 is the calendar date itself (deemed_receipt=calendar_day)",
                    InstantFmt(at)
                ),
            ));
            return Ok(());
        }
        if d == date {
            let when = if at.time() < self.cal.office_hours().opening() {
                " (before opening: still that day's dossier)"
            } else {
                ""
            };
            self.push(step(
                StepKind::DeemedReceipt,
                Some(d),
                Some(at),
                format!(
                    "{what} {} on a working day, not after closing time {}{when}: day 0 of \
                     the count, not itself counted (reference §1; Decree 61/2018 Art. 17 [U])",
                    InstantFmt(at),
                    closing.format("%H:%M")
                ),
            ));
            return Ok(());
        }
        if self.cal.is_working_day(date)? {
            self.push(step(
                StepKind::AfterHours,
                Some(date),
                Some(at),
                format!(
                    "{what} {} after closing time {}: counts from the next working day \
                     (reference §1)",
                    InstantFmt(at),
                    closing.format("%H:%M")
                ),
            ));
            self.explain_skipped(
                date,
                d.pred_opt().unwrap_or(d),
                "before the deemed receipt day",
            )?;
        } else {
            self.explain_skipped(
                date.pred_opt().unwrap_or(date),
                d.pred_opt().unwrap_or(d),
                "received on a non-working day",
            )?;
        }
        self.push(step(
            StepKind::DeemedReceipt,
            Some(d),
            Some(at),
            format!(
                "{what} {}: deemed received on the next working day, {d}, day 0 of the count \
                 (reference §1)",
                InstantFmt(at)
            ),
        ));
        Ok(())
    }

    /// Lists the non-working days `x` with `after < x ≤ upto`.
    fn explain_skipped(&mut self, after: NaiveDate, upto: NaiveDate, why: &str) -> Result<()> {
        if !self.explaining() || upto <= after {
            return Ok(());
        }
        let from = after.succ_opt().unwrap_or(after);
        for (day, kind) in self.cal.days_off_with_kind(from, upto)? {
            let name = self.cal.day_name(day);
            let k = skipped_kind(kind, name);
            let what = match name {
                Some(n) => n.to_string(),
                None => match k {
                    StepKind::Weekend => format!("{}", day.format("%A")),
                    _ => kind.as_str().replace('_', " "),
                },
            };
            self.push(step(
                k,
                Some(day),
                None,
                format!("{what}: not a working day, skipped ({why})"),
            ));
        }
        Ok(())
    }

    /// The due date and instant while the clock runs.
    #[inline]
    fn running_due(&self) -> Result<(NaiveDate, NaiveDateTime)> {
        let c = &self.clock;
        let day = |d: NaiveDate| (d, d.and_time(self.closing_time));
        Ok(match c.unit {
            Unit::WorkingDays => day(working_days_due(self.cal, c.start_day, c.budget)?),
            Unit::CalendarDays => day(calendar_days_due(self.cal, c.start_day, c.budget)?),
            Unit::Seconds => {
                let t = working_hours_expiry(self.cal, c.start_at, c.budget)?;
                (t.date(), t)
            }
            Unit::SameDay(cutoff) => day(same_day_due(self.cal, c.start_day, c.start_at, cutoff)?),
        })
    }

    /// The current due date and instant: a new appointment, else the date as it stood when
    /// an open request stopped the clock, else the running count.
    #[inline]
    fn current_due(&self) -> Result<(NaiveDate, NaiveDateTime)> {
        if let Some(f) = self.clock.fixed {
            return Ok((f, f.and_time(self.closing_time)));
        }
        if let Some(p) = self.clock.paused {
            return Ok(p);
        }
        self.running_due()
    }

    #[inline]
    fn step(&mut self, i: usize, e: &Event) -> Result<()> {
        let extra_request = self.life.step(i, e)?;
        if extra_request {
            let w = self.life.multiple_requests_warning();
            self.warn(w.code, w.message);
        }
        match e.kind {
            EventKind::SupplementRequested => {
                if self.clock.paused.is_none() {
                    self.pause(e)?;
                }
            }
            EventKind::SupplementReceived => self.resume(e.at, "complete dossier received")?,
            EventKind::Apology | EventKind::Extended => self.new_appointment(i, e)?,
            EventKind::Resolved => {
                if self.clock.paused.is_some() {
                    self.warn(
                        WarningCode::ResolvedWhileAwaitingSupplement,
                        format!(
                            "resolved at {} while a supplement request was open: taken as also \
                             completing the dossier",
                            InstantFmt(e.at)
                        ),
                    );
                    self.resume(
                        e.at,
                        "resolved while awaiting the supplement; taken as received",
                    )?;
                }
            }
            EventKind::Refused | EventKind::Withdrawn => {
                let (due, due_at) = self.current_due()?;
                if e.kind == EventKind::Refused
                    && self.clock.paused.is_none()
                    && is_after_due(e.at, due, due_at, self.rules.compare)
                {
                    self.warn(WarningCode::RefusedLate, refused_late_message(e.at, due));
                }
                if self.explaining() {
                    self.push(step(
                        StepKind::Closed,
                        Some(e.date()),
                        Some(e.at),
                        format!("{}: the clock ends (reference §3.2, §3.5)", e.kind),
                    ));
                }
            }
            EventKind::Returned => {}
        }
        Ok(())
    }

    /// A supplement request stops the clock (reference §3.1, §5.2).
    fn pause(&mut self, e: &Event) -> Result<()> {
        let (due, due_at) = self.current_due()?;
        let r_date = e.date();
        if r_date > due {
            self.warn(
                WarningCode::SupplementAfterDue,
                format!(
                    "supplement requested at {} after the due date {due}; the arithmetic is \
                     unchanged (reference §5.2)",
                    InstantFmt(e.at)
                ),
            );
        }
        // A date-only request uses the whole day, as day counting does.
        let r_at = if e.date_only {
            r_date.and_time(self.closing_time)
        } else {
            e.at
        };
        let c = self.clock;
        let (used, left) = match (c.unit, c.fixed) {
            (Unit::WorkingDays, None) => {
                let used = working_days_used(self.cal, c.start_day, r_date)?;
                (used, (c.budget - used).max(0))
            }
            (Unit::WorkingDays, Some(f)) => {
                let used = working_days_used(self.cal, c.start_day, r_date)?;
                (
                    used,
                    self.cal
                        .working_days_between(c.start_day.max(r_date), f)?
                        .max(0),
                )
            }
            (Unit::CalendarDays, None) => {
                let used = calendar_days_used(c.start_day, r_date);
                (used, (c.budget - used).max(0))
            }
            (Unit::CalendarDays, Some(f)) => (
                calendar_days_used(c.start_day, r_date),
                calendar_days_used(c.start_day.max(r_date), f),
            ),
            (Unit::Seconds, None) => {
                let used = working_seconds_used(self.cal, c.start_at, r_at)?;
                (used, (c.budget - used).max(0))
            }
            (Unit::Seconds, Some(f)) => (
                working_seconds_used(self.cal, c.start_at, r_at)?,
                working_seconds_used(
                    self.cal,
                    c.start_at.max(r_at),
                    f.and_time(self.closing_time),
                )?,
            ),
            (Unit::SameDay(_), _) => (0, 0),
        };
        if self.explaining() {
            let after = c.start_day;
            match c.unit {
                Unit::WorkingDays => {
                    self.explain_skipped(after, r_date, "while counting the days used")?
                }
                Unit::Seconds => self.explain_skipped(
                    c.start_at.date(),
                    r_date,
                    "while counting the hours used",
                )?,
                _ => {}
            }
            let detail = match self.rules.supplement {
                SupplementRule::Pause => match c.unit {
                    Unit::SameDay(_) => format!(
                        "supplement requested {}: the clock stops; a same-day limit starts afresh \
                         on the complete dossier (reference §5.2)",
                        InstantFmt(e.at)
                    ),
                    _ => format!(
                        "supplement requested {}: the clock stops (pause reading: the time used \
                         counts, Decree 61/2018 Art. 19 [U]); {} used since {}, {} left; the due \
                         date was {due}",
                        InstantFmt(e.at),
                        amount(c.unit, used),
                        c.start_day,
                        amount(c.unit, left)
                    ),
                },
                SupplementRule::Restart => format!(
                    "supplement requested {}: the clock stops (restart reading: a fresh limit \
                     will run from the complete dossier); the due date was {due}",
                    InstantFmt(e.at)
                ),
            };
            self.push(step(
                StepKind::SupplementPause,
                Some(r_date),
                Some(e.at),
                detail,
            ));
        }
        self.clock.budget = left;
        self.clock.fixed = None;
        self.clock.paused = Some((due, due_at));
        Ok(())
    }

    /// The complete dossier arrived at `at`: the clock runs again (reference §3.1, §5.1,
    /// §5.2).
    fn resume(&mut self, at: NaiveDateTime, what: &str) -> Result<()> {
        let d = deemed_receipt_day(self.cal, at, self.rules.deemed_receipt)?;
        if self.explaining() {
            self.explain_receipt(at, d, what)?;
        }
        let c = &mut self.clock;
        c.paused = None;
        c.start_day = d;
        c.start_at = at;
        let restart = self.rules.supplement == SupplementRule::Restart;
        if restart {
            c.budget = c.total;
            c.fixed = None;
        }
        if self.explaining() {
            let c = self.clock;
            let (kind, detail) = match (restart, c.unit) {
                (_, Unit::SameDay(_)) => (
                    if restart {
                        StepKind::SupplementRestart
                    } else {
                        StepKind::SupplementResumed
                    },
                    format!("same-day limit: starts afresh on {d} (reference §5.2)"),
                ),
                (true, _) => (
                    StepKind::SupplementRestart,
                    format!(
                        "restart reading (supplement=restart): a fresh {} from {d}",
                        amount(c.unit, c.total)
                    ),
                ),
                (false, _) => (
                    StepKind::SupplementResumed,
                    match c.fixed {
                        Some(f) => format!("pause reading: the new appointment {f} stands"),
                        None => format!(
                            "pause reading: the {} left run on from {d}",
                            amount(c.unit, c.budget)
                        ),
                    },
                ),
            };
            self.push(step(kind, Some(d), Some(at), detail));
        }
        Ok(())
    }

    /// An apology or extension with `new_due` (reference §3.3, §3.4).
    fn new_appointment(&mut self, i: usize, e: &Event) -> Result<()> {
        let Some(new_due) = e.new_due else {
            return Ok(());
        };
        let (current, _) = self.current_due()?;
        if new_due < current {
            return Err(Error::new(
                ErrorKind::NewDueEarlier,
                format!(
                    "{} at {}: new_due {new_due} is earlier than the current due date {current}",
                    e.kind,
                    InstantFmt(e.at)
                ),
            )
            .in_field(format!("events[{i}].new_due")));
        }
        // Within the calendar, or an error.
        self.cal.is_working_day(new_due)?;
        let applies = new_appointment_applies(e.kind, e.date(), current, self.rules.apology);
        let late = e.date() > current;
        if late {
            let (code, what) = match e.kind {
                EventKind::Apology => (WarningCode::ApologyAfterDue, "apology"),
                _ => (WarningCode::ExtensionAfterDue, "extension"),
            };
            self.warn(
                code,
                format!(
                    "{what} issued {} after the due date {current}: the due date stays \
                     (reference §3.3)",
                    e.date()
                ),
            );
        }
        if self.explaining() {
            let kind = if e.kind == EventKind::Apology {
                StepKind::Apology
            } else {
                StepKind::Extension
            };
            let detail = if applies {
                format!(
                    "{} issued {} with new appointment {new_due}: the due date moves from \
                     {current} to {new_due} (reference §3.3, §3.4)",
                    e.kind,
                    e.date()
                )
            } else if late {
                format!(
                    "{} issued {} after the due date {current}: the due date stays",
                    e.kind,
                    e.date()
                )
            } else {
                format!(
                    "apology with new appointment {new_due}: the due date stays {current} \
                     (apology=counts_late)"
                )
            };
            self.push(step(kind, Some(e.date()), Some(e.at), detail));
        }
        if applies {
            self.clock.fixed = Some(new_due);
        }
        Ok(())
    }

    /// The answer as it stands now; later events are still checked but no longer recorded.
    fn finish(&mut self, ignored: Option<usize>) -> Result<Evaluation> {
        let (due, due_at) = self.current_due()?;
        if self.explaining() {
            let c = self.clock;
            if c.fixed.is_none() && c.paused.is_none() {
                match c.unit {
                    Unit::WorkingDays => {
                        self.explain_skipped(c.start_day, due, "while counting")?;
                        self.push(step(
                            StepKind::Counted,
                            Some(due),
                            None,
                            format!(
                                "{} after {} (that day not counted) end on {due} (reference §2.1)",
                                amount(c.unit, c.budget),
                                c.start_day
                            ),
                        ));
                    }
                    Unit::CalendarDays => {
                        let end = calendar_days_due_raw(c.start_day, c.budget);
                        self.push(step(
                            StepKind::Counted,
                            end,
                            None,
                            format!(
                                "{} after {} end on {} (rest days inside the period count; \
                                 reference §2.2)",
                                amount(c.unit, c.budget),
                                c.start_day,
                                end.map_or_else(|| "?".to_string(), |e| e.to_string())
                            ),
                        ));
                        if let Some(end) = end {
                            if end < due {
                                self.explain_skipped(
                                    end.pred_opt().unwrap_or(end),
                                    due.pred_opt().unwrap_or(due),
                                    "the period ends on a rest day",
                                )?;
                                self.push(step(
                                    StepKind::EndMoved,
                                    Some(due),
                                    None,
                                    format!(
                                        "{end} is not a working day: the period ends at the end \
                                         of the next working day, {due} (Civil Code; reference \
                                         §2.2)"
                                    ),
                                ));
                            }
                        }
                    }
                    Unit::Seconds => {
                        self.explain_skipped(c.start_at.date(), due, "while counting hours")?;
                        self.push(step(
                            StepKind::Counted,
                            Some(due),
                            Some(due_at),
                            format!(
                                "{} of office hours from {} expire at {} (reference §2.3, §5.3)",
                                amount(c.unit, c.budget),
                                InstantFmt(c.start_at),
                                InstantFmt(due_at)
                            ),
                        ));
                    }
                    Unit::SameDay(cutoff) => {
                        if due != c.start_day {
                            self.push(step(
                                StepKind::AfterCutoff,
                                Some(c.start_day),
                                Some(c.start_at),
                                format!(
                                    "same-day request received {} after {}: due the next working \
                                     day (Decree 23/2015 Art. 7 [S]; reference §2.4)",
                                    InstantFmt(c.start_at),
                                    cutoff.format("%H:%M")
                                ),
                            ));
                            self.explain_skipped(
                                c.start_day,
                                due.pred_opt().unwrap_or(due),
                                "after the cut-off",
                            )?;
                        }
                        self.push(step(
                            StepKind::Counted,
                            Some(due),
                            None,
                            format!("same-day limit: due {due} (reference §2.4)"),
                        ));
                    }
                }
            } else if let Some((d, _)) = c.paused.filter(|_| c.fixed.is_none()) {
                self.push(step(
                    StepKind::Counted,
                    Some(d),
                    None,
                    format!(
                        "awaiting the supplement: the clock is stopped; {d} is the due date as it \
                         stood at the request and moves when the dossier is completed"
                    ),
                ));
            }
            if let Some(n) = ignored {
                self.push(step(
                    StepKind::IgnoredAfterAsOf,
                    None,
                    None,
                    format!("{n} later event(s) ignored (after the as-of instant)"),
                ));
            }
        }
        let due = Due {
            due,
            due_at,
            rule_set: self.rule_set,
            deemed_receipt: self.deemed_receipt,
            awaiting_supplement_since: self.life.open_request,
            warnings: std::mem::take(&mut self.warnings),
            explain: self.explain.take().unwrap_or_default(),
        };
        self.live = false;
        Ok(Evaluation {
            due,
            closing: self.life.closing,
            requests: self.life.requests,
        })
    }
}

fn calendar_days_due_raw(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    u64::try_from(n)
        .ok()
        .and_then(|n| d.checked_add_days(Days::new(n)))
}

/// "3 working days", "51.5 working hours".
fn amount(unit: Unit, n: i64) -> String {
    match unit {
        Unit::WorkingDays => format!("{n} working day{}", if n == 1 { "" } else { "s" }),
        Unit::CalendarDays => format!("{n} calendar day{}", if n == 1 { "" } else { "s" }),
        Unit::Seconds => {
            let h = n / 3600;
            let rest = n % 3600;
            if rest == 0 {
                format!("{h} working hour{}", if h == 1 { "" } else { "s" })
            } else if rest % 60 == 0 {
                format!("{h} h {} min of working time", rest / 60)
            } else {
                format!("{n} s of working time")
            }
        }
        Unit::SameDay(_) => "the same day".to_string(),
    }
}

#[cfg(test)]
pub(crate) mod testkit {
    //! Calendars and helpers shared by the tests of `deadline` and `outcome`.
    use super::*;
    use crate::calendar::{CalendarSpec, SpecDay};

    pub fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    pub fn t(s: &str) -> NaiveDateTime {
        crate::civil::parse_instant(s, crate::civil::DateOnly::StartOfDay).unwrap()
    }

    /// The 2026 public-sector calendar of reference §7 (weekmask 1111100, office hours
    /// 07:30–11:30, 13:00–17:00), with names as the `vn` preset is expected to give them.
    pub fn cal2026() -> WorkCalendar {
        let mut spec = CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31"));
        let named = |date: &str, name: &str| SpecDay::Named {
            date: d(date),
            name: name.to_string(),
        };
        spec.holidays = vec![
            named("2026-01-01", "Tết Dương lịch"),
            named("2026-01-02", "Nghỉ hoán đổi (làm bù 2026-01-10)"),
            named("2026-02-16", "Tết Nguyên đán"),
            named("2026-02-17", "Tết Nguyên đán"),
            named("2026-02-18", "Tết Nguyên đán"),
            named("2026-02-19", "Tết Nguyên đán"),
            named("2026-02-20", "Tết Nguyên đán (nghỉ bù)"),
            named("2026-04-27", "Giỗ Tổ Hùng Vương (nghỉ bù)"),
            named("2026-04-30", "Ngày Chiến thắng"),
            named("2026-05-01", "Ngày Quốc tế lao động"),
            named("2026-08-31", "Nghỉ hoán đổi (làm bù 2026-08-22)"),
            named("2026-09-01", "Quốc khánh"),
            named("2026-09-02", "Quốc khánh"),
        ];
        spec.working_days = vec![named("2026-01-10", "Làm bù"), named("2026-08-22", "Làm bù")];
        spec.compile().unwrap()
    }

    /// Monday–Friday without holidays.
    pub fn weekdays(from: &str, to: &str) -> WorkCalendar {
        CalendarSpec::weekdays(d(from), d(to)).compile().unwrap()
    }

    pub fn dossier(json: &str) -> Dossier {
        Dossier::from_json(json).unwrap()
    }

    pub fn rules(pairs: &[&str]) -> Rules {
        let mut r = Rules::default();
        for p in pairs {
            r.set_pair(p).unwrap();
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::testkit::*;
    use super::*;

    fn due_of(json: &str, pairs: &[&str]) -> Due {
        due(&dossier(json), &cal2026(), &rules(pairs), None).unwrap()
    }

    fn due_err(json: &str) -> ErrorKind {
        due(&dossier(json), &cal2026(), &Rules::default(), None)
            .unwrap_err()
            .kind()
    }

    #[test]
    fn rules_parse_and_list_allowed_values() {
        let mut r = Rules::default();
        assert_eq!(r.to_string(), "supplement=pause counting=days compare=date apology=moves_due multi_supplement=allowed deemed_receipt=next_working_day_after_hours");
        for (k, values) in Rules::OPTIONS {
            for v in *values {
                r.set(k, v).unwrap();
            }
        }
        assert_eq!(r.deemed_receipt, DeemedReceipt::CalendarDay);
        let e = r.set("supplement", "sometimes").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidRule);
        assert!(e.message().contains("pause, restart"), "{e}");
        let e = r.set("pause", "yes").unwrap_err();
        assert!(e.message().contains("supplement=pause|restart"), "{e}");
        assert_eq!(
            r.set_pair("supplement").unwrap_err().kind(),
            ErrorKind::InvalidRule
        );
        r.set_pair(" compare = instant").unwrap();
        assert_eq!(r.compare, Compare::Instant);
        let json = serde_json::to_value(Rules::default()).unwrap();
        assert_eq!(json["apology"], "moves_due");
        let back: Rules = serde_json::from_str(r#"{"supplement":"restart"}"#).unwrap();
        assert_eq!(back.supplement, SupplementRule::Restart);
    }

    #[test]
    fn rule_set_table() {
        assert_eq!(rule_set_for(d("2018-06-20")).id, RuleSet::Pre2018);
        assert_eq!(rule_set_for(d("2018-06-21")).id, RuleSet::Nd61);
        assert_eq!(rule_set_for(d("2025-06-30")).id, RuleSet::Nd61);
        assert_eq!(rule_set_for(d("2025-07-01")).id, RuleSet::Nd118);
        assert_eq!(rule_set_for(d("1995-01-01")).id, RuleSet::Pre2018);
        for r in RULE_SETS {
            assert_eq!(r.id.info(), &r);
        }
        let cal = weekdays("2010-01-01", "2030-12-31");
        let one = |json: &str| due(&dossier(json), &cal, &Rules::default(), None).unwrap();
        let a = one(r#"{"received":"2018-06-20T10:00","time_limit":"3wd"}"#);
        assert_eq!((a.rule_set, a.due), (RuleSet::Pre2018, d("2018-06-25")));
        assert_eq!(a.warnings[0].code, WarningCode::RuleSetUnverified);
        // Chosen by the deemed receipt day, not the receipt instant.
        let b = one(r#"{"received":"2018-06-20T18:00","time_limit":"3wd"}"#);
        assert_eq!((b.rule_set, b.due), (RuleSet::Nd61, d("2018-06-26")));
        assert!(b.warnings.is_empty());
        let c = one(r#"{"received":"2025-06-30T17:30","time_limit":"3wd"}"#);
        assert_eq!((c.rule_set, c.due), (RuleSet::Nd118, d("2025-07-04")));
        assert_eq!(serde_json::to_value(c.rule_set).unwrap(), "nd118");
    }

    #[test]
    fn deemed_receipt_rule() {
        let cal = cal2026();
        let def = DeemedReceipt::NextWorkingDayAfterHours;
        let dr = |s: &str| deemed_receipt_day(&cal, t(s), def).unwrap();
        assert_eq!(dr("2026-03-02T06:45"), d("2026-03-02"));
        assert_eq!(dr("2026-03-02T12:15"), d("2026-03-02"));
        assert_eq!(dr("2026-03-02T17:00"), d("2026-03-02"));
        assert_eq!(dr("2026-03-02T17:00:01"), d("2026-03-03"));
        assert_eq!(dr("2026-03-02"), d("2026-03-02"));
        assert_eq!(dr("2026-04-30T09:00"), d("2026-05-04"));
        assert_eq!(dr("2026-01-10T09:00"), d("2026-01-10"));
        assert_eq!(dr("2026-01-09T18:00"), d("2026-01-10"));
        assert_eq!(dr("2026-02-13T18:30"), d("2026-02-23"));
        let cd = |s: &str| deemed_receipt_day(&cal, t(s), DeemedReceipt::CalendarDay).unwrap();
        assert_eq!(cd("2026-03-14T09:00"), d("2026-03-14"));
        assert_eq!(cd("2026-02-13T18:30"), d("2026-02-13"));
        assert_eq!(
            deemed_receipt_day(&cal, t("2027-01-04T09:00"), def)
                .unwrap_err()
                .kind(),
            ErrorKind::DateOutOfRange
        );
        assert_eq!(
            deemed_receipt_day(&cal, t("2027-01-04T09:00"), DeemedReceipt::CalendarDay)
                .unwrap_err()
                .kind(),
            ErrorKind::DateOutOfRange
        );
    }

    #[test]
    fn limit_kinds() {
        let w = |recv: &str, tl: &str| {
            due_of(
                &format!(r#"{{"received":"{recv}","time_limit":"{tl}"}}"#),
                &[],
            )
        };
        // §2.1
        assert_eq!(w("2026-03-02T16:30", "3wd").due, d("2026-03-05"));
        // §2.2
        assert_eq!(w("2026-03-02T10:00", "10cd").due, d("2026-03-12"));
        assert_eq!(w("2026-02-09T10:00", "7cd").due, d("2026-02-23"));
        assert_eq!(w("2026-08-14T10:00", "15cd").due, d("2026-09-03"));
        // §2.3
        let h = w("2026-03-13T14:00", "8wh");
        assert_eq!((h.due, h.due_at), (d("2026-03-16"), t("2026-03-16T14:00")));
        let h = w("2026-03-10T18:00", "4wh");
        assert_eq!(h.due_at, t("2026-03-11T11:30"));
        assert_eq!(w("2026-03-11T07:30", "8wh").due_at, t("2026-03-11T17:00"));
        // §2.4
        assert_eq!(w("2026-03-11T15:00", "same_day").due, d("2026-03-11"));
        assert_eq!(w("2026-03-11T15:00:01", "same_day").due, d("2026-03-12"));
        assert_eq!(w("2026-03-15T20:00", "same_day").due, d("2026-03-16"));
        assert_eq!(w("2026-03-11T17:30", "same_day").due, d("2026-03-12"));
        assert_eq!(w("2026-04-29T16:00", "same_day").due, d("2026-05-04"));
        assert_eq!(w("2026-04-23T15:30", "same_day@16:00").due, d("2026-04-23"));
        // Day limits are due at closing time.
        assert_eq!(w("2026-03-02T09:30", "3wd").due_at, t("2026-03-05T17:00"));
        // counting=hours leaves calendar-day and same-day limits alone.
        let f = |tl: &str| {
            due_of(
                &format!(r#"{{"received":"2026-03-02T16:30","time_limit":"{tl}"}}"#),
                &["counting=hours"],
            )
            .due
        };
        assert_eq!(f("10cd"), d("2026-03-12"));
        assert_eq!(f("same_day"), d("2026-03-03"));
        // ... and counts a working-day limit in 8 h days from the instant.
        assert_eq!(f("1wd"), d("2026-03-03"));
    }

    #[test]
    fn supplement_rounds_every_kind() {
        let p = |tl: &str, events: &str, pairs: &[&str]| {
            due_of(
                &format!(
                    r#"{{"received":"2026-03-02T09:00","time_limit":"{tl}","events":[{events}]}}"#
                ),
                pairs,
            )
        };
        let ev = r#"{"type":"supplement_requested","at":"2026-03-06T10:00"},{"type":"supplement_received","at":"2026-03-11T14:00"}"#;
        assert_eq!(p("15cd", ev, &[]).due, d("2026-03-23"));
        assert_eq!(p("15cd", ev, &["supplement=restart"]).due, d("2026-03-26"));
        let ev = r#"{"type":"supplement_requested","at":"2026-03-02T14:00"},{"type":"supplement_received","at":"2026-03-04T16:00"}"#;
        assert_eq!(p("8wh", ev, &[]).due_at, t("2026-03-05T11:00"));
        assert_eq!(
            p("8wh", ev, &["supplement=restart"]).due_at,
            t("2026-03-05T16:00")
        );
        // same-day: afresh on the supplement, 15:00 on the supplement instant
        let ev = r#"{"type":"supplement_requested","at":"2026-03-02T11:00"},{"type":"supplement_received","at":"2026-03-03T15:30"}"#;
        assert_eq!(p("same_day", ev, &[]).due, d("2026-03-04"));
        assert_eq!(
            p("same_day", ev, &["supplement=restart"]).due,
            d("2026-03-04")
        );
        // a date-only request under counting=hours uses the whole day
        let ev = r#"{"type":"supplement_requested","at":"2026-03-03"},{"type":"supplement_received","at":"2026-03-05T07:30"}"#;
        // used: Mon 09:00-17:00 = 7 h (Mon 2.5 + 4 = 6.5 h) + Tue 8 h = 14.5 h of 24 h; 9.5 h
        // from Thu 07:30: Thu 8 h, Fri 1.5 h -> 09:00
        assert_eq!(
            p("3wd", ev, &["counting=hours"]).due_at,
            t("2026-03-06T09:00")
        );
    }

    #[test]
    fn warnings() {
        let codes = |json: &str| -> Vec<WarningCode> {
            due_of(json, &[]).warnings.iter().map(|w| w.code).collect()
        };
        let base = r#"{"received":"2026-03-02T09:30","time_limit":"3wd","events":[EV]}"#;
        let with = |ev: &str| base.replace("EV", ev);
        assert!(codes(&with("")).is_empty());
        assert_eq!(
            codes(&with(
                r#"{"type":"supplement_requested","at":"2026-03-06T10:00"},{"type":"supplement_received","at":"2026-03-09T10:00"}"#
            )),
            vec![WarningCode::SupplementAfterDue]
        );
        assert_eq!(
            codes(&with(
                r#"{"type":"apology","at":"2026-03-06T10:00","new_due":"2026-03-10"}"#
            )),
            vec![WarningCode::ApologyAfterDue]
        );
        assert_eq!(
            codes(&with(
                r#"{"type":"extended","at":"2026-03-06T10:00","new_due":"2026-03-10"}"#
            )),
            vec![WarningCode::ExtensionAfterDue]
        );
        assert_eq!(
            codes(&with(r#"{"type":"refused","at":"2026-03-06T10:00"}"#)),
            vec![WarningCode::RefusedLate]
        );
        assert!(codes(&with(r#"{"type":"refused","at":"2026-03-05T18:00"}"#)).is_empty());
        assert_eq!(
            codes(&with(
                r#"{"type":"supplement_requested","at":"2026-03-03T10:00"},{"type":"resolved","at":"2026-03-04T10:00"}"#
            )),
            vec![WarningCode::ResolvedWhileAwaitingSupplement]
        );
        let two = r#"{"type":"supplement_requested","at":"2026-03-03T10:00"},{"type":"supplement_received","at":"2026-03-04T10:00"},{"type":"supplement_requested","at":"2026-03-04T11:00"},{"type":"supplement_received","at":"2026-03-04T12:00"},{"type":"supplement_requested","at":"2026-03-04T13:00"}"#;
        assert_eq!(
            codes(&with(two)),
            vec![WarningCode::MultipleSupplementRequests]
        );
        let w = serde_json::to_value(&due_of(&with(two), &[]).warnings).unwrap();
        assert_eq!(w[0]["code"], "multiple_supplement_requests");
    }

    #[test]
    fn district_level_after_2025() {
        let cat = Catalogue::from_json(
            r#"[{"code":"D1","name":"x","field":"f","level":"district","time_limit":"5wd","online":"none"}]"#,
        )
        .unwrap();
        let cal = weekdays("2020-01-01", "2030-12-31");
        let one = |recv: &str| {
            due(
                &dossier(&format!(r#"{{"received":"{recv}","procedure":"D1"}}"#)),
                &cal,
                &Rules::default(),
                Some(&cat),
            )
            .unwrap()
        };
        assert!(one("2025-06-30T10:00").warnings.is_empty());
        assert_eq!(
            one("2025-07-01T10:00").warnings[0].code,
            WarningCode::DistrictLevelAbolished
        );
        assert_eq!(one("2025-07-01T10:00").due, d("2025-07-08"));
        let e = due(
            &dossier(r#"{"received":"2025-07-01T10:00","procedure":"D2"}"#),
            &cal,
            &Rules::default(),
            Some(&cat),
        )
        .unwrap_err();
        assert_eq!(
            (e.kind(), e.field()),
            (ErrorKind::UnknownProcedure, Some("procedure"))
        );
        let e = due(
            &dossier(r#"{"received":"2025-07-01T10:00","procedure":"D1"}"#),
            &cal,
            &Rules::default(),
            None,
        )
        .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnknownProcedure);
    }

    #[test]
    fn validation_needing_the_due_date() {
        let base = r#"{"received":"2026-03-02T09:30","time_limit":"3wd","events":[EV]}"#;
        let with = |ev: &str| base.replace("EV", ev);
        assert_eq!(
            due_err(&with(
                r#"{"type":"apology","at":"2026-03-03T10:00","new_due":"2026-03-04"}"#
            )),
            ErrorKind::NewDueEarlier
        );
        assert_eq!(
            due_err(&with(
                r#"{"type":"extended","at":"2026-03-03T10:00","new_due":"2026-03-12"},{"type":"extended","at":"2026-03-04T10:00","new_due":"2026-03-11"}"#
            )),
            ErrorKind::NewDueEarlier
        );
        // equal is fine
        assert_eq!(
            due_of(
                &with(r#"{"type":"apology","at":"2026-03-03T10:00","new_due":"2026-03-05"}"#),
                &[]
            )
            .due,
            d("2026-03-05")
        );
        // a new_due outside the calendar
        assert_eq!(
            due_err(&with(
                r#"{"type":"extended","at":"2026-03-03T10:00","new_due":"2027-03-05"}"#
            )),
            ErrorKind::DateOutOfRange
        );
        // every structural rule of Dossier::validate also applies
        for (ev, kind) in [
            (
                r#"{"type":"resolved","at":"2026-03-01T10:00"}"#,
                ErrorKind::ResultBeforeReceipt,
            ),
            (
                r#"{"type":"supplement_received","at":"2026-03-03T10:00"}"#,
                ErrorKind::SupplementWithoutRequest,
            ),
            (
                r#"{"type":"resolved","at":"2026-03-04T10:00"},{"type":"resolved","at":"2026-03-05T10:00"}"#,
                ErrorKind::InvalidDossier,
            ),
            (
                r#"{"type":"returned","at":"2026-03-04T10:00"}"#,
                ErrorKind::InvalidDossier,
            ),
            (
                r#"{"type":"apology","at":"2026-03-03T10:00","new_due":"2026-03-09"},{"type":"apology","at":"2026-03-04T10:00","new_due":"2026-03-10"}"#,
                ErrorKind::SecondApology,
            ),
            (
                r#"{"type":"resolved","at":"2026-03-04T10:00"},{"type":"resolved","at":"2026-03-03T10:00"}"#,
                ErrorKind::EventsOutOfOrder,
            ),
        ] {
            assert_eq!(due_err(&with(ev)), kind, "{ev}");
        }
        // dates outside the calendar
        assert_eq!(
            due_err(r#"{"received":"2026-12-30T10:00","time_limit":"3wd"}"#),
            ErrorKind::DateOutOfRange
        );
    }

    #[test]
    fn as_of_and_explain() {
        let cal = cal2026();
        let e3 = dossier(
            r#"{"received":"2026-06-08T09:00","time_limit":{"working_days":10},"events":[
            {"type":"supplement_requested","at":"2026-06-11T15:00"},
            {"type":"supplement_received","at":"2026-06-16T10:00"},
            {"type":"resolved","at":"2026-06-29T10:00"}]}"#,
        );
        let r = Rules::default();
        let paused = due_with(&e3, &cal, &r, None, Some(t("2026-06-12T09:00")), false).unwrap();
        assert_eq!(paused.due, d("2026-06-22"));
        assert_eq!(
            paused.awaiting_supplement_since,
            Some(t("2026-06-11T15:00"))
        );
        let json = serde_json::to_string(&paused).unwrap();
        assert!(
            json.contains(r#""awaiting_supplement_since":"2026-06-11T15:00""#),
            "{json}"
        );
        assert!(!json.contains("explain"), "{json}");
        assert_eq!(
            due_with(&e3, &cal, &r, None, Some(t("2026-06-07T09:00")), false)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidArgument
        );

        let x = due_explained(&e3, &cal, &r, None).unwrap();
        assert_eq!(x.due, d("2026-06-25"));
        let kinds: Vec<StepKind> = x.explain.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            vec![
                StepKind::RuleSet,
                StepKind::Limit,
                StepKind::DeemedReceipt,
                StepKind::SupplementPause,
                StepKind::DeemedReceipt,
                StepKind::SupplementResumed,
                StepKind::Weekend,
                StepKind::Weekend,
                StepKind::Counted,
            ],
            "{:#?}",
            x.explain
        );
        assert!(x.explain[0].detail.contains("supplement=pause"));
        assert!(
            x.explain[3].detail.contains("3 working days used"),
            "{}",
            x.explain[3].detail
        );
        assert!(
            x.explain[3].detail.contains("7 working days left"),
            "{}",
            x.explain[3].detail
        );
        let json = serde_json::to_value(&x).unwrap();
        assert_eq!(json["explain"][3]["kind"], "supplement_pause");
        assert_eq!(json["explain"][3]["at"], "2026-06-11T15:00");
        assert_eq!(json["explain"][6]["date"], "2026-06-20");
        assert_eq!(
            json["explain"][6]["detail"],
            "Saturday: not a working day, skipped (while counting)"
        );
        // the same answer with and without the explanation
        let plain = due(&e3, &cal, &r, None).unwrap();
        assert_eq!(
            (plain.due, plain.due_at, plain.explain.len()),
            (x.due, x.due_at, 0)
        );

        let restart = due_explained(&e3, &cal, &rules(&["supplement=restart"]), None).unwrap();
        assert!(restart
            .explain
            .iter()
            .any(|s| s.kind == StepKind::SupplementRestart));
        assert!(restart.explain[0].detail.contains("supplement=restart"));
    }

    #[test]
    fn explain_skipped_days() {
        let cal = cal2026();
        let kinds = |json: &str, pairs: &[&str]| -> Vec<(StepKind, Option<NaiveDate>)> {
            due_explained(&dossier(json), &cal, &rules(pairs), None)
                .unwrap()
                .explain
                .iter()
                .map(|s| (s.kind, s.date))
                .collect()
        };
        // E8: after hours, then weekend and Tết (with its compensatory day)
        let e8 = kinds(r#"{"received":"2026-02-13T18:30","time_limit":"3wd"}"#, &[]);
        let tail: Vec<_> = e8.iter().skip(2).copied().collect();
        assert_eq!(
            tail,
            vec![
                (StepKind::AfterHours, Some(d("2026-02-13"))),
                (StepKind::Weekend, Some(d("2026-02-14"))),
                (StepKind::Weekend, Some(d("2026-02-15"))),
                (StepKind::Holiday, Some(d("2026-02-16"))),
                (StepKind::Holiday, Some(d("2026-02-17"))),
                (StepKind::Holiday, Some(d("2026-02-18"))),
                (StepKind::Holiday, Some(d("2026-02-19"))),
                (StepKind::Compensatory, Some(d("2026-02-20"))),
                (StepKind::Weekend, Some(d("2026-02-21"))),
                (StepKind::Weekend, Some(d("2026-02-22"))),
                (StepKind::DeemedReceipt, Some(d("2026-02-23"))),
                (StepKind::Counted, Some(d("2026-02-26"))),
            ]
        );
        // E7: the period ends on a rest day
        let e7 = kinds(
            r#"{"received":"2026-08-14T10:00","time_limit":"15cd"}"#,
            &[],
        );
        assert!(
            e7.contains(&(StepKind::Swap, Some(d("2026-08-31")))),
            "{e7:?}"
        );
        assert!(
            e7.contains(&(StepKind::Holiday, Some(d("2026-09-01")))),
            "{e7:?}"
        );
        assert!(
            e7.contains(&(StepKind::Weekend, Some(d("2026-08-29")))),
            "{e7:?}"
        );
        assert_eq!(
            e7.last(),
            Some(&(StepKind::EndMoved, Some(d("2026-09-03"))))
        );
        // E6: after 15:00
        let e6 = kinds(
            r#"{"received":"2026-04-29T16:00","time_limit":"same_day"}"#,
            &[],
        );
        assert!(
            e6.contains(&(StepKind::AfterCutoff, Some(d("2026-04-29")))),
            "{e6:?}"
        );
        assert!(
            e6.contains(&(StepKind::Holiday, Some(d("2026-04-30")))),
            "{e6:?}"
        );
        // apology
        let e5 = kinds(
            r#"{"received":"2026-10-19T09:00","time_limit":"5wd","events":[{"type":"apology","at":"2026-10-22T10:00","new_due":"2026-10-29"}]}"#,
            &[],
        );
        assert!(
            e5.contains(&(StepKind::Apology, Some(d("2026-10-22")))),
            "{e5:?}"
        );
        // hours
        let h = kinds(r#"{"received":"2026-03-13T14:00","time_limit":"8wh"}"#, &[]);
        assert_eq!(h.last(), Some(&(StepKind::Counted, Some(d("2026-03-16")))));
        // a closure on a custom calendar
        let mut spec = crate::calendar::CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31"));
        spec.closures.push(d("2026-03-03").into());
        let c = spec.compile().unwrap();
        let x = due_explained(
            &dossier(r#"{"received":"2026-03-02T10:00","time_limit":"1wd"}"#),
            &c,
            &Rules::default(),
            None,
        )
        .unwrap();
        assert_eq!(x.due, d("2026-03-04"));
        assert!(x
            .explain
            .iter()
            .any(|s| s.kind == StepKind::Closure && s.date == Some(d("2026-03-03"))));
    }

    #[test]
    fn instant_format() {
        assert_eq!(
            InstantFmt(t("2026-03-02T09:30")).to_string(),
            "2026-03-02T09:30"
        );
        assert_eq!(
            InstantFmt(t("2026-03-02T09:30:05")).to_string(),
            "2026-03-02T09:30:05"
        );
    }
}
