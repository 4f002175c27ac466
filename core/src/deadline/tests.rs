use super::testkit::*;
use super::*;
use crate::calendar::DayClass;
use crate::error::ErrorKind;
use crate::procedure::Catalogue;

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
    let paused = due_with(&e3, &cal, &r, None, Some(t("2026-06-12T09:00")), None).unwrap();
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
        due_with(&e3, &cal, &r, None, Some(t("2026-06-07T09:00")), None)
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
        Some(Lang::En),
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
        let x = due_with(&e3, &cal, &r, None, Some(t(as_of)), Some(Lang::En)).unwrap();
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

/// A time limit of 0 built in code (the parsers refuse one) was accepted: the day of receipt
/// the due date, the outcome `on_time`, the dossier valid, its JSON unreadable. Now
/// `invalid_time_limit` from `due`, `classify`, `validate` and `Catalogue::new`.
#[test]
fn a_zero_time_limit_built_in_code_is_refused() {
    use crate::procedure::{Catalogue, OnlineService, Procedure, Stage};
    let cal = crate::vn::public_sector().unwrap();
    for limit in [
        TimeLimit::WorkingDays(0),
        TimeLimit::CalendarDays(0),
        TimeLimit::WorkingHours(0),
    ] {
        let d = Dossier::new(limit, t("2026-03-02T09:30")).with_event(Event::new(
            crate::dossier::EventKind::Resolved,
            t("2026-03-02T16:00"),
        ));
        let e = due(&d, &cal, &Rules::default(), None).unwrap_err();
        assert_eq!(
            (e.kind(), e.field()),
            (ErrorKind::InvalidTimeLimit, Some("time_limit"))
        );
        let e = crate::outcome::classify(&d, &cal, &Rules::default(), None, t("2026-12-31T00:00"))
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidTimeLimit);
        assert_eq!(
            d.validate().unwrap_err().kind(),
            ErrorKind::InvalidTimeLimit
        );
        let p = Procedure {
            code: "Z".into(),
            name: "z".into(),
            field: "f".into(),
            level: crate::procedure::AuthorityLevel::Commune,
            time_limit: limit,
            online: OnlineService::None,
            stages: Vec::new(),
        };
        let e = Catalogue::new(vec![p.clone()]).unwrap_err();
        assert_eq!(
            (e.kind(), e.field()),
            (ErrorKind::InvalidCatalogue, Some("time_limit"))
        );
        let staged = Procedure {
            time_limit: TimeLimit::WorkingDays(5),
            stages: vec![Stage {
                agency: "A".into(),
                time_limit: limit,
            }],
            ..p
        };
        let e = Catalogue::new(vec![staged]).unwrap_err();
        assert_eq!(e.field(), Some("stages[0].time_limit"));
    }
}

/// Transfers listed out of order: the disorder is the error (DESIGN.md: events in
/// non-decreasing `at` order), not the wrong agency it makes the first listed transfer reach,
/// in `Dossier::validate` and in `due` alike; in order, a wrong agency is `invalid_transfer`.
#[test]
fn transfers_out_of_order_are_events_out_of_order() {
    let base = r#"{"received":"2026-03-02T09:30","time_limit":"15wd",
        "stages":[{"agency":"A","time_limit":"5wd"},{"agency":"B","time_limit":"5wd"},{"agency":"C","time_limit":"5wd"}],
        "events":[EV]}"#;
    let with = |ev: &str| base.replace("EV", ev);
    let swapped = with(
        r#"{"type":"transferred","at":"2026-03-12T10:00","to":"C"},{"type":"transferred","at":"2026-03-05T10:00","to":"B"}"#,
    );
    assert_eq!(due_err(&swapped), ErrorKind::EventsOutOfOrder);
    let e = dossier(&swapped).validate().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::EventsOutOfOrder, "{e}");
    assert_eq!(e.field(), Some("events[1]"), "{e}");
    let wrong = with(
        r#"{"type":"transferred","at":"2026-03-05T10:00","to":"C"},{"type":"transferred","at":"2026-03-12T10:00","to":"B"}"#,
    );
    assert_eq!(due_err(&wrong), ErrorKind::InvalidTransfer);
    assert_eq!(
        dossier(&wrong).validate().unwrap_err().kind(),
        ErrorKind::InvalidTransfer
    );
    let right = with(
        r#"{"type":"transferred","at":"2026-03-05T10:00","to":"B"},{"type":"transferred","at":"2026-03-12T10:00","to":"C"}"#,
    );
    assert!(dossier(&right).validate().is_ok());
    assert!(due(&dossier(&right), &cal2026(), &Rules::default(), None).is_ok());
}

/// A new appointment on a day off ends at the end of the next working day (Civil Code 2015,
/// Art. 148), as a period counted to a day off does: a result on that day is on time (a
/// tester's case: new_due Saturday 7 March, due at 17:00 on a day the office is closed, and a
/// result on Monday 9 March late by a working day).
#[test]
fn a_new_appointment_on_a_day_off_moves_to_the_next_working_day() {
    let cal = crate::vn::public_sector().unwrap();
    for (kind, new_due, due) in [
        ("apology", "2026-03-07", "2026-03-09"),
        ("extended", "2026-03-08", "2026-03-09"),
        // 30 April – 3 May 2026: holidays, then a weekend.
        ("apology", "2026-04-30", "2026-05-04"),
        // A working day stays.
        ("apology", "2026-03-06", "2026-03-06"),
    ] {
        let x = dossier(&format!(
            r#"{{"received":"2026-03-02T09:00","time_limit":{{"working_days":3}},"events":[
            {{"type":"{kind}","at":"2026-03-03T09:00","new_due":"{new_due}"}},
            {{"type":"resolved","at":"{due}T08:00"}}]}}"#
        ));
        let r = Rules::default();
        let c = crate::outcome::classify(&x, &cal, &r, None, t("2026-06-01T00:00")).unwrap();
        assert_eq!(c.due.due, d(due), "{kind} {new_due}");
        assert_eq!(
            c.outcome,
            crate::outcome::Outcome::OnTime,
            "{kind} {new_due}"
        );
        let explained = due_explained(&x, &cal, &r, None, Lang::En).unwrap();
        let moved = explained
            .explain
            .iter()
            .any(|s| s.fact.kind() == StepKind::EndMoved);
        assert_eq!(moved, new_due != due, "{kind} {new_due}");
    }
}

/// A complete dossier given by its date alone on the day of the request came after the request:
/// the clock restarts at the request, not at that day's opening (it restarted at 07:30, hours
/// before the request and even before the receipt, and the pause shortened the limit: due
/// before the deemed receipt). Found by a property test, `due ≥ deemed receipt`.
#[test]
fn a_date_alone_for_the_complete_dossier_restarts_no_earlier_than_the_request() {
    for limit in [r#""8wh""#, r#""1wd""#, r#""1cd""#, r#""same_day""#] {
        let with = |received_back: &str| {
            due_of(
                &format!(
                    r#"{{"received":"2026-03-02T17:30","time_limit":{limit},"events":[
                    {{"type":"supplement_requested","at":"2026-03-02T17:45"}},
                    {{"type":"supplement_received","at":"{received_back}"}}]}}"#
                ),
                &[],
            )
        };
        let plain = due_of(
            &format!(r#"{{"received":"2026-03-02T17:30","time_limit":{limit}}}"#),
            &[],
        );
        let alone = with("2026-03-02");
        assert!(alone.due >= alone.deemed_receipt, "{limit}: {alone:?}");
        assert!(
            alone.due_at >= plain.due_at,
            "{limit}: the pause shortened it"
        );
        // The date alone reads as the request's instant: as the complete dossier at 17:45.
        assert_eq!(alone.due_at, with("2026-03-02T17:45").due_at, "{limit}");
    }
    // Received 09:00, 8 working hours, a request at 10:00 and the complete dossier that day:
    // 1 hour used, 7 left from 10:00 — due 09:00 the next day (it was 16:00 the same day).
    let d = due_of(
        r#"{"received":"2026-03-02T09:00","time_limit":"8wh","events":[
        {"type":"supplement_requested","at":"2026-03-02T10:00"},
        {"type":"supplement_received","at":"2026-03-02"}]}"#,
        &[],
    );
    assert_eq!(d.due_at.to_string(), "2026-03-03 09:00:00");
}

/// `working_hours_expiry` at chrono's first instant is out of range, not a panic (the second
/// before it overflowed chrono).
#[test]
fn working_hours_expiry_at_the_first_instant_is_an_error() {
    let cal = crate::vn::public_sector().unwrap();
    for secs in [0, -5, 1] {
        let e = working_hours_expiry(&cal, NaiveDateTime::MIN, secs).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::DateOutOfRange);
    }
}

/// An instant built in code with a fraction of a second is deemed received as the same instant
/// read from text, to the second (17:00:00.5 was after the 17:00 closing: due a day later than
/// the text "2026-03-02T17:00:00.5" gives).
#[test]
fn a_fraction_of_a_second_does_not_move_the_deemed_receipt() {
    let cal = cal2026();
    let received = t("2026-03-02T17:00") + chrono::TimeDelta::milliseconds(500);
    let built = Dossier::new(crate::procedure::TimeLimit::WorkingDays(1), received);
    let read = dossier(r#"{"received":"2026-03-02T17:00:00.5","time_limit":{"working_days":1}}"#);
    let (a, b) = (
        due(&built, &cal, &Rules::default(), None).unwrap(),
        due(&read, &cal, &Rules::default(), None).unwrap(),
    );
    assert_eq!((a.due, a.deemed_receipt), (b.due, b.deemed_receipt));
    assert_eq!(a.deemed_receipt.to_string(), "2026-03-02");
}

/// A result while a supplement request is open completes the dossier: no request is left
/// open in the answer (`awaiting_supplement_since` was still given, with the result's class);
/// a refusal or withdrawal while one is open leaves it open (the dossier ended awaiting the
/// citizen), its distance measured to the request.
#[test]
fn a_result_while_awaiting_leaves_no_request_open() {
    use crate::outcome::{classify, Outcome};
    let cal = cal2026();
    let with = |end: &str| {
        dossier(&format!(
            r#"{{"received":"2026-07-20T09:00","time_limit":{{"working_days":2}},
            "events":[{{"type":"supplement_requested","at":"2026-07-21T10:00"}},
                      {{"type":"{end}","at":"2026-08-14T10:00"}}]}}"#
        ))
    };
    let as_of = t("2026-12-31T23:59");
    let r = classify(&with("resolved"), &cal, &Rules::default(), None, as_of).unwrap();
    assert_eq!(r.due.awaiting_supplement_since, None);
    assert_eq!(r.outcome, Outcome::Early);
    for end in ["refused", "withdrawn"] {
        let c = classify(&with(end), &cal, &Rules::default(), None, as_of).unwrap();
        assert_eq!(c.due.awaiting_supplement_since, Some(t("2026-07-21T10:00")));
        assert_eq!(c.working_days_late, -1, "{end}");
    }
}

/// A request known by its date alone stops the clock by the first later event of that day
/// known with its time (it came before it), not at closing time after it: under `restart` the
/// limit runs afresh from the complete dossier's instant, and the stage's clock, read the same
/// way, agrees with the dossier's.
#[test]
fn a_date_only_request_stops_by_a_later_timed_event_of_its_day() {
    let cal = cal2026();
    let json = |hh: &str| {
        format!(
            r#"{{"received":"2026-09-22T00:00","time_limit":{{"working_hours":23}},
            "events":[{{"type":"supplement_requested","at":"2026-09-24{hh}"}},
                      {{"type":"supplement_received","at":"2026-09-24T10:00"}}]}}"#
        )
    };
    for reading in ["supplement=pause", "supplement=restart"] {
        let r = rules(&[reading]);
        let date_only = due(&dossier(&json("")), &cal, &r, None).unwrap();
        // As if made at 10:00 (stopped and run again at one instant: no pause at all), and
        // under `restart`, where only the complete dossier's instant counts, at any time.
        for hh in ["T00:00", "T07:30", "T10:00"] {
            let timed = due(&dossier(&json(hh)), &cal, &r, None).unwrap();
            if hh == "T10:00" || reading == "supplement=restart" {
                assert_eq!(date_only.due_at, timed.due_at, "{reading} {hh}");
            }
        }
        let expected = if reading == "supplement=pause" {
            // 23 h from Tue 22 Sep 07:30: 22 and 23 Sep 8 h each, Thu 24 Sep 07:30-11:30,
            // 13:00-16:00.
            "2026-09-24T16:00"
        } else {
            // 23 h afresh from Thu 24 Sep 10:00: 1.5 + 4 h, Fri 25 Sep 8 h, Mon 28 Sep 8 h,
            // Tue 29 Sep 07:30-09:00.
            "2026-09-29T09:00"
        };
        assert_eq!(date_only.due_at, t(expected), "{reading}");
    }
}

/// A date outside the calendar names its field: the receipt, an event's instant, a new
/// appointment (a JS tester's case: `new_due` and `received` gave no field).
#[test]
fn dates_outside_the_calendar_name_their_field() {
    let cal = crate::vn::public_sector().unwrap();
    for (json, field) in [
        (
            r#"{"received":"1990-01-01T09:00","time_limit":{"working_days":3}}"#,
            "received",
        ),
        (
            r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":3},"events":[{"type":"apology","at":"2026-03-04T10:00","new_due":"2200-01-02"}]}"#,
            "events[0].new_due",
        ),
        (
            r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":3},"events":[{"type":"resolved","at":"2200-01-02T10:00"}]}"#,
            "events[0].at",
        ),
    ] {
        let e = due(&dossier(json), &cal, &Rules::default(), None).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::DateOutOfRange, "{json}");
        assert_eq!(e.field(), Some(field), "{json}");
    }
}

/// An instant built in Rust with a fraction of a second is read to the second by the
/// constructors and the as-of instant at every door, as the JSON of the same dossier is
/// ("15:00:00.500" is 15:00:00), and refused when set by hand: the same-day cut-off, a result
/// against a due instant under `compare=instant` and an hour count compared the fraction, and
/// the Rust door answered otherwise than the JSON one.
#[test]
fn instants_are_read_to_the_second_at_every_door() {
    use crate::dossier::EventKind;
    use chrono::Timelike;
    let cal = cal2026();
    let frac = |s: &str, ms: u32| t(s).with_nanosecond(ms * 1_000_000).unwrap();
    let same = |rust: &Dossier, json: &str, pairs: &[&str], as_of: NaiveDateTime| {
        let json = dossier(json);
        let r = rules(pairs);
        assert_eq!(
            due(rust, &cal, &r, None).unwrap().due,
            due(&json, &cal, &r, None).unwrap().due
        );
        for as_of in [as_of, as_of.with_nanosecond(700_000_000).unwrap()] {
            let a = crate::outcome::classify(rust, &cal, &r, None, as_of).unwrap();
            let b = crate::outcome::classify(&json, &cal, &r, None, as_of).unwrap();
            assert_eq!((a.outcome, a.due.due), (b.outcome, b.due.due));
        }
    };
    // Same day, received at 15:00:00.5: not after the 15:00 cut-off, due that day.
    let d = Dossier::new(TimeLimit::same_day(), frac("2026-03-02T15:00", 500));
    assert_eq!(
        due(&d, &cal, &Rules::default(), None).unwrap().due,
        self::d("2026-03-02")
    );
    same(
        &d,
        r#"{"received":"2026-03-02T15:00:00.500","time_limit":"same_day"}"#,
        &[],
        t("2026-03-10T09:00"),
    );
    // compare=instant: a result at 17:00:00.5 on the due date is at its closing time.
    let d = Dossier::new(TimeLimit::WorkingDays(1), t("2026-03-02T09:00")).with_event(Event::new(
        EventKind::Resolved,
        frac("2026-03-03T17:00", 500),
    ));
    same(
        &d,
        r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":1},"events":[{"type":"resolved","at":"2026-03-03T17:00:00.5"}]}"#,
        &["compare=instant"],
        t("2026-03-10T09:00"),
    );
    assert_eq!(
        crate::outcome::classify(
            &d,
            &cal,
            &rules(&["compare=instant"]),
            None,
            t("2026-03-10T09:00")
        )
        .unwrap()
        .outcome,
        Outcome::OnTime
    );
    // A working-hour count from 09:00:00.5.
    let d = Dossier::new(TimeLimit::WorkingHours(8), frac("2026-03-02T09:00", 500)).with_event(
        Event::new(EventKind::Resolved, frac("2026-03-03T09:00", 200)),
    );
    same(
        &d,
        r#"{"received":"2026-03-02T09:00:00.5","time_limit":{"working_hours":8},"events":[{"type":"resolved","at":"2026-03-03T09:00:00.2"}]}"#,
        &["compare=instant"],
        t("2026-03-10T09:00"),
    );
    // A fraction set by hand (not through the constructors) is refused, naming the field.
    let mut d = Dossier::new(TimeLimit::WorkingDays(1), t("2026-03-02T09:00"))
        .with_event(Event::new(EventKind::Resolved, t("2026-03-03T10:00")));
    d.received = frac("2026-03-02T09:00", 1);
    let e = due(&d, &cal, &Rules::default(), None).unwrap_err();
    assert_eq!(
        (e.kind(), e.field()),
        (ErrorKind::InvalidDossier, Some("received"))
    );
    d.received = t("2026-03-02T09:00");
    d.events[0].at = frac("2026-03-03T10:00", 999);
    let e = crate::outcome::classify(&d, &cal, &Rules::default(), None, t("2026-03-10T09:00"))
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.field()),
        (ErrorKind::InvalidDossier, Some("events[0].at"))
    );
    assert_eq!(d.validate().unwrap_err().kind(), ErrorKind::InvalidDossier);
    // A same-day cut-off with a fraction is refused (its text form, `same_day@15:00`, has none).
    let cut = TimeLimit::SameDay {
        cutoff: chrono::NaiveTime::from_hms_milli_opt(15, 0, 0, 500).unwrap(),
    };
    assert_eq!(cut.check().unwrap_err().kind(), ErrorKind::InvalidTimeLimit);
    let d = Dossier::new(cut, t("2026-03-02T09:00"));
    assert_eq!(
        due(&d, &cal, &Rules::default(), None).unwrap_err().kind(),
        ErrorKind::InvalidTimeLimit
    );
}

/// An as-of instant outside the calendar is `date_out_of_range` naming `as_of` for every
/// dossier, as the CLI's `--as-of` is: a resolved dossier was classified against one (`late`
/// as of the year 262,143), an open one refused, and one before the range read as "before the
/// dossier's receipt".
#[test]
fn an_as_of_outside_the_calendar_is_out_of_range() {
    let cal = cal2026();
    let d = dossier(
        r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":3},"events":[{"type":"resolved","at":"2026-03-04T10:00"}]}"#,
    );
    for as_of in [
        NaiveDateTime::MAX,
        NaiveDateTime::MIN,
        t("2027-01-01T00:00"),
    ] {
        let e = crate::outcome::classify(&d, &cal, &Rules::default(), None, as_of).unwrap_err();
        assert_eq!(
            (e.kind(), e.field()),
            (ErrorKind::DateOutOfRange, Some("as_of")),
            "{as_of}"
        );
    }
    assert!(
        crate::outcome::classify(&d, &cal, &Rules::default(), None, t("2026-12-31T23:59")).is_ok()
    );
    // The due date as of such an instant likewise (it answered, or said "before the receipt").
    for as_of in [NaiveDateTime::MAX, NaiveDateTime::MIN] {
        let e = crate::Options::new(&cal).as_of(as_of).due(&d).unwrap_err();
        assert_eq!(
            (e.kind(), e.field()),
            (ErrorKind::DateOutOfRange, Some("as_of")),
            "{as_of}"
        );
    }
}

/// A receipt outside the calendar is `date_out_of_range` naming `received` whatever the as-of
/// instant: after an in-range as-of it said "the as-of is before the receipt" (`classify` of a
/// receipt in 2300), where `due` named the receipt. A due date past what a date can hold is
/// said by its year, not by an internal day number.
#[test]
fn a_receipt_outside_the_calendar_is_out_of_range_before_the_as_of_is_compared() {
    let cal = cal2026();
    let d = dossier(r#"{"received":"2300-01-01T10:00","time_limit":{"working_days":3}}"#);
    let e = crate::outcome::classify(&d, &cal, &Rules::default(), None, t("2026-12-31T23:59"))
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.field()),
        (ErrorKind::DateOutOfRange, Some("received"))
    );
    let d = dossier(r#"{"received":"2026-03-02T09:00","time_limit":{"calendar_days":99999999}}"#);
    let e = due(&d, &cal, &Rules::default(), None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DateOutOfRange);
    assert!(e.message().contains("around the year 275816"), "{e}");
    assert!(!e.message().contains("day number"), "{e}");
}
