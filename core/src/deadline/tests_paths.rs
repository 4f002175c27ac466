//! The fast path (no trace) and the traced path (an explanation in either language) are the
//! same engine: random dossiers — every kind of limit, supplement rounds, apologies,
//! extensions, refusals, withdrawals, results, returns, date-only events, some invalid —
//! under every option and every rule set must get identical answers and identical errors.
//! The three sinks the pass is compiled with are compared too: the native fast path's
//! (`NoTrace`, tracing compiled away), WebAssembly's fast path's (`None`, tracing switched off
//! at run time) and the traced path's (`Some`).

use chrono::{Duration, NaiveDateTime};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

use super::facts::{NoTrace, OutcomeOnly};
use super::testkit::*;
use super::*;
use crate::dossier::{Channel, Event, EventKind};
use crate::outcome::classify_with;

fn cal() -> &'static WorkCalendar {
    static CAL: std::sync::OnceLock<WorkCalendar> = std::sync::OnceLock::new();
    CAL.get_or_init(|| crate::vn::public_sector().unwrap())
}

/// A receipt between 2017 and mid-2027: the three rule sets, official and provisional years.
fn instant() -> impl Strategy<Value = NaiveDateTime> {
    (0i64..10 * 365 * 24 * 60 + 180 * 24 * 60)
        .prop_map(|m| t("2017-01-01T00:00") + Duration::minutes(m))
}

fn limit() -> impl Strategy<Value = TimeLimit> {
    prop_oneof![
        (1u32..40).prop_map(TimeLimit::WorkingDays),
        (1u32..40).prop_map(TimeLimit::CalendarDays),
        (1u32..60).prop_map(TimeLimit::WorkingHours),
        Just(TimeLimit::same_day()),
        (8u32..18).prop_map(|h| TimeLimit::SameDay {
            cutoff: chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap()
        }),
    ]
}

fn any_rules() -> impl Strategy<Value = Rules> {
    any::<[bool; 6]>().prop_map(|b| {
        let mut r = Rules::default();
        for (i, (k, v)) in Rules::OPTIONS.iter().enumerate() {
            r.set(k, v[usize::from(b[i])]).unwrap();
        }
        r
    })
}

/// One step of the event generator: a gap in minutes, what to do, a day offset for `new_due`,
/// whether the event is known by its date only.
type Step = (i64, u8, i64, bool);

/// Builds mostly valid event lists from `steps` by following the lifecycle (a request before
/// its supplement, one apology, nothing after the result but `returned`); one choice in
/// sixteen is any event at all, so that errors are compared too.
fn events(received: NaiveDateTime, steps: &[Step]) -> Vec<Event> {
    let mut at = received;
    let mut out = Vec::new();
    let (mut open, mut closed, mut apologised) = (false, false, false);
    for &(gap, choice, offset, date_only) in steps {
        at += Duration::minutes(gap);
        let wild = choice % 16 == 15;
        let kind = if wild {
            EventKind::ALL[usize::from(choice / 16) % EventKind::ALL.len()]
        } else if closed {
            EventKind::Returned
        } else {
            match choice % 8 {
                0 | 1 if !open => EventKind::SupplementRequested,
                0 | 1 => EventKind::SupplementReceived,
                2 if !apologised => EventKind::Apology,
                2 | 3 => EventKind::Extended,
                4 => EventKind::Refused,
                5 => EventKind::Withdrawn,
                6 if open => EventKind::SupplementReceived,
                _ => EventKind::Resolved,
            }
        };
        match kind {
            EventKind::SupplementRequested => open = true,
            EventKind::SupplementReceived => open = false,
            EventKind::Apology => apologised = true,
            k if k.is_closing() => closed = true,
            _ => {}
        }
        let mut e = if date_only {
            Event::on_date(kind, at.date())
        } else {
            Event::new(kind, at)
        };
        if kind.takes_new_due() {
            e = e.with_new_due(received.date() + Duration::days(offset));
        }
        out.push(e);
    }
    out
}

/// Up to six lifecycle steps (see [`Step`]).
fn steps() -> impl Strategy<Value = Vec<Step>> {
    proptest::collection::vec(
        (
            0i64..8 * 24 * 60,
            any::<u8>(),
            0i64..45,
            proptest::bool::weighted(0.1),
        ),
        0..7,
    )
}

fn dossier_of(received: NaiveDateTime, limit: TimeLimit, channel: u8, steps: &[Step]) -> Dossier {
    let mut d = Dossier::new(limit, received);
    d.channel = [Channel::Direct, Channel::Online, Channel::Postal][usize::from(channel % 3)];
    d.events = events(received, steps);
    d
}

/// The answer without its explanation.
fn bare(mut d: Due) -> Due {
    d.explain.clear();
    d
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn fast_and_traced_paths_agree(
        received in instant(),
        limit in limit(),
        channel in any::<u8>(),
        steps in steps(),
        rules in any_rules(),
        as_of_gap in proptest::option::of(0i64..40 * 24 * 60),
        lang in prop_oneof![Just(Lang::Vi), Just(Lang::En)],
    ) {
        let d = dossier_of(received, limit, channel, &steps);
        let as_of = as_of_gap.map(|m| received + Duration::minutes(m));
        let at = as_of.unwrap_or(received + Duration::days(60));
        for snapshot in [as_of, Some(at)] {
            let native = evaluate(&d, cal(), &rules, None, snapshot, NoTrace).map(|r| r.0);
            let off = evaluate(&d, cal(), &rules, None, snapshot, None::<Vec<Fact>>);
            let on = evaluate(&d, cal(), &rules, None, snapshot, Some(Vec::new()));
            prop_assert_eq!(&native, &off.map(|r| r.0), "{:?}", d);
            prop_assert_eq!(&native, &on.map(|r| r.0), "{:?}", d);
            // A count of outcomes: the same evaluation (or error), its warnings and stage marks
            // not written.
            let counted = evaluate(&d, cal(), &rules, None, snapshot, OutcomeOnly).map(|r| r.0);
            let unwarned = native.clone().map(|mut e| {
                e.warnings = None;
                e.stages = None;
                e
            });
            prop_assert_eq!(&unwarned, &counted, "{:?}", d);
        }
        let fast = due_with(&d, cal(), &rules, None, as_of, false, lang);
        let traced = due_with(&d, cal(), &rules, None, as_of, true, lang);
        match (&fast, &traced) {
            (Ok(a), Ok(b)) => {
                prop_assert!(a.explain.is_empty());
                prop_assert!(!b.explain.is_empty());
                prop_assert!(b.explain.iter().all(|s| !s.text.is_empty() && s.lang == lang));
                // Each day off listed once (a stage and the dossier received at one instant,
                // or two receipts in one break, listed the same days).
                let mut off: Vec<_> = b.explain.iter().filter_map(|s| match s.fact {
                    Fact::DayOff { date, .. } => Some(date),
                    _ => None,
                }).collect();
                let listed = off.len();
                off.sort_unstable();
                off.dedup();
                prop_assert_eq!(off.len(), listed, "{:?}", d);
                prop_assert_eq!(a, &bare(b.clone()), "{:?}", d);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            _ => prop_assert!(false, "{:?}: fast {:?}, traced {:?}", d, fast, traced),
        }
        let fast = classify_with(&d, cal(), &rules, None, at, false, lang);
        // What a report counts: the outcome alone, from the same pass.
        prop_assert_eq!(
            crate::outcome::outcome_of(&d, cal(), &rules, None, at),
            fast.as_ref().map(|c| c.outcome).map_err(Clone::clone),
            "{:?}", d
        );
        let traced = classify_with(&d, cal(), &rules, None, at, true, lang);
        match (fast, traced) {
            (Ok(a), Ok(mut b)) => {
                let last = b.due.explain.last().map(|s| s.fact.clone());
                b.due = bare(b.due);
                prop_assert_eq!(&a, &b, "{:?}", d);
                let Some(Fact::Outcome { outcome, due, working_days_late, .. }) = last else {
                    return Err(TestCaseError::fail(format!("no outcome step: {last:?}")));
                };
                prop_assert_eq!(
                    (outcome, due, working_days_late),
                    (a.outcome, a.due.due, a.working_days_late)
                );
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{:?}: fast {:?}, traced {:?}", d, a, b),
        }
    }
}

/// The generator reaches what it must: every event kind, every rule set, errors and answers.
#[test]
fn the_generator_covers_the_ground() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (instant(), limit(), any::<u8>(), steps());
    let (mut kinds, mut sets, mut ok, mut err) = (Vec::new(), Vec::new(), 0, 0);
    for _ in 0..2000 {
        let (received, limit, channel, steps) = strategy.new_tree(&mut runner).unwrap().current();
        let d = dossier_of(received, limit, channel, &steps);
        kinds.extend(d.events.iter().map(|e| e.kind));
        match due(&d, cal(), &Rules::default(), None) {
            Ok(x) => {
                ok += 1;
                sets.push(x.rule_set);
            }
            Err(_) => err += 1,
        }
    }
    for k in EventKind::ALL {
        assert!(kinds.contains(&k), "{k}");
    }
    for s in RULE_SETS {
        assert!(sets.contains(&s.id), "{}", s.id);
    }
    assert!(ok > 1000 && err > 50, "{ok} answers, {err} errors");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Whatever the limit, the pauses, the rules: without a new appointment (an apology's or
    /// an extension's `new_due`, which is the agency's to choose) the due date is a working
    /// day, and a working-time count expires inside office hours. (A count of working hours
    /// with none left after a supplement was due on the Saturday the complete dossier arrived:
    /// found by a black-box differential test.)
    #[test]
    fn a_due_date_is_a_working_day(
        received in instant(),
        limit in limit(),
        channel in any::<u8>(),
        steps in steps(),
        rules in any_rules(),
    ) {
        let mut d = dossier_of(received, limit, channel, &steps);
        d.events.retain(|e| !matches!(e.kind, EventKind::Apology | EventKind::Extended));
        let Ok(answer) = due(&d, cal(), &rules, None) else {
            return Ok(());
        };
        prop_assert!(cal().is_working_day(answer.due).unwrap(), "{:?}: {:?}", d, answer);
        prop_assert_eq!(answer.due_at.date(), answer.due, "{:?}", d);
        let t = answer.due_at.time();
        prop_assert!(
            cal().office_hours().sessions().iter().any(|&(a, b)| a <= t && t <= b),
            "{:?}: {:?}", d, answer
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A count of outcomes works out every stage's mark without keeping it: the same
    /// evaluation as the fast path's (or the same error: a transfer out of place, a date out of
    /// the calendar), less its warnings and stage marks, and the class `classify` gives.
    #[test]
    fn a_count_of_outcomes_works_out_the_stages_it_drops(
        received in instant(),
        limit in limit(),
        steps in steps(),
        rules in any_rules(),
        stages in proptest::collection::vec((1u32..6, any::<bool>()), 1..4),
        transfers in proptest::collection::vec((0usize..8, 0i64..3 * 60, 0u8..5), 0..4),
        as_of_gap in 0i64..40 * 24 * 60,
    ) {
        let mut d = dossier_of(received, limit, 0, &steps);
        d.stages = stages
            .iter()
            .enumerate()
            .map(|(i, &(n, working))| crate::procedure::Stage {
                agency: format!("A{i}"),
                time_limit: if working { TimeLimit::WorkingDays(n) } else { TimeLimit::CalendarDays(n) },
            })
            .collect();
        // Transfers in turn, each a while after the event before it, mostly to the next
        // stage's agency (one in five to another).
        let mut positions: Vec<usize> = transfers.iter().map(|t| t.0).collect();
        positions.sort_unstable();
        for (k, (&pos, &(_, gap, to))) in positions.iter().zip(&transfers).enumerate() {
            let pos = (pos + k).min(d.events.len());
            let at = pos.checked_sub(1).map_or(received, |p| d.events[p].at) + Duration::minutes(gap);
            let agency = if to == 4 { k } else { k + 1 };
            d.events.insert(pos, Event::new(EventKind::Transferred, at).with_to(format!("A{agency}")));
        }
        let as_of = received + Duration::minutes(as_of_gap);
        for snapshot in [Some(as_of), None] {
            let native = evaluate(&d, cal(), &rules, None, snapshot, NoTrace).map(|r| r.0);
            let counted = evaluate(&d, cal(), &rules, None, snapshot, OutcomeOnly).map(|r| r.0);
            let dropped = native.map(|mut e| {
                e.warnings = None;
                e.stages = None;
                e
            });
            prop_assert_eq!(&dropped, &counted, "{:?}", d);
        }
        let counted = crate::outcome::outcome_of(&d, cal(), &rules, None, as_of);
        let classified = crate::outcome::classify(&d, cal(), &rules, None, as_of).map(|c| c.outcome);
        prop_assert_eq!(counted, classified, "{:?}", d);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// A report's one pass for a dossier open across period ends gives, at each end before
    /// the dossier's first result, refusal or withdrawal, the class a pass as of that end
    /// gives, and as of the as-of instant the class `outcome_of` gives; errors included, the
    /// pass's own first (stages too: their marks are worked out at every end).
    #[test]
    fn one_pass_gives_the_outcome_at_each_period_end(
        received in instant(),
        limit in limit(),
        channel in any::<u8>(),
        steps in steps(),
        rules in any_rules(),
        staged in any::<bool>(),
        gaps in proptest::collection::vec(0i64..20 * 24 * 60, 0..6),
        on_events in any::<bool>(),
        as_of_gap in 0i64..10 * 24 * 60,
    ) {
        let mut d = dossier_of(received, limit, channel, &steps);
        if staged {
            d.stages = vec![crate::procedure::Stage {
                agency: "A".into(),
                time_limit: TimeLimit::WorkingDays(3),
            }];
        }
        // Ends a while apart from the receipt on (whole seconds, some before it: the first
        // gap may be 0 and the receipt's seconds are not), then the as-of instant after them.
        let mut ends = Vec::new();
        let mut at = crate::civil::whole_second(received) - Duration::minutes(1);
        for g in &gaps {
            at += Duration::minutes(*g + 1);
            ends.push(at);
        }
        // Some at the events' own instants (an event at an end is counted as of that end).
        if on_events {
            ends.extend(d.events.iter().map(|e| crate::civil::whole_second(e.at)));
            ends.sort_unstable();
            ends.dedup();
        }
        let last = ends.last().copied().unwrap_or(received).max(at);
        let as_of = last + Duration::minutes(as_of_gap + 1);
        let mut got = vec![Outcome::Refused; 3];
        let one = crate::outcome::outcome_of_at_ends(&d, cal(), &rules, None, as_of, &ends, &mut got);
        // The ends reached before the first result, refusal or withdrawal: those before the
        // latest instant of the events up to it (a date-only event counts as of the start of
        // its day, and may follow an event of the same day with a time).
        let closing = d.events.iter().position(|e| e.kind.is_closing());
        let closes = closing.and_then(|c| d.events[..=c].iter().map(|e| e.at).max());
        let open: Vec<NaiveDateTime> =
            ends.iter().copied().filter(|t| closes.is_none_or(|c| *t < c)).collect();
        let want = crate::outcome::outcome_of(&d, cal(), &rules, None, as_of).and_then(|o| {
            let at_ends = open
                .iter()
                .map(|&t| crate::outcome::outcome_of(&d, cal(), &rules, None, t))
                .collect::<Result<Vec<_>>>()?;
            Ok((o, at_ends))
        });
        match (one, want) {
            (Ok(o), Ok((w, at_ends))) => {
                prop_assert_eq!(o, w, "{:?}", d);
                prop_assert_eq!(&got, &at_ends, "{:?} {:?}", d, ends);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string(), "{:?}", d),
            (a, b) => prop_assert!(false, "{:?}: one pass {:?}, as of each {:?}", d, a, b),
        }
    }
}
