//! Unit tests of the announced schedules: the file format, its checks and its years.

use super::*;

fn err(text: &str) -> Error {
    Schedules::from_json(text).unwrap_err()
}

/// 2027's holidays whose dates the law fixes that fall on working days (1 Jan, mùng 3 Tết,
/// Hùng Kings' day, 30 Apr, 2 Sep, 24 Nov): every year must list its own.
const FIXED_2027: [&str; 6] = [
    "2027-01-01",
    "2027-02-08",
    "2027-04-16",
    "2027-04-30",
    "2027-09-02",
    "2027-11-24",
];

const OK_2027: &str = r#"{"years": {"2027": {"status": "official",
        "days_off": ["2027-01-01", "2027-02-08", "2027-02-11", "2027-04-16", "2027-04-30",
                     "2027-09-02", "2027-11-24"],
        "makeup_working_days": ["2027-02-20"]}}}"#;

#[test]
fn parses_a_minimal_year() {
    let s = Schedules::from_json(OK_2027).unwrap();
    let y = s.get(2027).unwrap();
    assert_eq!(y.status, ScheduleStatus::Official);
    assert_eq!(y.days_off.len(), 7);
    assert_eq!(y.makeup_working_days.len(), 1);
    assert!(y.breaks.is_empty() && y.pending.is_none() && !y.verified);
    assert_eq!(s.years().collect::<Vec<_>>(), [2027]);
    // to_json reads back the same
    assert_eq!(Schedules::from_json(&s.to_json()).unwrap(), s);
}

/// A key given twice anywhere in a year (the year's own, a pending change's, a break's) is
/// an error, as a year given twice is: the last copy won, silently (a second empty
/// `makeup_working_days` lost the announced make-up Saturday, a second `days_off` made New
/// Year a working day).
#[test]
fn a_key_given_twice_in_a_year_is_an_error() {
    for (text, key) in [
        (
            r#"{"years":{"2027":{"status":"official","days_off":["2027-01-01"],"makeup_working_days":["2027-01-30"],"makeup_working_days":[]}}}"#,
            "makeup_working_days",
        ),
        (
            r#"{"years":{"2027":{"status":"official","days_off":["2027-01-01"],"days_off":["2027-01-04"],"makeup_working_days":[]}}}"#,
            "days_off",
        ),
        (
            r#"{"years":{"2027":{"status":"official","status":"provisional","days_off":[],"makeup_working_days":[]}}}"#,
            "status",
        ),
        (
            r#"{"years":{"2027":{"status":"official","days_off":[],"makeup_working_days":[],"pending":{"days_off":[],"days_off":["2027-11-22"],"makeup_working_days":[]}}}}"#,
            "days_off",
        ),
        (
            r#"{"years":{"2027":{"status":"official","days_off":[],"makeup_working_days":[],"breaks":[{"name":"Tết","from":"2027-02-05","to":"2027-02-10","to":"2027-02-11"}]}}}"#,
            "to",
        ),
    ] {
        let e = err(text);
        assert_eq!(e.kind(), ErrorKind::InvalidSchedule, "{text}");
        assert!(
            e.message().contains(&format!("`{key}` is given twice")),
            "{e}"
        );
        assert!(e.message().contains("line 1 column"), "{e}");
    }
    // The same keys once each read.
    let once = r#"{"years":{"2027":{"status":"official","days_off":["2027-01-01","2027-02-08","2027-04-16","2027-04-30","2027-09-02","2027-11-24"],"makeup_working_days":["2027-01-30"],"pending":{"days_off":["2027-11-22"],"makeup_working_days":[]}}}}"#;
    assert!(Schedules::from_json(once).is_ok());
}

#[test]
fn bad_files_name_year_key_and_value() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            r#"{"years": {"2027": {"status": "official", "days_off": ["2027-02-06"], "makeup_working_days": []}}}"#,
            "invalid_schedule",
            &[
                "2027",
                "days_off",
                "2027-02-06",
                "Saturday",
                "weekly rest day",
            ],
        ),
        (
            r#"{"years": {"2027": {"status": "official", "days_off": [], "makeup_working_days": ["2027-02-22"]}}}"#,
            "invalid_schedule",
            &["2027", "makeup_working_days", "2027-02-22", "Monday"],
        ),
        // A holiday on a weekly rest day cannot be worked: 1 May 2027 and Tết's mùng 1
        // (6 February 2027, by the lunar calendar) are Saturdays.
        (
            r#"{"years": {"2027": {"status": "official", "days_off": [], "makeup_working_days": ["2027-05-01"]}}}"#,
            "invalid_schedule",
            &[
                "2027",
                "makeup_working_days",
                "2027-05-01",
                "Saturday",
                "public holiday",
            ],
        ),
        (
            r#"{"years": {"2027": {"status": "official", "days_off": [], "makeup_working_days": [],
                "pending": {"days_off": [], "makeup_working_days": ["2027-02-06"]}}}}"#,
            "invalid_schedule",
            &[
                "2027",
                "pending.makeup_working_days",
                "2027-02-06",
                "public holiday",
            ],
        ),
        // The law in force that year is cited: 30 April 1995 under the 1994 Code.
        (
            r#"{"years": {"1995": {"status": "official", "days_off": [], "makeup_working_days": ["1995-04-30"]}}}"#,
            "invalid_schedule",
            &["1995", "1995-04-30", "Sunday", "Labour Code 1994, Art. 73"],
        ),
        (
            r#"{"years": {"2027": {"status": "official", "days_off": ["2028-01-03"], "makeup_working_days": []}}}"#,
            "invalid_schedule",
            &["2027", "2028-01-03", "not in 2027"],
        ),
        (
            r#"{"years": {"2027": {"status": "announced", "days_off": [], "makeup_working_days": []}}}"#,
            "invalid_schedule",
            &["2027", "status", "announced"],
        ),
        (
            r#"{"years": {"2027": {"status": "official", "days_off": ["2027-02-30"], "makeup_working_days": []}}}"#,
            "invalid_schedule",
            &["2027", "days_off", "2027-02-30", "not a valid date"],
        ),
        (
            r#"{"years": {"2027": {"status": "official", "days_off": ["04/02/2027"], "makeup_working_days": []}}}"#,
            "invalid_schedule",
            &["2027", "04/02/2027"],
        ),
        (
            r#"{"years": {"2027": {"status": "official", "days_off": ["2027-02-04", "2027-02-04"], "makeup_working_days": []}}}"#,
            "invalid_schedule",
            &["2027", "2027-02-04", "twice"],
        ),
        (
            r#"{"years": {"2027": {"status": "official", "days_off": ["2027-02-04"], "makeup_working_days": [],
                "pending": {"days_off": ["2027-02-04"], "makeup_working_days": []}}}}"#,
            "invalid_schedule",
            &["2027", "pending.days_off", "twice"],
        ),
        (
            r#"{"years": {"2027": {"status": "official", "day_off": [], "makeup_working_days": []}}}"#,
            "invalid_schedule",
            &["2027", "day_off"],
        ),
        (
            r#"{"years": {"2027": {"status": "official", "makeup_working_days": []}}}"#,
            "invalid_schedule",
            &["2027", "days_off"],
        ),
        (
            r#"{"years": {"27": {"status": "official", "days_off": [], "makeup_working_days": []}}}"#,
            "invalid_schedule",
            &["`27`"],
        ),
        (
            r#"{"years": {"2200": {"status": "official", "days_off": [], "makeup_working_days": []}}}"#,
            "date_out_of_range",
            &["2200"],
        ),
        (
            r#"{"years": {"2027": {"status": "official", "days_off": [], "makeup_working_days": []},
                           "2027": {"status": "official", "days_off": [], "makeup_working_days": []}}}"#,
            "invalid_schedule",
            &["2027", "twice"],
        ),
        (
            r#"{"years": {"2027": {"status": "official", "days_off": [], "makeup_working_days": [],
                 "breaks": [{"name": "x", "from": "2027-02-10", "to": "2027-02-04"}]}}}"#,
            "invalid_schedule",
            &["2027", "breaks[0]"],
        ),
        (r#"{"yeras": {}}"#, "invalid_schedule", &["yeras"]),
        (r#"{"years": [] }"#, "invalid_schedule", &["years"]),
        (r#"{"years": {"2027": "#, "invalid_json", &["line 1"]),
        ("", "invalid_json", &[]),
    ];
    for (text, code, words) in cases {
        let e = err(text);
        assert_eq!(e.code(), *code, "{text}: {e}");
        for w in *words {
            assert!(e.to_string().contains(w), "{text}: `{e}` lacks `{w}`");
        }
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    assert!(Schedules::from_json(&format!("\u{feff}{OK_2027}")).is_ok());
}

#[test]
fn long_values_are_cut() {
    let long = "x".repeat(10_000);
    let e = err(&format!(
        r#"{{"years": {{"2027": {{"status": "{long}", "days_off": [], "makeup_working_days": []}}}}}}"#
    ));
    assert!(e.to_string().len() < 300, "{}", e.to_string().len());
    assert!(e.to_string().contains("… [10000 bytes]"));
}

#[test]
fn six_day_week_years_check_sundays_only() {
    // 1998: Monday–Saturday week; a Saturday off is a day off, a Sunday worked a make-up day.
    let s = Schedules::from_json(
        r#"{"years": {"1998": {"status": "official", "days_off": ["1998-01-01", "1998-01-28",
                "1998-01-29", "1998-01-30", "1998-03-07", "1998-04-30", "1998-05-01",
                "1998-09-02"], "makeup_working_days": ["1998-03-08"]}}}"#,
    )
    .unwrap();
    assert_eq!(s.get(1998).unwrap().days_off.len(), 8);
    // The holidays the law fixed then are checked as now (under the 1994 Code).
    let e = err(
        r#"{"years": {"1998": {"status": "official", "days_off": ["1998-01-01", "1998-01-28",
            "1998-01-29", "1998-04-30", "1998-05-01", "1998-09-02"]}}}"#,
    );
    assert!(
        e.message().contains("`days_off` lacks 1998-01-30 (Friday)")
            && e.message().contains("Labour Code 1994, Art. 73"),
        "{e}"
    );
}

/// A year that leaves out a holiday whose date the law fixes, on a working day, is refused,
/// naming the day and the article: edited from `motcua schedule` output, one lost line had the
/// day worked, unsaid. The Tết days beyond mùng 1–3 and the second National Day day are the
/// notice's to place, and a weekend holiday is no day off to list; a break far from its year is
/// refused too.
#[test]
fn a_year_must_keep_the_holidays_the_law_fixes() {
    let year = |days: &[&str]| {
        let list = days
            .iter()
            .map(|d| format!("\"{d}\""))
            .collect::<Vec<_>>()
            .join(",");
        format!(r#"{{"years":{{"2027":{{"status":"official","days_off":[{list}]}}}}}}"#)
    };
    assert!(Schedules::from_json(&year(&FIXED_2027)).is_ok());
    for (k, left_out) in FIXED_2027.iter().enumerate() {
        let mut days = FIXED_2027.to_vec();
        days.remove(k);
        let e = err(&year(&days));
        assert_eq!(e.kind(), ErrorKind::InvalidSchedule);
        assert!(
            e.message()
                .contains(&format!("`days_off` lacks {left_out}"))
                && e.message().contains("Art. 112(1)"),
            "{e}"
        );
    }
    // A break must be of its year (or reach into the one before or after it).
    let far = format!(
        r#"{{"years":{{"2027":{{"status":"official","days_off":[{}],"breaks":[{{"name":"x","from":"2030-01-01","to":"2030-01-02"}}]}}}}}}"#,
        FIXED_2027.map(|d| format!("\"{d}\"")).join(",")
    );
    assert!(
        err(&far).message().contains("is not a break of 2027"),
        "{}",
        err(&far)
    );
    let new_year = format!(
        r#"{{"years":{{"2027":{{"status":"official","days_off":[{}],"breaks":[{{"name":"Tết Dương lịch","from":"2026-12-31","to":"2027-01-03"}}]}}}}}}"#,
        FIXED_2027.map(|d| format!("\"{d}\"")).join(",")
    );
    assert!(Schedules::from_json(&new_year).is_ok());
}
