//! The packed year format of the lunar tables, and the little Gregorian arithmetic the hot paths
//! use instead of building `NaiveDate`s.
//!
//! One `u32` per lunar year (the year that starts at its Tết, month 1 day 1):
//!
//! | bits | content |
//! |---|---|
//! | 0–12 | month lengths: bit *m* set = the month at position *m* (0-based, leap month included) has 30 days, clear = 29 |
//! | 13–16 | the leap month's number (1–12; 0 = no leap month). It is also the leap month's position, since it follows the regular month of the same number |
//! | 17–22 | Tết's day of the Gregorian year, 0-based (30 = 31 January) |
//!
//! The start of month position *m* within the year is 29·*m* plus the number of 30-day months
//! before it (one `count_ones`), so every lookup is a handful of bit operations.

use super::{FIRST_YEAR, YEAR_COUNT};

/// Bits 0–12: month lengths.
const LENGTH_MASK: u32 = 0x1FFF;

/// Packs one year; `tet_ordinal0` < 64, `leap_month` ≤ 12, `long_months` < 2¹³.
pub(super) const fn pack(tet_ordinal0: u32, leap_month: u32, long_months: u32) -> u32 {
    ((tet_ordinal0 & 0x3F) << 17) | ((leap_month & 0xF) << 13) | (long_months & LENGTH_MASK)
}

/// Tết's day of the Gregorian year (0-based).
#[inline]
pub(super) const fn tet_ordinal0(year: u32) -> u32 {
    year >> 17
}

/// The leap month's number, 0 if the year has none.
#[inline]
pub(super) const fn leap_month(year: u32) -> u32 {
    (year >> 13) & 0xF
}

/// The number of months: 12, or 13 with a leap month.
#[inline]
pub(super) const fn month_count(year: u32) -> u32 {
    12 + (leap_month(year) != 0) as u32
}

/// The day (0-based, counted from Tết) on which the month at `position` (0..=13) starts;
/// position 12 or 13 (one past the last month) gives the length of the year.
#[inline]
pub(super) const fn month_start(year: u32, position: u32) -> u32 {
    let before = (1u32 << (position & 15)) - 1;
    29 * position + (year & LENGTH_MASK & before).count_ones()
}

/// The length (29 or 30) of the month at `position`.
#[inline]
pub(super) const fn month_length(year: u32, position: u32) -> u32 {
    29 + ((year >> (position & 15)) & 1)
}

/// The number of days of the lunar year.
#[inline]
pub(super) const fn year_length(year: u32) -> u32 {
    month_start(year, month_count(year))
}

/// The day numbers of Tết of each lunar year of a table (lunar year `FIRST_YEAR + i`), and of
/// the Tết that follows its last year, for the compiled tables: evaluated at compile time.
#[allow(clippy::indexing_slicing)] // const evaluation only: a bad index fails the build
pub(super) const fn tet_day_numbers(years: &[u32; YEAR_COUNT]) -> [i32; YEAR_COUNT + 1] {
    let mut out = [0; YEAR_COUNT + 1];
    let mut i = 0;
    while i < YEAR_COUNT {
        out[i] = jan1_day_number(FIRST_YEAR + i as i32) + tet_ordinal0(years[i]) as i32;
        i += 1;
    }
    out[YEAR_COUNT] = out[YEAR_COUNT - 1] + year_length(years[YEAR_COUNT - 1]) as i32;
    out
}

/// [`tet_day_numbers`] for a table computed at run time.
pub(super) fn tet_day_numbers_of(years: &[u32]) -> Vec<i32> {
    let mut out: Vec<i32> = (FIRST_YEAR..)
        .zip(years)
        .map(|(year, &y)| jan1_day_number(year) + tet_ordinal0(y) as i32)
        .collect();
    if let (Some(&last_tet), Some(&last_year)) = (out.last(), years.last()) {
        out.push(last_tet + year_length(last_year) as i32);
    }
    out
}

/// Whether `year` is a Gregorian leap year.
#[inline]
pub(super) const fn is_gregorian_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days of Gregorian `year`.
#[inline]
pub(super) const fn gregorian_year_length(year: i32) -> u32 {
    365 + is_gregorian_leap(year) as u32
}

/// The day number (days since 1970-01-01) of 1 January of `year`, for `year` ≥ 1.
#[inline]
pub(super) const fn jan1_day_number(year: i32) -> i32 {
    let y = year - 1;
    365 * (year - 1970) + y / 4 - y / 100 + y / 400 - 477
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::civil::day_number;
    use chrono::{Datelike, NaiveDate};

    #[test]
    fn gregorian_arithmetic_matches_chrono() {
        let mut date = NaiveDate::from_ymd_opt(1800, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2400, 12, 31).unwrap();
        while date <= end {
            let n = day_number(date);
            if date.ordinal0() == 0 {
                assert_eq!(jan1_day_number(date.year()), n, "{date}");
                assert_eq!(
                    gregorian_year_length(date.year()),
                    if date.leap_year() { 366 } else { 365 }
                );
            }
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn month_starts_add_up() {
        let year = pack(30, 8, 0b1_0110_1010_0101);
        assert_eq!(month_count(year), 13);
        let mut start = 0;
        for position in 0..13 {
            assert_eq!(month_start(year, position), start);
            start += month_length(year, position);
        }
        assert_eq!(year_length(year), start);
        assert_eq!(tet_ordinal0(year), 30);
        assert_eq!(leap_month(year), 8);
    }
}
