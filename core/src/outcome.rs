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
    classify_quiet(dossier, calendar, rules, catalogue, as_of)
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
) -> Result<Classified> {
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
    ev.answer_with(dossier, calendar, |due| Classified {
        due,
        outcome,
        working_days_late,
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
    classify_with(dossier, calendar, rules, catalogue, as_of, Some(lang))
}

/// [`classify`] with an explanation in the language `explain` when given.
pub(crate) fn classify_with(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
    as_of: NaiveDateTime,
    explain: Option<Lang>,
) -> Result<Classified> {
    let Some(lang) = explain else {
        return classify_quiet(dossier, calendar, rules, catalogue, as_of);
    };
    let as_of = crate::civil::whole_second(as_of);
    crate::deadline::check_as_of(calendar, as_of)?;
    let (ev, mut facts, limit) = evaluate_traced(dossier, calendar, rules, catalogue, Some(as_of))?;
    let (outcome, by_law, day, working_days_late) = class_of(&ev, dossier, calendar, rules, as_of)?;
    let ctx = ev.context(rules, limit);
    let at = ev.closing(dossier).map(|e| e.at);
    let requests = u32::try_from(ev.requests).unwrap_or(u32::MAX);
    let mut due = ev.answer(dossier, calendar)?;
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
    // Awaiting a supplement, the clock stopped at the request: the distance stops there too,
    // also when a refusal or withdrawal ends the dossier before it was completed (a result
    // completes it: no request is then open).
    // A request before the round's deemed receipt day (made the evening a dossier came after
    // closing time) stopped a count that had not begun: nothing of it was used, as the pause
    // itself counts (the time used runs from the deemed receipt day).
    let stopped = match dossier.events.get(ev.awaiting) {
        Some(request) => day_number(request.at.date()).max(ev.round_start),
        None => day,
    };
    let working_days_late = calendar.working_days_between_numbers(due, stopped)?;
    Ok((outcome, base, at.date(), working_days_late))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadline::testkit::*;
    use crate::deadline::{due, RuleSet};
    use crate::error::ErrorKind;

    const END: &str = "2026-12-31T23:59";

    /// Classifies a dossier on the §7 calendar.
    fn run(json: &str, pairs: &[&str], as_of: &str) -> Classified {
        classify(&dossier(json), &cal2026(), &rules(pairs), None, t(as_of)).unwrap()
    }

    fn check(json: &str, pairs: &[&str], as_of: &str, due: &str, outcome: Outcome) -> Classified {
        let c = run(json, pairs, as_of);
        assert_eq!(
            (c.due.due, c.outcome),
            (d(due), outcome),
            "{pairs:?} {json}"
        );
        c
    }

    const E1: &str = r#"{"received":"2026-03-03T10:00","channel":"direct","time_limit":{"working_days":5},
        "events":[{"type":"resolved","at":"2026-03-09T10:00"}]}"#;

    #[test]
    fn e1_direct_plain_week() {
        let c = check(E1, &[], END, "2026-03-10", Outcome::Early);
        assert_eq!(c.working_days_late, -1);
        assert_eq!(c.due.rule_set, RuleSet::Nd118);
        let h = check(E1, &["counting=hours"], END, "2026-03-10", Outcome::Early);
        assert_eq!(h.due.due_at, t("2026-03-10T10:00"));
        // "All options agree."
        for p in [
            "supplement=restart",
            "compare=instant",
            "apology=counts_late",
            "multi_supplement=late",
            "deemed_receipt=calendar_day",
        ] {
            check(E1, &[p], END, "2026-03-10", Outcome::Early);
        }
    }

    const E2: &str = r#"{"received":"2026-03-14T09:00","channel":"online","time_limit":{"working_days":3},
        "events":[{"type":"resolved","at":"2026-03-19T10:00"}]}"#;

    #[test]
    fn e2_online_on_saturday() {
        let c = check(E2, &[], END, "2026-03-19", Outcome::OnTime);
        assert_eq!(c.due.deemed_receipt, d("2026-03-16"));
        let h = check(E2, &["counting=hours"], END, "2026-03-18", Outcome::Late);
        assert_eq!(h.due.due_at, t("2026-03-18T17:00"));
        check(
            E2,
            &["deemed_receipt=calendar_day"],
            END,
            "2026-03-18",
            Outcome::Late,
        );
    }

    const E3: &str = r#"{"received":"2026-06-08T09:00","channel":"direct","time_limit":{"working_days":10},
        "events":[{"type":"supplement_requested","at":"2026-06-11T15:00"},
                  {"type":"supplement_received","at":"2026-06-16T10:00"},
                  {"type":"resolved","at":"2026-06-29T10:00"}]}"#;

    #[test]
    fn e3_one_supplement_pause_vs_restart() {
        let c = check(E3, &[], END, "2026-06-25", Outcome::Late);
        assert_eq!(c.working_days_late, 2);
        check(
            E3,
            &["supplement=restart"],
            END,
            "2026-06-30",
            Outcome::Early,
        );
        let h = check(E3, &["counting=hours"], END, "2026-06-24", Outcome::Late);
        assert_eq!(h.due.due_at, t("2026-06-24T15:00"));
        // Without the supplement: 22 Jun.
        let plain = dossier(r#"{"received":"2026-06-08T09:00","time_limit":{"working_days":10}}"#);
        assert_eq!(
            due(&plain, &cal2026(), &Rules::default(), None)
                .unwrap()
                .due,
            d("2026-06-22")
        );
        // As of several instants: events after as_of ignored.
        check(
            E3,
            &[],
            "2026-06-10T12:00",
            "2026-06-22",
            Outcome::PendingWithin,
        );
        check(
            E3,
            &[],
            "2026-06-12T09:00",
            "2026-06-22",
            Outcome::AwaitingSupplement,
        );
        check(
            E3,
            &[],
            "2026-06-22T12:00",
            "2026-06-25",
            Outcome::PendingWithin,
        );
        check(E3, &[], "2026-06-26T08:00", "2026-06-25", Outcome::Overdue);
    }

    const E4: &str = r#"{"received":"2026-07-08T08:00","channel":"direct","time_limit":{"working_days":5},
        "events":[{"type":"supplement_requested","at":"2026-07-09T10:00"},
                  {"type":"supplement_received","at":"2026-07-10T09:00"},
                  {"type":"supplement_requested","at":"2026-07-13T10:00"},
                  {"type":"supplement_received","at":"2026-07-14T14:00"},
                  {"type":"resolved","at":"2026-07-20T16:00"}]}"#;

    #[test]
    fn e4_two_supplement_requests() {
        let c = check(E4, &[], END, "2026-07-17", Outcome::Late);
        assert_eq!(c.due.warnings.len(), 1);
        assert_eq!(
            c.due.warnings[0].code,
            crate::dossier::WarningCode::MultipleSupplementRequests
        );
        check(
            E4,
            &["supplement=restart"],
            END,
            "2026-07-21",
            Outcome::Early,
        );
        check(
            E4,
            &["multi_supplement=late"],
            END,
            "2026-07-17",
            Outcome::Late,
        );
        check(
            E4,
            &["supplement=restart", "multi_supplement=late"],
            END,
            "2026-07-21",
            Outcome::Late,
        );
        // pending, as of 15 Jul
        check(
            E4,
            &[],
            "2026-07-15T10:00",
            "2026-07-17",
            Outcome::PendingWithin,
        );
        check(
            E4,
            &["multi_supplement=late"],
            "2026-07-15T10:00",
            "2026-07-17",
            Outcome::Overdue,
        );
        // before the second request, only one: no warning
        let one = run(E4, &["multi_supplement=late"], "2026-07-10T12:00");
        assert_eq!(one.outcome, Outcome::PendingWithin);
        assert!(one.due.warnings.is_empty());
    }

    const E5: &str = r#"{"received":"2026-10-19T09:00","channel":"direct","time_limit":{"working_days":5},
        "events":[{"type":"apology","at":"2026-10-22T10:00","new_due":"2026-10-29"},
                  {"type":"resolved","at":"2026-10-29T10:00"}]}"#;

    #[test]
    fn e5_apology_with_new_appointment() {
        check(E5, &[], END, "2026-10-29", Outcome::OnTime);
        let c = check(
            E5,
            &["apology=counts_late"],
            END,
            "2026-10-26",
            Outcome::Late,
        );
        assert_eq!(c.working_days_late, 3);
        // before the apology, the original date
        check(
            E5,
            &[],
            "2026-10-21T12:00",
            "2026-10-26",
            Outcome::PendingWithin,
        );
        check(
            E5,
            &[],
            "2026-10-27T12:00",
            "2026-10-29",
            Outcome::PendingWithin,
        );
    }

    #[test]
    fn e6_certified_copy_after_15h() {
        let e6 = r#"{"received":"2026-04-23T15:30","channel":"direct","time_limit":{"same_day":true},
            "events":[{"type":"resolved","at":"2026-04-24T09:00"}]}"#;
        check(e6, &[], END, "2026-04-24", Outcome::OnTime);
        // Ignoring the cut-off (a cut-off at 23:59): due 04-23, late.
        let ignoring = e6.replace(
            r#"{"same_day":true}"#,
            r#"{"same_day":true,"cutoff":"23:59"}"#,
        );
        check(&ignoring, &[], END, "2026-04-23", Outcome::Late);
        // Variant: Wed 29 Apr 16:00 → Mon 4 May.
        let v = r#"{"received":"2026-04-29T16:00","time_limit":{"same_day":true}}"#;
        check(
            v,
            &[],
            "2026-05-04T10:00",
            "2026-05-04",
            Outcome::PendingWithin,
        );
    }

    #[test]
    fn e7_calendar_days_into_national_day() {
        let e7 = r#"{"received":"2026-08-14T10:00","channel":"direct","time_limit":{"calendar_days":15},
            "events":[{"type":"resolved","at":"2026-09-03T10:00"}]}"#;
        check(e7, &[], END, "2026-09-03", Outcome::OnTime);
        // "Without the end-of-period extension: due 08-29": 29 Aug is a rest day, so the
        // extension applies.
        assert!(!cal2026().is_working_day(d("2026-08-29")).unwrap());
    }

    const E8: &str = r#"{"received":"2026-02-13T18:30","channel":"online","time_limit":{"working_days":3},
        "events":[{"type":"resolved","at":"2026-02-25T15:00"}]}"#;

    #[test]
    fn e8_online_across_tet() {
        let c = check(E8, &[], END, "2026-02-26", Outcome::Early);
        assert_eq!(c.due.deemed_receipt, d("2026-02-23"));
        let h = check(E8, &["counting=hours"], END, "2026-02-25", Outcome::OnTime);
        assert_eq!(h.due.due_at, t("2026-02-25T17:00"));
        check(
            E8,
            &["deemed_receipt=calendar_day"],
            END,
            "2026-02-25",
            Outcome::OnTime,
        );
        // A calendar without the Tết days: D = Mon 16 → 19 Feb (the reference's text says
        // 02-18, which is the calendar_day count; see the vectors).
        let plain = weekdays("2026-01-01", "2026-12-31");
        let x = |pairs: &[&str]| due(&dossier(E8), &plain, &rules(pairs), None).unwrap().due;
        assert_eq!(x(&[]), d("2026-02-19"));
        assert_eq!(x(&["deemed_receipt=calendar_day"]), d("2026-02-18"));
    }

    #[test]
    fn e9_pending_as_of_two_instants() {
        let e9 =
            r#"{"received":"2026-08-24T09:00","channel":"direct","time_limit":{"working_days":6}}"#;
        let c = check(
            e9,
            &[],
            "2026-09-02T10:00",
            "2026-09-04",
            Outcome::PendingWithin,
        );
        assert_eq!(c.working_days_late, -2);
        let c = check(e9, &[], "2026-09-07T08:00", "2026-09-04", Outcome::Overdue);
        assert_eq!(c.working_days_late, 1);
        // A calendar that misses the 31 Aug swap gives 09-03.
        let mut spec = crate::calendar::CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31"));
        spec.holidays = vec![d("2026-09-01").into(), d("2026-09-02").into()];
        let cal = spec.compile().unwrap();
        assert_eq!(
            due(&dossier(e9), &cal, &Rules::default(), None)
                .unwrap()
                .due,
            d("2026-09-03")
        );
    }

    #[test]
    fn e10_working_hour_limit() {
        let e10 = r#"{"received":"2026-03-11T09:00","channel":"direct","time_limit":{"working_hours":4},
            "events":[{"type":"resolved","at":"2026-03-11T15:00"}]}"#;
        let c = check(e10, &[], END, "2026-03-11", Outcome::OnTime);
        assert_eq!(c.due.due_at, t("2026-03-11T14:30"));
        check(e10, &["compare=instant"], END, "2026-03-11", Outcome::Late);
    }

    #[test]
    fn refused_withdrawn_awaiting() {
        let base = r#"{"received":"2026-03-02T09:30","time_limit":"3wd","events":[EV]}"#;
        let with = |ev: &str| base.replace("EV", ev);
        let c = check(
            &with(r#"{"type":"refused","at":"2026-03-06T10:00"}"#),
            &[],
            END,
            "2026-03-05",
            Outcome::Refused,
        );
        assert_eq!(
            c.due.warnings[0].code,
            crate::dossier::WarningCode::RefusedLate
        );
        check(
            &with(r#"{"type":"withdrawn","at":"2026-03-04T10:00"}"#),
            &[],
            END,
            "2026-03-05",
            Outcome::Withdrawn,
        );
        let a = check(
            &with(r#"{"type":"supplement_requested","at":"2026-03-03T10:00"}"#),
            &[],
            "2026-03-20T12:00",
            "2026-03-05",
            Outcome::AwaitingSupplement,
        );
        assert_eq!(a.due.awaiting_supplement_since, Some(t("2026-03-03T10:00")));
        // The clock stopped on Tue 3 Mar, two working days before the due date: the distance
        // stays there however long the dossier waits (it grew with as-of: 11 on 20 Mar).
        assert_eq!(a.working_days_late, -2);
        let later = run(
            &with(r#"{"type":"supplement_requested","at":"2026-03-03T10:00"}"#),
            &[],
            "2026-11-20T12:00",
        );
        assert_eq!(
            (later.outcome, later.working_days_late),
            (Outcome::AwaitingSupplement, -2)
        );
        // Requested after the due date (a warning): late by then, no more.
        let after = run(
            &with(r#"{"type":"supplement_requested","at":"2026-03-09T10:00"}"#),
            &[],
            "2026-11-20T12:00",
        );
        assert_eq!(after.working_days_late, 2);
        // Requested the evening of an after-hours receipt (Fri 6 Mar 18:00, deemed Mon 9 Mar),
        // before the count began: all 5 days are left, as for a request on Mon 9 Mar (it said 6:
        // the distance ran from the Friday).
        for request in ["2026-03-06T19:00", "2026-03-09T10:00"] {
            let c = run(
                &format!(
                    r#"{{"received":"2026-03-06T18:00","time_limit":"5wd","events":[{{"type":"supplement_requested","at":"{request}"}}]}}"#
                ),
                &[],
                "2026-03-12T10:00",
            );
            assert_eq!(
                (c.outcome, c.due.due, c.working_days_late),
                (Outcome::AwaitingSupplement, d("2026-03-16"), -5),
                "{request}"
            );
        }
        check(
            &with(
                r#"{"type":"supplement_requested","at":"2026-03-03T10:00"},{"type":"withdrawn","at":"2026-03-10T10:00"}"#,
            ),
            &[],
            END,
            "2026-03-05",
            Outcome::Withdrawn,
        );
        check(
            &with(
                r#"{"type":"supplement_requested","at":"2026-03-03T10:00"},{"type":"resolved","at":"2026-03-04T10:00"}"#,
            ),
            &[],
            END,
            "2026-03-06",
            Outcome::Early,
        );
        // returned never changes anything
        check(
            &with(
                r#"{"type":"resolved","at":"2026-03-05T16:00"},{"type":"returned","at":"2026-03-20T10:00"}"#,
            ),
            &[],
            END,
            "2026-03-05",
            Outcome::OnTime,
        );
        // the as-of instant itself counts as "up to"
        check(
            &with(r#"{"type":"resolved","at":"2026-03-05T16:00"}"#),
            &[],
            "2026-03-05T16:00",
            "2026-03-05",
            Outcome::OnTime,
        );
        check(
            &with(r#"{"type":"resolved","at":"2026-03-05T16:00"}"#),
            &[],
            "2026-03-05T15:59",
            "2026-03-05",
            Outcome::PendingWithin,
        );
        let e = classify(
            &dossier(&with("")),
            &cal2026(),
            &Rules::default(),
            None,
            t("2026-03-01T10:00"),
        )
        .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    }

    #[test]
    fn serialization() {
        let c = run(E3, &[], END);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"due":"2026-06-25","due_at":"2026-06-25T17:00","rule_set":"nd118","deemed_receipt":"2026-06-08","outcome":"late","working_days_late":2,"warnings":[]}"#
        );
        let x = classify_explained(
            &dossier(E3),
            &cal2026(),
            &Rules::default(),
            None,
            t(END),
            Lang::En,
        )
        .unwrap();
        let v = serde_json::to_value(&x).unwrap();
        let steps = v["explain"].as_array().unwrap();
        assert_eq!(steps.last().unwrap()["kind"], "outcome");
        assert_eq!(steps.last().unwrap()["outcome"], "late");
        assert!(steps.last().unwrap()["text"]
            .as_str()
            .unwrap()
            .contains(": late, 2 working days after it"));
        for o in Outcome::ALL {
            assert_eq!(serde_json::to_value(o).unwrap(), o.as_str());
        }
    }

    // -----------------------------------------------------------------------------------
    // The shared vectors (tests/vectors/deadlines.json), checked here too.
    // -----------------------------------------------------------------------------------

    #[test]
    fn shared_vectors() {
        use serde_json::Value;
        let file: Value =
            serde_json::from_str(include_str!("../../tests/vectors/deadlines.json")).unwrap();
        let vietnam = crate::vn::public_sector().unwrap();
        let plain = weekdays("2000-01-01", "2050-12-31");
        let mut n = 0;
        for case in file["cases"].as_array().unwrap() {
            let id = case["id"].as_str().unwrap();
            let cal = match &case["calendar"] {
                Value::String(s) if s == "vietnam" => vietnam.clone(),
                Value::String(s) if s == "weekdays" => plain.clone(),
                Value::Object(_) => {
                    crate::calendar::CalendarSpec::from_json(&case["calendar"].to_string())
                        .unwrap()
                        .compile()
                        .unwrap()
                }
                other => panic!("{id}: calendar {other}"),
            };
            let input = &case["input"];
            let answer = (|| -> crate::error::Result<Value> {
                let mut r = Rules::default();
                if let Some(m) = input["rules"].as_object() {
                    for (k, v) in m {
                        r.set(k, v.as_str().unwrap())?;
                    }
                }
                let dsr = crate::dossier::Dossier::from_json_value(&input["dossier"])?;
                Ok(match case["op"].as_str().unwrap() {
                    "due" => serde_json::to_value(due(&dsr, &cal, &r, None)?).unwrap(),
                    "classify" => {
                        let as_of = crate::civil::parse_instant(
                            input["as_of"].as_str().unwrap(),
                            crate::civil::DateOnly::EndOfDay,
                        )?;
                        serde_json::to_value(classify(&dsr, &cal, &r, None, as_of)?).unwrap()
                    }
                    op => panic!("{id}: op {op}"),
                })
            })();
            match (&case["expected"], &case["error"], answer) {
                (Value::Object(exp), _, Ok(got)) => {
                    for (k, v) in exp {
                        assert!(
                            matches(v, &got[k]),
                            "{id}: key {k}: {v} expected, got {got}"
                        );
                    }
                }
                (_, Value::String(code), Err(e)) => assert_eq!(e.code(), code, "{id}: {e}"),
                (_, _, got) => panic!("{id}: got {got:?}"),
            }
            n += 1;
        }
        assert!(n >= 100, "{n} cases");
    }

    // -----------------------------------------------------------------------------------
    // Invariants
    // -----------------------------------------------------------------------------------

    mod props {
        use super::*;
        use chrono::Duration;
        use proptest::prelude::*;
        use std::sync::OnceLock;

        fn cal() -> &'static crate::calendar::WorkCalendar {
            static CAL: OnceLock<crate::calendar::WorkCalendar> = OnceLock::new();
            CAL.get_or_init(cal2026)
        }

        /// An instant in Jan..Oct 2026, minute resolution.
        fn instant() -> impl Strategy<Value = NaiveDateTime> {
            (0i64..300 * 24 * 60).prop_map(|m| t("2026-01-01T00:00") + Duration::minutes(m))
        }

        fn limit() -> impl Strategy<Value = String> {
            prop_oneof![
                (1u32..30).prop_map(|n| format!("{n}wd")),
                (1u32..30).prop_map(|n| format!("{n}cd")),
                (1u32..40).prop_map(|n| format!("{n}wh")),
                Just("same_day".to_string()),
            ]
        }

        fn any_rules() -> impl Strategy<Value = Rules> {
            (any::<[bool; 6]>()).prop_map(|b| {
                let mut r = Rules::default();
                for (i, (k, v)) in Rules::OPTIONS.iter().enumerate() {
                    r.set(k, v[usize::from(b[i])]).unwrap();
                }
                r
            })
        }

        fn fmt(t: NaiveDateTime) -> String {
            t.format("%Y-%m-%dT%H:%M").to_string()
        }

        fn with_events(
            received: NaiveDateTime,
            limit: &str,
            events: &[(&str, NaiveDateTime)],
        ) -> crate::dossier::Dossier {
            let ev: Vec<String> = events
                .iter()
                .map(|(k, at)| format!(r#"{{"type":"{k}","at":"{}"}}"#, fmt(*at)))
                .collect();
            dossier(&format!(
                r#"{{"received":"{}","time_limit":"{limit}","events":[{}]}}"#,
                fmt(received),
                ev.join(",")
            ))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn due_never_earlier_when_received_later(
                a in instant(), gap in 0i64..20 * 24 * 60, limit in limit(), r in any_rules()
            ) {
                let b = a + Duration::minutes(gap);
                let da = due(&with_events(a, &limit, &[]), cal(), &r, None).unwrap();
                let db = due(&with_events(b, &limit, &[]), cal(), &r, None).unwrap();
                prop_assert!(da.due <= db.due, "{} {limit} {r}: {} then {}", fmt(a), da.due, db.due);
                prop_assert!(da.due_at <= db.due_at);
                prop_assert!(da.deemed_receipt <= db.deemed_receipt);
            }

            #[test]
            fn restart_never_earlier_than_pause(
                recv in instant(),
                steps in proptest::collection::vec((0i64..6 * 24 * 60, 0i64..6 * 24 * 60), 1..4),
                limit in limit(), r in any_rules()
            ) {
                let mut at = recv;
                let mut events = Vec::new();
                for (x, y) in steps {
                    at += Duration::minutes(x);
                    events.push(("supplement_requested", at));
                    at += Duration::minutes(y);
                    events.push(("supplement_received", at));
                }
                let dsr = with_events(recv, &limit, &events);
                let mut pause = r;
                pause.supplement = crate::deadline::SupplementRule::Pause;
                let mut restart = r;
                restart.supplement = crate::deadline::SupplementRule::Restart;
                let p = due(&dsr, cal(), &pause, None);
                let q = due(&dsr, cal(), &restart, None);
                // The test calendar is 2026 alone: near its end an answer falls past it, an
                // out-of-range error (never another one), and restart's first if either's.
                for x in [&p, &q] {
                    if let Err(e) = x {
                        prop_assert_eq!(e.kind(), ErrorKind::DateOutOfRange, "{}", e);
                    }
                }
                prop_assert!(!(p.is_err() && q.is_ok()));
                let (Ok(p), Ok(q)) = (p, q) else { return Ok(()) };
                prop_assert!(p.due <= q.due, "{limit} {r}: pause {} restart {}", p.due, q.due);
                prop_assert!(p.due_at <= q.due_at);
            }

            #[test]
            fn working_day_limit_is_n_working_days_after_d(recv in instant(), n in 1i64..30) {
                let x = due(&with_events(recv, &format!("{n}wd"), &[]), cal(), &Rules::default(), None).unwrap();
                prop_assert_eq!(cal().working_days_between(x.deemed_receipt, x.due).unwrap(), n);
                prop_assert!(cal().is_working_day(x.due).unwrap());
            }

            #[test]
            fn resolved_gets_exactly_one_of_early_on_time_late(
                recv in instant(), later in 0i64..40 * 24 * 60, supp in any::<bool>(),
                limit in limit(), r in any_rules(), after in 0i64..10 * 24 * 60
            ) {
                let res = recv + Duration::minutes(later);
                let mut events = Vec::new();
                if supp {
                    let q = recv + Duration::minutes(later / 3);
                    events.push(("supplement_requested", q));
                    events.push(("supplement_received", recv + Duration::minutes(later / 2)));
                }
                events.push(("resolved", res));
                let dsr = with_events(recv, &limit, &events);
                let c = classify(&dsr, cal(), &r, None, res + Duration::minutes(after)).unwrap();
                let resolved = [Outcome::Early, Outcome::OnTime, Outcome::Late];
                prop_assert_eq!(resolved.iter().filter(|o| **o == c.outcome).count(), 1);
                prop_assert!(c.outcome.is_resolved() && !c.outcome.is_pending());
                // and the signed distance agrees with the date comparison
                if r.compare == Compare::Date && r.multi_supplement == MultiSupplement::Allowed {
                    let sign = c.working_days_late.signum();
                    match c.outcome {
                        // a result on a rest day after the due date is late by 0 working days
                        Outcome::Late => prop_assert!(sign >= 0),
                        Outcome::OnTime => prop_assert_eq!(sign, 0),
                        _ => prop_assert!(sign <= 0),
                    }
                }
                // before the result, the same dossier is open
                if res > recv {
                    let open = classify(&dsr, cal(), &r, None, res - Duration::seconds(1)).unwrap();
                    prop_assert!(open.outcome.is_pending(), "{:?}", open.outcome);
                }
            }
        }
    }
}
