//! The rules of the lunisolar calendar applied to the astronomy of [`super::astro`]: from new
//! moons and solar terms at a given UTC offset to the packed year table of [`super::packed`].
//! This is what generated `table_vn.rs` and `table_cn.rs`, and what
//! [`LunarCalendar::with_utc_offset_minutes`](super::LunarCalendar::with_utc_offset_minutes)
//! runs for any other offset.
//!
//! The rules (the Chinese calendar as reformed in 1645, used in Vietnam):
//! 1. A month begins on the local civil day of the astronomical new moon.
//! 2. Month 11 is the month containing the local day of the December solstice (apparent solar
//!    longitude 270°).
//! 3. From one month 11 to the next there are 12 or 13 months; with 13, the first month after
//!    month 11 that contains no principal term (*trung khí*, longitude a multiple of 30°) is
//!    the leap month and repeats the number of the month before it.
//! 4. The lunar year begins with month 1 (Tết) and takes the number of the Gregorian year in
//!    which that day falls.

use chrono::Datelike;

use super::{astro, packed, FIRST_YEAR, LAST_YEAR, YEAR_COUNT};
use crate::civil;
use crate::error::{Error, ErrorKind, Result};

/// Minutes per day.
pub(super) const MINUTES_PER_DAY: f64 = 1_440.0;

/// Day number of 1899-10-01: the first new moon computed is the first after it, well before
/// the December 1899 solstice (month 11 of lunar year 1899).
const SCAN_FROM_DAY: i32 = -25_659;

/// Day number of 2201-03-01: well after the month 11 of lunar year 2200, so that every month up
/// to Tết 2200 is numbered.
const SCAN_TO_DAY: i32 = 84_427;

/// The mean motion of the Sun in longitude, degrees per day.
pub(super) const SUN_DEGREES_PER_DAY: f64 = 0.985_647_36;

/// The local civil day (day number) containing the instant `jd_ut` at `offset_minutes`.
fn local_day(jd_ut: f64, offset_minutes: i32) -> i32 {
    (jd_ut - astro::JD_UNIX_EPOCH + f64::from(offset_minutes) / MINUTES_PER_DAY).floor() as i32
}

/// The instant (Julian day, UT) of local midnight starting day number `day`.
fn local_midnight(day: i32, offset_minutes: i32) -> f64 {
    astro::JD_UNIX_EPOCH + f64::from(day) - f64::from(offset_minutes) / MINUTES_PER_DAY
}

/// The Sun's apparent longitude at `jd_ut`, unwrapped (counted in degrees since J2000.0's
/// equinox, not reduced to one turn) so that principal terms can be numbered consecutively.
fn unwrapped_solar_longitude(jd_ut: f64) -> f64 {
    let lambda = astro::apparent_solar_longitude_ut(jd_ut);
    let mean = 280.466_46 + SUN_DEGREES_PER_DAY * (jd_ut - 2_451_545.0);
    lambda + 360.0 * ((mean - lambda) / 360.0).round()
}

/// A lunation as the calendar sees it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Lunation {
    /// The instant of the new moon (Julian day, UT).
    #[cfg_attr(not(test), allow(dead_code))] // read by the generator's report
    pub(super) new_moon: f64,
    /// The local day of the new moon: the first day of the month.
    pub(super) start: i32,
    /// The number of the first principal term at or after the local midnight starting `start`
    /// (term n is solar longitude 30·n°, unwrapped), so the month holds the terms
    /// `first_term..next.first_term`.
    first_term: i64,
    /// The Sun's unwrapped longitude at that midnight.
    #[cfg_attr(not(test), allow(dead_code))] // read by the generator's report
    pub(super) longitude_at_start: f64,
}

/// A month with its number.
#[derive(Debug, Clone, Copy)]
struct Month {
    start: i32,
    length: i32,
    number: u8,
    leap: bool,
}

fn internal(message: String) -> Error {
    Error::new(
        ErrorKind::InvalidLunarDate,
        format!("lunar table computation failed: {message}"),
    )
}

/// Every lunation whose new moon falls in the scan window, at `offset_minutes`.
pub(super) fn lunations(offset_minutes: i32) -> Vec<Lunation> {
    let first = astro::lunation_after(local_midnight(SCAN_FROM_DAY, offset_minutes));
    let last = astro::lunation_after(local_midnight(SCAN_TO_DAY, offset_minutes));
    (first..=last)
        .map(|k| {
            let new_moon = astro::new_moon_ut(k);
            let start = local_day(new_moon, offset_minutes);
            let longitude_at_start =
                unwrapped_solar_longitude(local_midnight(start, offset_minutes));
            Lunation {
                new_moon,
                start,
                first_term: (longitude_at_start / 30.0).ceil() as i64,
                longitude_at_start,
            }
        })
        .collect()
}

/// Whether the principal terms `first..end` include the December solstice (270°).
fn holds_solstice(first: i64, end: i64) -> bool {
    (first..end).any(|term| term.rem_euclid(12) == 9)
}

/// Numbers the months from the first month 11 to the last month 11 (exclusive) of the scan.
fn numbered_months(lunations: &[Lunation]) -> Result<Vec<Month>> {
    // Month i runs from lunation i to lunation i + 1.
    let spans: Vec<(Lunation, Lunation)> = lunations
        .iter()
        .zip(lunations.iter().skip(1))
        .map(|(a, b)| (*a, *b))
        .collect();
    let elevens: Vec<usize> = spans
        .iter()
        .enumerate()
        .filter(|(_, (a, b))| holds_solstice(a.first_term, b.first_term))
        .map(|(i, _)| i)
        .collect();
    let mut months = Vec::with_capacity(spans.len());
    for (&from, &to) in elevens.iter().zip(elevens.iter().skip(1)) {
        let sui = spans
            .get(from..to)
            .ok_or_else(|| internal(format!("months {from}..{to} missing")))?;
        let leap = match sui.len() {
            12 => None,
            13 => Some(
                sui.iter()
                    .skip(1)
                    .position(|(a, b)| a.first_term == b.first_term)
                    .map(|p| p + 1)
                    .ok_or_else(|| {
                        internal(format!(
                            "no month without a principal term after month {from}"
                        ))
                    })?,
            ),
            n => return Err(internal(format!("{n} months between two solstice months"))),
        };
        let mut number = 10u8;
        for (position, (a, b)) in sui.iter().enumerate() {
            let is_leap = leap == Some(position);
            if !is_leap {
                number = number % 12 + 1;
            }
            months.push(Month {
                start: a.start,
                length: b.start - a.start,
                number,
                leap: is_leap,
            });
        }
    }
    Ok(months)
}

/// The packed year table, lunar years `FIRST_YEAR..=LAST_YEAR`, at `offset_minutes` east of UTC.
pub(super) fn year_table(offset_minutes: i32) -> Result<Vec<u32>> {
    let months = numbered_months(&lunations(offset_minutes))?;
    let tets: Vec<usize> = months
        .iter()
        .enumerate()
        .filter(|(_, m)| m.number == 1 && !m.leap)
        .map(|(i, _)| i)
        .collect();
    let mut table = Vec::with_capacity(YEAR_COUNT);
    for (&from, &to) in tets.iter().zip(tets.iter().skip(1)) {
        let year_months = months
            .get(from..to)
            .ok_or_else(|| internal(format!("months {from}..{to} missing")))?;
        let tet = year_months
            .first()
            .ok_or_else(|| internal("empty year".into()))?;
        let year = civil::date_from_day_number(i64::from(tet.start))?.year();
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            continue;
        }
        if i64::from(FIRST_YEAR) + table.len() as i64 != i64::from(year) {
            return Err(internal(format!("lunar year {year} out of sequence")));
        }
        if !(12..=13).contains(&year_months.len()) {
            return Err(internal(format!("{} months in {year}", year_months.len())));
        }
        let mut long_months = 0u32;
        let mut leap_month = 0u32;
        for (position, month) in (0u32..).zip(year_months) {
            match month.length {
                29 => {}
                30 => long_months |= 1 << position,
                n => return Err(internal(format!("a month of {n} days in {year}"))),
            }
            if month.leap {
                leap_month = u32::from(month.number);
                if leap_month != position {
                    return Err(internal(format!(
                        "leap month {leap_month} at position {position}"
                    )));
                }
            }
        }
        let expected_count = 12 + u32::from(leap_month != 0);
        if year_months.len() != expected_count as usize {
            return Err(internal(format!("{} months in {year}", year_months.len())));
        }
        let tet_ordinal0 = u32::try_from(tet.start - packed::jan1_day_number(year))
            .ok()
            .filter(|&d| d < 64)
            .ok_or_else(|| internal(format!("Tết {year} outside January–February")))?;
        table.push(packed::pack(tet_ordinal0, leap_month, long_months));
    }
    if table.len() != YEAR_COUNT {
        return Err(internal(format!("{} years computed", table.len())));
    }
    Ok(table)
}
