//! Unit tests of `dossier`: channels, events, their order and the lifecycle rules.

use super::keys::within_one_edit;
use super::*;

#[test]
fn new_due_given_as_an_instant_is_its_day_in_vietnam() {
    let with = |new_due: &str| {
        Dossier::from_json(&format!(
            r#"{{"received":"2026-03-02T09:30","time_limit":{{"working_days":3}},
                   "events":[{{"type":"apology","at":"2026-03-04T10:00","new_due":"{new_due}"}}]}}"#
        ))
        .map(|d| d.events[0].new_due.map(|n| n.to_string()))
    };
    // 20:00 UTC on 9 March is 03:00 on 10 March in Vietnam (a report's new_due cell reads
    // it so, and a JS Date for new_due is its Vietnamese day).
    for (given, day) in [
        ("2026-03-10", "2026-03-10"),
        ("10/03/2026", "2026-03-10"),
        ("2026-03-10T03:00", "2026-03-10"),
        ("2026-03-09T20:00Z", "2026-03-10"),
        ("2026-03-10T08:00+09:00", "2026-03-10"),
    ] {
        assert_eq!(with(given).unwrap().as_deref(), Some(day), "{given}");
    }
    assert_eq!(with("2026-03-10x").unwrap_err().code(), "invalid_date");
    assert_eq!(with("2026-03-10+07:00").unwrap_err().code(), "invalid_date");
}

fn parse(s: &str) -> Result<Dossier> {
    Dossier::from_json(s)
}

#[test]
fn a_misspelt_key_is_named_with_the_key_meant() {
    for (key, meant) in [
        ("event", Some("events")),
        ("Events", Some("events")),
        ("stage", Some("stages")),
        ("recieved", Some("received")),
        ("timeLimit", Some("time_limit")),
        ("time-limit", Some("time_limit")),
        ("chanel", Some("channel")),
        ("procedures", Some("procedure")),
        ("ID", Some("id")),
        // Another system's keys: two edits or more from every key.
        ("status", None),
        ("agency", None),
        ("ids", None),
        ("case", None),
        ("received_at", None),
        ("events", None),
    ] {
        assert_eq!(near_key(key, &Dossier::KEYS), meant, "{key}");
    }
    for (key, meant) in [
        ("newDue", Some("new_due")),
        ("new_dues", Some("new_due")),
        ("tpye", Some("type")),
        ("types", Some("type")),
        ("by", None),
        ("note", None),
        ("time", None),
        ("date", None),
    ] {
        assert_eq!(near_key(key, &Dossier::EVENT_KEYS), meant, "{key}");
    }
}

/// The optimal-string-alignment distance (insertions, deletions, substitutions, adjacent
/// swaps) by the textbook table: the second algorithm `within_one_edit` is held to.
fn osa_distance(a: &[u8], b: &[u8]) -> usize {
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

proptest::proptest! {
    /// `not_after` is its definition: `a ≤ b` as instants, or as dates when either side is
    /// known by its date only (it tests the dates first).
    #[test]
    fn not_after_is_by_instant_or_by_date(
        days in (0i64..3, 0i64..3),
        secs in (0u32..86_400, 0u32..86_400),
        date_only in (proptest::bool::ANY, proptest::bool::ANY),
    ) {
        let at = |d: i64, s: u32| {
            crate::civil::date_from_day_number(20_000 + d).unwrap().and_time(
                chrono::NaiveTime::from_num_seconds_from_midnight_opt(s, 0).unwrap(),
            )
        };
        let (a, b) = (at(days.0, secs.0), at(days.1, secs.1));
        let (ad, bd) = date_only;
        proptest::prop_assert_eq!(
            not_after(a, ad, b, bd),
            a <= b || ((ad || bd) && a.date() <= b.date())
        );
    }

    #[test]
    fn within_one_edit_is_an_osa_distance_of_one_at_most(
        a in "[abc]{0,6}",
        b in "[abc]{0,6}",
    ) {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        proptest::prop_assert_eq!(within_one_edit(a, b), osa_distance(a, b) <= 1);
    }
}

#[test]
fn a_misspelt_key_is_an_error_even_where_unknown_keys_are_ignored() {
    let e = Dossier::from_json_ignoring_unknown_keys(
        r#"{"received":"2026-10-19T09:00","time_limit":{"working_days":5},
                "event":[{"type":"resolved","at":"2026-10-23T10:00"}]}"#,
        crate::deadline::Lang::En,
    )
    .unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_dossier", Some("event")));
    assert!(e.message().contains("did you mean `events`?"), "{e}");
    let e = Dossier::from_json_ignoring_unknown_keys(
        r#"{"received":"2026-10-19T09:00","time_limit":{"working_days":5},"case":"A1",
                "events":[{"type":"apology","at":"2026-10-20T10:00","newDue":"2026-10-30"}]}"#,
        crate::deadline::Lang::En,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("invalid_dossier", Some("events[0].newDue"))
    );
    // The strict reading names the key meant too.
    let e = Dossier::from_json(r#"{"received":"2026-10-19T09:00","timeLimit":"3wd"}"#).unwrap_err();
    assert!(e.message().contains("did you mean `time_limit`?"), "{e}");
    // Other systems' keys are still dropped with a warning.
    let (d, w) = Dossier::from_json_ignoring_unknown_keys(
        r#"{"received":"2026-10-19T09:00","time_limit":{"working_days":5},"status":"x",
                "events":[{"type":"resolved","at":"2026-10-23T10:00","by":"clerk"}]}"#,
        crate::deadline::Lang::En,
    )
    .unwrap();
    assert_eq!((d.events.len(), w.len()), (1, 2));
}

/// A record line of the report's format (`resolved`, `new_due`, ... as keys) given as a
/// dossier is an error naming the key and saying how a dossier gives it: dropped as another
/// system's key, the result was lost and the dossier answered as open (overdue, exit 0) while
/// the report counted it resolved. Only those names (in any case), not keys near them.
#[test]
fn a_record_column_as_a_dossier_key_is_an_error() {
    for (key, says) in [
        ("resolved", r#"{"type":"resolved","at":"..."}"#),
        (
            "Supplement_Requested",
            r#"{"type":"supplement_requested","at":"..."}"#,
        ),
        ("withdrawn", r#"{"type":"withdrawn","at":"..."}"#),
        ("refused", r#"{"type":"refused","at":"..."}"#),
        ("new_due", "an apology's or an extension's `new_due`"),
        ("newDue", "an apology's or an extension's `new_due`"),
    ] {
        let text = format!(
            r#"{{"received":"2026-03-02T09:30","time_limit":"3wd","{key}":"2026-03-03T10:00"}}"#
        );
        let e =
            Dossier::from_json_ignoring_unknown_keys(&text, crate::deadline::Lang::En).unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid_dossier", Some(key)), "{e}");
        assert!(
            e.message().contains("a column of the report's records") && e.message().contains(says),
            "{e}"
        );
    }
    // A key near one (an officer's `resolver`, a `resolved_at` of another system) is another
    // system's: dropped with a warning, as before.
    let (d, w) = Dossier::from_json_ignoring_unknown_keys(
        r#"{"received":"2026-03-02T09:30","time_limit":"3wd","resolver":"A","resolved_at":"x"}"#,
        crate::deadline::Lang::En,
    )
    .unwrap();
    assert_eq!((d.events.len(), w.len()), (0, 2));
}

fn err(s: &str) -> Error {
    parse(s).and_then(|d| d.validate().map(|_| d)).unwrap_err()
}

const TL: &str = r#""time_limit":{"working_days":3}"#;

#[test]
fn an_event_after_closing_names_the_closing_event() {
    // The lifecycle keeps the closing event's index only: its kind and instant are read
    // from the events (and the first closing event is the one named).
    let e = err(&format!(
        r#"{{"received":"2026-03-02T09:30",{TL},"events":[
                {{"type":"refused","at":"2026-03-04T10:00"}},
                {{"type":"returned","at":"2026-03-05T10:00"}},
                {{"type":"supplement_requested","at":"2026-03-06T10:00"}}]}}"#
    ));
    assert_eq!(e.kind(), ErrorKind::InvalidDossier);
    assert!(
        e.to_string().contains(
            "supplement_requested after the dossier was closed (refused at 2026-03-04T10:00)"
        ),
        "{e}"
    );
}

#[test]
fn parses_the_design_example() {
    let d = parse(
        r#"{"received":"2026-03-02T09:30","channel":"direct","time_limit":{"working_days":3},
   "events":[{"type":"supplement_requested","at":"2026-03-03T10:00"},
             {"type":"supplement_received","at":"2026-03-10T08:00"},
             {"type":"resolved","at":"2026-03-12T16:00"}]}"#,
    )
    .unwrap();
    assert_eq!(d.limit, LimitSource::TimeLimit(TimeLimit::WorkingDays(3)));
    assert_eq!(d.events.len(), 3);
    assert!(d.validate().unwrap().is_empty());
    let back = Dossier::from_json_value(&d.to_json_value()).unwrap();
    assert_eq!(back, d);
}

#[test]
fn defaults_and_alternatives() {
    let d = parse(r#"{"received":"2026-03-02","procedure":"1.001","id":7,"channel":"postal"}"#)
        .unwrap();
    assert_eq!(d.limit, LimitSource::Procedure("1.001".into()));
    assert_eq!(d.id.as_deref(), Some("7"));
    assert_eq!(d.channel, Channel::Postal);
    assert_eq!(d.received.to_string(), "2026-03-02 00:00:00");
    // A receipt given by its date alone is written back as a date: the same dossier (the
    // explanation of the read-back one said "at 00:00").
    assert!(d.received_date_only);
    assert_eq!(d.to_json_value()["received"], "2026-03-02");
    assert_eq!(Dossier::from_json_value(&d.to_json_value()).unwrap(), d);
    let d = parse(&format!(r#"{{"received":"2026-03-02T09:30",{TL}}}"#)).unwrap();
    assert_eq!(d.channel, Channel::Direct);
    assert!(d.events.is_empty());
}

#[test]
fn parse_errors() {
    let cases: &[(&str, ErrorKind, Option<&str>)] = &[
        ("{", ErrorKind::InvalidJson, None),
        ("[]", ErrorKind::InvalidDossier, None),
        (
            r#"{"time_limit":{"working_days":3}}"#,
            ErrorKind::InvalidDossier,
            Some("received"),
        ),
        (
            r#"{"received":"2026-02-30",TL}"#,
            ErrorKind::InvalidDate,
            Some("received"),
        ),
        (
            r#"{"received":"",TL}"#,
            ErrorKind::InvalidDate,
            Some("received"),
        ),
        (
            r#"{"received":"2026-03-02T25:00",TL}"#,
            ErrorKind::InvalidDate,
            Some("received"),
        ),
        (
            r#"{"received":20260302,TL}"#,
            ErrorKind::InvalidDossier,
            Some("received"),
        ),
        (
            r#"{"received":"2026-03-02"}"#,
            ErrorKind::InvalidDossier,
            None,
        ),
        (
            r#"{"received":"2026-03-02",TL,"procedure":"x"}"#,
            ErrorKind::InvalidDossier,
            None,
        ),
        (
            r#"{"received":"2026-03-02","time_limit":{"working_days":0}}"#,
            ErrorKind::InvalidTimeLimit,
            Some("time_limit"),
        ),
        (
            r#"{"received":"2026-03-02","time_limit":{"weeks":1}}"#,
            ErrorKind::InvalidTimeLimit,
            Some("time_limit"),
        ),
        (
            r#"{"received":"2026-03-02",TL,"channel":"fax"}"#,
            ErrorKind::InvalidDossier,
            Some("channel"),
        ),
        (
            r#"{"received":"2026-03-02",TL,"event":[]}"#,
            ErrorKind::InvalidDossier,
            Some("event"),
        ),
        (
            r#"{"received":"2026-03-02",TL,"events":{}}"#,
            ErrorKind::InvalidDossier,
            Some("events"),
        ),
        (
            r#"{"received":"2026-03-02",TL,"events":[{"type":"done","at":"2026-03-03"}]}"#,
            ErrorKind::InvalidDossier,
            Some("events[0].type"),
        ),
        (
            r#"{"received":"2026-03-02",TL,"events":[{"at":"2026-03-03"}]}"#,
            ErrorKind::InvalidDossier,
            Some("events[0].type"),
        ),
        (
            r#"{"received":"2026-03-02",TL,"events":[{"type":"resolved"}]}"#,
            ErrorKind::InvalidDossier,
            Some("events[0].at"),
        ),
        (
            r#"{"received":"2026-03-02",TL,"events":[{"type":"resolved","at":"2026-13-01"}]}"#,
            ErrorKind::InvalidDate,
            Some("events[0].at"),
        ),
        (
            r#"{"received":"2026-03-02",TL,"events":[{"type":"apology","at":"2026-03-03"}]}"#,
            ErrorKind::InvalidDossier,
            Some("events[0].new_due"),
        ),
        (
            r#"{"received":"2026-03-02",TL,"events":[{"type":"apology","at":"2026-03-03","new_due":"2026-03-32"}]}"#,
            ErrorKind::InvalidDate,
            Some("events[0].new_due"),
        ),
        (
            r#"{"received":"2026-03-02",TL,"events":[{"type":"resolved","at":"2026-03-03","new_due":"2026-03-09"}]}"#,
            ErrorKind::InvalidDossier,
            Some("events[0].new_due"),
        ),
        (
            r#"{"received":"2026-03-02",TL,"events":[{"type":"resolved","at":"2026-03-03","by":"x"}]}"#,
            ErrorKind::InvalidDossier,
            Some("events[0].by"),
        ),
    ];
    for (text, kind, field) in cases {
        let text = text.replace("TL", TL);
        let e = parse(&text).unwrap_err();
        assert_eq!(e.kind(), *kind, "{text}: {e}");
        assert_eq!(e.field(), *field, "{text}: {e}");
    }
    // The message names the field.
    let e = parse(
        r#"{"received":"2026-03-02",TL,"events":[{"type":"resolved","at":"x"}]}"#
            .replace("TL", TL)
            .as_str(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("events[0].at"), "{e}");
}

fn with_events(events: &str) -> String {
    format!(r#"{{"received":"2026-03-02T09:30",{TL},"events":[{events}]}}"#)
}

#[test]
fn validation_errors() {
    let ev = |t: &str, at: &str| format!(r#"{{"type":"{t}","at":"{at}"}}"#);
    let cases: Vec<(String, ErrorKind)> = vec![
        (
            with_events(
                &[
                    ev("supplement_requested", "2026-03-04T10:00"),
                    ev("resolved", "2026-03-03T10:00"),
                ]
                .join(","),
            ),
            ErrorKind::EventsOutOfOrder,
        ),
        (
            with_events(&ev("supplement_requested", "2026-03-02T09:00")),
            ErrorKind::EventsOutOfOrder,
        ),
        (
            with_events(&ev("resolved", "2026-03-01T10:00")),
            ErrorKind::ResultBeforeReceipt,
        ),
        (
            with_events(&ev("refused", "2026-03-02T09:29")),
            ErrorKind::ResultBeforeReceipt,
        ),
        (
            with_events(&ev("withdrawn", "2026-02-27")),
            ErrorKind::ResultBeforeReceipt,
        ),
        (
            with_events(&ev("supplement_received", "2026-03-03T10:00")),
            ErrorKind::SupplementWithoutRequest,
        ),
        (
            with_events(
                &[
                    ev("supplement_requested", "2026-03-03T10:00"),
                    ev("supplement_received", "2026-03-04T10:00"),
                    ev("supplement_received", "2026-03-05T10:00"),
                ]
                .join(","),
            ),
            ErrorKind::SupplementWithoutRequest,
        ),
        (
            with_events(
                r#"{"type":"apology","at":"2026-03-03","new_due":"2026-03-09"},{"type":"apology","at":"2026-03-04","new_due":"2026-03-10"}"#,
            ),
            ErrorKind::SecondApology,
        ),
        // listed in the wrong order: the order is the error, not the receipt listed before
        // its request (a tester's case)
        (
            with_events(
                &[
                    ev("supplement_received", "2026-03-04T10:00"),
                    ev("supplement_requested", "2026-03-03T10:00"),
                ]
                .join(","),
            ),
            ErrorKind::EventsOutOfOrder,
        ),
        (
            with_events(
                &[
                    ev("resolved", "2026-03-05T10:00"),
                    ev("returned", "2026-03-06T10:00"),
                    ev("supplement_requested", "2026-03-03T10:00"),
                ]
                .join(","),
            ),
            ErrorKind::EventsOutOfOrder,
        ),
        (
            with_events(
                &[
                    ev("resolved", "2026-03-03T10:00"),
                    ev("refused", "2026-03-04T10:00"),
                ]
                .join(","),
            ),
            ErrorKind::InvalidDossier,
        ),
        (
            with_events(
                &[
                    ev("withdrawn", "2026-03-03T10:00"),
                    ev("supplement_requested", "2026-03-04T10:00"),
                ]
                .join(","),
            ),
            ErrorKind::InvalidDossier,
        ),
        (
            with_events(
                &[
                    ev("returned", "2026-03-03T10:00"),
                    ev("resolved", "2026-03-04T10:00"),
                ]
                .join(","),
            ),
            ErrorKind::InvalidDossier,
        ),
        (
            with_events(&ev("returned", "2026-03-03T10:00")),
            ErrorKind::InvalidDossier,
        ),
    ];
    for (text, kind) in cases {
        let e = err(&text);
        assert_eq!(e.kind(), kind, "{text}: {e}");
    }
}

#[test]
fn validation_accepts() {
    let ok = |events: &str| {
        let d = parse(&with_events(events)).unwrap();
        d.validate().unwrap()
    };
    // date-only result on the day of a timed receipt
    assert!(ok(r#"{"type":"resolved","at":"2026-03-02"}"#).is_empty());
    // date-only and timed events on the same day, either order
    assert!(ok(r#"{"type":"supplement_requested","at":"2026-03-03T15:00"},{"type":"supplement_received","at":"2026-03-03"},{"type":"resolved","at":"2026-03-03T16:00"}"#).is_empty());
    // returned after a result, and equal instants
    assert!(ok(r#"{"type":"resolved","at":"2026-03-03T10:00"},{"type":"returned","at":"2026-03-03T10:00"},{"type":"returned","at":"2026-03-04T10:00"}"#).is_empty());
    assert!(ok(
        r#"{"type":"refused","at":"2026-03-03T10:00"},{"type":"returned","at":"2026-03-04T10:00"}"#
    )
    .is_empty());
    // extensions are not limited
    assert!(ok(r#"{"type":"extended","at":"2026-03-03","new_due":"2026-03-09"},{"type":"extended","at":"2026-03-04","new_due":"2026-03-10"},{"type":"apology","at":"2026-03-05","new_due":"2026-03-11"}"#).is_empty());
    // two requests: a warning, not an error
    let w = ok(
        r#"{"type":"supplement_requested","at":"2026-03-03T10:00"},{"type":"supplement_received","at":"2026-03-04T10:00"},{"type":"supplement_requested","at":"2026-03-05T10:00"},{"type":"supplement_received","at":"2026-03-06T10:00"},{"type":"supplement_requested","at":"2026-03-09T10:00"}"#,
    );
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].code, WarningCode::MultipleSupplementRequests);
    // the received instant itself
    assert!(ok(r#"{"type":"resolved","at":"2026-03-02T09:30"}"#).is_empty());
}

#[test]
fn rust_constructed_events_are_checked() {
    let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
    let d = Dossier::new(TimeLimit::WorkingDays(3), t("2026-03-02T09:30"))
        .with_event(Event::new(EventKind::Apology, t("2026-03-03T09:00")));
    assert_eq!(d.validate().unwrap_err().kind(), ErrorKind::InvalidDossier);
    let d = Dossier::new(TimeLimit::WorkingDays(3), t("2026-03-02T09:30")).with_event(
        Event::new(EventKind::Resolved, t("2026-03-03T09:00"))
            .with_new_due(t("2026-03-09T00:00").date()),
    );
    assert_eq!(d.validate().unwrap_err().kind(), ErrorKind::InvalidDossier);
}

#[test]
fn an_event_takes_a_field_when_it_takes_new_due_or_to() {
    for k in EventKind::ALL {
        assert_eq!(k.takes_field(), k.takes_new_due() || k.takes_to(), "{k}");
    }
}
