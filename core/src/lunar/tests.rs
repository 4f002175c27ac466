//! Tests of the lunar calendar: the committed tables against the astronomy, known dates, an
//! exhaustive round trip, bad input, and the shared vectors.

use super::*;
use crate::civil::day_number;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn lunar(year: i32, month: u8, day: u8, leap: bool) -> LunarDate {
    LunarDate {
        year,
        month,
        day,
        leap,
    }
}

/// The near-midnight list as it appears in the module documentation.
fn doc_lines(near: &[generate::NearMidnight]) -> Vec<String> {
    near.iter()
        .map(|n| format!("//! - {} {} {}", n.date, n.time, n.what))
        .collect()
}

/// Recomputes `table_vn.rs` and `table_cn.rs` from the astronomy and compares them with the
/// committed files; with `MOTCUA_REGENERATE=1` writes them instead (and prints the
/// near-midnight list for the module docs).
#[test]
fn committed_tables_match_astronomy() {
    let regenerate = std::env::var("MOTCUA_REGENERATE").is_ok_and(|v| v == "1");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lunar");
    for (offset, file, committed) in [
        (420, "table_vn.rs", include_str!("table_vn.rs")),
        (480, "table_cn.rs", include_str!("table_cn.rs")),
    ] {
        let table = compute::year_table(offset).unwrap();
        let near = generate::near_midnight(offset, 10.0).unwrap();
        let source = generate::render(offset, &table, &near).unwrap();
        if regenerate {
            std::fs::write(dir.join(file), &source).unwrap();
            eprintln!("wrote {file}; near-midnight instants:");
            for line in doc_lines(&near) {
                eprintln!("{line}");
            }
        } else {
            assert!(
                source == committed,
                "{file} differs from the astronomy: run `MOTCUA_REGENERATE=1 cargo test -p motcua --lib lunar::`"
            );
        }
    }
}

/// The compiled tables are what the code reads.
#[test]
fn runtime_tables_equal_compiled() {
    assert_eq!(
        compute::year_table(420).unwrap(),
        LunarCalendar::vietnam().years.to_vec()
    );
}

/// The module documentation lists exactly the near-midnight instants at UTC+7.
#[test]
fn docs_list_the_near_midnight_instants() {
    let doc: Vec<&str> = include_str!("mod.rs")
        .lines()
        .filter(|l| l.starts_with("//! - ") && l.contains(':'))
        .filter(|l| l.contains("new moon") || l.contains("principal term"))
        .collect();
    let near = generate::near_midnight(420, 10.0).unwrap();
    assert_eq!(doc, doc_lines(&near));
}

#[test]
fn tet_differs_between_vietnam_and_china() {
    let (vn, cn) = (LunarCalendar::vietnam(), LunarCalendar::china());
    assert_eq!(vn.new_year(1985).unwrap(), date("1985-01-21"));
    assert_eq!(cn.new_year(1985).unwrap(), date("1985-02-20"));
    assert_eq!(vn.new_year(2007).unwrap(), date("2007-02-17"));
    assert_eq!(cn.new_year(2007).unwrap(), date("2007-02-18"));
    assert_eq!(
        to_lunar(date("1985-01-21")).unwrap(),
        lunar(1985, 1, 1, false)
    );
    assert_eq!(
        cn.to_lunar(date("1985-01-21")).unwrap(),
        lunar(1984, 12, 1, false)
    );
}

#[test]
fn leap_months() {
    let (vn, cn) = (LunarCalendar::vietnam(), LunarCalendar::china());
    // The December 1984 solstice fell at 23:23 UTC+7 on the 21st, 00:23 UTC+8 on the 22nd,
    // the day of the new moon: in China the month from 22 December is month 11 and 1984 has a
    // leap month 10; in Vietnam the solstice is in the month from 23 November, so that is month
    // 11, 1984 has no leap month, Tết comes a month earlier and 1985 has a leap month 2.
    assert_eq!(vn.leap_month(1984).unwrap(), None);
    assert_eq!(cn.leap_month(1984).unwrap(), Some(10));
    assert_eq!(vn.leap_month(1985).unwrap(), Some(2));
    assert_eq!(cn.leap_month(1985).unwrap(), None);
    assert_eq!(
        vn.from_lunar(1984, 11, 1, false).unwrap(),
        date("1984-11-23")
    );
    assert_eq!(
        cn.from_lunar(1984, 11, 1, false).unwrap(),
        date("1984-12-22")
    );
    assert_eq!(
        cn.from_lunar(1984, 10, 1, true).unwrap(),
        date("1984-11-23")
    );
    assert_eq!(vn.from_lunar(1985, 2, 1, true).unwrap(), date("1985-03-21"));
    assert_eq!(vn.leap_month(2033).unwrap(), Some(11));
    assert_eq!(cn.leap_month(2033).unwrap(), Some(11));
    assert_eq!(vn.leap_month(2023).unwrap(), Some(2));
    assert_eq!(vn.leap_month(2025).unwrap(), Some(6));
    assert_eq!(vn.leap_month(2026).unwrap(), None);
    // 2033's leap eleventh month and the twelfth month after it.
    let leap11 = vn.from_lunar(2033, 11, 1, true).unwrap();
    assert_eq!(to_lunar(leap11).unwrap(), lunar(2033, 11, 1, true));
    assert!(leap11 > vn.from_lunar(2033, 11, 1, false).unwrap());
    assert!(leap11 < vn.from_lunar(2033, 12, 1, false).unwrap());
    assert_eq!(vn.from_lunar(2025, 6, 1, true).unwrap(), date("2025-07-25"));
}

/// reference/holidays.md §4: Tết, the length of the last month of the previous year (the day
/// before Tết is its 29th or 30th) and Hùng Kings' day (10th day of month 3), 2016–2027.
#[test]
fn holidays_reference_table() {
    let rows = [
        (2016, "2016-02-08", 29, "2016-04-16"),
        (2017, "2017-01-28", 30, "2017-04-06"),
        (2018, "2018-02-16", 30, "2018-04-25"),
        (2019, "2019-02-05", 30, "2019-04-14"),
        (2020, "2020-01-25", 30, "2020-04-02"),
        (2021, "2021-02-12", 30, "2021-04-21"),
        (2022, "2022-02-01", 29, "2022-04-10"),
        (2023, "2023-01-22", 30, "2023-04-29"),
        (2024, "2024-02-10", 30, "2024-04-18"),
        (2025, "2025-01-29", 29, "2025-04-07"),
        (2026, "2026-02-17", 29, "2026-04-26"),
        (2027, "2027-02-06", 29, "2027-04-16"),
    ];
    for (year, tet, last_day, hung) in rows {
        let tet = date(tet);
        assert_eq!(from_lunar(year, 1, 1, false).unwrap(), tet, "{year}");
        assert_eq!(to_lunar(tet).unwrap(), lunar(year, 1, 1, false));
        let eve = tet.pred_opt().unwrap();
        assert_eq!(to_lunar(eve).unwrap(), lunar(year - 1, 12, last_day, false));
        assert_eq!(
            LunarCalendar::vietnam()
                .month_length(year - 1, 12, false)
                .unwrap(),
            last_day
        );
        assert_eq!(
            from_lunar(year, 3, 10, false).unwrap(),
            date(hung),
            "{year}"
        );
    }
}

#[test]
fn design_examples() {
    assert_eq!(
        to_lunar(date("1984-01-01")).unwrap(),
        lunar(1983, 11, 29, false)
    );
    assert_eq!(from_lunar(2025, 1, 1, false).unwrap(), date("2025-01-29"));
    assert_eq!(from_lunar(2026, 1, 1, false).unwrap(), date("2026-02-17"));
    assert_eq!(
        serde_json::to_string(&to_lunar(date("2025-01-29")).unwrap()).unwrap(),
        r#"{"year":2025,"month":1,"day":1,"leap":false}"#
    );
    let parsed: LunarDate =
        serde_json::from_str(r#"{"year":2033,"month":11,"day":1,"leap":true}"#).unwrap();
    assert_eq!(parsed, lunar(2033, 11, 1, true));
}

#[test]
fn range_ends() {
    for cal in [LunarCalendar::vietnam(), LunarCalendar::china()] {
        assert_eq!(cal.first_date(), date("1900-01-31"));
        assert_eq!(cal.last_date(), date("2199-12-31"));
        assert_eq!(
            cal.to_lunar(date("1900-01-31")).unwrap(),
            lunar(1900, 1, 1, false)
        );
        let err = cal.to_lunar(date("1900-01-30")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DateOutOfRange);
        assert!(err.message().contains("1900-01-31..=2199-12-31"), "{err}");
        let last = cal.to_lunar(date("2199-12-31")).unwrap();
        assert_eq!(last.year, 2199);
        assert_eq!(
            cal.from_lunar(last.year, last.month, last.day, last.leap)
                .unwrap(),
            date("2199-12-31")
        );
        // The day after is out of range, as a date and as a lunar date.
        let next_day = if u32::from(last.day)
            < u32::from(cal.month_length(2199, last.month, last.leap).unwrap())
        {
            cal.from_lunar(2199, last.month, last.day + 1, last.leap)
        } else {
            cal.from_lunar(2199, last.month + 1, 1, false)
        };
        assert_eq!(next_day.unwrap_err().kind(), ErrorKind::DateOutOfRange);
        assert_eq!(
            cal.to_lunar(date("2200-01-01")).unwrap_err().kind(),
            ErrorKind::DateOutOfRange
        );
    }
    for d in [i32::MIN, -25_568, -25_538 - 1, 84_006, i32::MAX] {
        assert_eq!(
            to_lunar_day_number(d).unwrap_err().kind(),
            ErrorKind::DateOutOfRange,
            "{d}"
        );
    }
    assert_eq!(
        to_lunar(NaiveDate::MIN).unwrap_err().kind(),
        ErrorKind::DateOutOfRange
    );
    assert_eq!(
        to_lunar(NaiveDate::MAX).unwrap_err().kind(),
        ErrorKind::DateOutOfRange
    );
}

#[test]
fn bad_lunar_dates() {
    let invalid = |y, m, d, l| {
        let err = from_lunar(y, m, d, l).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::InvalidLunarDate,
            "{y}-{m}-{d} {l}: {err}"
        );
        err
    };
    invalid(2025, 0, 1, false);
    invalid(2025, 13, 1, false);
    invalid(2025, 1, 0, false);
    invalid(2025, 1, 31, false);
    invalid(2025, 255, 255, true);
    // 2025 month 12 has 29 days (Tết 2026 follows the 29th).
    let err = invalid(2025, 12, 30, false);
    assert!(err.message().contains("29 days"), "{err}");
    // 2025 has leap month 6, not 5; 2026 has none.
    let err = invalid(2025, 5, 1, true);
    assert!(err.message().contains("its leap month is 6"), "{err}");
    let err = invalid(2026, 1, 1, true);
    assert!(err.message().contains("no leap month"), "{err}");
    for year in [1899, 2200, i32::MIN, i32::MAX] {
        let err = from_lunar(year, 1, 1, false).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DateOutOfRange);
        assert!(err.message().contains("1900..=2199"), "{err}");
        assert_eq!(
            LunarCalendar::vietnam()
                .leap_month(year)
                .unwrap_err()
                .kind(),
            ErrorKind::DateOutOfRange
        );
    }
    assert_eq!(
        LunarCalendar::vietnam()
            .month_length(2025, 5, true)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidLunarDate
    );
}

#[test]
fn invalid_offsets() {
    for minutes in [-721, 841, i32::MIN, i32::MAX] {
        assert_eq!(
            LunarCalendar::with_utc_offset_minutes(minutes)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidArgument
        );
    }
    assert_eq!(
        LunarCalendar::with_utc_offset_minutes(420).unwrap(),
        LunarCalendar::vietnam()
    );
    assert_eq!(
        LunarCalendar::with_utc_offset_minutes(480).unwrap(),
        LunarCalendar::china()
    );
}

/// Every day of the range: to_lunar and from_lunar are inverse, lunar dates advance by one day
/// at a time, and the day-number variants agree with the date variants.
#[test]
fn exhaustive_round_trip() {
    for cal in [LunarCalendar::vietnam(), LunarCalendar::china()] {
        let mut d = cal.first_date();
        let mut previous: Option<LunarDate> = None;
        let mut months = 0;
        let mut leap_months = 0;
        while d <= cal.last_date() {
            let l = cal.to_lunar(d).unwrap();
            assert_eq!(cal.from_lunar(l.year, l.month, l.day, l.leap).unwrap(), d);
            assert_eq!(cal.to_lunar_day_number(day_number(d)).unwrap(), l);
            assert_eq!(
                cal.from_lunar_day_number(l.year, l.month, l.day, l.leap)
                    .unwrap(),
                day_number(d)
            );
            if let Some(p) = previous {
                if l.day == 1 {
                    months += 1;
                    leap_months += usize::from(l.leap);
                    assert!(p.day == 29 || p.day == 30, "{p:?} -> {l:?}");
                    assert_eq!(
                        u32::from(p.day),
                        u32::from(cal.month_length(p.year, p.month, p.leap).unwrap())
                    );
                    if l.leap {
                        assert_eq!((l.year, l.month), (p.year, p.month));
                    } else if l.month == 1 {
                        assert_eq!((l.year, p.month), (p.year + 1, 12));
                    } else {
                        assert_eq!((l.year, l.month), (p.year, p.month + 1));
                    }
                } else {
                    assert_eq!(
                        (l.year, l.month, l.day, l.leap),
                        (p.year, p.month, p.day + 1, p.leap)
                    );
                }
            }
            previous = Some(l);
            d = d.succ_opt().unwrap();
        }
        // 300 years of 12.37 months.
        assert!((3_700..3_720).contains(&months), "{months}");
        assert!((105..115).contains(&leap_months), "{leap_months}");
    }
    assert_eq!(
        to_lunar_day_number(day_number(date("2025-01-29"))).unwrap(),
        lunar(2025, 1, 1, false)
    );
    assert_eq!(
        from_lunar_day_number(2025, 1, 1, false).unwrap(),
        day_number(date("2025-01-29"))
    );
}

/// Month and year lengths stay within what the rules allow, and a leap year has 13 months.
#[test]
fn table_shapes() {
    for cal in [LunarCalendar::vietnam(), LunarCalendar::china()] {
        for (year, &p) in (FIRST_YEAR..).zip(cal.years.iter()) {
            let len = packed::year_length(p);
            match packed::leap_month(p) {
                0 => assert!((353..=355).contains(&len), "{year}: {len}"),
                _ => assert!((383..=385).contains(&len), "{year}: {len}"),
            }
            let tet = cal.new_year(year).unwrap();
            assert!(
                tet >= NaiveDate::from_ymd_opt(year, 1, 20).unwrap()
                    && tet <= NaiveDate::from_ymd_opt(year, 2, 21).unwrap(),
                "{year}: {tet}"
            );
            if year < LAST_YEAR {
                let next = cal.new_year(year + 1).unwrap();
                assert_eq!((next - tet).num_days(), i64::from(len), "{year}");
            }
        }
    }
}

/// Another offset runs the astronomy; UTC+9 (Korea) agrees with known Seollal dates.
#[test]
fn computed_offset() {
    let korea = LunarCalendar::with_utc_offset_minutes(540).unwrap();
    assert_eq!(korea.utc_offset_minutes(), 540);
    assert_eq!(korea.new_year(2025).unwrap(), date("2025-01-29"));
    assert_eq!(korea.new_year(2024).unwrap(), date("2024-02-10"));
    assert_eq!(korea.new_year(1985).unwrap(), date("1985-02-20"));
    // The extreme offsets build consistent tables.
    for minutes in [-720, 0, 840] {
        let cal = LunarCalendar::with_utc_offset_minutes(minutes).unwrap();
        for year in FIRST_YEAR..LAST_YEAR {
            let tet = cal.new_year(year).unwrap();
            let length = (cal.new_year(year + 1).unwrap() - tet).num_days();
            let leap = cal.leap_month(year).unwrap();
            let months = if leap.is_some() { 383..=385 } else { 353..=355 };
            assert!(months.contains(&length), "UTC{minutes:+} {year}: {length}");
            if year > FIRST_YEAR {
                let l = cal.to_lunar_day_number(day_number(tet) - 1).unwrap();
                assert_eq!((l.year, l.month), (year - 1, 12));
            }
        }
        let d = cal.first_date();
        assert_eq!(cal.to_lunar(d).unwrap(), lunar(1900, 1, 1, false));
        assert!(cal.to_lunar(d.pred_opt().unwrap()).is_err());
    }
}

#[derive(serde::Deserialize)]
struct VectorFile {
    source: String,
    cases: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    id: String,
    op: String,
    input: serde_json::Value,
    expected: Option<serde_json::Value>,
    error: Option<String>,
}

/// Every case of the shared vectors `tests/vectors/lunar.json`.
#[test]
fn shared_vectors() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/lunar.json");
    let text = std::fs::read_to_string(path).unwrap();
    let file: VectorFile = serde_json::from_str(&text).unwrap();
    assert!(!file.source.is_empty());
    let calendars = [LunarCalendar::vietnam(), LunarCalendar::china()];
    let mut failures = Vec::new();
    for case in &file.cases {
        let offset = case
            .input
            .get("utc_offset_minutes")
            .map_or(420, |v| v.as_i64().unwrap());
        let cal = calendars
            .iter()
            .find(|c| i64::from(c.utc_offset_minutes()) == offset)
            .unwrap();
        let got: Result<serde_json::Value> = match case.op.as_str() {
            "to_lunar" => {
                let d = case.input["date"].as_str().unwrap();
                cal.to_lunar(date(d))
                    .map(|l| serde_json::to_value(l).unwrap())
            }
            "from_lunar" => {
                let i = &case.input;
                let n = |k: &str| i[k].as_i64().unwrap();
                cal.from_lunar(
                    n("year") as i32,
                    n("month") as u8,
                    n("day") as u8,
                    i["leap"].as_bool().unwrap(),
                )
                .map(|d| serde_json::Value::String(d.to_string()))
            }
            op => panic!("{}: unknown op {op}", case.id),
        };
        let ok = match (&got, &case.expected, &case.error) {
            (Ok(v), Some(e), None) => v == e,
            (Err(err), None, Some(code)) => err.code() == code,
            _ => false,
        };
        if !ok {
            failures.push(format!("{}: got {got:?}", case.id));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        file.cases.len(),
        failures.join("\n")
    );
    assert!(file.cases.len() > 1_000);
}
