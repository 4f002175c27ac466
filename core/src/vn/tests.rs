//! Tests of the Vietnamese calendar against `reference/holidays.md` and the embedded
//! `vn-official-schedules.json`.

use std::collections::BTreeSet;

use crate::deadline::testkit::matches;

use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::{json, Value};

use super::*;
use crate::calendar::DayKind;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn is_weekday(x: NaiveDate) -> bool {
    !matches!(x.weekday(), Weekday::Sat | Weekday::Sun)
}

fn year_days(year: i32) -> impl Iterator<Item = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    first.iter_days().take_while(move |x| x.year() == year)
}

/// Weekdays (Mon–Fri) off in `year` by `cal`.
fn weekday_days_off(cal: &WorkCalendar, year: i32) -> Vec<NaiveDate> {
    year_days(year)
        .filter(|x| is_weekday(*x) && !cal.is_working_day(*x).unwrap())
        .collect()
}

/// The announced swaps 2016–2026, `reference/holidays.md` §3 (day off, Saturday worked).
const SWAPS: &[(&str, &str)] = &[
    ("2018-12-31", "2019-01-05"),
    ("2019-04-29", "2019-05-04"),
    ("2024-04-29", "2024-05-04"),
    ("2025-05-02", "2025-04-26"),
    ("2026-01-02", "2026-01-10"),
    ("2026-08-31", "2026-08-22"),
];

#[test]
fn every_variant_builds() {
    for opts in [
        VnOptions::PUBLIC_SECTOR,
        VnOptions::STATUTORY,
        VnOptions::WITH_PENDING,
        VnOptions {
            official: false,
            include_pending: true,
        },
    ] {
        let cal = calendar(&opts).unwrap();
        assert_eq!(cal.from(), d("1995-01-01"));
        assert_eq!(cal.to(), d("2199-12-31"));
        // cached: the same tables
        assert_eq!(
            calendar(&opts).unwrap().working_day_count(),
            cal.working_day_count()
        );
    }
    assert_eq!(VnOptions::default(), VnOptions::PUBLIC_SECTOR);
}

/// (a) For every embedded year, the preset's weekday days off equal the JSON's `days_off`
/// exactly and its make-up days are worked.
#[test]
fn preset_reproduces_every_embedded_schedule() {
    let cal = public_sector().unwrap();
    assert_eq!(official_schedules().len(), 12);
    for s in official_schedules() {
        assert_eq!(weekday_days_off(&cal, s.year), *s.days_off, "{}", s.year);
        for m in s.makeup_working_days.iter() {
            assert!(cal.is_working_day(*m).unwrap(), "{m}");
            assert_eq!(cal.day_kind(*m).unwrap(), DayKind::MakeupWorkingDay);
        }
        // no other weekend day is worked
        for x in year_days(s.year).filter(|x| !is_weekday(*x)) {
            assert_eq!(
                cal.is_working_day(x).unwrap(),
                s.makeup_working_days.contains(&x),
                "{x}"
            );
        }
    }
}

/// (b) The statute alone reproduces every official year's days off except the announced
/// swaps (`reference/holidays.md` §2).
#[test]
fn statute_reproduces_official_years_except_swaps() {
    let cal = calendar(&VnOptions::STATUTORY).unwrap();
    let swapped: BTreeSet<NaiveDate> = SWAPS.iter().map(|(off, _)| d(off)).collect();
    let mut exceptions = BTreeSet::new();
    for s in official_schedules() {
        let statute: BTreeSet<NaiveDate> = weekday_days_off(&cal, s.year).into_iter().collect();
        let official: BTreeSet<NaiveDate> = s.days_off.iter().copied().collect();
        assert!(
            statute.is_subset(&official),
            "{}: statute has extra {:?}",
            s.year,
            statute.difference(&official).collect::<Vec<_>>()
        );
        exceptions.extend(official.difference(&statute).copied());
        for m in s.makeup_working_days.iter() {
            assert!(!cal.is_working_day(*m).unwrap(), "{m}");
        }
    }
    assert_eq!(exceptions, swapped);
}

/// The `swapped` kind is given exactly to the announced swaps, `makeup_working_day` exactly to
/// their Saturdays, each named after the swapped day it makes up for.
#[test]
fn swaps_are_classified() {
    let mut swapped = Vec::new();
    let mut makeup = Vec::new();
    for year in 2016..=2027 {
        for h in holidays(year, &VnOptions::PUBLIC_SECTOR).unwrap() {
            match h.kind {
                HolidayKind::Swapped => swapped.push(h.date),
                HolidayKind::MakeupWorkingDay => makeup.push((h.date, h.name_en)),
                _ => {}
            }
        }
    }
    let want: Vec<NaiveDate> = SWAPS.iter().map(|(off, _)| d(off)).collect();
    assert_eq!(swapped, want);
    let mut want_makeup: Vec<(NaiveDate, String)> = SWAPS
        .iter()
        .map(|(off, work)| (d(work), format!("Make-up working day for {off}")))
        .collect();
    want_makeup.sort();
    assert_eq!(makeup, want_makeup);
}

/// (c) 2027 is provisional and matches the JSON's provisional list, with official schedules or
/// the statute alone.
#[test]
fn provisional_2027() {
    assert_eq!(schedule_status(2027).unwrap(), ScheduleStatus::Provisional);
    let s = official_schedule(2027).unwrap();
    assert_eq!(s.status, ScheduleStatus::Provisional);
    for opts in [VnOptions::PUBLIC_SECTOR, VnOptions::STATUTORY] {
        let cal = calendar(&opts).unwrap();
        assert_eq!(weekday_days_off(&cal, 2027), *s.days_off);
    }
    let list = holidays(2027, &VnOptions::PUBLIC_SECTOR).unwrap();
    for h in &list {
        assert_eq!(h.kind, HolidayKind::Provisional, "{h:?}");
    }
    assert!(list.iter().any(|h| h.date == d("2027-11-24")));
    // Tết Sat 6 Feb 2027: 4, 5 Feb (two days before), 6–8 (mùng 1–3), 9–10 compensatory.
    let dates: Vec<String> = list.iter().map(|h| h.date.to_string()).collect();
    for x in [
        "2027-02-04",
        "2027-02-05",
        "2027-02-06",
        "2027-02-07",
        "2027-02-08",
        "2027-02-09",
        "2027-02-10",
    ] {
        assert!(dates.contains(&x.to_string()), "{x}");
    }
    let stat = holidays(2027, &VnOptions::STATUTORY).unwrap();
    assert!(stat
        .iter()
        .all(|h| h.kind != HolidayKind::Provisional && h.kind != HolidayKind::Swapped));
}

/// (e) Tết and Hùng Kings' day 2016–2027 as in `reference/holidays.md` §4, and the Tết days
/// that follow from them.
#[test]
fn tet_matches_reference_table() {
    // year, mùng 1, last day of the previous lunar year, Hùng Kings' day
    let table = [
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
    for (year, tet, last, hung) in table {
        let m1 = statute::lunar_new_year(year).unwrap();
        assert_eq!(m1, d(tet), "{year}");
        let eve = crate::lunar::to_lunar(m1.pred_opt().unwrap()).unwrap();
        assert_eq!(
            (eve.year, eve.month, eve.day),
            (year - 1, 12, last),
            "{year}"
        );
        assert_eq!(statute::hung_kings_day(year).unwrap(), d(hung), "{year}");
        let want: Vec<NaiveDate> = (-2..=2).map(|k| m1 + chrono::TimeDelta::days(k)).collect();
        assert_eq!(statute::tet_days(year).unwrap(), want, "{year}");
        let listed: Vec<NaiveDate> = holidays(year, &VnOptions::PUBLIC_SECTOR)
            .unwrap()
            .into_iter()
            .filter(|h| h.name_vi == "Tết Nguyên đán")
            .map(|h| h.date)
            .collect();
        assert_eq!(listed, want, "{year}");
    }
}

#[test]
fn holidays_2026_kinds() {
    use HolidayKind::*;
    let want = [
        ("2026-01-01", Statutory, "Tết Dương lịch"),
        ("2026-01-02", Swapped, "Nghỉ hoán đổi dịp Tết Dương lịch"),
        ("2026-01-10", MakeupWorkingDay, "Làm bù cho ngày 02/01/2026"),
        ("2026-02-15", Statutory, "Tết Nguyên đán"),
        ("2026-02-16", Statutory, "Tết Nguyên đán"),
        ("2026-02-17", Statutory, "Tết Nguyên đán"),
        ("2026-02-18", Statutory, "Tết Nguyên đán"),
        ("2026-02-19", Statutory, "Tết Nguyên đán"),
        ("2026-02-20", Compensatory, "Nghỉ bù Tết Nguyên đán"),
        ("2026-04-26", Statutory, "Giỗ Tổ Hùng Vương"),
        ("2026-04-27", Compensatory, "Nghỉ bù Giỗ Tổ Hùng Vương"),
        ("2026-04-30", Statutory, "Ngày Chiến thắng"),
        ("2026-05-01", Statutory, "Ngày Quốc tế Lao động"),
        ("2026-08-22", MakeupWorkingDay, "Làm bù cho ngày 31/08/2026"),
        ("2026-08-31", Swapped, "Nghỉ hoán đổi dịp Quốc khánh"),
        ("2026-09-01", Statutory, "Quốc khánh"),
        ("2026-09-02", Statutory, "Quốc khánh"),
        (
            "2026-11-23",
            Pending,
            "Nghỉ hoán đổi dịp Ngày Văn hóa Việt Nam",
        ),
        ("2026-11-24", Statutory, "Ngày Văn hóa Việt Nam"),
        ("2026-11-28", Pending, "Làm bù cho ngày 23/11/2026"),
    ];
    for opts in [VnOptions::PUBLIC_SECTOR, VnOptions::WITH_PENDING] {
        let got: Vec<(String, HolidayKind, String)> = holidays(2026, &opts)
            .unwrap()
            .into_iter()
            .map(|h| (h.date.to_string(), h.kind, h.name_vi))
            .collect();
        let want: Vec<(String, HolidayKind, String)> = want
            .iter()
            .map(|(a, k, n)| (a.to_string(), *k, n.to_string()))
            .collect();
        assert_eq!(got, want);
    }
    let h = &holidays(2026, &VnOptions::PUBLIC_SECTOR).unwrap()[8];
    assert_eq!(h.name_en, "Compensatory day off for Lunar New Year");
    assert_eq!(
        serde_json::to_value(h).unwrap(),
        json!({"date": "2026-02-20", "name_vi": "Nghỉ bù Tết Nguyên đán",
               "name_en": "Compensatory day off for Lunar New Year", "kind": "compensatory"})
    );
}

/// 24 November, Vietnamese Culture Day, is a statutory holiday from 2026 (Resolution
/// 28/2026/QH16, Art. 2): off by default, with or without official schedules; a weekend 24 Nov
/// is compensated; before 2026 it is an ordinary day.
#[test]
fn culture_day_is_statutory_from_2026() {
    for opts in [VnOptions::PUBLIC_SECTOR, VnOptions::STATUTORY] {
        let cal = calendar(&opts).unwrap();
        assert!(!cal.is_working_day(d("2026-11-24")).unwrap());
        assert_eq!(cal.day_kind(d("2026-11-24")).unwrap(), DayKind::Holiday);
        assert_eq!(cal.day_name(d("2026-11-24")), Some("Ngày Văn hóa Việt Nam"));
        for year in 1995..=2025 {
            let x = NaiveDate::from_ymd_opt(year, 11, 24).unwrap();
            assert_eq!(cal.is_working_day(x).unwrap(), is_weekday(x), "{x}");
        }
        for year in 2026..=2199 {
            let x = NaiveDate::from_ymd_opt(year, 11, 24).unwrap();
            assert!(!cal.is_working_day(x).unwrap(), "{x}");
            if !is_weekday(x) {
                // the first working day after the weekend is the compensatory day off
                let mon = x + chrono::Days::new(if x.weekday() == Weekday::Sat { 2 } else { 1 });
                assert!(!cal.is_working_day(mon).unwrap(), "{mon}");
                assert!(cal
                    .day_name(mon)
                    .unwrap()
                    .starts_with("Nghỉ bù Ngày Văn hóa"));
            }
        }
    }
    let nov2029: Vec<(String, HolidayKind)> = holidays(2029, &VnOptions::STATUTORY)
        .unwrap()
        .into_iter()
        .filter(|h| h.date.month() == 11)
        .map(|h| (h.date.to_string(), h.kind))
        .collect();
    assert_eq!(
        nov2029,
        [
            ("2029-11-24".to_string(), HolidayKind::Statutory),
            ("2029-11-26".to_string(), HolidayKind::Compensatory)
        ]
    );
    let h = holidays(2026, &VnOptions::PUBLIC_SECTOR).unwrap();
    let culture = h.iter().find(|h| h.date == d("2026-11-24")).unwrap();
    assert_eq!(culture.kind, HolidayKind::Statutory);
    assert_eq!(
        (culture.name_vi.as_str(), culture.name_en.as_str()),
        ("Ngày Văn hóa Việt Nam", "Vietnamese Culture Day")
    );
    assert_eq!(
        LabourLaw::in_force_on(d("2026-07-01")),
        Some(LabourLaw::Code2019Culture2026)
    );
    assert_eq!(
        LabourLaw::in_force_on(d("2026-06-30")),
        Some(LabourLaw::Code2019)
    );
}

/// The 2026 arrangement around 24 Nov (Mon 23 Nov swapped, Sat 28 Nov worked) is pending:
/// listed, applied only on request.
#[test]
fn pending_days_apply_only_on_request() {
    let plain = public_sector().unwrap();
    let pending = calendar(&VnOptions::WITH_PENDING).unwrap();
    assert!(plain.is_working_day(d("2026-11-23")).unwrap());
    assert!(!plain.is_working_day(d("2026-11-28")).unwrap());
    assert!(!pending.is_working_day(d("2026-11-23")).unwrap());
    assert!(!pending.is_working_day(d("2026-11-24")).unwrap());
    assert!(pending.is_working_day(d("2026-11-28")).unwrap());
    assert_eq!(
        pending.day_name(d("2026-11-23")),
        Some("Nghỉ hoán đổi dịp Ngày Văn hóa Việt Nam")
    );
    let nov: Vec<(String, HolidayKind)> = holidays(2026, &VnOptions::PUBLIC_SECTOR)
        .unwrap()
        .into_iter()
        .filter(|h| h.date.month() == 11)
        .map(|h| (h.date.to_string(), h.kind))
        .collect();
    assert_eq!(
        nov,
        [
            ("2026-11-23".to_string(), HolidayKind::Pending),
            ("2026-11-24".to_string(), HolidayKind::Statutory),
            ("2026-11-28".to_string(), HolidayKind::Pending),
        ]
    );
    // No other year has pending days.
    for year in (1995..=2199).filter(|y| *y != 2026) {
        assert!(
            holidays(year, &VnOptions::PUBLIC_SECTOR)
                .unwrap()
                .iter()
                .all(|h| h.kind != HolidayKind::Pending),
            "{year}"
        );
    }
    // the statute with pending: no proposed swap (it belongs to the announced 2026 schedule)
    let stat = calendar(&VnOptions {
        official: false,
        include_pending: true,
    })
    .unwrap();
    assert!(!stat.is_working_day(d("2026-11-24")).unwrap());
    assert!(stat.is_working_day(d("2026-11-23")).unwrap());
    assert!(!stat.is_working_day(d("2026-11-28")).unwrap());
}

#[test]
fn schedule_statuses() {
    use ScheduleStatus::*;
    for (y, s) in [
        (1995, Statutory),
        (2015, Statutory),
        (2016, Official),
        (2026, Official),
        (2027, Provisional),
        (2028, Provisional),
        (2199, Provisional),
    ] {
        assert_eq!(schedule_status(y).unwrap(), s, "{y}");
    }
    for y in [1994, 2200, i32::MIN, i32::MAX] {
        assert_eq!(
            schedule_status(y).unwrap_err().kind(),
            ErrorKind::DateOutOfRange
        );
        assert_eq!(
            holidays(y, &VnOptions::default()).unwrap_err().kind(),
            ErrorKind::DateOutOfRange
        );
    }
    assert_eq!(
        serde_json::to_value(Provisional).unwrap(),
        json!("provisional")
    );
    assert_eq!(Provisional.as_str(), "provisional");
    // A future year's days off are provisional with official schedules, statutory without.
    assert!(holidays(2030, &VnOptions::PUBLIC_SECTOR)
        .unwrap()
        .iter()
        .all(|h| matches!(h.kind, HolidayKind::Provisional | HolidayKind::Pending)));
    assert!(holidays(2010, &VnOptions::PUBLIC_SECTOR)
        .unwrap()
        .iter()
        .all(|h| matches!(h.kind, HolidayKind::Statutory | HolidayKind::Compensatory)));
}

/// Holiday days per year follow the law in force (8, 9, 10, 11 days), every year 1995–2199.
#[test]
fn holiday_count_by_period() {
    for year in FIRST_YEAR..=LAST_YEAR {
        let days = statute::holiday_days(year).unwrap();
        let want = match year {
            ..=2006 => 8,
            2007..=2013 => 9,
            2014..=2020 => 10,
            2021..=2025 => 11,
            _ => 12,
        };
        assert_eq!(days.len(), want, "{year}: {days:?}");
        assert!(days.iter().all(|(x, _)| x.year() == year), "{year}");
        let comp = statute::compensatory_days(&days);
        assert!(comp.iter().all(|(x, _)| x.year() == year), "{year}");
    }
}

#[test]
fn law_transitions() {
    let cal = calendar(&VnOptions::STATUTORY).unwrap();
    // 2013: Tết (Sun 10 Feb) before the 2012 Code (2013-05-01): 4 days, 9–12 Feb.
    let tet2013 = statute::tet_days(2013).unwrap();
    assert_eq!(tet2013.first(), Some(&d("2013-02-09")));
    assert_eq!(tet2013.len(), 4);
    // Sat 9 and Sun 10 compensated on Wed 13 and Thu 14.
    for x in ["2013-02-11", "2013-02-12", "2013-02-13", "2013-02-14"] {
        assert!(!cal.is_working_day(d(x)).unwrap(), "{x}");
    }
    assert!(cal.is_working_day(d("2013-02-15")).unwrap());
    // 2014: first Tết under the 2012 Code, 5 days.
    assert_eq!(statute::tet_days(2014).unwrap().len(), 5);
    // Hùng Kings' day: not in 2006 (7 Apr 2006 was a Friday), a holiday on Thu 26 Apr 2007.
    assert_eq!(statute::hung_kings_day(2006).unwrap(), d("2006-04-07"));
    assert!(cal.is_working_day(d("2006-04-07")).unwrap());
    assert_eq!(statute::hung_kings_day(2007).unwrap(), d("2007-04-26"));
    assert!(!cal.is_working_day(d("2007-04-26")).unwrap());
    // National Day: 1 day in 2020, 2 from 2021.
    assert!(cal.is_working_day(d("2020-09-03")).unwrap());
    assert!(cal.is_working_day(d("2020-09-01")).unwrap());
    assert!(!cal.is_working_day(d("2021-09-03")).unwrap());
    assert_eq!(
        LabourLaw::in_force_on(d("2013-04-30")),
        Some(LabourLaw::Code1994As2007)
    );
    assert_eq!(
        LabourLaw::in_force_on(d("2013-05-01")),
        Some(LabourLaw::Code2012)
    );
    assert_eq!(LabourLaw::in_force_on(d("1994-12-31")), None);
}

#[test]
fn six_day_week_before_october_1999() {
    let cal = public_sector().unwrap();
    assert!(cal.is_working_day(d("1998-03-07")).unwrap()); // Saturday
    assert!(!cal.is_working_day(d("1998-03-08")).unwrap()); // Sunday
    assert!(cal.is_working_day(d("1999-09-25")).unwrap()); // last working Saturday
    assert!(!cal.is_working_day(d("1999-10-02")).unwrap()); // first Saturday off
    assert_eq!(
        public_sector_weekmask(d("1999-10-01")).to_string(),
        "1111110"
    );
    assert_eq!(
        public_sector_weekmask(d("1999-10-02")).to_string(),
        "1111100"
    );
    // Sat 2 Sep 1995: a holiday on a working Saturday, so no compensatory day.
    assert!(!cal.is_working_day(d("1995-09-02")).unwrap());
    assert!(cal.is_working_day(d("1995-09-04")).unwrap());
    // Sun 30 Apr 1995 → Tue 2 May (Mon 1 May is itself a holiday).
    assert!(!cal.is_working_day(d("1995-05-02")).unwrap());
    assert!(cal.is_working_day(d("1995-05-03")).unwrap());
    // 1 Jan 2000 (Sat, five-day week): compensated on Mon 3 Jan.
    assert!(!cal.is_working_day(d("2000-01-03")).unwrap());
    assert_eq!(
        cal.is_working_day(d("1994-12-31")).unwrap_err().kind(),
        ErrorKind::DateOutOfRange
    );
    assert_eq!(
        cal.is_working_day(d("2200-01-01")).unwrap_err().kind(),
        ErrorKind::DateOutOfRange
    );
}

#[test]
fn weekend_holidays_are_named_holidays() {
    let cal = public_sector().unwrap();
    assert_eq!(cal.day_kind(d("2026-02-15")).unwrap(), DayKind::Holiday);
    assert_eq!(cal.day_name(d("2026-02-15")), Some("Tết Nguyên đán"));
    assert_eq!(cal.day_kind(d("2026-02-14")).unwrap(), DayKind::WeeklyRest);
    assert_eq!(
        cal.day_name(d("2026-02-20")),
        Some("Nghỉ bù Tết Nguyên đán")
    );
    assert_eq!(
        cal.day_name(d("2018-12-31")),
        Some("Nghỉ hoán đổi dịp Tết Dương lịch")
    );
}

/// The compiled calendar carries the class of every listed day: the kind `holidays` gives it
/// (so an explanation never guesses from a name), for every variant of the preset, whether
/// the calendar was compiled from the embedded table or from the model.
#[test]
fn calendar_classes_are_the_listed_kinds() {
    use crate::calendar::DayClass;
    let class_of = |k: HolidayKind| match k {
        HolidayKind::Statutory => DayClass::Statutory,
        HolidayKind::Compensatory => DayClass::Compensatory,
        HolidayKind::Swapped => DayClass::Swapped,
        HolidayKind::MakeupWorkingDay => DayClass::MakeupWorkingDay,
        HolidayKind::Provisional => DayClass::Provisional,
        HolidayKind::Pending => DayClass::Pending,
    };
    for opts in [
        VnOptions::PUBLIC_SECTOR,
        VnOptions::STATUTORY,
        VnOptions::WITH_PENDING,
    ] {
        let table = calendar(&opts).unwrap();
        let model = spec(&opts).unwrap().compile().unwrap();
        for year in [1996, 2007, 2013, 2019, 2024, 2026, 2027, 2029, 2100, 2199] {
            for h in holidays(year, &opts).unwrap() {
                let applied = h.kind != HolidayKind::Pending || opts.include_pending;
                for cal in [&table, &model] {
                    let got = cal.day_class(h.date).unwrap();
                    if !applied {
                        assert!(!matches!(got, DayClass::Pending), "{opts:?} {h:?}");
                        continue;
                    }
                    // a (pending) make-up day is worked: a make-up working day, or an ordinary
                    // working day when it is a weekday anyway
                    let want = if cal.is_working_day(h.date).unwrap() {
                        DayClass::MakeupWorkingDay
                    } else {
                        class_of(h.kind)
                    };
                    assert!(
                        got == want
                            || (want == DayClass::MakeupWorkingDay && got == DayClass::Working),
                        "{opts:?} {}: {got:?}, listed {:?}",
                        h.date,
                        h.kind
                    );
                }
            }
        }
    }
    let cal = public_sector().unwrap();
    let c = |s: &str| cal.day_class(d(s)).unwrap();
    assert_eq!(c("2026-01-01"), DayClass::Statutory);
    assert_eq!(c("2026-01-02"), DayClass::Swapped);
    assert_eq!(c("2026-01-10"), DayClass::MakeupWorkingDay);
    assert_eq!(c("2026-02-15"), DayClass::Statutory); // Tết on a Sunday
    assert_eq!(c("2026-02-14"), DayClass::WeeklyRest);
    assert_eq!(c("2026-02-20"), DayClass::Compensatory);
    assert_eq!(c("2026-04-27"), DayClass::Compensatory);
    assert_eq!(c("2026-08-31"), DayClass::Swapped);
    assert_eq!(c("2026-03-02"), DayClass::Working);
    assert_eq!(c("2027-01-01"), DayClass::Provisional);
    // a user closure keeps its own class
    let o = calendar_with_overlay(&VnOptions::default(), &[d("2026-03-09").into()], &[]).unwrap();
    assert_eq!(o.day_class(d("2026-03-09")).unwrap(), DayClass::Closure);
    assert_eq!(
        o.day_class(d("2026-02-20")).unwrap(),
        DayClass::Compensatory
    );
}

#[test]
fn overlay_wins_over_the_preset() {
    let closures = [SpecDay::Named {
        date: d("2026-03-09"),
        name: "Provincial day off".into(),
    }];
    let working = [
        SpecDay::Date(d("2026-09-01")),
        SpecDay::Date(d("2026-03-14")),
    ];
    let cal = calendar_with_overlay(&VnOptions::default(), &closures, &working).unwrap();
    assert!(!cal.is_working_day(d("2026-03-09")).unwrap());
    assert_eq!(cal.day_kind(d("2026-03-09")).unwrap(), DayKind::Closure);
    assert!(cal.is_working_day(d("2026-09-01")).unwrap());
    assert!(cal.is_working_day(d("2026-03-14")).unwrap());
    // a closure on a preset make-up Saturday
    let cal = calendar_with_overlay(
        &VnOptions::default(),
        &[SpecDay::Date(d("2026-01-10"))],
        &[],
    )
    .unwrap();
    assert!(!cal.is_working_day(d("2026-01-10")).unwrap());
    // a preset make-up Saturday named again: the caller's entry, listed once (not a date
    // listed twice, which a spec refuses)
    let again = [SpecDay::Named {
        date: d("2026-01-10"),
        name: "Làm bù (quyết định của tỉnh)".into(),
    }];
    let cal = calendar_with_overlay(&VnOptions::default(), &[], &again).unwrap();
    assert_eq!(
        cal.day_kind(d("2026-01-10")).unwrap(),
        DayKind::MakeupWorkingDay
    );
    assert_eq!(
        cal.day_name(d("2026-01-10")),
        Some("Làm bù (quyết định của tỉnh)")
    );
    // the same date twice in an overlay list
    let e = calendar_with_overlay(
        &VnOptions::default(),
        &[
            SpecDay::Date(d("2026-03-09")),
            SpecDay::Date(d("2026-03-09")),
        ],
        &[],
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidSpec);
    assert!(e.to_string().contains("2026-03-09 is listed twice"), "{e}");
    // the same date in both overlay lists
    let e = calendar_with_overlay(
        &VnOptions::default(),
        &[SpecDay::Date(d("2026-03-09"))],
        &[SpecDay::Date(d("2026-03-09"))],
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidSpec);
    assert!(e.to_string().contains("2026-03-09"), "{e}");
    // outside the range
    let e = calendar_with_overlay(
        &VnOptions::default(),
        &[SpecDay::Date(d("2200-01-02"))],
        &[],
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidSpec);
    // spec(): the caller's own overlay, compiled
    let mut s = spec(&VnOptions::default()).unwrap();
    s.closures.push(d("2026-03-09").into());
    assert!(!s
        .compile()
        .unwrap()
        .is_working_day(d("2026-03-09"))
        .unwrap());
}

#[test]
fn spec_round_trips_through_json() {
    let s = spec(&VnOptions::default()).unwrap();
    let text = serde_json::to_string(&s).unwrap();
    let back = CalendarSpec::from_json(&text).unwrap();
    assert_eq!(back, s);
}

// ------------------------------------------------------------------ shared vectors

fn vectors_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests")
        .join("vectors")
        .join("holidays.json")
}

fn evaluate(case: &Value) -> Result<Value> {
    let opts = match case
        .get("calendar")
        .and_then(Value::as_str)
        .unwrap_or("vietnam")
    {
        "vietnam" => VnOptions::PUBLIC_SECTOR,
        "vietnam_statutory" => VnOptions::STATUTORY,
        "vietnam_pending" => VnOptions::WITH_PENDING,
        other => panic!("unknown calendar {other}"),
    };
    let input = &case["input"];
    let date = |k: &str| crate::civil::parse_date(input[k].as_str().unwrap());
    match case["op"].as_str().unwrap() {
        "days_off" => {
            let cal = calendar(&opts)?;
            let days = cal.days_off(date("from")?, date("to")?)?;
            Ok(json!(days
                .iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()))
        }
        "is_working_day" => Ok(json!(calendar(&opts)?.is_working_day(date("date")?)?)),
        "holidays" => {
            let year = i32::try_from(input["year"].as_i64().unwrap()).unwrap();
            Ok(serde_json::to_value(holidays(year, &opts)?).unwrap())
        }
        other => panic!("unknown op {other}"),
    }
}

/// (d) `tests/vectors/holidays.json` (expected values computed independently in Python by
/// `tests/vectors/tools/gen_holiday_vectors.py`).
#[test]
fn shared_holiday_vectors() {
    let text = std::fs::read_to_string(vectors_path()).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    assert!(!file["source"].as_str().unwrap().is_empty());
    let cases = file["cases"].as_array().unwrap();
    assert!(cases.len() > 40);
    let mut ids = BTreeSet::new();
    let mut failures = Vec::new();
    for case in cases {
        let id = case["id"].as_str().unwrap();
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
        let got = evaluate(case);
        let ok = match (case.get("expected"), case.get("error"), &got) {
            (Some(e), None, Ok(v)) => matches(e, v),
            (None, Some(code), Err(err)) => code.as_str() == Some(err.code()),
            _ => false,
        };
        if !ok {
            failures.push(format!("{id}: got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The embedded data passes the checks of a user's schedules file and reads back as the
/// embedded tables.
#[test]
fn embedded_data_is_a_valid_schedules_file() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/vn-official-schedules.json"),
    )
    .unwrap();
    let file = Schedules::from_json(&text).unwrap();
    let years: Vec<i32> = file.years().collect();
    assert_eq!(years, (2016..=2027).collect::<Vec<_>>());
    for s in official_schedules() {
        assert_eq!(file.get(s.year), Some(s), "{}", s.year);
    }
}

/// Every day of a calendar built with a schedules file (the fast path: embedded tables with
/// the file's years swapped in) is the day of the calendar compiled from the named model (the
/// path of an embedded year): kind, working or not, and name.
#[test]
fn a_hand_written_schedules_year_may_leave_out_its_makeup_days() {
    let file = Schedules::from_json(
        r#"{"years":{"2027":{"status":"official","days_off":["2027-01-01","2027-01-04",
            "2027-02-08","2027-04-16","2027-04-30","2027-09-02","2027-11-24"]}}}"#,
    )
    .unwrap();
    let cal = Preset::default().with_schedules(file).calendar().unwrap();
    assert!(!cal.is_working_day(d("2027-01-04")).unwrap());
    // an unknown key of the year is named without an empty path
    let e =
        Schedules::from_json(r#"{"years":{"2027":{"status":"official","days_off":[],"foo":1}}}"#)
            .unwrap_err();
    assert!(e.message().contains("unknown key `foo` (expected"), "{e}");
    let e = Schedules::from_json(
        r#"{"years":{"2027":{"status":"official","days_off":[],"pending":{"days_off":[],"x":1}}}}"#,
    )
    .unwrap_err();
    assert!(e.message().contains("unknown key `x` in `pending`"), "{e}");
}

#[test]
fn a_schedules_file_choosing_the_other_national_day_day_names_it_statutory() {
    // Labour Code 2019 Art. 112(1)(đ), (3): 2 September and the day before or after it, as the
    // Prime Minister decides. 2027: 2 Sep is a Thursday, the usual pick is 3 Sep; an announced
    // 1 Sep is the holiday (it was named a swap, though no make-up day goes with it).
    let mut y2027 = Preset::default().schedule(2027).unwrap();
    y2027.status = ScheduleStatus::Official;
    let off: Vec<NaiveDate> = y2027
        .days_off
        .iter()
        .map(|&x| {
            if x == d("2027-09-03") {
                d("2027-09-01")
            } else {
                x
            }
        })
        .collect();
    assert!(off.contains(&d("2027-09-01")));
    y2027.days_off = off.into();
    let mut file = Schedules::new();
    file.insert(y2027).unwrap();
    let cal = Preset::default().with_schedules(file).calendar().unwrap();
    use crate::calendar::DayClass;
    assert_eq!(cal.day_class(d("2027-09-01")).unwrap(), DayClass::Statutory);
    assert_eq!(cal.day_name(d("2027-09-01")), Some("Quốc khánh"));
    assert!(cal.is_working_day(d("2027-09-03")).unwrap());
    // both days off: the statute's is the holiday, the other a swap
    let mut y2027 = Preset::default().schedule(2027).unwrap();
    y2027.status = ScheduleStatus::Official;
    let mut off = y2027.days_off.to_vec();
    off.push(d("2027-09-01"));
    off.sort();
    y2027.days_off = off.into();
    let mut file = Schedules::new();
    file.insert(y2027).unwrap();
    let cal = Preset::default().with_schedules(file).calendar().unwrap();
    assert_eq!(cal.day_class(d("2027-09-03")).unwrap(), DayClass::Statutory);
    assert_eq!(cal.day_class(d("2027-09-01")).unwrap(), DayClass::Swapped);
}

#[test]
fn a_schedules_file_year_is_as_if_embedded() {
    let mut y2027 = Preset::default().schedule(2027).unwrap();
    y2027.status = ScheduleStatus::Official;
    let mut off = y2027.days_off.to_vec();
    off.push(d("2027-02-11"));
    off.sort();
    y2027.days_off = off.into();
    y2027.makeup_working_days = vec![d("2027-02-20")].into();
    let mut file = Schedules::new();
    file.insert(y2027).unwrap();
    for opts in [
        VnOptions::PUBLIC_SECTOR,
        VnOptions::STATUTORY,
        VnOptions::WITH_PENDING,
    ] {
        let preset = Preset::new(opts).with_schedules(file.clone());
        let fast = preset.calendar().unwrap();
        let model = preset.spec().unwrap().compile().unwrap();
        let mut x = d("2025-12-01");
        while x <= d("2028-01-31") {
            assert_eq!(fast.day_kind(x).unwrap(), model.day_kind(x).unwrap(), "{x}");
            assert_eq!(
                fast.day_class(x).unwrap(),
                model.day_class(x).unwrap(),
                "{x}"
            );
            assert_eq!(fast.day_name(x), model.day_name(x), "{x}");
            x = x.succ_opt().unwrap();
        }
        // the file's year is announced: its days off carry their classes, not `provisional`
        use crate::calendar::DayClass;
        assert_eq!(fast.day_class(d("2027-02-11")).unwrap(), DayClass::Swapped);
        assert_eq!(
            fast.day_class(d("2027-01-01")).unwrap(),
            DayClass::Statutory
        );
        assert_eq!(
            fast.day_class(d("2027-11-24")).unwrap(),
            DayClass::Statutory
        );
        assert_eq!(
            fast.day_class(d("2027-02-20")).unwrap(),
            DayClass::MakeupWorkingDay
        );
        assert!(!fast.is_working_day(d("2027-02-11")).unwrap());
        assert!(fast.is_working_day(d("2027-02-20")).unwrap());
        assert_eq!(
            fast.day_kind(d("2027-02-20")).unwrap(),
            DayKind::MakeupWorkingDay
        );
        assert_eq!(
            fast.day_name(d("2027-02-11")),
            Some("Nghỉ hoán đổi dịp Tết Nguyên đán")
        );
        assert_eq!(
            fast.day_name(d("2027-02-20")),
            Some("Làm bù cho ngày 11/02/2027")
        );
        // the file's year wins whatever `official` says; 2026 follows the option
        assert_eq!(preset.schedule_source(2027).unwrap(), ScheduleSource::File);
        assert_eq!(
            preset.schedule_status(2027).unwrap(),
            ScheduleStatus::Official
        );
        assert_eq!(
            fast.is_working_day(d("2026-01-02")).unwrap(),
            !opts.official,
            "{opts:?}"
        );
    }
}

/// `Preset::schedule` of any year, passed back as a file, gives the same calendar.
#[test]
fn schedule_round_trips_for_every_kind_of_year() {
    for opts in [VnOptions::PUBLIC_SECTOR, VnOptions::STATUTORY] {
        let base = Preset::new(opts);
        let plain = base.calendar().unwrap();
        for year in [1996, 2000, 2010, 2019, 2026, 2027, 2029, 2030, 2150] {
            let mut file = Schedules::new();
            file.insert(base.schedule(year).unwrap()).unwrap();
            // through the JSON text, as a user would
            let file = Schedules::from_json(&file.to_json()).unwrap();
            let preset = Preset::new(opts).with_schedules(file);
            let cal = preset.calendar().unwrap();
            let (first, last) = year_bounds(year).unwrap();
            let mut x = first;
            while x <= last {
                assert_eq!(
                    cal.day_kind(x).unwrap(),
                    plain.day_kind(x).unwrap(),
                    "{opts:?} {x}"
                );
                x = x.succ_opt().unwrap();
            }
            assert_eq!(
                preset.holidays(year).unwrap(),
                base.holidays(year).unwrap(),
                "{opts:?} {year}"
            );
            assert_eq!(preset.schedule_source(year).unwrap(), ScheduleSource::File);
        }
    }
}

#[test]
fn schedule_sources() {
    let p = Preset::default();
    for (y, status, source) in [
        (2010, ScheduleStatus::Statutory, ScheduleSource::Statute),
        (2026, ScheduleStatus::Official, ScheduleSource::Embedded),
        (2027, ScheduleStatus::Provisional, ScheduleSource::Embedded),
        (2030, ScheduleStatus::Provisional, ScheduleSource::Statute),
    ] {
        let info = p.schedule_info(y).unwrap();
        assert_eq!((info.status, info.source), (status, source), "{y}");
    }
    let stat = Preset::new(VnOptions::STATUTORY);
    assert_eq!(
        stat.schedule_info(2026).unwrap().source,
        ScheduleSource::Statute
    );
    assert_eq!(
        stat.schedule_status(2030).unwrap(),
        ScheduleStatus::Statutory
    );
    assert_eq!(
        p.schedule_info(2200).unwrap_err().code(),
        "date_out_of_range"
    );
    // computed breaks: 2030, 24 Nov on a Sunday → 23–25 Nov
    let s = p.schedule(2030).unwrap();
    let culture = s
        .breaks
        .iter()
        .find(|b| b.name == "Ngày Văn hóa Việt Nam")
        .unwrap();
    assert_eq!(
        (culture.from, culture.to),
        (d("2030-11-23"), d("2030-11-25"))
    );
    assert!(s.days_off.contains(&d("2030-11-25")));
}

/// A year computed from the statute says that an announced schedule is not in use, not that none
/// was announced: 2010 and 2012–2015 had swaps (2 Jan 2015 off, 27 Dec 2014 worked) that the
/// embedded data, 2016–2026, does not hold. ("no announced schedule" asserted a guess as fact.)
#[test]
fn a_statutory_year_does_not_claim_that_nothing_was_announced() {
    for year in [1995, 2012, 2015] {
        let s = Preset::default().schedule(year).unwrap();
        assert_eq!(s.status, ScheduleStatus::Statutory, "{year}");
        assert!(!s.notes.contains("no announced schedule"), "{}", s.notes);
        assert!(
            s.notes.contains("the embedded ones cover 2016–2026"),
            "{}",
            s.notes
        );
        assert!(s.notes.contains("is not applied"), "{}", s.notes);
    }
}

/// Every day the preset names (1995–2199, embedded schedules and statute alone, pending days
/// included) reads back from its Vietnamese name to its English one: what an English
/// explanation prints, from a compiled calendar that keeps the Vietnamese name only.
#[test]
fn every_preset_name_reads_back_in_english() {
    let mut seen = 0;
    for official in [true, false] {
        for e in &embedded_model(official).unwrap().entries {
            let (vi, en) = e.names();
            assert_eq!(
                english_name(&vi).as_deref(),
                Some(en.as_str()),
                "{}",
                e.date
            );
            seen += 1;
        }
    }
    assert!(seen > 5_000, "{seen}");
    // Each role's name without its feast or its pair, and names the preset does not give.
    for (vi, en) in [
        ("Ngày lễ", Some("Public holiday")),
        ("Nghỉ bù", Some("Compensatory day off")),
        ("Nghỉ hoán đổi", Some("Swapped day off")),
        ("Làm bù", Some("Make-up working day")),
        ("Làm bù cho ngày 31/02/2026", None),
        ("Làm bù cho ngày 02/01/2026/1", None),
        ("Nghỉ bù Tết", None),
        ("Tết Nguyên đán ", None),
        ("Nghỉ mất điện", None),
    ] {
        assert_eq!(english_name(vi).as_deref(), en, "{vi}");
    }
}

/// `Schedules::insert` checks the year's range as `from_json` does: a year the calendar does
/// not cover was accepted, and the whole preset failed later with a message about lunar years
/// or the Labour Code, and `to_json` wrote a file `from_json` refuses.
#[test]
fn insert_refuses_a_year_outside_the_calendar() {
    for year in [1994, 2200, i32::MIN, i32::MAX] {
        let mut y = Preset::default().schedule(2027).unwrap();
        y.year = year;
        y.days_off = Vec::new().into();
        y.makeup_working_days = Vec::new().into();
        y.breaks = Vec::new().into();
        y.pending = None;
        let e = Schedules::new().insert(y).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::DateOutOfRange, "{year}");
        assert!(e.message().contains(&year.to_string()), "{e}");
    }
}
