//! Unit tests of `outcome`: the classes of resolved and open dossiers as of an instant.

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
