//! The deadline engine's regression tests: each a case found by a tester or a property test,
//! with what was wrong before it was fixed.

use super::testkit::*;
use super::*;
use crate::error::ErrorKind;

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

/// A due date counted past the calendar's end names the limit (field `time_limit`) and the
/// instant it was counted from, for every kind of limit and after a supplement round; it said
/// "the answer falls outside the calendar range", without a field (the report's reader
/// rewrote that text to say the same; it now takes the field).
#[test]
fn a_due_date_past_the_calendar_end_names_the_time_limit() {
    let cal = cal2026();
    let cases = [
        (
            r#"{"received":"2026-12-28T09:00","time_limit":{"working_days":5}}"#,
            "2026-12-28T09:00",
            "",
        ),
        (
            r#"{"received":"2026-12-28T09:00","time_limit":{"working_hours":40}}"#,
            "2026-12-28T09:00",
            "",
        ),
        (
            r#"{"received":"2026-12-31T16:00","time_limit":{"same_day":true}}"#,
            "2026-12-31T16:00",
            "",
        ),
        (
            r#"{"received":"2026-12-20T09:00","time_limit":{"calendar_days":30}}"#,
            "2026-12-20T09:00",
            " (30 calendar days: 2027-01-20)",
        ),
        (
            r#"{"received":"2026-12-01T09:00","time_limit":{"working_days":10},"events":[
                {"type":"supplement_requested","at":"2026-12-02T09:00"},
                {"type":"supplement_received","at":"2026-12-29T10:00"}]}"#,
            "2026-12-29T10:00",
            "",
        ),
    ];
    for (json, from, lands) in cases {
        let e = due(&dossier(json), &cal, &Rules::default(), None).unwrap_err();
        assert_eq!(
            (e.kind(), e.field()),
            (ErrorKind::DateOutOfRange, Some("time_limit")),
            "{json}: {e}"
        );
        let want = format!(
            "the due date counted from {from}{lands} falls outside the calendar range \
             2026-01-01..2026-12-31"
        );
        assert_eq!(e.message(), want, "{json}");
    }
    // A receipt outside the range is still the receipt's error, not the limit's.
    let d = dossier(r#"{"received":"2027-01-04T09:00","time_limit":{"working_days":1}}"#);
    let e = due(&d, &cal, &Rules::default(), None).unwrap_err();
    assert_eq!(e.field(), Some("received"), "{e}");
}
