//! Unit tests of `civil`: dates and instants read from and written to text.

use super::*;

#[test]
fn vietnamese_locale_twelve_hour_times_are_read_and_english_ones_refused() {
    let at = |s: &str| parse_instant(s, DateOnly::StartOfDay).map(|t| t.to_string());
    // Against the 24-hour times written out (12 SA is midnight, 12 CH noon).
    for (twelve, day) in [
        ("02/03/2026 2:30:00 CH", "2026-03-02 14:30:00"),
        ("2/3/2026 9:30 SA", "2026-03-02 09:30:00"),
        ("2/3/2026 9:30 sa", "2026-03-02 09:30:00"),
        ("2/3/2026 12:05 SA", "2026-03-02 00:05:00"),
        ("2/3/2026 12:05 CH", "2026-03-02 12:05:00"),
        ("2/3/2026 11:59:59 CH", "2026-03-02 23:59:59"),
        ("  2/3/2026 5:00 CH  ", "2026-03-02 17:00:00"),
    ] {
        assert_eq!(at(twelve).unwrap(), day, "{twelve}");
    }
    for bad in [
        "2/3/2026 13:00 CH",
        "2/3/2026 0:30 SA",
        "2/3/2026 9:3 SA",
        "2/3/2026 SA",
    ] {
        let e = at(bad).unwrap_err();
        assert_eq!(e.code(), "invalid_date", "{bad}");
    }
    for english in ["3/2/2026 9:30 AM", "3/2/2026 9:30 pm"] {
        let e = at(english).unwrap_err();
        assert!(e.message().contains("month first"), "{e}");
    }
    // The ISO form keeps its 24-hour clock only.
    assert!(at("2026-03-02 2:30 CH").is_err());
}

#[test]
fn the_year_table_converts_as_chrono_does() {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    // Every day of the table's years and a year on each side of it.
    let from = NaiveDate::from_ymd_opt(1899, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2301, 12, 31).unwrap();
    let mut d = from;
    while d <= to {
        let n = (d - epoch).num_days();
        assert_eq!(i64::from(day_number(d)), n, "{d}");
        assert_eq!(date_from_day_number(n).unwrap(), d, "{n}");
        d = d.succ_opt().unwrap();
    }
    for far in [NaiveDate::MIN, NaiveDate::MAX] {
        let n = (far - epoch).num_days();
        assert_eq!(i64::from(day_number(far)), n);
        assert_eq!(date_from_day_number(n).unwrap(), far);
    }
    assert!(date_from_day_number(i64::from(i32::MAX)).is_err());
    assert!(date_from_day_number(i64::MIN).is_err());
}

proptest::proptest! {
    /// The fast path reads the ISO shapes as the general parser does, and leaves the rest.
    #[test]
    fn iso_fast_agrees_with_the_general_parser(
        s in "(19|20|21|00|99)[0-9]{2}[-/][0-3][0-9][-/.][0-3][0-9]([Tt :][0-2][0-9][:.][0-6][0-9](:[0-6][0-9])?)?"
    ) {
        if let Some((t, has_time)) = iso_fast(s.as_bytes()) {
            proptest::prop_assert_eq!(parse_instant_general(&s, DateOnly::StartOfDay).ok(), Some(t), "{}", s);
            proptest::prop_assert_eq!(has_time, s.len() > 10);
        }
    }
}

#[test]
fn serde_dates_are_read_as_parse_date_reads_them() {
    #[derive(serde::Deserialize)]
    struct Spec {
        #[serde(deserialize_with = "deserialize_date")]
        from: NaiveDate,
    }
    let read = |json: &str| serde_json::from_str::<Spec>(json).map(|s| s.from.to_string());
    assert_eq!(read(r#"{"from": "2026-03-02"}"#).unwrap(), "2026-03-02");
    assert_eq!(read(r#"{"from": "02/03/2026"}"#).unwrap(), "2026-03-02");
    for bad in [
        r#"{"from": "2026-02-30"}"#,
        r#"{"from": "2026-3-2"}"#,
        r#"{"from": 20260302}"#,
    ] {
        let e = read(bad).unwrap_err().to_string();
        assert!(e.contains("line 1"), "{bad}: {e}");
    }
    let e = read(r#"{"from": "2026-02-30"}"#).unwrap_err().to_string();
    assert!(
        e.contains("`2026-02-30` is not a valid date: 2026-02 has 28 days"),
        "{e}"
    );
}

#[test]
fn rejects_bad_dates() {
    for s in [
        "2026-02-30",
        "2026-13-01",
        "2026-1-01",
        "26-01-01",
        "2026/01/01",
        "x",
        "2026-01-01x",
        "32/01/2026",
        "01/01/26",
        "+2026-01-01",
        "2026-01-0a",
    ] {
        assert!(parse_date(s).is_err(), "{s}");
    }
    assert_eq!(parse_date("").unwrap_err().kind(), ErrorKind::EmptyInput);
}

#[test]
fn parses_both_forms() {
    let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
    assert_eq!(parse_date("2024-02-29").unwrap(), d);
    assert_eq!(parse_date("29/2/2024").unwrap(), d);
    assert_eq!(parse_date(" 29/02/2024 ").unwrap(), d);
}

#[test]
fn instants() {
    assert!(parse_instant("2026-03-02T25:00", DateOnly::StartOfDay).is_err());
    assert_eq!(
        parse_instant("02/03/2026 9:05", DateOnly::StartOfDay)
            .unwrap()
            .to_string(),
        "2026-03-02 09:05:00"
    );
    assert!(parse_instant("2026-03-02T9:0", DateOnly::StartOfDay).is_err());
    assert!(parse_instant("2026-03-02T109:00", DateOnly::StartOfDay).is_err());
    assert!(parse_instant("2026-03-02T09:00:60", DateOnly::StartOfDay).is_err());
    let t = parse_instant("2026-03-02 09:00:05", DateOnly::StartOfDay).unwrap();
    assert_eq!(format_instant(t), "2026-03-02T09:00:05");
    // No date before a separator: the text is said whole, not as an "empty date" (a JSON
    // `true` in a date field is read as the text `true`).
    for s in ["true", "T09:00", " t", "tomorrow"] {
        let e = parse_instant(s, DateOnly::StartOfDay).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidDate, "{s}");
        let whole = format!("`{}` is not a valid date", s.trim());
        assert!(e.message().starts_with(&whole), "{s}: {e}");
    }
}

proptest::proptest! {
    #[test]
    fn fast_path_agrees_with_the_general_parser(
        y in 1990u32..2200, m in 0u32..14, d in 0u32..33, h in 0u32..26, mi in 0u32..62,
        sec in 0u32..62, shape in 0u8..4,
    ) {
        let text = match shape {
            0 => format!("{y:04}-{m:02}-{d:02}"),
            1 => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}"),
            2 => format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{sec:02}"),
            _ => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{sec:02}"),
        };
        for only in [DateOnly::StartOfDay, DateOnly::EndOfDay] {
            let fast = parse_instant(&text, only).map_err(|e| e.code());
            let general = parse_instant_general(&text, only).map_err(|e| e.code());
            proptest::prop_assert_eq!(fast, general, "{}", text);
        }
    }
}

#[test]
fn integer_timestamps() {
    let t = |v, u, c| wall_clock(v, u, c).unwrap().to_string();
    assert_eq!(t(0, TimeUnit::Second, Clock::Utc), "1970-01-01 07:00:00");
    assert_eq!(
        t(-1, TimeUnit::Nanosecond, Clock::VietnamWall),
        "1969-12-31 23:59:59"
    );
    assert_eq!(
        t(1_500, TimeUnit::Millisecond, Clock::VietnamWall),
        "1970-01-01 00:00:01"
    );
    assert_eq!(
        t(-25_200_000_000, TimeUnit::Microsecond, Clock::Utc),
        "1970-01-01 00:00:00"
    );
    assert!(wall_clock(i64::MAX, TimeUnit::Second, Clock::Utc).is_err());
    assert!(wall_clock(i64::MIN, TimeUnit::Second, Clock::VietnamWall).is_err());
    assert_eq!(TimeUnit::from_name("us").unwrap(), TimeUnit::Microsecond);
    assert!(TimeUnit::from_name("h").is_err());
}

#[test]
fn instants_with_an_offset_are_converted_to_vietnam_time() {
    let at = |s: &str| {
        parse_instant(s, DateOnly::StartOfDay)
            .map(format_instant)
            .map_err(|e| e.code())
    };
    // The same instant written five ways.
    for s in [
        "2026-02-13T10:30:00.000Z",
        "2026-02-13T10:30Z",
        "2026-02-13t10:30:00z",
        "2026-02-13T17:30+07:00",
        "2026-02-13T17:30:00.999999+0700",
        "2026-02-13T02:30-08",
        "2026-02-13 10:30:00+00:00",
        "2026-02-13T17:30",
    ] {
        assert_eq!(at(s), Ok("2026-02-13T17:30".into()), "{s}");
    }
    // Across midnight, both ways.
    assert_eq!(at("2026-03-02T20:00:00Z"), Ok("2026-03-03T03:00".into()));
    assert_eq!(at("2026-03-03T01:00+09:00"), Ok("2026-03-02T23:00".into()));
    assert_eq!(
        at("2026-03-02T09:30:15.5"),
        Ok("2026-03-02T09:30:15".into())
    );
    for bad in [
        "2026-03-02Z",
        "2026-03-02T09:30+25:00",
        "2026-03-02T09:30+07:60",
        "2026-03-02T09:30+7",
        "2026-03-02T09:30+07:0",
        "2026-03-02T09:30:00.Z",
        "2026-03-02T09:30.5Z",
        "2026-03-02T09:30:00.1234567890Z",
        "02/03/2026 09:30Z",
        "2026-03-02TZ",
    ] {
        assert_eq!(at(bad), Err("invalid_date"), "{bad}");
    }
}

#[test]
fn unix_seconds_to_vietnam_wall_clock() {
    assert_eq!(
        format_instant(vietnam_wall_clock(0).unwrap()),
        "1970-01-01T07:00"
    );
    assert_eq!(
        format_instant(vietnam_wall_clock(-7 * 3600 - 1).unwrap()),
        "1969-12-31T23:59:59"
    );
    assert_eq!(
        vietnam_wall_clock(i64::MAX).unwrap_err().code(),
        "date_out_of_range"
    );
    assert_eq!(
        parse_day("2026-03-02T16:59:59Z").unwrap().to_string(),
        "2026-03-02"
    );
    assert_eq!(
        parse_day("2026-03-02T17:00Z").unwrap().to_string(),
        "2026-03-03"
    );
    assert_eq!(parse_day("02/03/2026").unwrap().to_string(), "2026-03-02");
    assert_eq!(parse_day("x").unwrap_err().code(), "invalid_date");
}

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    /// A date found near another is the date of its day number, whatever the distance,
    /// in the same year or not.
    #[test]
    fn date_near_is_date_from_day_number(
        n in proptest::prop_oneof![-800_000i64..3_000_000, proptest::num::i64::ANY],
        near in -800_000i64..3_000_000,
        k in -400i64..400,
    ) {
        let n = if k.unsigned_abs() < 300 { near + k } else { n };
        let near_date = date_from_day_number(near).unwrap();
        proptest::prop_assert_eq!(
            date_near(n, near_date, near).ok(),
            date_from_day_number(n).ok()
        );
    }
}

#[test]
fn day_numbers_round_trip() {
    for n in [-719_162_i64, -1, 0, 1, 20_514, 2_932_896] {
        let d = date_from_day_number(n).unwrap();
        assert_eq!(i64::from(day_number(d)), n);
    }
    assert!(date_from_day_number(i64::MAX).is_err());
}

/// A date whose month or day does not exist says which: every month of a leap year, a common
/// year and a century year against the month lengths of the Gregorian rule written out (30
/// days hath September...), and months 0 and 13 by number.
#[test]
fn a_day_that_does_not_exist_says_which() {
    for y in [2024, 2026, 1900, 2000] {
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        for m in 1..=12u32 {
            let days = match m {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            let s = format!("{y}-{m:02}-{:02}", days + 1);
            let e = parse_date(&s).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidDate);
            assert_eq!(
                e.message(),
                format!("`{s}` is not a valid date: {y}-{m:02} has {days} days")
            );
            assert!(parse_date(&format!("{y}-{m:02}-{days:02}")).is_ok());
            let e = parse_date(&format!("00/{m}/{y}")).unwrap_err();
            assert!(e.message().ends_with(&format!("has {days} days")), "{e}");
        }
        for m in ["00", "13", "99"] {
            let e = parse_date(&format!("{y}-{m}-01")).unwrap_err();
            let n: u32 = m.parse().unwrap();
            assert!(
                e.message().ends_with(&format!("there is no month {n}")),
                "{e}"
            );
        }
    }
}

/// A word is no date and is said whole: a `t` or a `z` in it is no time separator and no UTC
/// designator (`yesterday` was "`yes` is not a valid date", `zz` "a date with a UTC offset");
/// a time after a date's last digit (`T`, `t` or a space) and a `Z` after a time's are still
/// read.
#[test]
fn a_word_is_said_whole_as_no_date() {
    for word in [
        "yesterday",
        "today",
        "zz",
        "2026-03-02zz",
        "true",
        "T09:00",
        "tomorrow 10:00",
    ] {
        let e = parse_instant(word, DateOnly::StartOfDay).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidDate, "{word}");
        assert!(
            e.message()
                .starts_with(&format!("`{word}` is not a valid date")),
            "{word}: {e}"
        );
    }
    let at = |s: &str| parse_instant(s, DateOnly::StartOfDay).unwrap().to_string();
    assert_eq!(at("2026-03-02t10:00"), "2026-03-02 10:00:00");
    assert_eq!(at("2026-03-02 10:00"), "2026-03-02 10:00:00");
    assert_eq!(at("2026-03-02T03:00Z"), "2026-03-02 10:00:00");
    assert_eq!(at("2026-03-02T03:00z"), "2026-03-02 10:00:00");
    assert_eq!(at("02/03/2026 2:30 CH"), "2026-03-02 14:30:00");
    let e = parse_instant("2026-03-02Z", DateOnly::StartOfDay).unwrap_err();
    assert!(e.message().contains("a date with a UTC offset"), "{e}");
}
