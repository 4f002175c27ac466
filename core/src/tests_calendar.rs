//! Unit tests of `calendar`: specs, compiled tables, working-day and working-hour arithmetic.

#[test]
fn spec_errors_name_the_value_and_its_path() {
    let spec =
        "\u{feff}{\"weekmask\": \"1111100\", \"from\": \"2000-01-01\", \"to\": \"2050-12-31\",\n\
                    \"holidays\": [\"2026-01-01\", {\"date\": \"2026-02-30\", \"name\": \"x\"}]}";
    let e = CalendarSpec::from_json(spec).unwrap_err();
    assert_eq!((e.code(), e.line()), ("invalid_spec", Some(2)));
    assert!(
        e.message().contains("`holidays[1].date`") && e.message().contains("`2026-02-30`"),
        "{e}"
    );
    // The byte-order mark alone is no error.
    let ok = spec.replace("2026-02-30", "2026-03-02");
    assert_eq!(CalendarSpec::from_json(&ok).unwrap().holidays.len(), 2);
    // A bad session is named once, by its path.
    let e = CalendarSpec::from_json(
            r#"{"weekmask":"1111100","from":"2026-01-01","to":"2026-12-31","office_hours":[["17:00","08:00"]]}"#,
        )
        .unwrap_err();
    assert_eq!(e.code(), "invalid_spec");
    assert_eq!(e.message().matches("office_hours").count(), 1, "{e}");
    // An array would be read field by field in order: refused.
    let e = CalendarSpec::from_json(
        r#" [null,null,"1111100",[],"2026-01-01","2026-12-31",["2026-03-09"]]"#,
    )
    .unwrap_err();
    assert_eq!(e.code(), "invalid_spec");
    assert_eq!(
        json_path_at(r#"{"a": {"b\"c": [1, [2, 3]]}}"#, 1, 24),
        "a.b\"c[1][1]"
    );
    // A missing field is named with its object's path, not the last key before it.
    let e = CalendarSpec::from_json(r#"{"weekmask": "1111100", "to": "2050-12-31"}"#).unwrap_err();
    assert!(
        e.message()
            .starts_with("calendar spec: missing field `from`"),
        "{e}"
    );
    let e = CalendarSpec::from_json(
        r#"{"from": "2000-01-01", "to": "2050-12-31", "holidays": [{"name": "x"}]}"#,
    )
    .unwrap_err();
    assert!(
        e.message()
            .starts_with("calendar spec: `holidays[0]`: missing field `date`"),
        "{e}"
    );
}

use super::spec::json_path_at;
use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cal() -> WorkCalendar {
    let mut spec = CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31"));
    spec.holidays.push(d("2026-01-01").into());
    spec.holidays.push(SpecDay::Named {
        date: d("2026-01-02"),
        name: "swap".into(),
    });
    spec.working_days.push(d("2026-01-10").into());
    spec.compile().unwrap()
}

proptest::proptest! {
    /// A day number is in the calendar exactly when it is between its first and last days
    /// (the one unsigned compare of `index`), whatever the number: near the range, or near
    /// the ends of `i64` where a subtraction wraps.
    #[test]
    fn a_day_number_is_in_range_exactly_between_the_ends(
        near in -2_000i64..2_000,
        far in proptest::num::i64::ANY,
        edge in 0usize..4,
    ) {
        let c = cal();
        let (first, last) = (i64::from(c.t.start), i64::from(c.t.end));
        let n = match edge {
            0 => first + near,
            1 => last + near,
            2 => far,
            _ if near < 0 => i64::MIN - near,
            _ => i64::MAX - near,
        };
        proptest::prop_assert_eq!(
            c.is_working_day_number(n).is_ok(),
            (first..=last).contains(&n),
            "{}",
            n
        );
    }
}

proptest::proptest! {
    /// The engine's forward count is the public count of `n.max(0)` working days: the same
    /// day, or the same error, whatever `d` and `n`.
    #[test]
    fn the_forward_count_is_the_count_of_n_or_none(
        d in -200i64..600,
        n in proptest::prop_oneof![-5i64..400, proptest::num::i64::ANY],
    ) {
        let c = cal();
        let d = i64::from(c.t.start) + d;
        let (a, b) = (c.add_working_days_forward(d, n), c.add_working_days_number(d, n.max(0)));
        proptest::prop_assert_eq!(a.as_ref().ok(), b.as_ref().ok());
        proptest::prop_assert_eq!(
            a.err().map(|e| e.to_string()),
            b.err().map(|e| e.to_string())
        );
    }
}

/// The table of dates is chrono's conversion: every day of the range, the days just outside
/// it (converted by chrono), and the error of a day number no date has.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_date_of_a_day_number_is_chronos() {
    let c = cal();
    let (first, last) = (i64::from(c.t.start), i64::from(c.t.end));
    for n in first - 400..=last + 400 {
        assert_eq!(
            c.date_of_number(n).unwrap(),
            crate::civil::date_from_day_number(n).unwrap(),
            "{n}"
        );
    }
    for n in [i64::MIN, i64::MAX, i64::from(i32::MAX)] {
        assert_eq!(
            c.date_of_number(n).unwrap_err().to_string(),
            crate::civil::date_from_day_number(n)
                .unwrap_err()
                .to_string()
        );
    }
    // A calendar with other office hours shares the table.
    let h = c.with_office_hours(crate::calendar::OfficeHours::default());
    assert_eq!(h.date_of_number(first).unwrap(), c.spec().from);
}

#[test]
fn day_kind_and_name_bulk_match_scalars() {
    let c = crate::vn::calendar(&crate::vn::VnOptions::default()).unwrap();
    let first = day_number(d("2015-12-01"));
    let mut days: Vec<i64> = (first..first + 4000).map(i64::from).collect();
    days.push(i64::MIN);
    let mut kinds = vec![0_u8; days.len()];
    c.day_kind_bulk(&days, &mut kinds, u8::MAX).unwrap();
    let mut codes = vec![0_i32; days.len()];
    let names = c.day_name_bulk(&days, &mut codes).unwrap();
    for ((&n, &k), &code) in days.iter().zip(&kinds).zip(&codes) {
        if n == i64::MIN {
            assert_eq!((k, code), (u8::MAX, -1));
            continue;
        }
        let date = date_from_day_number(n).unwrap();
        assert_eq!(DayKind::ALL[usize::from(k)], c.day_kind(date).unwrap());
        let name = usize::try_from(code).ok().map(|i| names[i]);
        assert_eq!(name, c.day_name(date), "{date}");
    }
    assert!(names.contains(&"Tết Nguyên đán"));
    assert_eq!(
        names.len(),
        names.iter().collect::<std::collections::HashSet<_>>().len()
    );
    // a date outside the calendar is located
    let err = c
        .day_kind_bulk(&[first, -1_000_000], &mut [0, 0], 0)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DateOutOfRange);
    assert!(err.to_string().starts_with("element 1: "), "{err}");
}

#[test]
fn add_and_between() {
    let c = cal();
    assert_eq!(
        c.add_working_days(d("2025-12-31").max(d("2026-01-01")), 1)
            .unwrap(),
        d("2026-01-05")
    );
    assert_eq!(
        c.add_working_days(d("2026-01-09"), 1).unwrap(),
        d("2026-01-10")
    );
    assert_eq!(
        c.add_working_days(d("2026-01-10"), -1).unwrap(),
        d("2026-01-09")
    );
    assert_eq!(
        c.add_working_days(d("2026-01-11"), 0).unwrap(),
        d("2026-01-12")
    );
    assert_eq!(
        c.add_working_days(d("2026-01-05"), 0).unwrap(),
        d("2026-01-05")
    );
    assert_eq!(
        c.working_days_between(d("2026-01-01"), d("2026-01-12"))
            .unwrap(),
        7
    );
    assert_eq!(
        c.working_days_between(d("2026-01-12"), d("2026-01-01"))
            .unwrap(),
        -7
    );
    assert_eq!(c.day_name(d("2026-01-02")), Some("swap"));
    assert_eq!(
        c.day_kind(d("2026-01-10")).unwrap(),
        DayKind::MakeupWorkingDay
    );
}

#[test]
fn day_classes_from_the_spec() {
    let spec = CalendarSpec::from_json(
        r#"{"weekmask": "1111100", "from": "2026-01-01", "to": "2026-12-31",
                "holidays": ["2026-01-01", {"date": "2026-02-20", "kind": "compensatory"},
                             {"date": "2026-01-02", "name": "Nghỉ hoán đổi", "kind": "swapped"},
                             {"date": "2026-02-17", "name": "Tết Nguyên đán"}],
                "closures": [{"date": "2026-03-09", "name": "Provincial day off"}],
                "working_days": [{"date": "2026-01-10", "kind": "makeup_working_day"}]}"#,
    )
    .unwrap();
    assert_eq!(
        spec.holidays.get(1),
        Some(&SpecDay::Classified {
            date: d("2026-02-20"),
            kind: HolidayKind::Compensatory,
            name: None
        })
    );
    let c = spec.compile().unwrap();
    let class = |s: &str| c.day_class(d(s)).unwrap();
    assert_eq!(class("2026-01-01"), DayClass::Holiday);
    assert_eq!(class("2026-02-17"), DayClass::Holiday);
    assert_eq!(class("2026-02-20"), DayClass::Compensatory);
    assert_eq!(class("2026-01-02"), DayClass::Swapped);
    assert_eq!(class("2026-03-09"), DayClass::Closure);
    assert_eq!(class("2026-01-10"), DayClass::MakeupWorkingDay);
    assert_eq!(class("2026-01-03"), DayClass::WeeklyRest);
    assert_eq!(class("2026-01-05"), DayClass::Working);
    assert_eq!(c.day_name(d("2026-01-02")), Some("Nghỉ hoán đổi"));
    assert_eq!(c.day_kind(d("2026-02-20")).unwrap(), DayKind::Holiday);
    for k in DayClass::ALL {
        assert_eq!(k.is_working(), k.kind().is_working(), "{k}");
        assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
    }
    // round trip
    let back = CalendarSpec::from_json(&serde_json::to_string(&spec).unwrap()).unwrap();
    assert_eq!(back, spec);
    // a kind that does not belong to its list, an unknown kind, an unknown key
    for bad in [
        r#""holidays": [{"date": "2026-01-10", "kind": "makeup_working_day"}]"#,
        r#""closures": [{"date": "2026-01-10", "kind": "statutory"}]"#,
        r#""working_days": [{"date": "2026-01-10", "kind": "swapped"}]"#,
    ] {
        let e = CalendarSpec::from_json(&format!(
            r#"{{"weekmask": "1111100", "from": "2026-01-01", "to": "2026-12-31", {bad}}}"#
        ))
        .unwrap()
        .compile()
        .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidSpec, "{bad}");
        assert!(e.to_string().contains("2026-01-10"), "{e}");
    }
    for bad in [
        r#"{"date": "2026-01-10", "kind": "feast"}"#,
        r#"{"date": "2026-01-10", "nmae": "x"}"#,
        r#""2026-02-30""#,
    ] {
        let e = CalendarSpec::from_json(&format!(
                r#"{{"weekmask": "1111100", "from": "2026-01-01", "to": "2026-12-31", "holidays": [{bad}]}}"#
            ))
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidSpec, "{bad}: {e}");
    }
}

#[test]
fn range_errors() {
    let c = cal();
    assert_eq!(
        c.add_working_days(d("2027-01-01"), 1).unwrap_err().kind(),
        ErrorKind::DateOutOfRange
    );
    assert_eq!(
        c.add_working_days(d("2026-12-31"), 1).unwrap_err().kind(),
        ErrorKind::DateOutOfRange
    );
    assert_eq!(
        c.add_working_days(d("2026-01-05"), -1).unwrap_err().kind(),
        ErrorKind::DateOutOfRange
    );
    assert_eq!(
        c.add_working_days(d("2026-12-31"), i64::MAX)
            .unwrap_err()
            .kind(),
        ErrorKind::DateOutOfRange
    );
    assert_eq!(
        c.add_working_days(d("2026-12-31"), i64::MIN + 1)
            .unwrap_err()
            .kind(),
        ErrorKind::DateOutOfRange
    );
    assert_eq!(
        c.days_off(d("2026-02-01"), d("2026-01-01"))
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
}

#[test]
fn spec_validation() {
    let mut spec = CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31"));
    spec.holidays.push(d("2026-01-10").into());
    spec.working_days.push(d("2026-01-10").into());
    let e = spec.compile().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidSpec);
    assert!(e.to_string().contains("2026-01-10"), "{e}");

    let mut spec = CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31"));
    spec.holidays.push(d("2027-01-01").into());
    assert!(spec
        .compile()
        .unwrap_err()
        .to_string()
        .contains("2027-01-01"));

    let e = CalendarSpec::from_json("{\"weekmask\": \"1111100\",\n \"from\": \"2026-01-01\", }")
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidJson);
    assert!(e.to_string().contains("line 2"), "{e}");
    let e = CalendarSpec::from_json(
        r#"{"weekmask": "11111", "from": "2026-01-01", "to": "2026-12-31"}"#,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidSpec);
    let e = CalendarSpec::from_json(
        r#"{"weekmask": "1111100", "from": "2026-02-30", "to": "2026-12-31"}"#,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidSpec);
    let e = CalendarSpec::from_json(
        r#"{"weekmask": "1111100", "from": "2026-01-01", "to": "2026-12-31", "holiday": []}"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("holiday"), "{e}");
}

#[test]
fn working_hours() {
    let c = cal();
    let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
    // reference E10: 4 h from Wed 09:00 → 14:30
    assert_eq!(
        c.add_working_hours(t("2026-03-11T09:00"), 4).unwrap(),
        t("2026-03-11T14:30")
    );
    // filling the day ends at 17:00 and a morning ends at 11:30
    assert_eq!(
        c.add_working_hours(t("2026-03-11T07:30"), 8).unwrap(),
        t("2026-03-11T17:00")
    );
    assert_eq!(
        c.add_working_hours(t("2026-03-11T06:00"), 4).unwrap(),
        t("2026-03-11T11:30")
    );
    // after hours on Friday → Monday
    assert_eq!(
        c.add_working_hours(t("2026-03-13T18:00"), 1).unwrap(),
        t("2026-03-16T08:30")
    );
    assert_eq!(
        c.working_seconds_between(t("2026-03-11T09:00"), t("2026-03-11T14:30"))
            .unwrap(),
        4 * 3600
    );
    assert_eq!(
        c.working_seconds_between(t("2026-03-13T18:00"), t("2026-03-14T10:00"))
            .unwrap(),
        0
    );
    assert!(c.add_working_hours(t("2026-03-13T18:00"), -1).is_err());
}

#[test]
fn bulk_reports_index() {
    let c = cal();
    let days: Vec<i32> = vec![
        day_number(d("2026-03-02")),
        i32::MIN,
        day_number(d("2030-01-01")),
    ];
    let mut out = vec![0i32; 3];
    let e = c
        .add_working_days_bulk(&days, Broadcast::Scalar(1i32), &mut out)
        .unwrap_err();
    assert_eq!(e.index(), Some(2));
    assert_eq!(out.get(1), Some(&i32::MIN));
    assert_eq!(out.first(), Some(&day_number(d("2026-03-03"))));
}

/// A spec's error says its field once (`weekmask`, a list's date past the range), and a
/// calendar without any working day is refused at its weekmask, not met later as an answer
/// "outside the calendar range".
#[test]
fn spec_errors_name_their_field_once_and_a_week_of_rest_is_refused() {
    let e = CalendarSpec::from_json(
        r#"{"weekmask": "11111", "from": "2000-01-01", "to": "2050-12-31"}"#,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(e.matches("weekmask").count(), 2, "{e}");
    let mut spec = CalendarSpec::weekdays(d("2000-01-01"), d("2050-12-31"));
    spec.holidays.push(d("2051-01-05").into());
    let e = spec.compile().unwrap_err();
    assert_eq!(e.field(), Some("holidays"));
    assert_eq!(e.to_string().matches("holidays").count(), 1, "{e}");
    let rest = r#"{"weekmask": "0000000", "from": "2000-01-01", "to": "2050-12-31"}"#;
    let e = CalendarSpec::from_json(rest)
        .unwrap()
        .compile()
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.field()),
        (ErrorKind::InvalidSpec, Some("weekmask"))
    );
    assert!(e.message().contains("no working day"), "{e}");
    // A make-up day listed, or a week change that works, is a calendar.
    let with_day = rest.replace("}", r#", "working_days": ["2026-01-10"]}"#);
    let cal = CalendarSpec::from_json(&with_day)
        .unwrap()
        .compile()
        .unwrap();
    assert_eq!(
        cal.add_working_days(d("2026-01-01"), 1).unwrap(),
        d("2026-01-10")
    );
    let mut spec = CalendarSpec::from_json(rest).unwrap();
    spec.weekmask_changes.push(WeekmaskChange {
        from: d("2026-01-01"),
        weekmask: "1111100".parse().unwrap(),
    });
    assert!(spec.compile().is_ok());
}

/// A session of `office_hours` that is not a pair is an `invalid_spec` error naming it (a
/// third time read as "trailing characters", an `invalid_json` error of a valid file; one time
/// alone named its first element); two weekly patterns from one day are an error naming
/// `weekmask_changes` (the file's last one held, silently).
#[test]
fn malformed_sessions_and_two_patterns_on_a_day_are_refused() {
    let spec = |extra: &str| {
        CalendarSpec::from_json(&format!(
            r#"{{"weekmask": "1111100", "from": "1999-01-01", "to": "2026-12-31"{extra}}}"#
        ))
    };
    for (hours, n) in [
        (r#"[["08:00","12:00","x"]]"#, 1),
        (r#"[["08:00"]]"#, 1),
        (r#"[["07:30","11:30"],[]]"#, 2),
    ] {
        let e = spec(&format!(r#", "office_hours": {hours}"#)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidSpec, "{hours}: {e}");
        assert!(
            e.message()
                .contains(&format!("`office_hours`: session {n} is not a pair")),
            "{hours}: {e}"
        );
    }
    assert!(spec(r#", "office_hours": [["07:30","11:30"],["13:00","17:00"]]"#).is_ok());
    let two = spec(
        r#", "weekmask_changes": [{"from": "1999-10-02", "weekmask": "1111100"}, {"from": "1999-10-02", "weekmask": "1111111"}]"#,
    )
    .unwrap()
    .compile()
    .unwrap_err();
    assert_eq!(two.kind(), ErrorKind::InvalidSpec);
    assert_eq!(two.field(), Some("weekmask_changes"));
    assert!(
        two.message()
            .contains("two weekly patterns from 1999-10-02"),
        "{two}"
    );
    // Changes on different days still compile, in any order.
    let ok = spec(
        r#", "weekmask_changes": [{"from": "2000-01-01", "weekmask": "1111110"}, {"from": "1999-10-02", "weekmask": "1111100"}]"#,
    )
    .unwrap()
    .compile()
    .unwrap();
    assert!(!ok.is_working_day(d("1999-10-09")).unwrap());
    assert!(ok.is_working_day(d("2000-01-08")).unwrap());
}

/// A date listed twice in one list of a spec is an `invalid_spec` error naming the list and the
/// date (the later entry's kind held and the first one's name, silently, and `holidays` listed
/// the day twice); the same date as a holiday and as a closure is two lists, still accepted.
#[test]
fn a_date_listed_twice_in_one_list_is_refused() {
    let spec = |lists: &str| {
        CalendarSpec::from_json(&format!(
            r#"{{"weekmask": "1111100", "from": "2026-01-01", "to": "2026-12-31", {lists}}}"#
        ))
        .unwrap()
        .compile()
    };
    for (lists, field, date) in [
        (
            r#""holidays": [{"date": "2026-03-03", "name": "A"}, "2026-01-01", {"date": "2026-03-03", "name": "B"}]"#,
            "holidays",
            "2026-03-03",
        ),
        (
            r#""closures": ["2026-05-05", "2026-05-05"]"#,
            "closures",
            "2026-05-05",
        ),
        (
            r#""working_days": ["2026-03-07", "2026-03-14", "2026-03-07"]"#,
            "working_days",
            "2026-03-07",
        ),
    ] {
        let e = spec(lists).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidSpec, "{lists}: {e}");
        assert_eq!(e.field(), Some(field), "{lists}: {e}");
        assert!(
            e.message().contains(&format!("{date} is listed twice")),
            "{lists}: {e}"
        );
    }
    let both = spec(r#""holidays": ["2026-03-03"], "closures": ["2026-03-03"]"#).unwrap();
    assert!(!both.is_working_day(d("2026-03-03")).unwrap());
}
