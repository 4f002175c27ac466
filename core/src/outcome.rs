//! Classification of a dossier as of an instant: early / on time / late for
//! resolved dossiers; within deadline / overdue / awaiting supplement for open ones; refused;
//! withdrawn. The due date comes from [`deadline`](crate::deadline), computed on the events up
//! to the as-of instant.
//!
//! ```
//! use motcua::{CalendarSpec, deadline::Rules, dossier::Dossier, outcome::{classify, Outcome}};
//! let cal = CalendarSpec::weekdays("2026-01-01".parse()?, "2026-12-31".parse()?).compile()?;
//! let d = Dossier::from_json(r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":3},
//!   "events":[{"type":"resolved","at":"2026-03-06T08:00"}]}"#)?;
//! let c = classify(&d, &cal, &Rules::default(), None, "2026-03-10T00:00:00".parse()?)?;
//! assert_eq!(c.outcome, Outcome::Late);
//! assert_eq!(c.working_days_late, 1);
//! // As of an earlier instant, the result is not known yet:
//! let c = classify(&d, &cal, &Rules::default(), None, "2026-03-05T12:00:00".parse()?)?;
//! assert_eq!(c.outcome, Outcome::PendingWithin);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::ser::SerializeMap;
use serde::Serialize;

use crate::calendar::WorkCalendar;
use crate::deadline::{
    evaluate, evaluate_traced, pending_outcome_number, render_steps, resolved_outcome_number,
    Compare, Due, Fact, Lang, MultiSupplement, OutcomeOnly, Quiet, Rules,
};
use crate::dossier::{Dossier, EventKind};
use crate::error::Result;
use crate::procedure::Catalogue;

/// The class of a dossier as of an instant (defined with the deadline's facts, which carry
/// it): early / on time / late, within the deadline / overdue / awaiting a supplement,
/// refused, withdrawn.
pub use crate::deadline::Outcome;

impl Outcome {
    /// Every outcome, in declaration order.
    pub const ALL: [Outcome; 8] = [
        Outcome::Early,
        Outcome::OnTime,
        Outcome::Late,
        Outcome::PendingWithin,
        Outcome::Overdue,
        Outcome::AwaitingSupplement,
        Outcome::Refused,
        Outcome::Withdrawn,
    ];

    /// The snake_case name (`"on_time"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            Outcome::Early => "early",
            Outcome::OnTime => "on_time",
            Outcome::Late => "late",
            Outcome::PendingWithin => "pending_within",
            Outcome::Overdue => "overdue",
            Outcome::AwaitingSupplement => "awaiting_supplement",
            Outcome::Refused => "refused",
            Outcome::Withdrawn => "withdrawn",
        }
    }

    /// Whether the outcome is one of a resolved dossier (early, on time, late).
    pub const fn is_resolved(self) -> bool {
        matches!(self, Outcome::Early | Outcome::OnTime | Outcome::Late)
    }

    /// Whether the outcome is one of an open dossier (within, overdue, awaiting supplement).
    pub const fn is_pending(self) -> bool {
        matches!(
            self,
            Outcome::PendingWithin | Outcome::Overdue | Outcome::AwaitingSupplement
        )
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A classified dossier: the due answer, the outcome and the signed distance in working days.
///
/// Serialized (the CLI's `classify` line) as the [`Due`] fields plus `"outcome"` and
/// `"working_days_late"`, before `"warnings"`:
/// `{"due":"2026-06-25","due_at":"2026-06-25T17:00","rule_set":"nd118",
/// "deemed_receipt":"2026-06-08","outcome":"late","working_days_late":2,"warnings":[]}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    /// The due date as of the classification instant, warnings, explanation.
    pub due: Due,
    /// The class.
    pub outcome: Outcome,
    /// `working_days_between(due, day)` where `day` is the date of the result, refusal or
    /// withdrawal, or of the as-of instant for open dossiers: negative = that many working
    /// days before the due date, positive = after it. For a dossier awaiting a supplement
    /// the clock stopped at the request (Decree 61/2018/NĐ-CP, Art. 19): it is measured from
    /// the due date as it stood then to the day of the request, and does not grow while the
    /// dossier waits. It is the count's, whatever the class: under `multi_supplement=late` a
    /// dossier classed late or overdue for its second request keeps its own (negative when
    /// before its due date).
    pub working_days_late: i64,
}

impl Serialize for Classified {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        self.due.write_fields(&mut m, |m| {
            m.serialize_entry("outcome", &self.outcome)?;
            m.serialize_entry("working_days_late", &self.working_days_late)
        })?;
        m.end()
    }
}

/// The class of a resolved dossier: result date before the due date = early, on it = on
/// time, after it = late (Circular 01/2018/TT-VPCP, the article on monitoring processing time,
/// Art. 13 \[U\]; a period ends at the end of its last day, Civil Code 2015, Art. 148 \[U\]).
/// With `compare=instant` a result after `due_at` is late, one
/// on the due date but not after `due_at` on time.
#[inline]
pub fn resolved_outcome(
    result: NaiveDateTime,
    due: NaiveDate,
    due_at: NaiveDateTime,
    compare: Compare,
) -> Outcome {
    resolved_outcome_number(
        result,
        day_number(result.date()),
        day_number(due),
        || due_at,
        compare,
    )
}

/// The day number of a date.
#[inline]
fn day_number(d: NaiveDate) -> i64 {
    i64::from(crate::civil::day_number(d))
}

/// The class of an open dossier as of `as_of`: within deadline while `as_of.date() ≤ due`
/// (the whole due date is within: Civil Code 2015, Art. 148 \[U\]), else overdue; with
/// `compare=instant`, overdue after `due_at`.
#[inline]
pub fn pending_outcome(
    as_of: NaiveDateTime,
    due: NaiveDate,
    due_at: NaiveDateTime,
    compare: Compare,
) -> Outcome {
    pending_outcome_number(
        as_of,
        day_number(as_of.date()),
        day_number(due),
        || due_at,
        compare,
    )
}

/// Option `multi_supplement=late`: a dossier with more than one supplement request is late if
/// resolved, overdue if open (dashboards that count it so \[U\]). Under the
/// default (`allowed`) the outcome is left as it is.
#[inline]
pub(crate) fn multi_supplement_outcome(
    outcome: Outcome,
    requests: u32,
    rule: MultiSupplement,
) -> Outcome {
    if rule == MultiSupplement::Late && requests > 1 {
        match outcome {
            Outcome::Early | Outcome::OnTime => Outcome::Late,
            Outcome::PendingWithin => Outcome::Overdue,
            other => other,
        }
    } else {
        outcome
    }
}

/// Classifies `dossier` as of `as_of`: events after `as_of` are ignored (the due date is
/// computed on the events up to it), the whole dossier is validated. Errors as
/// [`deadline::due`](crate::deadline::due), and an `as_of` before the receipt is an
/// `invalid_argument` error.
#[cfg_attr(not(target_arch = "wasm32"), inline)]
pub fn classify(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
    as_of: NaiveDateTime,
) -> Result<Classified> {
    classify_quiet(dossier, calendar, rules, catalogue, as_of, Lang::default())
}

/// [`classify`] without an explanation: inlined into the caller natively (the answer is then
/// built where the caller keeps it, not copied there), one copy in WebAssembly.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn classify_quiet(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
    as_of: NaiveDateTime,
    lang: Lang,
) -> Result<Classified> {
    classify_round(dossier, calendar, rules, catalogue, as_of, lang).map(|(c, _)| c)
}

/// [`classify`] without an explanation, with the deemed receipt day (a day number) of the
/// count's current round: the first, or the complete dossier's after a supplement (the
/// worklist's floor of the apology day); the warnings in `lang`.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub(crate) fn classify_round(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
    as_of: NaiveDateTime,
    lang: Lang,
) -> Result<(Classified, i64)> {
    let as_of = crate::civil::whole_second(as_of);
    crate::deadline::check_as_of(calendar, as_of)?;
    let (ev, _, _) = evaluate(
        dossier,
        calendar,
        rules,
        catalogue,
        Some(as_of),
        Quiet::default(),
    )?;
    let (outcome, _, _, working_days_late) = class_of(&ev, dossier, calendar, rules, as_of)?;
    let round = ev.round_start;
    ev.answer_with(dossier, calendar, lang, |due| {
        (
            Classified {
                due,
                outcome,
                working_days_late,
            },
            round,
        )
    })
}

/// The outcome of [`classify`] alone, what a report counts: the same pass and the same class,
/// without building the answer's dates, stages and warnings (every day the pass holds is a day
/// of the calendar, so building them could not fail: the errors are `classify`'s).
#[inline]
pub(crate) fn outcome_of(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
    as_of: NaiveDateTime,
) -> Result<Outcome> {
    let as_of = crate::civil::whole_second(as_of);
    crate::deadline::check_as_of(calendar, as_of)?;
    // (a unit struct natively, an `Option` on WebAssembly)
    #[allow(clippy::default_constructed_unit_structs)]
    let sink = OutcomeOnly::default();
    let (ev, _, _) = evaluate(dossier, calendar, rules, catalogue, Some(as_of), sink)?;
    Ok(class_of(&ev, dossier, calendar, rules, as_of)?.0)
}

/// [`outcome_of`] as of `as_of`, and as of each of `ends` (whole seconds, in increasing order,
/// before `as_of`) while the dossier is open, from the same pass: what a report counts at the
/// ends of the periods a dossier stays open across, in one pass rather than one a period end.
/// `at_ends` is cleared, then receives the outcome as of each end before the dossier's closing
/// event (result, refusal, withdrawal), in order: a prefix of `ends`, each outcome the one
/// [`outcome_of`] as of that end gives (the pass's state as of an end is its state before the
/// first event after it; the events after it are checked but not counted, and checking them
/// changes nothing the class reads). The errors are those of [`outcome_of`] as of `as_of`, then
/// those as of each end, in order.
#[cfg(not(target_arch = "wasm32"))]
#[inline(never)]
pub(crate) fn outcome_of_at_ends(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
    as_of: NaiveDateTime,
    ends: &[NaiveDateTime],
    at_ends: &mut Vec<Outcome>,
) -> Result<Outcome> {
    let as_of = crate::civil::whole_second(as_of);
    crate::deadline::check_as_of(calendar, as_of)?;
    at_ends.clear();
    let sink = AtEnds {
        ends,
        dossier,
        calendar,
        rules,
        out: at_ends,
        error: None,
    };
    let (ev, sink, _) = evaluate(dossier, calendar, rules, catalogue, Some(as_of), sink)?;
    let outcome = class_of(&ev, dossier, calendar, rules, as_of)?.0;
    match sink.error {
        Some(err) => Err(err),
        None => Ok(outcome),
    }
}

/// The sink of [`outcome_of_at_ends`]: no facts, no warnings, no stage marks (a count of
/// outcomes reads none of them), and the class as of each end the pass reaches.
#[cfg(not(target_arch = "wasm32"))]
struct AtEnds<'a> {
    ends: &'a [NaiveDateTime],
    dossier: &'a Dossier,
    calendar: &'a WorkCalendar,
    rules: &'a Rules,
    out: &'a mut Vec<Outcome>,
    /// The first error as of an end (the rest are not worked out).
    error: Option<crate::Error>,
}

#[cfg(not(target_arch = "wasm32"))]
impl crate::deadline::Trace for AtEnds<'_> {
    crate::deadline::counts_outcomes_only!();
    #[inline(always)]
    fn end_before(&mut self, before: Option<NaiveDateTime>) -> Option<NaiveDateTime> {
        let (&t, rest) = self.ends.split_first()?;
        if before.is_some_and(|b| b <= t) {
            return None;
        }
        self.ends = rest;
        Some(t)
    }
    #[inline(never)]
    fn at_end(&mut self, end: NaiveDateTime, ev: crate::deadline::Evaluation) {
        if self.error.is_some() {
            return;
        }
        let (d, cal, rules) = (self.dossier, self.calendar, self.rules);
        // (the checks of a pass as of `end` that the pass as of the as-of instant did not make)
        let class = crate::deadline::check_as_of(cal, end)
            .and_then(|()| crate::deadline::check_not_before_receipt(d, cal, end))
            .and_then(|()| class_of(&ev, d, cal, rules, end));
        match class {
            Ok(c) => self.out.push(c.0),
            Err(err) => self.error = Some(err),
        }
    }
}

/// [`classify`] with an explanation in `lang` (the due date's steps, then the outcome's).
pub fn classify_explained(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
    as_of: NaiveDateTime,
    lang: Lang,
) -> Result<Classified> {
    classify_with(dossier, calendar, rules, catalogue, as_of, true, lang)
}

/// [`classify`] with an explanation in the language `explain` when given.
pub(crate) fn classify_with(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
    as_of: NaiveDateTime,
    explain: bool,
    lang: Lang,
) -> Result<Classified> {
    if !explain {
        return classify_quiet(dossier, calendar, rules, catalogue, as_of, lang);
    }
    let as_of = crate::civil::whole_second(as_of);
    crate::deadline::check_as_of(calendar, as_of)?;
    let (ev, mut facts, limit) = evaluate_traced(dossier, calendar, rules, catalogue, Some(as_of))?;
    let (outcome, by_law, day, working_days_late) = class_of(&ev, dossier, calendar, rules, as_of)?;
    let ctx = ev.context(rules, limit);
    let at = ev.closing(dossier).map(|e| e.at);
    let requests = u32::try_from(ev.requests).unwrap_or(u32::MAX);
    let mut due = ev.answer(dossier, calendar, lang)?;
    facts.push(Fact::Outcome {
        outcome,
        by_law,
        at,
        as_of,
        date: day,
        due: due.due,
        due_at: due.due_at,
        working_days_late,
        compare: rules.compare,
        requests,
    });
    due.explain = render_steps(facts, &ctx, lang);
    Ok(Classified {
        due,
        outcome,
        working_days_late,
    })
}

/// The class of an evaluated dossier as of `as_of`, the class by the law (before
/// `multi_supplement=late`), the day compared with the due date, and the working days from the
/// due date to it.
#[inline(always)]
fn class_of(
    ev: &crate::deadline::Evaluation,
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    as_of: NaiveDateTime,
) -> Result<(Outcome, Outcome, NaiveDate, i64)> {
    let due = ev.due_day;
    // The due instant, needed only under compare=instant. It captures copies of the two
    // fields it reads, not `ev`: handed to a function not inlined, a closure holding a
    // reference to the evaluation made `classify` write the whole evaluation to memory and
    // read it back (some 30 instructions a dossier).
    let expiry = ev.due_at;
    let due_at = move || {
        crate::civil::date_from_day_number(due).map_or(NaiveDateTime::MAX, |d| {
            crate::deadline::Evaluation::due_instant(expiry, d, calendar)
        })
    };
    // The instant compared with the due date: the result, refusal or withdrawal, else as-of.
    let closing = ev.closing(dossier);
    let at = closing.map_or(as_of, |e| e.at);
    let day = day_number(at.date());
    let base = match closing.map(|e| e.kind) {
        Some(EventKind::Resolved) => resolved_outcome_number(at, day, due, due_at, rules.compare),
        Some(EventKind::Refused) => Outcome::Refused,
        Some(_) => Outcome::Withdrawn,
        None if ev.awaiting != usize::MAX => Outcome::AwaitingSupplement,
        None => pending_outcome_number(at, day, due, due_at, rules.compare),
    };
    let requests = u32::try_from(ev.requests).unwrap_or(u32::MAX);
    let outcome = multi_supplement_outcome(base, requests, rules.multi_supplement);
    // Awaiting a supplement, the clock stopped at the request: the distance stops there too
    // (`stopped_day`), also when a refusal or withdrawal ends the dossier before it was
    // completed (a result completes it: no request is then open).
    let stopped = match dossier.events.get(ev.awaiting) {
        Some(request) => {
            crate::deadline::stopped_day(day_number(request.at.date()), ev.round_start)
        }
        None => day,
    };
    let working_days_late = calendar.working_days_between_numbers(due, stopped)?;
    Ok((outcome, base, at.date(), working_days_late))
}

#[cfg(test)]
#[path = "tests_outcome.rs"]
mod tests;
