//! The counting rules, one small function each, every one citing its source: the deemed
//! receipt day, the end of each kind of limit, the time used before a supplement request, new
//! appointments, and the comparison with the due date. The pass ([`super::clock`]) applies
//! them; nothing else in the crate counts a deadline.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::facts::{Amount, Effect, Fact, Outcome, Reason, Round};
use super::law::{self, LegalBasis};
use super::options::{ApologyRule, Compare, DeemedReceipt, RuleSetInfo, SupplementRule};
use super::render::Context;
use crate::calendar::WorkCalendar;
use crate::dossier::{Channel, EventKind};
use crate::error::{Error, ErrorKind, Result};
use crate::procedure::TimeLimit;

/// Working hours in a day when a day limit is counted in hours: OpenCPS v2
/// (`org.opencps.datamgt.util.DueDateUtils`, `DAY_TO_HOURS = 8`) [V, source read]. A software
/// convention, not a rule of law; used whatever the calendar's office hours.
pub const HOURS_PER_DAY: u32 = 8;

/// The deemed receipt day `D`, day 0 of the count.
///
/// Default: the date of `at` when it is a working day and the time is at or before the
/// calendar's closing time — including before opening and in the lunch break — else the next
/// working day. Every channel alike: Decree 61/2018/NĐ-CP, Art. 17 (direct) \[U\]; Decision
/// 45/2016/QĐ-TTg, Art. 7 (postal) \[U\]; Decree 45/2020/NĐ-CP (online) \[U\], common portal
/// practice \[S\]. Option `deemed_receipt=calendar_day`: the date of `at`, whatever the day and
/// hour.
///
/// The same rule gives the deemed receipt day of a complete dossier after a supplement
/// request (Decree 61/2018/NĐ-CP, Art. 19 \[U\]). The text cited for each rule set and channel
/// is given by the rule set's table ([`RULE_SETS`](super::RULE_SETS)).
pub fn deemed_receipt_day(
    calendar: &WorkCalendar,
    at: NaiveDateTime,
    rule: DeemedReceipt,
) -> Result<NaiveDate> {
    date_of(deemed_receipt_number(calendar, at, rule)?)
}

/// [`deemed_receipt_day`] as a day number (days since 1970-01-01), as the pass counts.
#[inline(always)]
pub(crate) fn deemed_receipt_number(
    calendar: &WorkCalendar,
    at: NaiveDateTime,
    rule: DeemedReceipt,
) -> Result<i64> {
    let date = number_of(at.date());
    match rule {
        DeemedReceipt::CalendarDay => {
            // Still within the calendar's range, or an error.
            calendar.is_working_day_number(date)?;
            Ok(date)
        }
        DeemedReceipt::NextWorkingDayAfterHours => {
            // To the second, as every instant read from text is (17:00:00.5 is 17:00:00).
            let secs = at.time().num_seconds_from_midnight();
            let closing = calendar.closing_time().num_seconds_from_midnight();
            if calendar.is_working_day_number(date)? && secs <= closing {
                Ok(date)
            } else {
                calendar.add_working_days_number(date, 1)
            }
        }
    }
}

/// The day number of a date.
#[inline]
pub(crate) fn number_of(d: NaiveDate) -> i64 {
    i64::from(crate::civil::day_number(d))
}

/// The date of a day number.
#[inline]
pub(crate) fn date_of(n: i64) -> Result<NaiveDate> {
    crate::civil::date_from_day_number(n)
}

/// A limit of `n` working days from deemed receipt day `d` ends on the `n`-th working day
/// strictly after `d`: the day of receipt is not counted and the period ends at the end of
/// its last day (Civil Code 2015, Arts 147 and 148 \[V as content; article split U\]).
/// `n = 0` (nothing left after a supplement pause) gives `d` itself when it is a working day,
/// else the next working day; a negative `n` (more used than the limit) is taken as 0: a
/// limit never ends before the day the count starts.
pub fn working_days_due(calendar: &WorkCalendar, d: NaiveDate, n: i64) -> Result<NaiveDate> {
    date_of(working_days_due_number(calendar, number_of(d), n)?)
}

/// [`working_days_due`] on day numbers.
#[inline]
pub(crate) fn working_days_due_number(calendar: &WorkCalendar, d: i64, n: i64) -> Result<i64> {
    #[cfg(not(target_arch = "wasm32"))]
    return calendar.add_working_days_forward(d, n);
    #[cfg(target_arch = "wasm32")]
    return calendar.add_working_days_number(d, n.max(0));
}

/// A limit of `n` calendar days from `d` ends on `d + n`; when that is not a working day
/// (weekend, holiday, compensatory or swapped day off) the period ends at the end of the next
/// working day. Rest days inside the period count. (Civil Code 2015, Art. 147 for the start
/// and Art. 148 on a period ending on a rest day \[V as content; article U\].) A negative `n`
/// is taken as 0, as in [`working_days_due`].
pub fn calendar_days_due(calendar: &WorkCalendar, d: NaiveDate, n: i64) -> Result<NaiveDate> {
    date_of(calendar_days_due_number(calendar, number_of(d), n)?)
}

/// [`calendar_days_due`] on day numbers.
#[inline]
pub(crate) fn calendar_days_due_number(calendar: &WorkCalendar, d: i64, n: i64) -> Result<i64> {
    let end = d.checked_add(n.max(0)).ok_or_else(|| {
        Error::new(
            ErrorKind::DateOutOfRange,
            format!("day {d} + {n} days is not a representable date"),
        )
    })?;
    calendar.add_working_days_number(end, 0)
}

/// A limit in working time expires when `seconds` working seconds inside office hours have
/// elapsed from `at` (an instant before opening starts at opening; after closing or on a rest
/// day, at the next opening); the due date is the expiry's date. Published procedure sheets
/// state such limits \[S\]; a period in hours starts at the stated instant (Civil Code 2015,
/// Art. 147 \[U\]). With nothing left (`seconds ≤ 0`: every hour was used before a supplement
/// request) the limit expires where the count starts: at `at` inside office hours (a
/// session's close included), else at the next opening — as a day count with no day left is
/// due on the deemed receipt day of the complete dossier, never on a rest day.
#[inline]
pub fn working_hours_expiry(
    calendar: &WorkCalendar,
    at: NaiveDateTime,
    seconds: i64,
) -> Result<NaiveDateTime> {
    if seconds > 0 {
        return calendar.add_working_seconds(at, seconds);
    }
    // Where a count from `at` starts: `at` itself when the working second before it ends at
    // it (inside office hours, a session's close included), else the next opening (the first
    // working second after `at`, less that second).
    let second = chrono::TimeDelta::seconds(1);
    // (`at` at chrono's first instant has no second before it: out of any calendar, which
    // the count from `at` itself then says.)
    let before = at.checked_sub_signed(second);
    match before.map(|b| calendar.add_working_seconds(b, 1)) {
        Some(Ok(end)) if end == at => Ok(at),
        _ => Ok(calendar.add_working_seconds(at, 1)? - second),
    }
}

/// A same-day limit (*trong ngày*) is due on the deemed receipt day `d`, or on the next
/// working day when the request was received on `d` itself strictly after `cutoff` (15:00):
/// Decree 23/2015/NĐ-CP, Art. 7 \[S: repeated verbatim in published procedure sheets; article
/// U\]. A dossier deemed received on a later day (online at night, on Sunday) is treated as
/// arriving at opening: due `d`. (Under `deemed_receipt=calendar_day`, `d` may be a rest day:
/// the result is then due on the next working day, as a period ending on a rest day is
/// extended, Civil Code 2015, Art. 148 \[U\].) The cut-off applies to same-day limits only: the
/// 15:00 of Decree 61/2018/NĐ-CP, Art. 18 \[U\] moves paper inside the agency, not the
/// appointment.
pub fn same_day_due(
    calendar: &WorkCalendar,
    d: NaiveDate,
    at: NaiveDateTime,
    cutoff: NaiveTime,
) -> Result<NaiveDate> {
    date_of(same_day_due_number(calendar, number_of(d), at, cutoff)?)
}

/// [`same_day_due`] on day numbers.
#[inline]
pub(crate) fn same_day_due_number(
    calendar: &WorkCalendar,
    d: i64,
    at: NaiveDateTime,
    cutoff: NaiveTime,
) -> Result<i64> {
    if number_of(at.date()) == d && at.time() > cutoff {
        calendar.add_working_days_number(d, 1)
    } else {
        calendar.add_working_days_number(d, 0)
    }
}

/// Working days used before a supplement request under `supplement=pause`: the working days
/// `x` with `start < x ≤ request`, or 0 for a request before `start` (e.g. the evening of an
/// after-hours receipt). Decree 61/2018/NĐ-CP, Art. 19: the time already spent on the first
/// examination counts within the processing time \[U: recalled by two readers\].
/// (On day numbers.)
#[inline]
pub(crate) fn working_days_used_number(
    calendar: &WorkCalendar,
    start: i64,
    request: i64,
) -> Result<i64> {
    Ok(calendar
        .working_days_between_numbers(start, request)?
        .max(0))
}

/// The day a stopped clock's lateness is measured to: the day of the open supplement request
/// `request`, or the round's deemed receipt day `round_start` when the request came before it
/// (the evening of an after-hours receipt, or in a break): a count that had not begun used
/// nothing, as [`working_days_used_number`] counts it, so the working days left are the whole
/// budget. Decree 61/2018/NĐ-CP, Art. 19 \[U\] (the time spent before the request counts
/// within the processing time; the time awaiting the supplement does not). The one rule of the
/// dossier's and each stage's `working_days_late` while a supplement is awaited.
/// (On day numbers.)
#[inline(always)]
pub(crate) fn stopped_day(request: i64, round_start: i64) -> i64 {
    request.max(round_start)
}

/// Calendar days used before a supplement request under `supplement=pause`: the days `x` with
/// `start < x ≤ request` (0 when the request is before `start`): the pause arithmetic of
/// Decree 61/2018/NĐ-CP, Art. 19 \[U\] extended to calendar-day limits.
/// (On day numbers.)
#[inline]
pub(crate) fn calendar_days_used_number(start: i64, request: i64) -> i64 {
    (request - start).max(0)
}

/// Working seconds used before a supplement request under `supplement=pause` when counting in
/// working time (hour limits, `counting=hours`): office-hours seconds from `start` to
/// `request` (0 when the request is before `start`): the pause arithmetic of Decree
/// 61/2018/NĐ-CP, Art. 19 \[U\] in working time.
#[inline]
pub(crate) fn working_seconds_used(
    calendar: &WorkCalendar,
    start: NaiveDateTime,
    request: NaiveDateTime,
) -> Result<i64> {
    Ok(calendar.working_seconds_between(start, request)?.max(0))
}

/// Whether an apology or extension issued at `issued` moves the due date: only when issued
/// by the end of the current due date `current` (an apology after the due date is a warning
/// and the date stays), and for an apology only under `apology=moves_due`, or under
/// `apology=moves_due_day_before` when issued on a date before `current`. Apology: Form 04
/// of Circular 01/2018/TT-VPCP, Decree 61/2018/NĐ-CP \[U\] ("at least 1 day before" is
/// recalled \[U\]: not the default, the option `moves_due_day_before`); Circular
/// 03/2025/TT-VPCP Form 04 (apology and extension request) \[S\]. Extension (*gia hạn*):
/// where a sectoral law allows it, behaves like an apology in arithmetic, not limited in
/// number, not a failure.
#[inline]
pub(crate) fn new_appointment_applies(
    kind: EventKind,
    issued: NaiveDate,
    current: NaiveDate,
    rule: ApologyRule,
) -> bool {
    let in_time = issued <= current;
    match kind {
        EventKind::Apology => match rule {
            ApologyRule::MovesDue => in_time,
            ApologyRule::MovesDueDayBefore => issued < current,
            ApologyRule::CountsLate => false,
        },
        EventKind::Extended => in_time,
        _ => false,
    }
}

/// Whether an instant `at` (a result, a refusal, "now") is after the due date: by date
/// (`compare=date`: the period ends at the end of its last day, Civil Code 2015, Art. 148 \[V
/// as content; article U\]) or by instant (`compare=instant`: after `due_at`).
/// The day of `at` and the due date are given as day numbers (`due_at` is asked for only
/// under `compare=instant`). Natively always inlined: a call was some 10 instructions of every
/// `classify`, whose common case is one compare of day numbers.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
#[cfg_attr(target_arch = "wasm32", inline)]
pub(crate) fn is_after_due_number(
    at: NaiveDateTime,
    at_day: i64,
    due: i64,
    due_at: impl FnOnce() -> NaiveDateTime,
    rule: Compare,
) -> bool {
    match rule {
        Compare::Date => at_day > due,
        Compare::Instant => at > due_at(),
    }
}

/// The class of a result (or of a stage's end) at `result` against the due date `due` (day
/// numbers): before = early, the same day = on time, after = late (Circular 01/2018/TT-VPCP,
/// Art. 13 \[U\]; by instant under `compare=instant`). The one comparison of
/// [`outcome::resolved_outcome`](crate::outcome::resolved_outcome) and of inter-agency stages.
#[inline]
pub(crate) fn resolved_outcome_number(
    result: NaiveDateTime,
    result_day: i64,
    due: i64,
    due_at: impl FnOnce() -> NaiveDateTime,
    compare: Compare,
) -> Outcome {
    if is_after_due_number(result, result_day, due, due_at, compare) {
        Outcome::Late
    } else if result_day < due {
        Outcome::Early
    } else {
        Outcome::OnTime
    }
}

/// The class of an open dossier (or of the stage holding the file) as of `as_of` against the
/// due date `due` (day numbers): within while not after it, else overdue. The one comparison
/// of [`outcome::pending_outcome`](crate::outcome::pending_outcome) and of inter-agency stages.
#[inline]
pub(crate) fn pending_outcome_number(
    as_of: NaiveDateTime,
    as_of_day: i64,
    due: i64,
    due_at: impl FnOnce() -> NaiveDateTime,
    compare: Compare,
) -> Outcome {
    if is_after_due_number(as_of, as_of_day, due, due_at, compare) {
        Outcome::Overdue
    } else {
        Outcome::PendingWithin
    }
}

/// The text cited for the deemed receipt day: the postal and online rules for those channels,
/// else the one-stop text of the rule set (Decree 61/2018/NĐ-CP, Art. 17 \[U\]; Decree
/// 118/2025/NĐ-CP; Decision 09/2015/QĐ-TTg before 2018). A complete dossier after a supplement
/// request is ruled with the supplement ([`RuleSetInfo::supplement`]).
///
/// A channel's text is cited only for dossiers received once it applied: the postal decision
/// (of 2016) from 2017, the online decree (of 2020) from 2021 (their dates of effect are not
/// verified: the first whole year after each is taken); before, the one-stop text.
pub(crate) fn receipt_basis(
    set: &RuleSetInfo,
    channel: Channel,
    received: NaiveDate,
) -> LegalBasis {
    match channel {
        Channel::Postal if received.year() >= 2017 => law::DECISION_45_2016_ART_7,
        Channel::Online if received.year() >= 2021 => law::DECREE_45_2020,
        _ => set.receipt,
    }
}

/// The legal text that rules a fact of the count, if one does: the one-stop text of the rule
/// set for receipt, supplement, apology, refusal and withdrawal; the Civil Code for counting
/// and the end of a period; Decree 23/2015/NĐ-CP for same-day limits. Steps that follow an
/// option (`restart`, `counting=hours`, `calendar_day`, `counts_late`, `compare=instant`,
/// `multi_supplement=late`) or the calendar (days off) cite none.
pub(crate) fn basis_of(fact: &Fact, ctx: &Context) -> Option<LegalBasis> {
    // Before May 2015 the one-stop regulation was Decision 93/2007/QĐ-TTg, which Decision
    // 09/2015/QĐ-TTg replaced (the reference's "93/2007 before 2015-05" \[U\]). Decision
    // 93/2007/QĐ-TTg was signed on 2007-06-22 and took effect 15 days after its publication
    // in the Official Gazette \[U: the day of publication\]: a dossier received before
    // August 2007 cites no one-stop regulation (the one before it is not in our sources).
    //
    // The counting rules are the Civil Code's: the 2015 code's Arts 147-148 from 2017, the
    // 2005 code's Arts 152-153 (the same rules) from 2006; the 1995 code before it is not in
    // our sources, so a dossier received before 2006 cites none.
    //
    // Decree 23/2015/NĐ-CP (the same-day limit's 15:00 cut-off) took effect on 2015-04-10
    // [U: its final article]: before, the cut-off is applied as a rule set's reading, citing
    // no text.
    basis_in_force(fact, ctx).and_then(|b| text_in_force(b, ctx.deemed_receipt))
}

/// The text in force for a dossier deemed received on `deemed` of a rule set's (or the Civil
/// Code's) text `b`, as [`basis_of`] cites it: Decision 93/2007/QĐ-TTg for Decision
/// 09/2015/QĐ-TTg before May 2015 and none before August 2007, the Civil Code 2005's articles
/// before 2017 and none before 2006, no Decree 23/2015/NĐ-CP before 10 April 2015; `b` itself
/// when `deemed` is unknown. The warnings cite through it too.
pub(crate) fn text_in_force(b: LegalBasis, deemed: Option<NaiveDate>) -> Option<LegalBasis> {
    let month = deemed.map(|d| (d.year(), d.month()));
    let before_decree_23 = deemed.is_some_and(|d| (d.year(), d.month(), d.day()) < (2015, 4, 10));
    if before_decree_23 && b == law::DECREE_23_2015_ART_7 {
        return None;
    }
    match month {
        Some(m) if m < (2015, 5) && b == law::DECISION_09_2015 => {
            (m >= DECISION_93_2007_IN_FORCE).then_some(law::DECISION_93_2007)
        }
        Some(m) if m < (2017, 1) && b.document == law::Document::CivilCode2015 => {
            if m < (2006, 1) {
                None
            } else if b == law::CIVIL_CODE_147 {
                Some(law::CIVIL_CODE_2005_152)
            } else {
                Some(law::CIVIL_CODE_2005_153)
            }
        }
        _ => Some(b),
    }
}

/// The first whole month in which Decision 93/2007/QĐ-TTg was in force (year, month).
const DECISION_93_2007_IN_FORCE: (i32, u32) = (2007, 8);

/// The rule set's supplement text, for a step read under `supplement=pause` (the law's
/// reading); none under `restart` (an option, which cites no text).
fn supplement_basis(set: &RuleSetInfo, reading: SupplementRule) -> Option<LegalBasis> {
    (reading == SupplementRule::Pause).then_some(set.supplement)
}

/// The text that rules a class (of the dossier, or of a stage): the rule set's refusal or
/// withdrawal text, its supplement text (under `supplement=pause`) while one is awaited, else
/// the end of a period (Civil Code 2015, Art. 148) when compared by date.
fn outcome_basis(outcome: Outcome, compare: Compare, ctx: &Context) -> Option<LegalBasis> {
    let set = ctx.set;
    match outcome {
        Outcome::AwaitingSupplement => supplement_basis(set, ctx.rules.supplement),
        Outcome::Refused => Some(set.refusal),
        Outcome::Withdrawn => set.withdrawal,
        _ => (compare == Compare::Date).then_some(law::CIVIL_CODE_148),
    }
}

fn basis_in_force(fact: &Fact, ctx: &Context) -> Option<LegalBasis> {
    let set = ctx.set;
    let supplement = |reading: SupplementRule| supplement_basis(set, reading);
    match fact {
        Fact::RuleSet { .. } => Some(set.text),
        Fact::Received {
            reason: Reason::CalendarDay,
            ..
        }
        | Fact::Received {
            round: Round::ResultWhileAwaiting,
            ..
        } => None,
        Fact::Received {
            round: Round::First,
            channel,
            date,
            ..
        } => Some(receipt_basis(set, *channel, *date)),
        Fact::Received { .. } => Some(set.supplement),
        Fact::Counted {
            amount: Amount::SameDay,
            ..
        }
        | Fact::AfterCutoff { .. } => Some(law::DECREE_23_2015_ART_7),
        Fact::Counted {
            amount: Amount::WorkingSeconds(_),
            ..
        } if matches!(ctx.limit, TimeLimit::WorkingDays(_)) => None,
        Fact::Counted { .. } => Some(law::CIVIL_CODE_147),
        Fact::EndMoved { .. } => Some(law::CIVIL_CODE_148),
        Fact::SupplementRequested { reading, .. }
        | Fact::ClockResumed { reading, .. }
        | Fact::AwaitingSupplement { reading, .. } => supplement(*reading),
        Fact::SupplementRequestedAgain { .. } => supplement(ctx.rules.supplement),
        Fact::NewAppointment {
            effect: Effect::CountsLate,
            ..
        } => None,
        Fact::NewAppointment {
            event: EventKind::Apology,
            ..
        } => Some(set.apology),
        Fact::NewAppointment { .. } => set.extension,
        Fact::Closed {
            event: EventKind::Refused,
            ..
        } => Some(set.refusal),
        Fact::Closed { .. } => set.withdrawal,
        Fact::Outcome {
            outcome, by_law, ..
        } if outcome != by_law => None,
        Fact::Outcome {
            outcome, compare, ..
        } => outcome_basis(*outcome, *compare, ctx),
        Fact::StageReceived {
            reason: Reason::CalendarDay,
            ..
        } => None,
        Fact::StageReceived { .. } => Some(set.stages),
        // (A stage's class is the dossier's rule: a refusal or withdrawal ending it, the
        // supplement it awaits, or its end against its due date.)
        Fact::StageEnded {
            outcome: Some(o), ..
        } => outcome_basis(*o, ctx.rules.compare, ctx),
        Fact::StageEnded { .. } => None,
        Fact::DayOff { date, class, .. } => law::day_off_basis(*date, *class),
        Fact::MakeupDay { date, .. } => {
            law::day_off_basis(*date, crate::calendar::DayClass::MakeupWorkingDay)
        }
        Fact::Limit { .. } | Fact::IgnoredAfterAsOf { .. } => None,
    }
}
