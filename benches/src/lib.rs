//! Shared helpers for the criterion benchmarks in `benches/benches/` and the instruction-count
//! loop in `benches/examples/`.

use chrono::{Duration, NaiveDateTime, NaiveTime};
use motcua::civil::{date_from_day_number, day_number};
use motcua::dossier::{Channel, Dossier, Event, EventKind};
use motcua::procedure::TimeLimit;
use motcua::{CalendarSpec, WorkCalendar};

/// The calendar benchmarks run on: Monday–Friday 1995–2199.
pub fn bench_calendar() -> WorkCalendar {
    let from = chrono::NaiveDate::from_ymd_opt(1995, 1, 1).unwrap_or_default();
    let to = chrono::NaiveDate::from_ymd_opt(2199, 12, 31).unwrap_or_default();
    CalendarSpec::weekdays(from, to)
        .compile()
        .unwrap_or_else(|e| unreachable_calendar(&e))
}

fn unreachable_calendar(e: &motcua::Error) -> WorkCalendar {
    // The calendars above are valid by construction; report loudly if that ever changes.
    eprintln!("bench calendar failed to compile: {e}");
    std::process::abort()
}

/// `n` pseudo-random day numbers in 2000..2150 (xorshift, seeded: reproducible).
pub fn random_days(n: usize, seed: u64) -> Vec<i32> {
    let lo = day_number(chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default());
    let hi = day_number(chrono::NaiveDate::from_ymd_opt(2150, 1, 1).unwrap_or_default());
    let span = u64::try_from(hi - lo).unwrap_or(1);
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            lo + i32::try_from(x % span).unwrap_or(0)
        })
        .collect()
}

/// The naive reference: step day by day until `n ≥ 1` working days have passed.
pub fn naive_add(cal: &WorkCalendar, d: i64, n: i64) -> i64 {
    let mut day = d;
    let mut left = n;
    while left > 0 {
        day += 1;
        if cal.is_working_day_number(day).unwrap_or(false) {
            left -= 1;
        }
    }
    day
}

/// The as-of instant the deadline benchmarks classify at: after every dossier of
/// [`bench_dossiers`], so that none is left out.
pub fn bench_as_of() -> NaiveDateTime {
    let day = chrono::NaiveDate::from_ymd_opt(2060, 12, 31).unwrap_or_default();
    day.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default())
}

/// The deadline benchmark's data set: `n` dossiers received on random days of 2019–2043 between
/// 08:15 and 16:15, with working-day limits of 1–20 days, a third online, 90% resolved 0–24
/// days after receipt (seeded: reproducible).
pub fn bench_dossiers(n: usize) -> Vec<Dossier> {
    let days = random_days(n, 4);
    days.iter()
        .enumerate()
        .map(|(i, &d)| {
            let date = date_from_day_number(i64::from(d % 9000 + 18_000)).unwrap_or_default();
            let hour = 8 + u32::try_from(i % 9).unwrap_or(0);
            let time = NaiveTime::from_hms_opt(hour, 15, 0).unwrap_or_default();
            let received = NaiveDateTime::new(date, time);
            let limit = 1 + u32::try_from(i % 20).unwrap_or(0);
            let mut dossier = Dossier::new(TimeLimit::WorkingDays(limit), received);
            dossier.channel = if i % 3 == 0 {
                Channel::Online
            } else {
                Channel::Direct
            };
            if i % 10 != 0 {
                let after = Duration::days(i64::try_from(i % 25).unwrap_or(0));
                dossier
                    .events
                    .push(Event::new(EventKind::Resolved, received + after));
            }
            dossier
        })
        .collect()
}
