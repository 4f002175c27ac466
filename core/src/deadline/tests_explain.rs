//! The explanations of the worked examples E1–E10 (procedures.md §8), in Vietnamese and
//! English, on the Vietnamese public-sector calendar, with the option variants the examples
//! state: compared with the committed snapshots in `snapshots/` (read them: each was checked by
//! hand against the example). `MOTCUA_REGENERATE=1` rewrites them.

use super::testkit::*;
use super::*;
use crate::outcome::classify_explained;

/// (file, title, dossier, as-of instants, option variants besides the law).
type Example = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const EXAMPLES: [Example; 11] = [
    (
        "e01",
        "E1 — direct, plain week",
        r#"{"received":"2026-03-03T10:00","channel":"direct","time_limit":{"working_days":5},"events":[{"type":"resolved","at":"2026-03-09T10:00"}]}"#,
        &["2026-12-31T23:59"],
        &["counting=hours"],
    ),
    (
        "e02",
        "E2 — online on Saturday",
        r#"{"received":"2026-03-14T09:00","channel":"online","time_limit":{"working_days":3},"events":[{"type":"resolved","at":"2026-03-19T10:00"}]}"#,
        &["2026-12-31T23:59"],
        &["counting=hours", "deemed_receipt=calendar_day"],
    ),
    (
        "e03",
        "E3 — one supplement: pause vs restart",
        r#"{"received":"2026-06-08T09:00","channel":"direct","time_limit":{"working_days":10},"events":[{"type":"supplement_requested","at":"2026-06-11T15:00"},{"type":"supplement_received","at":"2026-06-16T10:00"},{"type":"resolved","at":"2026-06-29T10:00"}]}"#,
        &["2026-12-31T23:59", "2026-06-12T09:00"],
        &["supplement=restart", "counting=hours"],
    ),
    (
        "e04",
        "E4 — two supplement requests",
        r#"{"received":"2026-07-08T08:00","channel":"direct","time_limit":{"working_days":5},"events":[{"type":"supplement_requested","at":"2026-07-09T10:00"},{"type":"supplement_received","at":"2026-07-10T09:00"},{"type":"supplement_requested","at":"2026-07-13T10:00"},{"type":"supplement_received","at":"2026-07-14T14:00"},{"type":"resolved","at":"2026-07-20T16:00"}]}"#,
        &["2026-12-31T23:59"],
        &["supplement=restart", "multi_supplement=late"],
    ),
    (
        "e05",
        "E5 — apology with new appointment",
        r#"{"received":"2026-10-19T09:00","channel":"direct","time_limit":{"working_days":5},"events":[{"type":"apology","at":"2026-10-22T10:00","new_due":"2026-10-29"},{"type":"resolved","at":"2026-10-29T10:00"}]}"#,
        &["2026-12-31T23:59"],
        &["apology=counts_late"],
    ),
    (
        "e06",
        "E6 — certified copy after 15:00",
        r#"{"received":"2026-04-23T15:30","channel":"direct","time_limit":{"same_day":true},"events":[{"type":"resolved","at":"2026-04-24T09:00"}]}"#,
        &["2026-12-31T23:59"],
        &[],
    ),
    (
        "e06b",
        "E6, variant — received Wed 29 Apr 16:00, before 30 Apr and 1 May",
        r#"{"received":"2026-04-29T16:00","channel":"direct","time_limit":{"same_day":true}}"#,
        &["2026-05-04T10:00"],
        &[],
    ),
    (
        "e07",
        "E7 — calendar days ending in the National Day break",
        r#"{"received":"2026-08-14T10:00","channel":"direct","time_limit":{"calendar_days":15},"events":[{"type":"resolved","at":"2026-09-03T10:00"}]}"#,
        &["2026-12-31T23:59"],
        &[],
    ),
    (
        "e08",
        "E8 — online across Tết, after hours",
        r#"{"received":"2026-02-13T18:30","channel":"online","time_limit":{"working_days":3},"events":[{"type":"resolved","at":"2026-02-25T15:00"}]}"#,
        &["2026-12-31T23:59"],
        &["counting=hours", "deemed_receipt=calendar_day"],
    ),
    (
        "e09",
        "E9 — pending, as of two instants",
        r#"{"received":"2026-08-24T09:00","channel":"direct","time_limit":{"working_days":6}}"#,
        &["2026-09-02T10:00", "2026-09-07T08:00"],
        &[],
    ),
    (
        "e10",
        "E10 — working-hour limit",
        r#"{"received":"2026-03-11T09:00","channel":"direct","time_limit":{"working_hours":4},"events":[{"type":"resolved","at":"2026-03-11T15:00"}]}"#,
        &["2026-12-31T23:59"],
        &["compare=instant"],
    ),
];

/// The snapshot of one example: every as-of instant under the law, then every variant as of the
/// first instant, each in Vietnamese and English.
fn render_example(ex: &Example) -> String {
    let (_, title, json, instants, variants) = *ex;
    let cal = crate::vn::public_sector().unwrap();
    let d = dossier(json);
    let mut runs: Vec<(&str, &str)> = instants.iter().map(|t| (*t, "")).collect();
    runs.extend(variants.iter().map(|v| (instants[0], *v)));
    let mut out = format!("# {title} (procedures.md §8)\n# dossier: {json}\n");
    for (as_of, variant) in runs {
        let r = if variant.is_empty() {
            Rules::default()
        } else {
            rules(&[variant])
        };
        let rules_name = if variant.is_empty() {
            "the law"
        } else {
            variant
        };
        for lang in Lang::ALL {
            let c = classify_explained(&d, &cal, &r, None, t(as_of), lang).unwrap();
            out.push_str(&format!(
                "\n## {lang} — as of {as_of}, rules: {rules_name} — due {}, {}\n",
                c.due.due, c.outcome
            ));
            for step in &c.due.explain {
                out.push_str(&format!("{}: {}\n", step.fact.kind().as_str(), step.text));
            }
        }
    }
    out
}

#[test]
fn worked_examples_explained_in_vietnamese_and_english() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join("deadline")
        .join("snapshots");
    let mut stale = Vec::new();
    for ex in &EXAMPLES {
        let want = render_example(ex);
        let path = dir.join(format!("{}.txt", ex.0));
        if std::env::var_os("MOTCUA_REGENERATE").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have != want {
            stale.push(format!("{}:\n{want}", path.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "explanations differ from the snapshots (check them, then rerun with \
         MOTCUA_REGENERATE=1):\n{}",
        stale.join("\n")
    );
}

/// The answers stated by the examples, so a snapshot cannot drift from them.
#[test]
fn snapshot_headers_state_the_reference_answers() {
    let cal = crate::vn::public_sector().unwrap();
    let want: [(&str, &str, &str, &str); 12] = [
        ("e01", "", "2026-03-10", "early"),
        ("e02", "", "2026-03-19", "on_time"),
        ("e02", "counting=hours", "2026-03-18", "late"),
        ("e03", "", "2026-06-25", "late"),
        ("e03", "supplement=restart", "2026-06-30", "early"),
        ("e04", "", "2026-07-17", "late"),
        ("e05", "apology=counts_late", "2026-10-26", "late"),
        ("e06", "", "2026-04-24", "on_time"),
        ("e07", "", "2026-09-03", "on_time"),
        ("e08", "", "2026-02-26", "early"),
        ("e09", "", "2026-09-04", "pending_within"),
        ("e10", "compare=instant", "2026-03-11", "late"),
    ];
    for (file, variant, due, outcome) in want {
        let ex = EXAMPLES.iter().find(|e| e.0 == file).unwrap();
        let r = if variant.is_empty() {
            Rules::default()
        } else {
            rules(&[variant])
        };
        let c = crate::outcome::classify(&dossier(ex.2), &cal, &r, None, t(ex.3[0])).unwrap();
        assert_eq!(
            (c.due.due.to_string().as_str(), c.outcome.as_str()),
            (due, outcome),
            "{file} {variant}"
        );
    }
}

/// A new appointment given while the clock is stopped counts on from the complete dossier: the
/// time from when it was given up to it is what is left (the wait for the citizen never counts
/// against the agency, as for an appointment given before the request), and the resumed step
/// says so in both languages, with the appointment as a field. Given on Fri 6 Mar for Fri 20
/// Mar: 10 working days; the complete dossier on Mon 9 Mar: due Mon 23 Mar (no day off in
/// March 2026). It stood as written before, so that an appointment given half an hour after a
/// request could make a dossier resolved a day after its completion late.
#[test]
fn an_appointment_made_while_stopped_counts_on_from_the_complete_dossier() {
    let cal = crate::vn::public_sector().unwrap();
    let d = dossier(
        r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":3},"events":[{"type":"supplement_requested","at":"2026-03-03T10:00"},{"type":"apology","at":"2026-03-06T10:00","new_due":"2026-03-20"},{"type":"supplement_received","at":"2026-03-09T10:00"},{"type":"resolved","at":"2026-03-19T10:00"}]}"#,
    );
    for (lang, says) in [
        (Lang::Vi, "còn 10 ngày làm việc, là thời gian từ lúc hẹn lại đến ngày hẹn mới thứ Sáu 20/03/2026"),
        (Lang::En, "10 working days left, the time from when the new appointment, Fri 20 Mar 2026, was given"),
    ] {
        let c = classify_explained(
            &d,
            &cal,
            &Rules::default(),
            None,
            t("2026-12-31T23:59"),
            lang,
        )
        .unwrap();
        assert_eq!(
            (c.due.due.to_string().as_str(), c.outcome.as_str()),
            ("2026-03-23", "early")
        );
        assert!(c.due.warnings.is_empty(), "{:?}", c.due.warnings);
        let resumed = c
            .due
            .explain
            .iter()
            .find(|s| matches!(s.fact, Fact::ClockResumed { .. }))
            .unwrap();
        assert!(resumed.text.contains(says), "{}", resumed.text);
    }
}

/// An apology or extension given just before a supplement request and the same one given just
/// after it lead to the same due date, for every kind of limit: before, the request turns the
/// appointment into the time left up to it; after, the appointment made while stopped is
/// turned into the same time. (Found by a tester: an extension to Fri 6 Mar at 09:30, before a
/// request at 10:00, gave Thu 12 Mar and early; at 10:30 it stood at 6 Mar, and the result on
/// Tue 10 Mar, the day after the complete dossier, was late.)
#[test]
fn an_appointment_just_before_or_just_after_a_request_gives_one_due_date() {
    let cal = crate::vn::public_sector().unwrap();
    for (limit, new_due, rules) in [
        (r#"{"working_days":3}"#, "2026-03-06", "supplement=pause"),
        (r#"{"working_days":5}"#, "2026-03-20", "supplement=pause"),
        (r#"{"calendar_days":5}"#, "2026-03-10", "supplement=pause"),
        (r#"{"working_hours":16}"#, "2026-03-06", "supplement=pause"),
        (r#"{"working_days":3}"#, "2026-03-06", "counting=hours"),
        (r#"{"working_days":3}"#, "2026-03-06", "supplement=restart"),
    ] {
        let rules = Rules::from_pairs(&[rules]).unwrap();
        let due_with = |appointment_at: &str| {
            let d = dossier(&format!(
                r#"{{"received":"2026-03-02T09:00","time_limit":{limit},"events":[{ev}]}}"#,
                ev = {
                    let request = r#"{"type":"supplement_requested","at":"2026-03-03T10:00"}"#;
                    let apology = format!(
                        r#"{{"type":"extended","at":"{appointment_at}","new_due":"{new_due}"}}"#
                    );
                    let rest = r#"{"type":"supplement_received","at":"2026-03-09T10:00"},{"type":"resolved","at":"2026-03-10T10:00"}"#;
                    if appointment_at < "2026-03-03T10:00" {
                        format!("{apology},{request},{rest}")
                    } else {
                        format!("{request},{apology},{rest}")
                    }
                }
            ));
            let c =
                crate::outcome::classify(&d, &cal, &rules, None, t("2026-12-31T23:59")).unwrap();
            (c.due.due, c.outcome)
        };
        let before = due_with("2026-03-03T09:30");
        assert_eq!(before, due_with("2026-03-03T10:30"), "{limit} {new_due}");
        assert_ne!(before.1.as_str(), "late", "{limit} {new_due}");
    }
}

/// A supplement request given by its date alone is said to be on that day, not "at 00:00": the
/// count uses the whole day (32 working hours by the end of Thursday here), which "at 00:00 …
/// 32 working hours used" contradicted. An instant at 00:00 keeps its time and its 24 hours.
#[test]
fn a_request_given_by_its_date_alone_is_said_so() {
    let cal = crate::vn::public_sector().unwrap();
    let rules = Rules::from_pairs(&["counting=hours"]).unwrap();
    let text = |at: &str, lang| {
        let d = dossier(&format!(
            r#"{{"received":"2025-12-13T15:00","time_limit":{{"working_days":15}},"events":[{{"type":"supplement_requested","at":"{at}"}}]}}"#
        ));
        let x = due_explained(&d, &cal, &rules, None, lang).unwrap();
        let step = x
            .explain
            .into_iter()
            .find(|s| matches!(s.fact, Fact::SupplementRequested { .. }))
            .unwrap();
        let fields = serde_json::to_value(&step).unwrap();
        (step.text, fields)
    };
    let (en, fields) = text("2025-12-18", Lang::En);
    assert!(
        en.starts_with("On Thu 18 Dec 2025 a supplement was requested (no time given)"),
        "{en}"
    );
    assert!(en.contains("32 working hours used"), "{en}");
    assert_eq!(fields["at"], "2025-12-18");
    let (vi, _) = text("2025-12-18", Lang::Vi);
    assert!(
        vi.starts_with("Ngày thứ Năm 18/12/2025 yêu cầu bổ sung"),
        "{vi}"
    );
    let (en, fields) = text("2025-12-18T00:00", Lang::En);
    assert!(en.starts_with("At 00:00 on Thu 18 Dec 2025"), "{en}");
    assert!(en.contains("24 working hours used"), "{en}");
    assert_eq!(fields["at"], "2025-12-18T00:00");
    // A complete dossier later that day given with its time stops the count there, and the
    // text does not say the whole day counted (a tester's case: "the whole day counts … 9
    // working hours used", the clock stopped at 10:00).
    let d = dossier(
        r#"{"received":"2026-09-22T09:00","time_limit":{"working_hours":16},"events":[{"type":"supplement_requested","at":"2026-09-23"},{"type":"supplement_received","at":"2026-09-23T10:00"}]}"#,
    );
    let x = due_explained(&d, &cal, &Rules::default(), None, Lang::En).unwrap();
    let step = x
        .explain
        .iter()
        .find(|s| matches!(s.fact, Fact::SupplementRequested { .. }))
        .unwrap();
    assert!(step.text.contains("(no time given)"), "{}", step.text);
    assert!(step.text.contains("9 working hours used"), "{}", step.text);
    assert!(!step.text.contains("whole day"), "{}", step.text);
}

/// Each step cites a text in force on the deemed receipt day: the online decree (of 2020) and
/// the postal decision (of 2016) not for dossiers received before them, and the one-stop
/// regulation before May 2015 is Decision 93/2007 (a legal tester found Decree 45/2020 cited
/// for a 2010 receipt), and none before that decision took effect.
#[test]
fn steps_cite_texts_in_force_on_the_receipt_day() {
    let cal = crate::vn::public_sector().unwrap();
    let cited = |received: &str, channel: &str| {
        let d = dossier(&format!(
            r#"{{"received":"{received}","channel":"{channel}","time_limit":{{"working_days":2}}}}"#
        ));
        let due = due_explained(&d, &cal, &Rules::default(), None, Lang::En).unwrap();
        let of = |kind: StepKind| {
            due.explain
                .iter()
                .find(|s| s.fact.kind() == kind)
                .and_then(|s| s.basis)
                .map(|b| b.cite(Lang::En).to_string())
        };
        (of(StepKind::RuleSet), of(StepKind::Received))
    };
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        cited("2010-06-05T18:00", "online"),
        (s("Decision 93/2007/QĐ-TTg"), s("Decision 93/2007/QĐ-TTg"))
    );
    // The counting step cites the Civil Code in force: 2005 (Art. 152) from 2006 to 2016,
    // 2015 (Art. 147) from 2017, none before 2006 (the 1995 code is not in our sources).
    let counted = |received: &str| {
        let d = dossier(&format!(
            r#"{{"received":"{received}","time_limit":{{"working_days":2}}}}"#
        ));
        let due = due_explained(&d, &cal, &Rules::default(), None, Lang::Vi).unwrap();
        due.explain
            .iter()
            .find(|s| s.fact.kind() == StepKind::Counted)
            .map(|s| s.basis.map(|b| b.cite(Lang::Vi).to_string()))
            .unwrap()
    };
    assert_eq!(
        counted("2010-06-07T09:00"),
        s("Điều 152 Bộ luật Dân sự 2005")
    );
    assert_eq!(
        counted("2016-12-30T09:00"),
        s("Điều 152 Bộ luật Dân sự 2005")
    );
    assert_eq!(
        counted("2017-01-03T09:00"),
        s("Điều 147 Bộ luật Dân sự 2015")
    );
    assert_eq!(counted("2005-06-07T09:00"), None);
    // The same-day cut-off cites Decree 23/2015/NĐ-CP from the day it took effect only.
    let cutoff = |received: &str| {
        let d = dossier(&format!(
            r#"{{"received":"{received}","time_limit":{{"same_day":true}}}}"#
        ));
        let due = due_explained(&d, &cal, &Rules::default(), None, Lang::En).unwrap();
        due.explain
            .iter()
            .filter_map(|s| s.basis)
            .map(|b| b.cite(Lang::En).to_string())
            .filter(|c| c.starts_with("Decree 23/2015"))
            .count()
    };
    assert_eq!(cutoff("1998-04-29T10:30"), 0);
    assert_eq!(cutoff("2015-04-09T10:30"), 0);
    assert_eq!(cutoff("2015-04-10T10:30"), 1);
    assert_eq!(cutoff("2026-03-03T10:30"), 1);
    // Before Decision 93/2007/QĐ-TTg took effect (August 2007): no one-stop regulation.
    assert_eq!(cited("2007-07-02T18:00", "direct"), (None, None));
    assert_eq!(
        cited("2007-08-01T09:00", "direct").0,
        s("Decision 93/2007/QĐ-TTg")
    );
    assert_eq!(
        cited("2015-06-05T18:00", "postal"),
        (s("Decision 09/2015/QĐ-TTg"), s("Decision 09/2015/QĐ-TTg"))
    );
    assert_eq!(
        cited("2017-06-05T18:00", "postal").1,
        s("Decision 45/2016/QĐ-TTg, Art. 7")
    );
    assert_eq!(
        cited("2019-04-26T18:00", "online").1,
        s("Decree 61/2018/NĐ-CP, Art. 17")
    );
    assert_eq!(
        cited("2022-06-06T18:00", "online").1,
        s("Decree 45/2020/NĐ-CP")
    );
}

/// What the explanation says while a supplement is awaited after a new appointment was given
/// during the wait: the due date shown is that appointment, said to be one (it was "the due date
/// as it stood at the request", 9 Mar, while the field said 20 Mar), with an `appointment`
/// field. And a calendar-day count with nothing left says so (it said "Counting 0 calendar days
/// from the day after 24 Mar: the period's last day is Sun 24 Mar"). Found by a tester checking
/// 29,000 explanations against the calendar.
#[test]
fn an_awaited_supplement_after_an_appointment_and_nothing_left_are_said_so() {
    let cal = crate::vn::public_sector().unwrap();
    let d = dossier(
        r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":5},"events":[{"type":"supplement_requested","at":"2026-03-04T10:00"},{"type":"extended","at":"2026-03-05T10:00","new_due":"2026-03-20"}]}"#,
    );
    for (lang, says) in [
        (
            Lang::Vi,
            "hạn giải quyết (tạm tính thứ Sáu 20/03/2026) sẽ được xác định lại",
        ),
        (Lang::En, "the due date, Fri 20 Mar 2026 for now, moves"),
    ] {
        let c = classify_explained(
            &d,
            &cal,
            &Rules::default(),
            None,
            t("2026-03-06T10:00"),
            lang,
        )
        .unwrap();
        let step = c
            .due
            .explain
            .iter()
            .find(|s| matches!(s.fact, Fact::AwaitingSupplement { .. }))
            .unwrap();
        assert!(step.text.contains(says), "{}", step.text);
        assert!(
            matches!(step.fact, Fact::AwaitingSupplement { due, appointment: Some(a), .. }
                if due == a && a.to_string() == "2026-03-20"),
            "{:?}",
            step.fact
        );
    }
    // 5 calendar days from Mon 2 Mar 2026 (due Sat 7 Mar, moved to Mon 9 Mar); requested Mon 9
    // Mar (7 days used, none left), complete Thu 12 Mar.
    let d = dossier(
        r#"{"received":"2026-03-02T09:00","time_limit":{"calendar_days":5},"events":[{"type":"supplement_requested","at":"2026-03-09T10:00"},{"type":"supplement_received","at":"2026-03-12T10:00"}]}"#,
    );
    let x = due_explained(&d, &cal, &Rules::default(), None, Lang::En).unwrap();
    let texts: Vec<&str> = x.explain.iter().map(|s| s.text.as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|s| s.starts_with("No day of the limit is left")),
        "{texts:#?}"
    );
    assert!(
        !texts
            .iter()
            .any(|s| s.starts_with("Counting 0 calendar days")),
        "{texts:#?}"
    );
}

/// An apology given while the clock is stopped with a new date already past when it is given
/// (Wed 25 Mar for Fri 20 Mar) does not move the due date: a warning, as the same apology
/// without a request open (it moved the due date and left "0 working days" from 25 to 20 Mar).
#[test]
fn an_appointment_already_past_when_given_while_stopped_is_late() {
    let cal = crate::vn::public_sector().unwrap();
    let d = dossier(
        r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":10},"events":[{"type":"supplement_requested","at":"2026-03-04T10:00"},{"type":"apology","at":"2026-03-25T10:00","new_due":"2026-03-20"},{"type":"supplement_received","at":"2026-03-26T09:00"}]}"#,
    );
    let x = due_explained(&d, &cal, &Rules::default(), None, Lang::En).unwrap();
    assert_eq!(
        x.warnings.iter().map(|w| w.code).collect::<Vec<_>>(),
        [crate::dossier::WarningCode::ApologyAfterDue]
    );
    // 10 working days from Mon 2 Mar: 2 used by Wed 4 Mar, 8 left from Thu 26 Mar.
    assert_eq!(x.due.to_string(), "2026-04-07");
    assert!(x.explain.iter().any(|s| matches!(
        s.fact,
        Fact::NewAppointment {
            effect: crate::deadline::Effect::AfterDue,
            ..
        }
    )));
}

/// A make-up Saturday counted as a working day is said so, before the count that lists it (a
/// reviewer's case: "ngày 21/08, 22/08, 24/08" with Saturday 22 August unexplained).
#[test]
fn a_makeup_day_counted_is_said_so() {
    let cal = crate::vn::public_sector().unwrap();
    let d = dossier(r#"{"received":"2026-08-20T09:00","time_limit":{"working_days":3}}"#);
    for (lang, says) in [
        (
            Lang::Vi,
            "Thứ Bảy 22/08/2026: Làm bù cho ngày 31/08/2026 (ngày làm bù), là ngày làm việc.",
        ),
        (
            Lang::En,
            "Sat 22 Aug 2026: Make-up working day for 2026-08-31, a working day.",
        ),
    ] {
        let x = due_explained(&d, &cal, &Rules::default(), None, lang).unwrap();
        assert_eq!(x.due.to_string(), "2026-08-24");
        let kinds: Vec<_> = x.explain.iter().map(|s| s.fact.kind().as_str()).collect();
        let makeup = kinds.iter().position(|k| *k == "makeup_day").unwrap();
        assert!(
            makeup < kinds.iter().position(|k| *k == "counted").unwrap(),
            "{kinds:?}"
        );
        assert_eq!(x.explain[makeup].text, says);
        let json = serde_json::to_value(&x.explain[makeup]).unwrap();
        assert_eq!(json["date"], "2026-08-22");
    }
    // Listed once, and not lost when a stage received on a weekend listed that weekend first
    // (a regression tester's case: the count's days before the stage's were never listed), nor
    // when a same-day limit falls due on it.
    for json in [
        r#"{"received":"2026-08-17T09:00","time_limit":{"working_days":10},"stages":[{"agency":"A","time_limit":"5wd"},{"agency":"B","time_limit":"5wd"}],"events":[{"type":"transferred","at":"2026-08-23T10:00","to":"B"}]}"#,
        r#"{"received":"2026-08-21T15:30","time_limit":{"same_day":true}}"#,
    ] {
        let x = due_explained(&dossier(json), &cal, &Rules::default(), None, Lang::En).unwrap();
        let days: Vec<String> = x
            .explain
            .iter()
            .filter(|s| matches!(s.fact, Fact::MakeupDay { .. } | Fact::DayOff { .. }))
            .map(|s| s.fact.date().unwrap().to_string())
            .collect();
        assert_eq!(
            days.iter().filter(|d| *d == "2026-08-22").count(),
            1,
            "{json}: {days:?}"
        );
        let mut unique = days.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), days.len(), "{json}: {days:?}");
    }
}

/// A receipt given by its date alone shows its day, never "00:00" (a time nobody gave), in
/// the text and in the step's `at`; on a working day the reason is `date_only`, on a day off the
/// next working day as for any receipt. The same for a completed dossier given by its date.
#[test]
fn a_date_only_receipt_shows_no_time() {
    let cal = crate::vn::public_sector().unwrap();
    let d = dossier(
        r#"{"received":"2026-03-02","time_limit":{"working_days":3},"events":[{"type":"supplement_requested","at":"2026-03-03T10:00"},{"type":"supplement_received","at":"2026-03-07"}]}"#,
    );
    assert!(d.received_date_only);
    for (lang, first, second) in [
        (
            Lang::Vi,
            "Hồ sơ nộp trực tiếp được tiếp nhận ngày thứ Hai 02/03/2026 (không ghi giờ), là ngày \
             làm việc: ngày nhận hồ sơ là thứ Hai 02/03/2026",
            "Hồ sơ đã bổ sung đầy đủ được tiếp nhận ngày thứ Bảy 07/03/2026 (không ghi giờ), không \
             phải ngày làm việc: coi như nhận vào ngày làm việc tiếp theo, thứ Hai 09/03/2026",
        ),
        (
            Lang::En,
            "Received at the desk on Mon 2 Mar 2026 (no time given), a working day: the day of \
             receipt is Mon 2 Mar 2026",
            "The completed dossier was received on Sat 7 Mar 2026 (no time given), not a working \
             day: deemed received on the next working day, Mon 9 Mar 2026",
        ),
    ] {
        let x = due_explained(&d, &cal, &Rules::default(), None, lang).unwrap();
        let received: Vec<_> = x
            .explain
            .iter()
            .filter(|s| s.fact.kind().as_str() == "received")
            .collect();
        assert_eq!(received.len(), 2);
        assert!(received[0].text.starts_with(first), "{}", received[0].text);
        assert!(received[1].text.starts_with(second), "{}", received[1].text);
        let json = serde_json::to_value(received[0]).unwrap();
        assert_eq!(json["at"], "2026-03-02");
        assert_eq!(json["reason"], "date_only");
        assert!(x.explain.iter().all(|s| !s.text.contains("00:00")));
    }
    // With a time, the time is said.
    let d = dossier(r#"{"received":"2026-03-02T07:00","time_limit":{"working_days":3}}"#);
    assert!(!d.received_date_only);
    let x = due_explained(&d, &cal, &Rules::default(), None, Lang::En).unwrap();
    let json = serde_json::to_value(&x.explain[2]).unwrap();
    assert_eq!(
        (json["at"].as_str(), json["reason"].as_str()),
        (Some("2026-03-02T07:00"), Some("before_opening"))
    );
}

/// Working time is said in hours, minutes and seconds, each when not zero: a receipt at
/// 15:00:01 with a request at 09:00 the next morning used 3 h 29 min 59 s (1 h 59 min 59 s to
/// closing, 1 h 30 min from opening), it was "12599 s".
#[test]
fn working_time_is_said_in_hours_minutes_and_seconds() {
    let cal = cal2026();
    let d = dossier(
        r#"{"received":"2026-03-02T15:00:01","time_limit":{"working_hours":10},"events":[{"type":"supplement_requested","at":"2026-03-03T09:00"}]}"#,
    );
    let text = |lang| {
        classify_explained(
            &d,
            &cal,
            &Rules::default(),
            None,
            t("2026-03-04T10:00"),
            lang,
        )
        .unwrap()
        .due
        .explain
        .iter()
        .map(|s| s.text.clone())
        .collect::<Vec<_>>()
        .join("\n")
    };
    let vi = text(Lang::Vi);
    assert!(
        vi.contains("đã dùng 3 giờ 29 phút 59 giây làm việc"),
        "{vi}"
    );
    assert!(vi.contains("còn lại 6 giờ 30 phút 1 giây làm việc"), "{vi}");
    let en = text(Lang::En);
    assert!(en.contains("3 h 29 min 59 s of working time used"), "{en}");
    assert!(en.contains("6 h 30 min 1 s of working time left"), "{en}");
    assert!(en.contains("Time limit: 10 working hours."), "{en}");
}

/// `apology=moves_due_day_before` (the recalled rule that an apology comes at least a day
/// before the due date): E5's apology moved to the due date itself leaves the due date, and the
/// step says why in both languages, as a typed `on_due_date` effect; by default the same
/// apology moves it; one issued the day before moves it under either.
#[test]
fn an_apology_on_the_due_date_under_the_day_before_rule() {
    let cal = crate::vn::public_sector().unwrap();
    let on_the_day = dossier(
        r#"{"received":"2026-10-19T09:00","time_limit":{"working_days":5},"events":[
            {"type":"apology","at":"2026-10-26T10:00","new_due":"2026-10-29"},
            {"type":"resolved","at":"2026-10-29T10:00"}]}"#,
    );
    let day_before = rules(&["apology=moves_due_day_before"]);
    let as_of = t("2026-12-31T23:59");
    let classify = |d: &Dossier, r: &Rules| crate::outcome::classify(d, &cal, r, None, as_of);
    let c = classify(&on_the_day, &Rules::default()).unwrap();
    assert_eq!(
        (c.due.due, c.outcome.as_str()),
        (d("2026-10-29"), "on_time")
    );
    let c = classify(&on_the_day, &day_before).unwrap();
    assert_eq!((c.due.due, c.outcome.as_str()), (d("2026-10-26"), "late"));
    assert!(c.due.warnings.is_empty(), "{:?}", c.due.warnings);
    let mut earlier = on_the_day.clone();
    earlier.events[0].at = t("2026-10-25T10:00");
    for r in [Rules::default(), day_before] {
        let c = classify(&earlier, &r).unwrap();
        assert_eq!(
            (c.due.due, c.outcome.as_str()),
            (d("2026-10-29"), "on_time")
        );
    }
    for (lang, words) in [
        (Lang::Vi, "đúng ngày hết hạn: hạn vẫn là"),
        (Lang::En, "on the due date itself: the due date stays"),
    ] {
        let x = due_explained(&on_the_day, &cal, &day_before, None, lang).unwrap();
        let step = x
            .explain
            .iter()
            .find(|s| matches!(s.fact, Fact::NewAppointment { .. }))
            .unwrap();
        assert!(
            matches!(
                step.fact,
                Fact::NewAppointment {
                    effect: Effect::OnDueDate,
                    ..
                }
            ),
            "{:?}",
            step.fact
        );
        assert!(step.text.contains(words), "{}", step.text);
        assert_eq!(
            step.basis,
            Some(crate::deadline::law::CIRCULAR_03_2025_FORM_04)
        );
    }
}
