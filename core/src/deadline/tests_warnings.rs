//! The warnings' words: each in the language asked for, with the values and the legal text
//! in force that the explanation gives.

use super::testkit::*;
use super::*;
use crate::procedure::Catalogue;

/// Each warning is worded in the language asked for (`Options::lang`, the CLI's `--lang`,
/// Python's and JS's `lang`; Vietnamese by default), with its values (instants, dates, the
/// legal basis) in that language's forms, the code the same; explained or not, the same words.
#[test]
fn warnings_are_worded_in_the_language_asked_for() {
    let cal = weekdays("2016-01-01", "2030-12-31");
    let cat = Catalogue::from_json(
        r#"[{"code":"D1","name":"x","field":"f","level":"district","time_limit":"5wd","online":"none"}]"#,
    )
    .unwrap();
    let base = r#"{"received":"2026-03-02T09:30","time_limit":"3wd","events":[EV]}"#;
    let with = |ev: &str| base.replace("EV", ev);
    let cases: Vec<(String, WarningCode, [&str; 2], [&str; 2])> = vec![
        (
            with(r#"{"type":"supplement_requested","at":"2026-03-06T10:00"},{"type":"supplement_received","at":"2026-03-09T10:00"}"#),
            WarningCode::SupplementAfterDue,
            ["yêu cầu bổ sung lúc 10:00 thứ Sáu 06/03/2026, sau hạn giải quyết thứ Năm 05/03/2026", "thời hạn giải quyết vẫn được tạm dừng"],
            ["supplement requested at 10:00 on Fri 6 Mar 2026, after the due date Thu 5 Mar 2026", "the clock is stopped"],
        ),
        (
            with(r#"{"type":"apology","at":"2026-03-06T10:00","new_due":"2026-03-10"}"#),
            WarningCode::ApologyAfterDue,
            ["phiếu xin lỗi và hẹn lại ngày trả kết quả", "ban hành vào thứ Sáu 06/03/2026, sau hạn giải quyết thứ Năm 05/03/2026"],
            ["apology issued on Fri 6 Mar 2026, after the due date Thu 5 Mar 2026", "the due date stays"],
        ),
        (
            with(r#"{"type":"extended","at":"2026-03-06T10:00","new_due":"2026-03-10"}"#),
            WarningCode::ExtensionAfterDue,
            ["văn bản gia hạn ban hành vào thứ Sáu 06/03/2026", "hạn giải quyết giữ nguyên"],
            ["extension issued on Fri 6 Mar 2026", "the due date stays"],
        ),
        (
            with(r#"{"type":"refused","at":"2026-03-06T10:00"}"#),
            WarningCode::RefusedLate,
            ["từ chối giải quyết hồ sơ lúc 10:00 thứ Sáu 06/03/2026, sau hạn giải quyết thứ Năm 05/03/2026", "(Nghị định 118/2025/NĐ-CP"],
            ["refused at 10:00 on Fri 6 Mar 2026, after the due date Thu 5 Mar 2026", "(Decree 118/2025/NĐ-CP"],
        ),
        (
            with(r#"{"type":"supplement_requested","at":"2026-03-03T10:00"},{"type":"resolved","at":"2026-03-04T10:00"}"#),
            WarningCode::ResolvedWhileAwaitingSupplement,
            ["có kết quả lúc 10:00 thứ Tư 04/03/2026 khi đang chờ bổ sung", "coi như đã nhận đủ hồ sơ"],
            ["resolved at 10:00 on Wed 4 Mar 2026 while a supplement request was open", ""],
        ),
        (
            with(r#"{"type":"supplement_requested","at":"2026-03-03T10:00"},{"type":"supplement_received","at":"2026-03-04T10:00"},{"type":"supplement_requested","at":"2026-03-04T11:00"},{"type":"supplement_received","at":"2026-03-04T12:00"}"#),
            WarningCode::MultipleSupplementRequests,
            ["một cơ quan yêu cầu bổ sung hồ sơ hơn một lần", "Nghị định 107/2021/NĐ-CP"],
            ["more than one supplement request by one agency", "Decree 107/2021/NĐ-CP"],
        ),
        (
            r#"{"received":"2017-03-02T09:30","time_limit":"3wd"}"#.to_string(),
            WarningCode::RuleSetUnverified,
            ["bộ quy định pre2018 (Quyết định 09/2015/QĐ-TTg)", "trước ngày 21/06/2018"],
            ["rule set pre2018 (Decision 09/2015/QĐ-TTg)", "before 21 Jun 2018: its texts were not verified"],
        ),
        (
            r#"{"received":"2025-07-01T10:00","procedure":"D1"}"#.to_string(),
            WarningCode::DistrictLevelAbolished,
            ["thủ tục D1 thuộc cấp huyện", "(ngày coi như nhận hồ sơ: thứ Ba 01/07/2025)"],
            ["procedure D1 is district-level", "(the dossier was deemed received on Tue 1 Jul 2025)"],
        ),
    ];
    for (json, code, vi, en) in cases {
        let dossier = dossier(&json);
        let opts = crate::Options::new(&cal).catalogue(&cat);
        let words = |lang: Option<Lang>, explain: bool| {
            let o = match lang {
                Some(l) => opts.lang(l),
                None => opts,
            };
            let w = o.explain(explain).due(&dossier).unwrap().warnings;
            let first = w.iter().find(|w| w.code == code).cloned();
            first.unwrap_or_else(|| panic!("{json}: no {code} in {w:?}"))
        };
        let (default, vi_w, en_w) = (
            words(None, false),
            words(Some(Lang::Vi), false),
            words(Some(Lang::En), false),
        );
        assert_eq!(default, vi_w, "{json}: Vietnamese by default");
        assert_eq!(
            words(Some(Lang::En), true),
            en_w,
            "{json}: explained or not, the same words"
        );
        assert_eq!(words(Some(Lang::Vi), true), vi_w, "{json}");
        for (w, parts) in [(&vi_w, vi), (&en_w, en)] {
            for part in parts {
                assert!(
                    w.message.contains(part),
                    "{json}: {:?} lacks {part:?}",
                    w.message
                );
            }
        }
        // Each in its own language: no English dates or words in the Vietnamese.
        for english in ["after the due date", " on ", "Mar", "Jul", "Decree"] {
            assert!(
                !vi_w.message.contains(english),
                "{json}: {:?}",
                vi_w.message
            );
        }
        assert_ne!(vi_w.message, en_w.message);
        // `classify` words them as `due` does.
        let c = opts
            .lang(Lang::En)
            .as_of(t("2030-01-01T00:00"))
            .classify(&dossier)
            .unwrap();
        assert!(c.due.warnings.contains(&en_w), "{json}");
    }
}

/// A warning cites the text in force on the deemed receipt day, as the explanation does
/// (Decision 93/2007/QĐ-TTg before May 2015, none known before August 2007): it cited the rule
/// set's text of 2015 whatever the day. Compared by instant, a late refusal names the due
/// instant, not the due date it fell on.
#[test]
fn warnings_cite_the_text_in_force_and_the_instant_compared() {
    let cal = weekdays("2000-01-01", "2030-12-31");
    let refused = |received: &str, at: &str, pairs: &[&str]| {
        let d = dossier(&format!(
            r#"{{"received":"{received}","time_limit":"3wd","events":[{{"type":"refused","at":"{at}"}}]}}"#
        ));
        crate::Options::new(&cal)
            .rules(rules(pairs))
            .lang(Lang::En)
            .explain(true)
            .due(&d)
            .unwrap()
    };
    for (received, at, text) in [
        (
            "2010-03-02T09:30",
            "2010-03-22T10:00",
            Some("Decision 93/2007/QĐ-TTg"),
        ),
        ("2006-03-02T09:30", "2006-03-22T10:00", None),
        (
            "2016-03-02T09:30",
            "2016-03-22T10:00",
            Some("Decision 09/2015/QĐ-TTg"),
        ),
        (
            "2026-03-02T09:30",
            "2026-03-22T10:00",
            Some("Decree 118/2025/NĐ-CP"),
        ),
    ] {
        let due = refused(received, at, &[]);
        let said = |code| {
            due.warnings
                .iter()
                .find(|w| w.code == code)
                .map(|w| w.message.clone())
        };
        let late = said(WarningCode::RefusedLate).unwrap();
        match text {
            Some(t) => assert!(
                late.ends_with(&format!("within the time limit ({t})")),
                "{late}"
            ),
            None => assert!(late.ends_with("within the time limit"), "{late}"),
        }
        // The explanation's step of the refusal cites the same text.
        let step = due
            .explain
            .iter()
            .find(|s| s.text.contains("refus"))
            .unwrap();
        assert_eq!(
            step.basis.map(|b| b.cite(Lang::En).to_string()).as_deref(),
            text,
            "{received}"
        );
        if received < "2018-06-21" {
            let unverified = said(WarningCode::RuleSetUnverified).unwrap();
            match text {
                Some(t) => assert!(
                    unverified.starts_with(&format!("rule set pre2018 ({t}),")),
                    "{unverified}"
                ),
                None => assert!(
                    unverified.starts_with("rule set pre2018, before"),
                    "{unverified}"
                ),
            }
        }
    }
    // Eight working hours from 09:30 Monday expire at 09:30 Tuesday: a refusal at 16:00 that
    // Tuesday is late by the instant, on the due date itself.
    let d = dossier(
        r#"{"received":"2026-03-02T09:30","time_limit":{"working_hours":8},"events":[{"type":"refused","at":"2026-03-03T16:00"}]}"#,
    );
    let o = crate::Options::new(&cal).rules(rules(&["compare=instant"]));
    for (lang, says) in [
        (Lang::En, "refused at 16:00 on Tue 3 Mar 2026, after the due instant 09:30 on Tue 3 Mar 2026:"),
        (Lang::Vi, "từ chối giải quyết hồ sơ lúc 16:00 thứ Ba 03/03/2026, sau thời điểm hết hạn 09:30 thứ Ba 03/03/2026:"),
    ] {
        let w = o.lang(lang).due(&d).unwrap().warnings;
        assert_eq!(w.len(), 1);
        assert!(w[0].message.starts_with(says), "{}", w[0].message);
    }
}
