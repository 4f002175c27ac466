//! Integer timestamps read as Vietnam wall-clock time (kept out of the published crate, as the
//! other unit tests' files are).

use super::*;
use chrono::Timelike;

proptest::proptest! {
    /// An integer timestamp's day number and time of day, by every unit and clock, are
    /// chrono's reading of its whole seconds (floored, for values before 1970 too), moved
    /// by 7 hours from UTC; with no overflow for any i64, those chrono cannot read
    /// included.
    #[test]
    fn wall_clock_parts_are_chronos_reading(
        value in proptest::prop_oneof![
            -4_000_000_000_000_000_000i64..4_000_000_000_000_000_000,
            -20_000_000_000i64..20_000_000_000,
            proptest::num::i64::ANY,
            (i64::MAX - 30_000_000_000_000)..=i64::MAX,
            i64::MIN..(i64::MIN + 30_000_000_000_000),
        ],
        unit in 0usize..4,
        utc in proptest::bool::ANY,
    ) {
        let (unit, per) = [
            (TimeUnit::Second, 1i64),
            (TimeUnit::Millisecond, 1_000),
            (TimeUnit::Microsecond, 1_000_000),
            (TimeUnit::Nanosecond, 1_000_000_000),
        ][unit];
        let clock = if utc { Clock::Utc } else { Clock::VietnamWall };
        let (days, time) = wall_clock_parts(value, unit, clock);
        let offset = if utc { i64::from(VIETNAM_UTC_OFFSET_SECONDS) } else { 0 };
        let secs = i128::from(value).div_euclid(i128::from(per)) + i128::from(offset);
        let want_days = secs.div_euclid(86_400);
        proptest::prop_assert_eq!(i128::from(days), want_days);
        let sod = u32::try_from(secs.rem_euclid(86_400)).unwrap();
        proptest::prop_assert_eq!(time.num_seconds_from_midnight(), sod);
        if let Some(t) = i64::try_from(secs).ok().and_then(|s| chrono::DateTime::from_timestamp(s, 0)) {
            let t = t.naive_utc();
            proptest::prop_assert_eq!((i64::from(day_number(t.date())), t.time()), (days, time));
        }
    }
}
