//! Invariants of the working-day engine, checked with proptest on random calendar specs
//! against a naive day-by-day reference written here.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use motcua::calendar::{Broadcast, Weekmask};
use motcua::civil::day_number;
use motcua::{CalendarSpec, DayKind, ErrorKind, WorkCalendar};
use proptest::prelude::*;

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
}

const SPAN: i64 = 800;

prop_compose! {
    fn spec_strategy()(
        mask in 1u8..128,
        holidays in prop::collection::btree_set(0..SPAN, 0..60),
        makeup in prop::collection::btree_set(0..SPAN, 0..15),
    ) -> CalendarSpec {
        let mut spec = CalendarSpec::weekdays(base(), base() + Duration::days(SPAN - 1));
        let m: String = (0..7).map(|i| if mask & (1 << i) != 0 { '1' } else { '0' }).collect();
        spec.weekmask = m.parse::<Weekmask>().unwrap();
        for h in &holidays {
            if !makeup.contains(h) {
                spec.holidays.push((base() + Duration::days(*h)).into());
            }
        }
        for w in &makeup {
            spec.working_days.push((base() + Duration::days(*w)).into());
        }
        spec
    }
}

/// Day-by-day reference: is day `i` (offset from base) a working day?
fn naive_working(spec: &CalendarSpec) -> Vec<bool> {
    let hol: Vec<NaiveDate> = spec.holidays.iter().map(|h| h.date()).collect();
    let mk: Vec<NaiveDate> = spec.working_days.iter().map(|h| h.date()).collect();
    (0..SPAN)
        .map(|i| {
            let d = base() + Duration::days(i);
            if mk.contains(&d) {
                true
            } else if hol.contains(&d) {
                false
            } else {
                spec.weekmask.works(chrono::Datelike::weekday(&d))
            }
        })
        .collect()
}

fn naive_add(w: &[bool], i: i64, n: i64) -> Option<i64> {
    if n == 0 {
        return (i..SPAN).find(|&j| w[j as usize]);
    }
    let step = n.signum();
    let mut j = i;
    let mut left = n.abs();
    while left > 0 {
        j += step;
        if !(0..SPAN).contains(&j) {
            return None;
        }
        if w[j as usize] {
            left -= 1;
        }
    }
    Some(j)
}

fn naive_between(w: &[bool], a: i64, b: i64) -> i64 {
    let (lo, hi, s) = if a <= b { (a, b, 1) } else { (b, a, -1) };
    s * ((lo + 1)..=hi).filter(|&j| w[j as usize]).count() as i64
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn agrees_with_naive_reference(spec in spec_strategy(), i in 0..SPAN, j in 0..SPAN, n in -60i64..60) {
        let cal = spec.compile().unwrap();
        let w = naive_working(&spec);
        let d = base() + Duration::days(i);
        prop_assert_eq!(cal.is_working_day(d).unwrap(), w[i as usize]);
        let got = cal.add_working_days(d, n).ok().map(|x| (x - base()).num_days());
        prop_assert_eq!(got, naive_add(&w, i, n));
        prop_assert_eq!(cal.working_days_between(d, base() + Duration::days(j)).unwrap(), naive_between(&w, i, j));
    }

    #[test]
    fn between_inverts_add(spec in spec_strategy(), i in 0..SPAN, n in 1i64..80) {
        let cal = spec.compile().unwrap();
        let a = base() + Duration::days(i);
        if let Ok(b) = cal.add_working_days(a, n) {
            prop_assert_eq!(cal.working_days_between(a, b).unwrap(), n);
            prop_assert!(cal.is_working_day(b).unwrap(), "add lands on a working day");
            prop_assert!(b > a);
        }
        // negative n: holds when a is a working day
        if cal.is_working_day(a).unwrap() {
            if let Ok(b) = cal.add_working_days(a, -n) {
                prop_assert_eq!(cal.working_days_between(a, b).unwrap(), -n);
                prop_assert!(cal.is_working_day(b).unwrap());
            }
        }
    }

    #[test]
    fn add_is_monotonic(spec in spec_strategy(), i in 0..SPAN - 1, n in -40i64..40) {
        let cal = spec.compile().unwrap();
        let a = base() + Duration::days(i);
        let (x, y) = (cal.add_working_days(a, n), cal.add_working_days(a + Duration::days(1), n));
        if let (Ok(x), Ok(y)) = (x, y) {
            prop_assert!(x <= y, "add({a}, {n}) = {x} > add({a}+1, {n}) = {y}");
        }
        let (x, y) = (cal.add_working_days(a, n), cal.add_working_days(a, n + 1));
        if let (Ok(x), Ok(y)) = (x, y) {
            prop_assert!(x < y || (n == 0 && x == y), "add({a}, {n}) = {x}, add({a}, {}) = {y}", n + 1);
        }
    }

    #[test]
    fn bulk_matches_scalar(spec in spec_strategy(), days in prop::collection::vec(-5i64..SPAN + 5, 0..50), n in -20i64..20) {
        let cal = spec.compile().unwrap();
        let nums: Vec<i64> = days.iter().map(|&i| i64::from(day_number(base())) + i).collect();
        let mut out = vec![0i64; nums.len()];
        let res = cal.add_working_days_bulk(&nums, Broadcast::Scalar(n), &mut out);
        let first_bad = nums.iter().position(|&d| cal.add_working_days_number(d, n).is_err());
        match (res, first_bad) {
            (Ok(()), None) => {
                for (d, o) in nums.iter().zip(&out) {
                    prop_assert_eq!(*o, cal.add_working_days_number(*d, n).unwrap());
                }
            }
            (Err(e), Some(i)) => prop_assert_eq!(e.index(), Some(i)),
            (r, f) => prop_assert!(false, "bulk {:?} vs first bad {:?}", r, f),
        }
        let as32: Vec<i32> = nums.iter().map(|&d| d as i32).collect();
        let mut out32 = vec![0i32; as32.len()];
        if cal.add_working_days_bulk(&as32, Broadcast::Scalar(n as i32), &mut out32).is_ok() {
            prop_assert!(out.iter().zip(&out32).all(|(a, b)| *a == i64::from(*b)));
        }
    }

    #[test]
    fn working_hours_round_trip(spec in spec_strategy(), i in 0..SPAN - 40, minute in 0u32..1440, secs in 1i64..200_000) {
        let cal = spec.compile().unwrap();
        let at = NaiveDateTime::new(base() + Duration::days(i), NaiveTime::from_num_seconds_from_midnight_opt(minute * 60, 0).unwrap());
        if let Ok(end) = cal.add_working_seconds(at, secs) {
            prop_assert_eq!(cal.working_seconds_between(at, end).unwrap(), secs);
            prop_assert!(end > at);
            prop_assert!(cal.is_working_day(end.date()).unwrap());
            let t = end.time();
            prop_assert!(cal.office_hours().sessions().iter().any(|(s, e)| *s < t && t <= *e));
        }
    }
}

#[test]
fn kinds_and_out_of_range() {
    let mut spec = CalendarSpec::weekdays(base(), base() + Duration::days(SPAN - 1));
    spec.working_days
        .push(NaiveDate::from_ymd_opt(2020, 1, 4).unwrap().into());
    spec.closures
        .push(NaiveDate::from_ymd_opt(2020, 1, 6).unwrap().into());
    let cal: WorkCalendar = spec.compile().unwrap();
    assert_eq!(
        cal.day_kind(NaiveDate::from_ymd_opt(2020, 1, 4).unwrap())
            .unwrap(),
        DayKind::MakeupWorkingDay
    );
    assert_eq!(
        cal.day_kind(NaiveDate::from_ymd_opt(2020, 1, 6).unwrap())
            .unwrap(),
        DayKind::Closure
    );
    assert_eq!(
        cal.day_kind(NaiveDate::from_ymd_opt(2020, 1, 5).unwrap())
            .unwrap(),
        DayKind::WeeklyRest
    );
    let e = cal
        .is_working_day(NaiveDate::from_ymd_opt(2019, 12, 31).unwrap())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DateOutOfRange);
    assert!(e.to_string().contains("2019-12-31"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A day number outside the calendar, however extreme (near `i64::MIN`: uninitialised
    /// memory read as `datetime64[D]`), is `date_out_of_range` in every scalar and bulk query,
    /// never a wrapped index answering with a date inside the calendar.
    #[test]
    fn extreme_day_numbers_are_out_of_range(
        d in prop_oneof![
            (i64::MIN + 1)..i64::from(i32::MIN),
            i64::from(i32::MIN)..-1_000_000i64,
            1_000_000i64..i64::MAX,
            Just(i64::MIN + 1),
            Just(i64::MAX),
        ],
        n in prop_oneof![any::<i64>(), -5i64..5],
    ) {
        let cal = motcua::vn::public_sector().unwrap();
        let ok = |e: motcua::Error| e.kind() == ErrorKind::DateOutOfRange;
        prop_assert!(cal.is_working_day_number(d).map_err(ok) == Err(true));
        prop_assert!(cal.day_kind_number(d).map_err(ok) == Err(true));
        prop_assert!(cal.add_working_days_number(d, n).map_err(ok) == Err(true));
        prop_assert!(cal.working_days_between_numbers(d, 20000).map_err(ok) == Err(true));
        prop_assert!(cal.working_days_between_numbers(20000, d).map_err(ok) == Err(true));
        let days = [20000i64, d];
        let mut out = [0i64; 2];
        let e = cal.add_working_days_bulk(&days, Broadcast::Scalar(1i64), &mut out).unwrap_err();
        prop_assert_eq!((e.kind(), e.index()), (ErrorKind::DateOutOfRange, Some(1)));
        let mut flags = [0u8; 2];
        let e = cal.is_working_day_bulk(&days, &mut flags, 255).unwrap_err();
        prop_assert_eq!((e.kind(), e.index()), (ErrorKind::DateOutOfRange, Some(1)));
    }

    /// Any n on a date inside the calendar: an answer inside it, or `date_out_of_range`.
    #[test]
    fn any_n_is_answered_or_out_of_range(i in 0i64..SPAN, n in any::<i64>()) {
        let cal = motcua::vn::public_sector().unwrap();
        let d = i64::from(day_number(base())) + i;
        match cal.add_working_days_number(d, n) {
            Ok(x) => prop_assert!(cal.is_working_day_number(x).unwrap()),
            Err(e) => prop_assert_eq!(e.kind(), ErrorKind::DateOutOfRange),
        }
    }
}
