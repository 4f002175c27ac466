//! Inter-agency stages: explanations, validation, round trips and the invariants of the stage
//! count (the hand-worked cases are the shared vectors, `tests/vectors/stages.json`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;

use super::testkit::*;
use super::{due, due_explained, Lang, Rules, StepKind};
use crate::dossier::{Dossier, Event, EventKind};
use crate::error::ErrorKind;
use crate::outcome::{classify, classify_explained, Outcome};
use crate::procedure::{Stage, TimeLimit};

const THREE: &str = r#""stages":[{"agency":"Đất đai","time_limit":"10wd"},{"agency":"Thuế","time_limit":"3wd"},{"agency":"Đất đai","time_limit":"2wd"}]"#;

fn land(events: &str, received: &str) -> Dossier {
    dossier(&format!(
        r#"{{"received":"{received}","time_limit":{{"working_days":15}},{THREE},"events":[{events}]}}"#
    ))
}

#[test]
fn explanations_name_each_stage_and_cite_the_inter_agency_rule() {
    // Decree 61/2018 in force (2024): the stage steps cite its Art. 19(5)–(7) [U].
    let d = land(
        r#"{"type":"transferred","at":"2024-03-14T17:30","to":"Thuế"}"#,
        "2024-03-04T09:00",
    );
    let cal = crate::vn::public_sector().unwrap();
    let c = classify_explained(
        &d,
        &cal,
        &Rules::default(),
        None,
        t("2024-03-22T10:00"),
        Lang::En,
    )
    .unwrap();
    let steps: Vec<_> = c
        .due
        .explain
        .iter()
        .filter(|s| {
            matches!(
                s.fact.kind(),
                StepKind::StageReceived | StepKind::StageEnded
            )
        })
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(steps.len(), 4, "{steps:#?}");
    assert_eq!(
        steps[2],
        "Stage 2 (Thuế) received the transferred file at 17:30 on Thu 14 Mar 2024, after closing \
         time (17:00): deemed received on the next working day, Fri 15 Mar 2024; the stage's \
         limit, 3 working days, is counted by the same rules (Decree 61/2018/NĐ-CP, Art. \
         19(5)–(7))."
    );
    assert!(
        steps[3].starts_with("Stage 2 (Thuế): the stage is due on Wed 20 Mar 2024: the agency still holds the file: pending, overdue, 2 working days after the due date"),
        "{}",
        steps[3]
    );
    let vi = classify_explained(
        &d,
        &cal,
        &Rules::default(),
        None,
        t("2024-03-22T10:00"),
        Lang::Vi,
    )
    .unwrap();
    let text: Vec<_> = vi.due.explain.iter().map(|s| s.text.as_str()).collect();
    assert!(
        text.iter().any(|s| s.starts_with(
            "Giai đoạn 2 (Thuế) nhận hồ sơ được chuyển đến lúc 17:30 thứ Năm 14/03/2024, sau giờ \
             làm việc (sau 17:00): coi như nhận vào ngày làm việc tiếp theo, thứ Sáu \
             15/03/2024"
        ) && s.ends_with("(theo khoản 5–7 Điều 19 Nghị định 61/2018/NĐ-CP).")),
        "{text:#?}"
    );
    // The explanation explains the answer: the same stages with and without it.
    let quiet = classify(&d, &cal, &Rules::default(), None, t("2024-03-22T10:00")).unwrap();
    assert_eq!(quiet.due.stages, c.due.stages);
    assert_eq!(quiet.due.late_agencies, vec!["Thuế".to_string()]);
    // The JSON step carries the stage and its agency.
    let json = serde_json::to_value(&c.due.explain).unwrap();
    let ended: Vec<_> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "stage_ended")
        .collect();
    assert_eq!(ended[1]["agency"], "Thuế");
    assert_eq!(ended[1]["outcome"], "overdue");
    assert_eq!(ended[1]["working_days_late"], 2);
}

/// A stage's class cites the rule the dossier's own class of that kind cites: a refusal or a
/// withdrawal ending it, the supplement it awaits, its end against its due date (Civil Code
/// 2015, Art. 148). It cited Art. 148 for all of them. And a stage late inside a dossier
/// resolved early says the agency was late with its stage, not that it made the dossier late.
#[test]
fn a_stages_class_cites_the_dossiers_rule_of_that_class() {
    let cal = crate::vn::public_sector().unwrap();
    let json = |e: &str| {
        dossier(&format!(
            r#"{{"received":"2026-04-23T10:00","time_limit":{{"working_days":9}},"stages":[{{"agency":"A","time_limit":"4wd"}},{{"agency":"B","time_limit":"3wd"}},{{"agency":"C","time_limit":"2wd"}}],"events":[{{"type":"transferred","at":"2026-04-29T18:00","to":"B"}}{e}]}}"#
        ))
    };
    let cases = [
        (r#",{"type":"refused","at":"2026-05-04T10:00"}"#, "refused"),
        (
            r#",{"type":"withdrawn","at":"2026-05-04T10:00"}"#,
            "withdrawn",
        ),
        (
            r#",{"type":"supplement_requested","at":"2026-05-04T10:00"}"#,
            "awaiting_supplement",
        ),
        (
            r#",{"type":"transferred","at":"2026-05-08T10:00","to":"C"},{"type":"resolved","at":"2026-05-08T15:00"}"#,
            "early",
        ),
    ];
    for (events, class) in cases {
        let c = classify_explained(
            &json(events),
            &cal,
            &Rules::default(),
            None,
            t("2026-06-30T10:00"),
            Lang::En,
        )
        .unwrap();
        let steps = serde_json::to_value(&c.due.explain).unwrap();
        let steps = steps.as_array().unwrap();
        let outcome = steps.iter().find(|s| s["kind"] == "outcome").unwrap();
        assert_eq!(outcome["outcome"], class);
        let stage_b = steps
            .iter()
            .find(|s| s["kind"] == "stage_ended" && s["agency"] == "B")
            .unwrap();
        let stage_class = stage_b["outcome"].as_str().unwrap();
        if class == "early" {
            // B held the file from 4 May (deemed) to 8 May: due 7 May, late by a working day;
            // the dossier, due 11 May, was resolved on 8 May.
            assert_eq!(stage_class, "late");
            assert_eq!(stage_b["legal_basis"], outcome["legal_basis"], "{events}");
            let text = stage_b["text"].as_str().unwrap();
            assert!(
                text.contains("this agency processed its stage late (Civil Code 2015, Art. 148)"),
                "{text}"
            );
            assert!(!text.contains("made the dossier late"), "{text}");
        } else {
            assert_eq!(stage_class, class, "{events}");
            assert_eq!(stage_b["legal_basis"], outcome["legal_basis"], "{events}");
            assert_ne!(
                stage_b["legal_basis"]["document"], "Bộ luật Dân sự 2015",
                "{events}"
            );
        }
    }
}

#[test]
fn a_dossier_without_stages_answers_as_before() {
    let d = dossier(r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":3}}"#);
    let out = due(&d, &cal2026(), &Rules::default(), None).unwrap();
    assert!(out.stages.is_empty() && out.late_agencies.is_empty());
    let json = serde_json::to_string(&out).unwrap();
    assert!(
        !json.contains("stages") && !json.contains("late_agencies"),
        "{json}"
    );
}

#[test]
fn validation_of_transfers() {
    let tr = |to: &str, at: &str| format!(r#"{{"type":"transferred","at":"{at}","to":"{to}"}}"#);
    let err = |d: &Dossier| due(d, &cal2026(), &Rules::default(), None).unwrap_err();
    let e = err(&land(
        &tr("Đất đai", "2026-03-05T10:00"),
        "2026-03-02T09:30",
    ));
    assert_eq!(
        (e.kind(), e.field()),
        (ErrorKind::InvalidTransfer, Some("events[0].to"))
    );
    assert!(e.message().contains("stage 2 is `Thuế`"), "{e}");
    // Dossier::validate checks the dossier's own stages without a calendar.
    let d = land(&tr("Đất đai", "2026-03-05T10:00"), "2026-03-02T09:30");
    assert_eq!(d.validate().unwrap_err().kind(), ErrorKind::InvalidTransfer);
    let many = [
        tr("Thuế", "2026-03-05T10:00"),
        tr("Đất đai", "2026-03-06T10:00"),
        tr("Thuế", "2026-03-09T10:00"),
    ]
    .join(",");
    let e = err(&land(&many, "2026-03-02T09:30"));
    assert_eq!(e.field(), Some("events[2].to"));
    assert!(e.message().contains("at most 2 transfers"), "{e}");
    // Surrounding spaces do not matter; the agency is otherwise compared exactly.
    let ok = land(&tr("  Thuế ", "2026-03-05T10:00"), "2026-03-02T09:30");
    assert_eq!(ok.events[0].to.as_deref(), Some("Thuế"));
    assert!(ok.validate().is_ok());
    // Rust-built events are checked too.
    let mut d = ok.clone();
    d.events[0] = Event::new(EventKind::Transferred, t("2026-03-05T10:00"));
    assert_eq!(d.validate().unwrap_err().field(), Some("events[0].to"));
    d.events[0] = Event::new(EventKind::Resolved, t("2026-03-05T10:00")).with_to("Thuế");
    assert_eq!(d.validate().unwrap_err().kind(), ErrorKind::InvalidDossier);
    // Stage errors are located.
    let e = Dossier::from_json(
        r#"{"received":"2026-03-02","time_limit":"3wd","stages":[{"agency":"A","time_limit":"1wd"},{"agency":"B","time_limit":"0wd"}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        (e.kind(), e.field()),
        (ErrorKind::InvalidTimeLimit, Some("stages[1].time_limit"))
    );
    let e = Dossier::from_json(
        r#"{"received":"2026-03-02","time_limit":"3wd","stages":[{"agency":"A","time_limit":"1wd","by":1}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("stages[0].by"));
}

#[test]
fn the_json_form_round_trips_with_stages_and_transfers() {
    let d = land(
        r#"{"type":"transferred","at":"2026-03-05T10:00","to":"Thuế"},{"type":"resolved","at":"2026-03-09"}"#,
        "2026-03-02T09:30",
    );
    assert_eq!(d.stages.len(), 3);
    let back = Dossier::from_json_value(&d.to_json_value()).unwrap();
    assert_eq!(back, d);
}

/// A working instant in office hours on the working day `day` (a day number) at `minute`
/// minutes after 07:30 (at most 17:00).
fn in_hours(day: i64, minute: u32) -> chrono::NaiveDateTime {
    crate::civil::date_from_day_number(day)
        .unwrap()
        .and_hms_opt(7, 30, 0)
        .unwrap()
        + chrono::TimeDelta::minutes(i64::from(minute.min(570)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// Stages whose limits add up to the total, each passing the file on within office hours
    /// no later than its own due date: the dossier is never late (the stages' counts chain from
    /// day to day as the total's does). And `late_agencies` lists exactly the late stages.
    #[test]
    fn stages_on_time_in_office_hours_make_a_dossier_on_time(
        limits in prop::collection::vec(1u32..8, 1..4),
        slack in prop::collection::vec((0i64..4, 0u32..600), 4),
        start in 0i64..200,
    ) {
        let cal = cal2026();
        let first = cal.add_working_days_number(crate::civil::day_number(d("2026-01-05")).into(), start).unwrap();
        let total: u32 = limits.iter().sum();
        let mut dossier = Dossier::new(TimeLimit::WorkingDays(total), in_hours(first, 30));
        dossier.stages = limits
            .iter()
            .enumerate()
            .map(|(i, n)| Stage { agency: format!("A{i}"), time_limit: TimeLimit::WorkingDays(*n) })
            .collect();
        let mut d_day = first;
        let mut last = dossier.received;
        for (k, n) in limits.iter().enumerate() {
            // The stage's due day, then an end `early` working days before it (not before the
            // stage's own start), in office hours.
            let due_day = cal.add_working_days_number(d_day, i64::from(*n)).unwrap();
            let (early, minute) = slack[k];
            let mut end_day = cal.add_working_days_number(due_day, -early.min(i64::from(*n))).unwrap();
            end_day = end_day.max(d_day);
            let mut end = in_hours(end_day, minute);
            if end < last { end = last; }
            last = end;
            let e = if k + 1 < limits.len() {
                Event::new(EventKind::Transferred, end).with_to(format!("A{}", k + 1))
            } else {
                Event::new(EventKind::Resolved, end)
            };
            dossier.events.push(e);
            d_day = crate::civil::day_number(end.date()).into();
        }
        let c = classify(&dossier, &cal, &Rules::default(), None, t("2026-12-31T23:59")).unwrap();
        prop_assert_eq!(c.due.stages.len(), limits.len());
        prop_assert!(c.due.stages.iter().all(|s| !s.is_late()), "{:?}", c.due.stages);
        prop_assert!(c.due.late_agencies.is_empty());
        prop_assert!(matches!(c.outcome, Outcome::Early | Outcome::OnTime), "{:?}", c);
        // Each stage starts where the previous one ended.
        for w in c.due.stages.windows(2) {
            prop_assert_eq!(w[0].completed, Some(w[1].received));
        }
    }

    /// A dossier of one stage with the dossier's own limit is that dossier: through
    /// supplement requests and completions at any hour (before the deemed receipt day too:
    /// an after-hours receipt, a break), open or resolved, as of any later instant, the
    /// stage's due date, class and working days late are the dossier's. (A request before the
    /// round's deemed receipt day made the stage one day later than the dossier: the stage
    /// measured its lateness to the request's day, the dossier to the round's start.)
    #[test]
    fn one_stage_of_the_whole_limit_is_the_dossier(
        limit in 1u32..12,
        start in 0i64..120,
        minutes in prop::collection::vec(0i64..(4 * 1440), 1..6),
        resolved in any::<bool>(),
        later in 0i64..(30 * 1440),
    ) {
        let cal = cal2026();
        let day0: i64 = crate::civil::day_number(d("2026-01-05")).into();
        let received = crate::civil::date_from_day_number(day0 + start).unwrap().and_hms_opt(0, 0, 0).unwrap()
            + chrono::TimeDelta::minutes(minutes[0] % 1440);
        let mut dossier = Dossier::new(TimeLimit::WorkingDays(limit), received);
        dossier.stages = vec![Stage { agency: "A".into(), time_limit: TimeLimit::WorkingDays(limit) }];
        let mut at = received;
        for (k, m) in minutes.iter().skip(1).enumerate() {
            at += chrono::TimeDelta::minutes(1 + m);
            let kind = if k % 2 == 0 { EventKind::SupplementRequested } else { EventKind::SupplementReceived };
            dossier.events.push(Event::new(kind, at));
        }
        if resolved {
            at += chrono::TimeDelta::minutes(1 + later / 3);
            dossier.events.push(Event::new(EventKind::Resolved, at));
        }
        let as_of = at + chrono::TimeDelta::minutes(later);
        let c = classify(&dossier, &cal, &Rules::default(), None, as_of).unwrap();
        let stage = &c.due.stages[0];
        prop_assert_eq!(
            (stage.due, stage.outcome, stage.working_days_late),
            (c.due.due, Some(c.outcome), Some(c.working_days_late)),
            "{:?}", dossier
        );
    }

    /// `due` (no as-of) and `classify` agree on every stage's dates; the stage holding the file
    /// has no class under `due`, and a class as of any instant under `classify`.
    #[test]
    fn due_and_classify_agree_on_stage_dates(transfer_day in 1i64..30, minute in 0u32..900, as_of_days in 0i64..40) {
        let cal = cal2026();
        let start: i64 = crate::civil::day_number(d("2026-03-02")).into();
        let at = crate::civil::date_from_day_number(start + transfer_day).unwrap().and_hms_opt(6, 0, 0).unwrap()
            + chrono::TimeDelta::minutes(i64::from(minute));
        let d = land(&format!(r#"{{"type":"transferred","at":"{}","to":"Thuế"}}"#, crate::civil::format_instant(at)), "2026-03-02T09:30");
        let a = due(&d, &cal, &Rules::default(), None).unwrap();
        let as_of = at + chrono::TimeDelta::days(as_of_days);
        let c = classify(&d, &cal, &Rules::default(), None, as_of).unwrap();
        prop_assert_eq!(a.stages.len(), 2);
        for (x, y) in a.stages.iter().zip(&c.due.stages) {
            prop_assert_eq!((x.received, x.deemed_receipt, x.due, x.completed), (y.received, y.deemed_receipt, y.due, y.completed));
        }
        prop_assert_eq!(a.stages[1].outcome, None);
        let expected = if as_of.date() > c.due.stages[1].due { Outcome::Overdue } else { Outcome::PendingWithin };
        prop_assert_eq!(c.due.stages[1].outcome, Some(expected));
        prop_assert_eq!(c.due.late_agencies.contains(&"Thuế".to_string()), expected == Outcome::Overdue);
        prop_assert_eq!(due_explained(&d, &cal, &Rules::default(), None, Lang::Vi).unwrap().stages, a.stages);
    }
}

#[test]
fn the_multiple_requests_warning_is_of_one_agency() {
    // Decree 107/2021 is recalled as allowing one supplement request per agency [U]: one
    // request by each of two agencies is no breach (it was warned about as one); two by one
    // agency are, once however many more follow. `multi_supplement=late` counts the dossier's
    // requests whoever made them, as dashboards do.
    let cal = crate::vn::public_sector().unwrap();
    let warned = |events: &str| {
        let d = land(events, "2026-03-02T09:00");
        let n = |w: &Vec<crate::dossier::Warning>| {
            w.iter()
                .filter(|w| w.code == crate::dossier::WarningCode::MultipleSupplementRequests)
                .count()
        };
        let a = n(&due(&d, &cal, &Rules::default(), None).unwrap().warnings);
        assert_eq!(a, n(&d.validate().unwrap()), "{events}");
        a
    };
    let req = |at: &str| format!(r#"{{"type":"supplement_requested","at":"{at}"}}"#);
    let got = |at: &str| format!(r#"{{"type":"supplement_received","at":"{at}"}}"#);
    let to = |at: &str, a: &str| format!(r#"{{"type":"transferred","at":"{at}","to":"{a}"}}"#);
    let one_each = [
        req("2026-03-03T09:00"),
        got("2026-03-04T09:00"),
        to("2026-03-05T09:00", "Thuế"),
        req("2026-03-06T09:00"),
        got("2026-03-09T09:00"),
    ]
    .join(",");
    assert_eq!(warned(&one_each), 0);
    let two_by_one = [
        req("2026-03-03T09:00"),
        got("2026-03-04T09:00"),
        req("2026-03-05T09:00"),
        got("2026-03-06T09:00"),
        req("2026-03-09T09:00"),
        got("2026-03-10T09:00"),
        to("2026-03-11T09:00", "Thuế"),
        req("2026-03-12T09:00"),
        got("2026-03-13T09:00"),
        req("2026-03-16T09:00"),
        got("2026-03-17T09:00"),
    ]
    .join(",");
    assert_eq!(warned(&two_by_one), 1);
    // The land office is in charge of the first and the third stage: one request in each is
    // two by one agency (it was no warning: requests were counted per stage), warned once.
    let across = [
        req("2026-03-03T09:00"),
        got("2026-03-04T09:00"),
        to("2026-03-05T09:00", "Thuế"),
        to("2026-03-06T09:00", "Đất đai"),
        req("2026-03-09T09:00"),
        got("2026-03-10T09:00"),
    ]
    .join(",");
    assert_eq!(warned(&across), 1);
    // Asked in the second stage (the tax office) and the third: two agencies, no warning.
    let two_agencies = [
        to("2026-03-03T09:00", "Thuế"),
        req("2026-03-04T09:00"),
        got("2026-03-05T09:00"),
        to("2026-03-06T09:00", "Đất đai"),
        req("2026-03-09T09:00"),
        got("2026-03-10T09:00"),
    ]
    .join(",");
    assert_eq!(warned(&two_agencies), 0);
    let mut late = Rules::default();
    late.set("multi_supplement", "late").unwrap();
    let d = land(
        &(one_each + r#",{"type":"resolved","at":"2026-03-10T09:00"}"#),
        "2026-03-02T09:00",
    );
    let c = classify(&d, &cal, &late, None, t("2026-03-31T00:00")).unwrap();
    assert_eq!(c.outcome, Outcome::Late);
}

/// A stage's due date counted past the calendar's end names the stage's limit
/// (`stages[1].time_limit`), not the dossier's (`time_limit`), which is within it.
#[test]
fn a_stage_counted_past_the_calendar_names_its_own_limit() {
    let cal = cal2026();
    let d = dossier(
        r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":5},"stages":[{"agency":"A","time_limit":"1wd"},{"agency":"B","time_limit":"99999wd"}],"events":[{"type":"transferred","at":"2026-03-03T10:00","to":"B"}]}"#,
    );
    let e = due(&d, &cal, &Rules::default(), None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DateOutOfRange);
    assert_eq!(e.field(), Some("stages[1].time_limit"), "{e}");
    assert!(
        e.message()
            .contains("the due date counted from 2026-03-03T10:00"),
        "{e}"
    );
    // The dossier's own limit past the end still names `time_limit`.
    let d = dossier(r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":99999}}"#);
    let e = due(&d, &cal, &Rules::default(), None).unwrap_err();
    assert_eq!(e.field(), Some("time_limit"), "{e}");
}

/// A transfer to an agency written as letters and combining marks (NFD, as Unikey and some
/// forms write it) reaches the stage whose name reads the same in NFC: it was an
/// `invalid_transfer` whose message showed two names that looked identical.
#[test]
fn an_agency_written_in_combining_marks_is_the_same_agency() {
    let cal = cal2026();
    let nfc = "Chi cục Thuế";
    let nfd = "Chi cu\u{323}c Thue\u{302}\u{301}";
    assert_ne!(nfc, nfd);
    let d = dossier(&format!(
        r#"{{"received":"2026-03-02T09:00","time_limit":{{"working_days":5}},"stages":[{{"agency":"Xã","time_limit":"2wd"}},{{"agency":"{nfc}","time_limit":"3wd"}}],"events":[{{"type":"transferred","at":"2026-03-03T10:00","to":"{nfd}"}}]}}"#
    ));
    let a = due(&d, &cal, &Rules::default(), None).unwrap();
    assert_eq!(a.stages.len(), 2);
    assert_eq!(a.stages[1].agency, nfc);
    // Another name is still refused.
    let other = dossier(&format!(
        r#"{{"received":"2026-03-02T09:00","time_limit":{{"working_days":5}},"stages":[{{"agency":"Xã","time_limit":"2wd"}},{{"agency":"{nfc}","time_limit":"3wd"}}],"events":[{{"type":"transferred","at":"2026-03-03T10:00","to":"Chi cục Thuế Hà Nội"}}]}}"#
    ));
    assert_eq!(
        due(&other, &cal, &Rules::default(), None)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidTransfer
    );
}
