//! The deadline engine's tests by rule: the options, the rule sets, the deemed receipt, each
//! kind of limit, supplements, warnings, validation and explanations (the regressions found
//! later are in `tests_regressions.rs`).

use super::testkit::*;
use super::*;
use crate::calendar::DayClass;
use crate::error::ErrorKind;
use crate::procedure::Catalogue;

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
    let paused = due_with(
        &e3,
        &cal,
        &r,
        None,
        Some(t("2026-06-12T09:00")),
        false,
        Lang::En,
    )
    .unwrap();
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
        due_with(
            &e3,
            &cal,
            &r,
            None,
            Some(t("2026-06-07T09:00")),
            false,
            Lang::En
        )
        .unwrap_err()
        .kind(),
        ErrorKind::InvalidArgument
    );
    // as of the open request: the clock is stopped, later events are left out
    let x = due_with(
        &e3,
        &cal,
        &r,
        None,
        Some(t("2026-06-12T09:00")),
        true,
        Lang::En,
    )
    .unwrap();
    let last = x.explain.iter().map(|s| s.fact.kind()).collect::<Vec<_>>();
    assert_eq!(
        last.get(last.len() - 2..),
        Some(&[StepKind::AwaitingSupplement, StepKind::IgnoredAfterAsOf][..])
    );
    // one event left out is said in the singular, two in the plural
    for (as_of, said) in [
        ("2026-06-12T09:00", "2 events after the as-of instant"),
        ("2026-06-17T09:00", "1 event after the as-of instant"),
    ] {
        let x = due_with(&e3, &cal, &r, None, Some(t(as_of)), true, Lang::En).unwrap();
        let text = x
            .explain
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>();
        assert!(text.iter().any(|s| s.starts_with(said)), "{text:#?}");
    }

    let x = due_explained(&e3, &cal, &r, None, Lang::En).unwrap();
    assert_eq!(x.due, d("2026-06-25"));
    let kinds: Vec<StepKind> = x.explain.iter().map(|s| s.fact.kind()).collect();
    use StepKind::*;
    assert_eq!(
        kinds,
        vec![
            RuleSet,
            Limit,
            Received,
            SupplementRequested,
            Received,
            ClockResumed,
            DayOff,
            DayOff,
            Counted,
        ],
        "{:#?}",
        x.explain
    );
    let Fact::SupplementRequested {
        used,
        left,
        due: stood,
        ..
    } = &x.explain[3].fact
    else {
        panic!("{:?}", x.explain[3]);
    };
    assert_eq!(
        (*used, *left, *stood),
        (
            Amount::WorkingDays(3),
            Amount::WorkingDays(7),
            d("2026-06-22")
        )
    );
    assert_eq!(
        x.explain[3].text,
        "At 15:00 on Thu 11 Jun 2026 a supplement was requested: the clock stops; 3 working \
         days used since 8 Jun, 7 working days left; the due date stood at Mon 22 Jun 2026 \
         (Decree 118/2025/NĐ-CP)."
    );
    let json = serde_json::to_value(&x).unwrap();
    let step = &json["explain"][3];
    assert_eq!(step["kind"], "supplement_requested");
    assert_eq!(step["at"], "2026-06-11T15:00");
    assert_eq!(step["used"], serde_json::json!({"working_days": 3}));
    assert_eq!(step["left"], serde_json::json!({"working_days": 7}));
    assert_eq!(step["reading"], "pause");
    assert_eq!(
        step["basis"],
        serde_json::json!({"document": "Decree 118/2025/NĐ-CP", "status": "U"})
    );
    assert_eq!(json["explain"][6]["date"], "2026-06-20");
    assert_eq!(json["explain"][6]["day_class"], "weekly_rest");
    assert_eq!(
        json["explain"][6]["text"],
        "Sat 20 Jun 2026: weekly rest day, not a working day."
    );
    let counted = &json["explain"][8];
    assert_eq!(counted["amount"], serde_json::json!({"working_days": 7}));
    assert_eq!(counted["from"], "2026-06-16");
    assert_eq!(counted["due"], "2026-06-25");
    assert_eq!(
        counted["basis"],
        serde_json::json!({"document": "Civil Code 2015", "article": "147", "status": "U"})
    );
    // the same answer with and without the explanation
    let plain = due(&e3, &cal, &r, None).unwrap();
    assert_eq!(
        (plain.due, plain.due_at, plain.explain.len()),
        (x.due, x.due_at, 0)
    );
    // the Vietnamese steps are the same facts
    let vi = due_explained(&e3, &cal, &r, None, Lang::Vi).unwrap();
    assert_eq!(
        vi.explain.iter().map(|s| &s.fact).collect::<Vec<_>>(),
        x.explain.iter().map(|s| &s.fact).collect::<Vec<_>>()
    );
    assert_eq!(
        vi.explain[3].text,
        "Lúc 15:00 thứ Năm 11/06/2026 yêu cầu bổ sung, hoàn thiện hồ sơ: tạm dừng tính thời hạn; \
         đã dùng 3 ngày làm việc kể từ ngày 08/06, còn lại 7 ngày làm việc; hạn giải quyết lúc \
         đó là thứ Hai 22/06/2026 (theo Nghị định 118/2025/NĐ-CP)."
    );

    let restart =
        due_explained(&e3, &cal, &rules(&["supplement=restart"]), None, Lang::En).unwrap();
    assert!(restart.explain.iter().any(|s| matches!(
        s.fact,
        Fact::ClockResumed {
            reading: SupplementRule::Restart,
            left: Amount::WorkingDays(10),
            ..
        }
    )));
    assert!(
        restart.explain[0].text.contains("supplement=restart"),
        "{}",
        restart.explain[0].text
    );
    // steps that follow an option cite no law
    assert!(restart
        .explain
        .iter()
        .filter(|s| matches!(
            s.fact,
            Fact::SupplementRequested { .. } | Fact::ClockResumed { .. }
        ))
        .all(|s| s.basis.is_none()));
}

#[test]
fn explain_skipped_days_with_their_class() {
    let cal = cal2026();
    let kinds = |json: &str, pairs: &[&str]| -> Vec<(StepKind, Option<chrono::NaiveDate>)> {
        due_explained(&dossier(json), &cal, &rules(pairs), None, Lang::En)
            .unwrap()
            .explain
            .iter()
            .map(|s| (s.fact.kind(), s.fact.date()))
            .collect()
    };
    let classes = |json: &str| -> Vec<(chrono::NaiveDate, DayClass)> {
        due_explained(&dossier(json), &cal, &Rules::default(), None, Lang::En)
            .unwrap()
            .explain
            .iter()
            .filter_map(|s| match s.fact {
                Fact::DayOff { date, class, .. } => Some((date, class)),
                _ => None,
            })
            .collect()
    };
    use DayClass::{Compensatory, Statutory, Swapped, WeeklyRest};
    // E8: after hours, then the weekend and Tết (with its compensatory day), then the count
    let e8 = r#"{"received":"2026-02-13T18:30","time_limit":"3wd"}"#;
    assert_eq!(
        classes(e8),
        vec![
            (d("2026-02-14"), WeeklyRest),
            (d("2026-02-15"), WeeklyRest),
            (d("2026-02-16"), Statutory),
            (d("2026-02-17"), Statutory),
            (d("2026-02-18"), Statutory),
            (d("2026-02-19"), Statutory),
            (d("2026-02-20"), Compensatory),
            (d("2026-02-21"), WeeklyRest),
            (d("2026-02-22"), WeeklyRest),
        ]
    );
    let k = kinds(e8, &[]);
    assert_eq!(k[2], (StepKind::Received, Some(d("2026-02-23"))));
    assert_eq!(k.last(), Some(&(StepKind::Counted, Some(d("2026-02-26")))));
    // E7: the period ends on a rest day
    let e7 = r#"{"received":"2026-08-14T10:00","time_limit":"15cd"}"#;
    assert_eq!(
        classes(e7),
        vec![
            (d("2026-08-29"), WeeklyRest),
            (d("2026-08-30"), WeeklyRest),
            (d("2026-08-31"), Swapped),
            (d("2026-09-01"), Statutory),
            (d("2026-09-02"), Statutory),
        ]
    );
    assert_eq!(
        kinds(e7, &[]).last(),
        Some(&(StepKind::EndMoved, Some(d("2026-09-03"))))
    );
    // E6 variant: after 15:00, then 30 Apr and 1 May
    let e6 = kinds(
        r#"{"received":"2026-04-29T16:00","time_limit":"same_day"}"#,
        &[],
    );
    assert!(
        e6.contains(&(StepKind::AfterCutoff, Some(d("2026-04-29")))),
        "{e6:?}"
    );
    assert!(
        e6.contains(&(StepKind::DayOff, Some(d("2026-04-30")))),
        "{e6:?}"
    );
    // E5: the count to the original date, then the apology
    let e5 = kinds(
        r#"{"received":"2026-10-19T09:00","time_limit":"5wd","events":[{"type":"apology","at":"2026-10-22T10:00","new_due":"2026-10-29"}]}"#,
        &[],
    );
    assert_eq!(
        e5.get(e5.len() - 2..),
        Some(
            &[
                (StepKind::Counted, Some(d("2026-10-26"))),
                (StepKind::Apology, Some(d("2026-10-22")))
            ][..]
        )
    );
    // hours
    let h = kinds(r#"{"received":"2026-03-13T14:00","time_limit":"8wh"}"#, &[]);
    assert_eq!(h.last(), Some(&(StepKind::Counted, Some(d("2026-03-16")))));
    // a closure and a plain holiday on a custom calendar
    let mut spec = crate::calendar::CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31"));
    spec.closures.push(d("2026-03-03").into());
    spec.holidays.push(d("2026-03-04").into());
    let c = spec.compile().unwrap();
    let x = due_explained(
        &dossier(r#"{"received":"2026-03-02T10:00","time_limit":"1wd"}"#),
        &c,
        &Rules::default(),
        None,
        Lang::Vi,
    )
    .unwrap();
    assert_eq!(x.due, d("2026-03-05"));
    let off: Vec<&str> = x
        .explain
        .iter()
        .filter(|s| s.fact.kind() == StepKind::DayOff)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(
        off,
        [
            "Thứ Ba 03/03/2026: ngày nghỉ riêng theo lịch của cơ quan, không phải ngày làm việc.",
            "Thứ Tư 04/03/2026: ngày nghỉ, không phải ngày làm việc.",
        ]
    );
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

#[test]
fn languages_and_step_kinds() {
    for l in Lang::ALL {
        assert_eq!(l.as_str().parse::<Lang>().unwrap(), l);
        assert_eq!(serde_json::to_value(l).unwrap(), l.as_str());
    }
    assert_eq!(Lang::default(), Lang::Vi);
    assert_eq!(
        "fr".parse::<Lang>().unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    for k in StepKind::ALL {
        assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
    }
}

/// Every file of the deadline module holds at most 800 lines (issue 15: a module split by
/// job, one concern a file; `clock.rs` had grown to 1,081 lines): the pass's work on pauses
/// and on stages lives in `clock/`, the regressions in `tests_regressions.rs`.
#[test]
fn no_file_of_the_module_is_over_800_lines() {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, usize)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let lines = std::fs::read_to_string(&path).unwrap().lines().count();
                out.push((path.display().to_string(), lines));
            }
        }
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/deadline");
    let mut files = Vec::new();
    walk(&dir, &mut files);
    assert!(files.len() >= 10, "{files:?}");
    let long: Vec<_> = files.iter().filter(|(_, n)| *n > 800).collect();
    assert!(long.is_empty(), "over 800 lines: {long:?}");
}
