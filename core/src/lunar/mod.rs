//! The Vietnamese lunisolar calendar (*âm lịch*): Gregorian date ↔ lunar date, lunar years
//! 1900..=2199 (dates 1900-01-31..=2199-12-31), leap months, Tết, and the sexagenary year names.
//!
//! ```
//! use motcua::lunar::{from_lunar, to_lunar, LunarDate};
//! let tet = chrono::NaiveDate::from_ymd_opt(2025, 1, 29).unwrap();
//! assert_eq!(to_lunar(tet)?, LunarDate { year: 2025, month: 1, day: 1, leap: false });
//! assert_eq!(from_lunar(2025, 3, 10, false)?.to_string(), "2025-04-07"); // Hùng Kings' day
//! # Ok::<(), motcua::Error>(())
//! ```
//!
//! # Rules
//!
//! The Vietnamese calendar is the Chinese calendar (as reformed in 1645) computed for the
//! meridian of Vietnam:
//!
//! 1. A month begins on the civil day, at UTC+7, of the astronomical new moon.
//! 2. Month 11 is the month that contains the day of the December solstice (apparent solar
//!    longitude 270°).
//! 3. When 13 months begin between one month 11 and the next, the first of them without a
//!    principal term (*trung khí*: a moment when the solar longitude is a multiple of 30°) is
//!    the leap month (*tháng nhuận*); it has the number of the month before it
//!    ([`LunarDate::leap`] is `true`).
//! 4. Month 1 day 1 is Tết Nguyên đán. A lunar year takes the number of the Gregorian year in
//!    which its Tết falls, so the months 11 and 12 before Tết belong to the previous year
//!    (1984-01-01 is day 29 of month 11 of lunar year 1983).
//!
//! Months have 29 or 30 days; a year has 12 months (353–355 days) or 13 (383–385 days).
//!
//! **UTC+7 for every year.** Vietnam has computed its calendar for UTC+7 since 1968 (before,
//! the North and the South used the Chinese calendar at UTC+8 at various times); this module
//! applies UTC+7 to all years, as the standard modern converters do. Almanacs printed before
//! 1968 may therefore differ for some months (e.g. Tết 1968 itself: 1968-01-29 at UTC+7, when
//! the South celebrated on 1968-01-30 by the UTC+8 reckoning). The Chinese calendar is the
//! same rule at UTC+8: [`LunarCalendar::china`]. Known differences between the two: Tết 1985
//! (1985-01-21 in Vietnam, 1985-02-20 in China): the December 1984 solstice fell at 23:23 UTC+7
//! on the 21st (00:23 UTC+8 on the 22nd, the day of the new moon), so in Vietnam month 11 is
//! the month from 1984-11-23, 1984 has no leap month and 1985 has a leap month 2, while China
//! has a leap month 10 in 1984; and Tết 2007 (2007-02-17 vs 2007-02-18: new moon at 23:14
//! UTC+7 / 00:14 UTC+8).
//!
//! **Hồ Ngọc Đức's converter.** Much Vietnamese software (and the PyPI packages `vnlunar` and
//! `lunar-vn`) uses Hồ Ngọc Đức's algorithm, whose new moons come from a shorter series. Where a
//! new moon falls within about a minute and a half before midnight at UTC+7, it can place the
//! new moon after midnight and start the month a day later. Between 1900 and 2100 this happens
//! three times: the months that begin here on 1944-06-20, 2072-12-09 and 2077-11-15 (new moons
//! 25–92 s before midnight) begin a day later there. Tết and the leap months are the same.
//!
//! # How it is computed
//!
//! Like `icu_calendar`'s Chinese calendar, the astronomy runs once, offline: the new moons of
//! Meeus, *Astronomical Algorithms* (2nd ed.), chapter 49, with all periodic terms, and the
//! Sun's apparent longitude of chapter 25 (VSOP87 as truncated in Appendix III, FK5
//! correction, the 63-term IAU 1980 nutation and aberration), both in Terrestrial Time,
//! converted to Universal Time with the ΔT polynomials of Espenak & Meeus (NASA, *Five
//! Millennium Canon of Solar Eclipses*, 2006). The result is a committed table of one `u32` per
//! lunar year (Tết, leap month, the 29/30-day month lengths): `table_vn.rs` (UTC+7) and
//! `table_cn.rs` (UTC+8). A unit test recomputes both from the astronomy and fails on any
//! difference; `MOTCUA_REGENERATE=1 cargo test -p motcua --lib lunar::` rewrites them.
//! Conversions are then a table read and a few bit operations (no loop, no floating point).
//! [`LunarCalendar::with_utc_offset_minutes`] runs the same computation for any other offset.
//!
//! The expected values of the shared test vectors (`tests/vectors/lunar.json`) come from an
//! independent computation, not from this code: the same rules applied by
//! `tests/vectors/tools/gen_lunar_vectors.py` to new moons and solar terms from JPL DE421
//! (through Skyfield, 1900–2050) and PyEphem (after 2050), cross-checked with PyEphem over the
//! whole range, with python-holidays' Vietnamese Tết and Hùng Kings' dates (1901–2099) and with
//! the Chinese-calendar package `lunardate` (1900–2099). They agree with these tables on every
//! month, except `lunardate` on seven Chinese month starts, all one day off: 1914-11, 1916-02
//! and 1920-11 (Chinese almanacs used Beijing local time, UTC+7:46, before 1929), 1933-07 and
//! 1978-09 (new moons 3 and 9 minutes after midnight, placed on the previous day by the
//! almanacs of the time), 1954-11 (new moon at 20:30 UTC+8: an error of `lunardate`'s table)
//! and 2057-09 (new moon 5 seconds after midnight with this ΔT). `table_cn.rs` follows the
//! rule; the vectors leave these months out of the Chinese set.
//!
//! # Months decided by minutes
//!
//! ΔT is known from observation up to the present; later values are extrapolations (about
//! 7½ minutes in 2199, uncertain by several minutes), and the theories above are accurate to
//! seconds. A month boundary is therefore certain unless the new moon (or the principal term
//! that decides month 11 or the leap month) falls within minutes of local midnight. These are
//! the instants within 10 minutes of midnight at UTC+7, as computed here (local date and time);
//! low-precision formulas, other ΔT models and printed almanacs may disagree on them. The new
//! moons within a minute of midnight use precise instants (JPL DE421 or PyEphem) rather than
//! Meeus's; of these, 1967-07-08 00:00:04 is the one where Meeus (6 s before midnight) would
//! start month 6 of 1967 a day early. Listed by `MOTCUA_REGENERATE=1 cargo test -p motcua --lib
//! lunar:: -- --nocapture` (and in `table_vn.rs`):
//!
//! - 1902-10-02 00:09:04 new moon
//! - 1906-01-25 00:09:17 new moon
//! - 1912-12-09 00:06:30 new moon
//! - 1934-07-12 00:05:53 new moon
//! - 1938-09-23 23:59:36 principal term 180° (month starting 1938-09-24)
//! - 1944-06-20 23:59:33 new moon
//! - 1961-05-14 23:54:07 new moon
//! - 1967-07-08 00:00:04 new moon
//! - 1976-03-31 00:08:01 new moon
//! - 1994-05-11 00:06:40 new moon
//! - 1995-09-24 23:54:51 new moon
//! - 1996-12-10 23:56:19 new moon
//! - 1997-10-01 23:51:39 new moon
//! - 1997-12-29 23:56:36 new moon
//! - 1998-09-21 00:01:26 new moon
//! - 2008-11-27 23:54:42 new moon
//! - 2031-04-21 23:57:02 new moon
//! - 2033-09-22 23:51:34 principal term 180° (month starting 2033-09-23)
//! - 2051-03-12 23:52:10 new moon
//! - 2054-05-08 00:00:29 new moon
//! - 2062-12-30 23:56:42 new moon
//! - 2070-12-02 23:53:28 new moon
//! - 2072-12-09 23:58:48 new moon
//! - 2073-08-04 00:03:47 new moon
//! - 2073-12-28 23:55:06 new moon
//! - 2077-11-15 23:59:52 new moon
//! - 2078-11-04 23:56:02 new moon
//! - 2079-08-27 00:02:21 new moon
//! - 2084-03-07 00:03:34 new moon
//! - 2084-08-02 00:03:56 new moon
//! - 2085-10-18 23:59:36 new moon
//! - 2086-04-13 23:52:54 new moon
//! - 2090-09-24 00:02:43 new moon
//! - 2099-09-14 23:50:23 new moon
//! - 2110-10-14 00:08:48 new moon
//! - 2114-04-06 00:03:52 new moon
//! - 2117-02-02 00:09:35 new moon
//! - 2125-01-04 23:57:06 new moon
//! - 2130-05-07 23:58:06 new moon
//! - 2131-12-19 23:56:08 new moon
//! - 2134-07-21 23:53:15 new moon
//! - 2138-04-10 00:03:30 new moon
//! - 2141-06-04 23:52:12 new moon
//! - 2149-08-04 00:03:16 new moon
//! - 2150-05-26 23:59:24 new moon
//! - 2153-10-18 00:01:15 new moon
//! - 2159-05-17 23:58:09 new moon
//! - 2171-03-06 23:50:52 new moon
//! - 2175-01-22 23:59:36 new moon
//! - 2179-02-07 00:04:34 new moon
//! - 2183-05-22 00:06:16 new moon
//! - 2188-04-27 00:01:52 new moon
//! - 2199-01-26 23:57:53 new moon
//! - 2199-03-27 00:09:58 new moon
//!
//! # Range and errors
//!
//! Lunar years 1900..=2199; Gregorian dates from Tết 1900 (1900-01-31, at both UTC+7 and UTC+8)
//! to 2199-12-31. A date outside, a lunar year outside, or a lunar date whose Gregorian date
//! would fall after 2199-12-31 (the last months of lunar year 2199) is
//! [`ErrorKind::DateOutOfRange`]; a lunar date that does not exist (month 0 or 13, day 0 or 31,
//! day 30 of a 29-day month, a leap month the year does not have) is
//! [`ErrorKind::InvalidLunarDate`].

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};

mod astro;
mod compute;
#[cfg(test)]
mod generate;
mod packed;
mod sexagenary;
mod table_cn;
mod table_vn;
mod trig;
mod vsop87;

#[cfg(test)]
mod tests;

pub use sexagenary::{can_chi, can_chi_en, can_chi_parts};

/// The first lunar year covered.
pub const FIRST_YEAR: i32 = 1900;

/// The last lunar year covered (its months up to 2199-12-31).
pub const LAST_YEAR: i32 = 2199;

/// The number of lunar years covered.
const YEAR_COUNT: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;

/// Day number of 2199-12-31, the last date covered.
const LAST_DAY: i32 = packed::jan1_day_number(LAST_YEAR + 1) - 1;

/// Day numbers of Tết for the compiled tables (lunar years 1900..=2200).
const VIETNAM_TETS: [i32; YEAR_COUNT + 1] = packed::tet_day_numbers(&table_vn::YEARS);
const CHINA_TETS: [i32; YEAR_COUNT + 1] = packed::tet_day_numbers(&table_cn::YEARS);

/// The UTC offset of the Vietnamese calendar, in minutes (UTC+7).
pub const VIETNAM_UTC_OFFSET_MINUTES: i32 = 420;

/// The UTC offset of the Chinese calendar, in minutes (UTC+8).
pub const CHINA_UTC_OFFSET_MINUTES: i32 = 480;

/// A date of the lunisolar calendar.
///
/// `year` is the lunar year (the Gregorian year of its Tết); `month` is 1..=12; `day` is
/// 1..=30; `leap` marks the leap month, which repeats the number of the month before it.
/// Serialized as `{"year":2025,"month":1,"day":1,"leap":false}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LunarDate {
    /// The lunar year: the Gregorian year in which its month 1 begins.
    pub year: i32,
    /// The month number, 1..=12 (a leap month has the number of the month before it).
    pub month: u8,
    /// The day of the month, 1..=30.
    pub day: u8,
    /// Whether the month is the leap month (*tháng nhuận*).
    pub leap: bool,
}

/// A lunisolar calendar: the Vietnamese one (UTC+7), the Chinese one (UTC+8), or the same rules
/// at another UTC offset.
///
/// The two named calendars read a compiled table; every conversion is O(1).
///
/// ```
/// use motcua::lunar::LunarCalendar;
/// let (vn, cn) = (LunarCalendar::vietnam(), LunarCalendar::china());
/// assert_eq!(vn.new_year(1985)?.to_string(), "1985-01-21");
/// assert_eq!(cn.new_year(1985)?.to_string(), "1985-02-20");
/// assert_eq!(vn.leap_month(2033)?, Some(11));
/// # Ok::<(), motcua::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LunarCalendar {
    utc_offset_minutes: i32,
    /// The packed years (see `packed.rs`), lunar years 1900..=2199.
    years: Cow<'static, [u32]>,
    /// The day number of each Tết, lunar years 1900..=2200.
    tets: Cow<'static, [i32]>,
}

impl LunarCalendar {
    /// The Vietnamese calendar (UTC+7), from the compiled table.
    pub const fn vietnam() -> LunarCalendar {
        LunarCalendar {
            utc_offset_minutes: VIETNAM_UTC_OFFSET_MINUTES,
            years: Cow::Borrowed(&table_vn::YEARS),
            tets: Cow::Borrowed(&VIETNAM_TETS),
        }
    }

    /// The Chinese calendar (UTC+8), from the compiled table.
    pub const fn china() -> LunarCalendar {
        LunarCalendar {
            utc_offset_minutes: CHINA_UTC_OFFSET_MINUTES,
            years: Cow::Borrowed(&table_cn::YEARS),
            tets: Cow::Borrowed(&CHINA_TETS),
        }
    }

    /// The same rules with months and solar terms reckoned at `minutes` east of UTC
    /// (−720..=840). UTC+7 and UTC+8 return the compiled calendars; any other offset runs the
    /// astronomy (some tens of milliseconds in an optimized build: build it once and reuse it).
    ///
    /// The new moons are Meeus's (chapter 49), good to a few seconds; only those within a
    /// minute of midnight at UTC+7 and UTC+8 are replaced by precise instants, so at another
    /// offset a month whose new moon falls within about 20 seconds of local midnight may start
    /// a day off from a precise ephemeris.
    ///
    /// Errors with [`ErrorKind::InvalidArgument`] for an offset outside −12:00..=+14:00.
    ///
    /// ```
    /// use motcua::lunar::LunarCalendar;
    /// let korea = LunarCalendar::with_utc_offset_minutes(540)?;
    /// assert_eq!(korea.new_year(2025)?.to_string(), "2025-01-29");
    /// # Ok::<(), motcua::Error>(())
    /// ```
    pub fn with_utc_offset_minutes(minutes: i32) -> Result<LunarCalendar> {
        match minutes {
            VIETNAM_UTC_OFFSET_MINUTES => Ok(LunarCalendar::vietnam()),
            CHINA_UTC_OFFSET_MINUTES => Ok(LunarCalendar::china()),
            -720..=840 => {
                let years = compute::year_table(minutes)?;
                Ok(LunarCalendar {
                    utc_offset_minutes: minutes,
                    tets: Cow::Owned(packed::tet_day_numbers_of(&years)),
                    years: Cow::Owned(years),
                })
            }
            _ => Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("UTC offset of {minutes} minutes is outside -720..=840"),
            )),
        }
    }

    /// The UTC offset the calendar is reckoned at, in minutes east of UTC.
    pub fn utc_offset_minutes(&self) -> i32 {
        self.utc_offset_minutes
    }

    /// The first date covered: Tết of lunar year 1900.
    pub fn first_date(&self) -> NaiveDate {
        let tet = self.years.first().map_or(0, |&y| packed::tet_ordinal0(y));
        NaiveDate::from_yo_opt(FIRST_YEAR, tet + 1).unwrap_or_default()
    }

    /// The last date covered: 2199-12-31.
    pub fn last_date(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or_default()
    }

    /// The lunar date of `date`.
    ///
    /// Errors with [`ErrorKind::DateOutOfRange`] outside
    /// [`first_date`](Self::first_date)..=[`last_date`](Self::last_date).
    pub fn to_lunar(&self, date: NaiveDate) -> Result<LunarDate> {
        lunar_of_ordinal(&self.years, date.year(), date.ordinal0())
            .ok_or_else(|| date_out_of_range(&date.to_string(), self))
    }

    /// The lunar date of day number `day` (days since 1970-01-01).
    pub fn to_lunar_day_number(&self, day: i32) -> Result<LunarDate> {
        lunar_of_day_number(&self.years, &self.tets, day).ok_or_else(|| day_out_of_range(day, self))
    }

    /// The Gregorian date of a lunar date.
    ///
    /// Errors with [`ErrorKind::InvalidLunarDate`] when the lunar date does not exist (month
    /// outside 1..=12, day outside the month, a leap month the year lacks) and with
    /// [`ErrorKind::DateOutOfRange`] for a lunar year outside 1900..=2199 or an answer after
    /// 2199-12-31.
    pub fn from_lunar(&self, year: i32, month: u8, day: u8, leap: bool) -> Result<NaiveDate> {
        let (gregorian_year, ordinal0) = ordinal_of_lunar(&self.years, year, month, day, leap)?;
        NaiveDate::from_yo_opt(gregorian_year, ordinal0 + 1)
            .ok_or_else(|| lunar_out_of_range(year, month, day, leap))
    }

    /// The day number (days since 1970-01-01) of a lunar date; errors as
    /// [`from_lunar`](Self::from_lunar).
    pub fn from_lunar_day_number(&self, year: i32, month: u8, day: u8, leap: bool) -> Result<i32> {
        day_number_of_lunar(&self.years, &self.tets, year, month, day, leap)
    }

    /// The number of days (29 or 30) of month `month` (the leap month if `leap`) of lunar
    /// `year`. Errors as [`from_lunar`](Self::from_lunar) (the month must exist).
    pub fn month_length(&self, year: i32, month: u8, leap: bool) -> Result<u8> {
        let packed_year = packed_year(&self.years, year)?;
        let position = month_position(packed_year, year, month, leap)?;
        Ok(packed::month_length(packed_year, position) as u8)
    }

    /// The leap month of lunar `year` (`Some(n)`: a leap month follows month `n`), or `None`.
    /// Errors with [`ErrorKind::DateOutOfRange`] for a year outside 1900..=2199.
    pub fn leap_month(&self, year: i32) -> Result<Option<u8>> {
        let leap = packed::leap_month(packed_year(&self.years, year)?);
        Ok((leap != 0).then_some(leap as u8))
    }

    /// Tết (*Tết Nguyên đán*): the Gregorian date of day 1 of month 1 of lunar `year`.
    pub fn new_year(&self, year: i32) -> Result<NaiveDate> {
        self.from_lunar(year, 1, 1, false)
    }
}

/// The Vietnamese calendar's table (UTC+7).
fn vietnam_years() -> &'static [u32] {
    &table_vn::YEARS
}

/// The Vietnamese calendar's Tết day numbers (UTC+7).
fn vietnam_tets() -> &'static [i32] {
    &VIETNAM_TETS
}

/// The Vietnamese lunar date (UTC+7) of `date`.
///
/// Errors with [`ErrorKind::DateOutOfRange`] outside 1900-01-31..=2199-12-31.
///
/// ```
/// use motcua::lunar::{to_lunar, LunarDate};
/// let d = chrono::NaiveDate::from_ymd_opt(1984, 1, 1).unwrap();
/// assert_eq!(to_lunar(d)?, LunarDate { year: 1983, month: 11, day: 29, leap: false });
/// # Ok::<(), motcua::Error>(())
/// ```
pub fn to_lunar(date: NaiveDate) -> Result<LunarDate> {
    lunar_of_ordinal(vietnam_years(), date.year(), date.ordinal0())
        .ok_or_else(|| date_out_of_range(&date.to_string(), &LunarCalendar::vietnam()))
}

/// The Vietnamese lunar date (UTC+7) of day number `day` (days since 1970-01-01), for bulk
/// conversions; errors as [`to_lunar`].
pub fn to_lunar_day_number(day: i32) -> Result<LunarDate> {
    lunar_of_day_number(vietnam_years(), vietnam_tets(), day)
        .ok_or_else(|| day_out_of_range(day, &LunarCalendar::vietnam()))
}

/// The Gregorian date of a Vietnamese lunar date (UTC+7).
///
/// Errors with [`ErrorKind::InvalidLunarDate`] when the lunar date does not exist (month
/// outside 1..=12, day outside the month, a leap month the year lacks) and with
/// [`ErrorKind::DateOutOfRange`] for a lunar year outside 1900..=2199 or an answer after
/// 2199-12-31.
///
/// ```
/// use motcua::lunar::from_lunar;
/// assert_eq!(from_lunar(2026, 1, 1, false)?.to_string(), "2026-02-17");
/// assert_eq!(from_lunar(2025, 6, 1, true)?.to_string(), "2025-07-25"); // leap month 6
/// assert_eq!(from_lunar(2025, 12, 30, false).unwrap_err().code(), "invalid_lunar_date");
/// # Ok::<(), motcua::Error>(())
/// ```
pub fn from_lunar(year: i32, month: u8, day: u8, leap: bool) -> Result<NaiveDate> {
    let (gregorian_year, ordinal0) = ordinal_of_lunar(vietnam_years(), year, month, day, leap)?;
    NaiveDate::from_yo_opt(gregorian_year, ordinal0 + 1)
        .ok_or_else(|| lunar_out_of_range(year, month, day, leap))
}

/// The day number (days since 1970-01-01) of a Vietnamese lunar date, for bulk conversions;
/// errors as [`from_lunar`].
pub fn from_lunar_day_number(year: i32, month: u8, day: u8, leap: bool) -> Result<i32> {
    day_number_of_lunar(vietnam_years(), vietnam_tets(), year, month, day, leap)
}

/// The lunar date of the `ordinal0`-th day (0-based) of Gregorian `year`, or `None` outside the
/// table. O(1): one or two table reads and a few bit operations.
#[inline]
fn lunar_of_ordinal(years: &[u32], year: i32, ordinal0: u32) -> Option<LunarDate> {
    let index = usize::try_from(year.checked_sub(FIRST_YEAR)?).ok()?;
    let this_year = *years.get(index)?;
    let tet = packed::tet_ordinal0(this_year);
    if ordinal0 >= tet {
        Some(lunar_in_year(year, this_year, ordinal0 - tet))
    } else {
        let previous = *years.get(index.checked_sub(1)?)?;
        let days_since_tet =
            ordinal0 + packed::gregorian_year_length(year - 1) - packed::tet_ordinal0(previous);
        Some(lunar_in_year(year - 1, previous, days_since_tet))
    }
}

/// The lunar date of day number `day`, or `None` outside the table. O(1): an estimate of the
/// year from the mean Gregorian year, corrected by at most one against the Tết day numbers.
#[inline]
fn lunar_of_day_number(years: &[u32], tets: &[i32], day: i32) -> Option<LunarDate> {
    if day > LAST_DAY {
        return None;
    }
    let since_first = u32::try_from(day.checked_sub(*tets.first()?)?).ok()?;
    // since_first / 365.2425 days, within one year of the lunar year's index (Tết stays within
    // about three weeks of its mean date).
    let estimate = ((u64::from(since_first) * 2_939_746) >> 30) as usize;
    let index = if day < *tets.get(estimate)? {
        estimate.checked_sub(1)?
    } else if day >= *tets.get(estimate + 1)? {
        estimate + 1
    } else {
        estimate
    };
    let tet = *tets.get(index)?;
    let offset = u32::try_from(day - tet).ok()?;
    Some(lunar_in_year(
        FIRST_YEAR + index as i32,
        *years.get(index)?,
        offset,
    ))
}

/// The lunar date `offset` days after Tết of lunar year `lunar_year` (packed as `packed_year`);
/// `offset` is less than the length of the year.
#[inline]
fn lunar_in_year(lunar_year: i32, packed_year: u32, offset: u32) -> LunarDate {
    // Month position m starts on day 29m..=30m, so it is offset / 30 or the next one.
    let mut position = offset / 30;
    if offset >= packed::month_start(packed_year, position + 1) {
        position += 1;
    }
    let day = offset - packed::month_start(packed_year, position) + 1;
    let leap = packed::leap_month(packed_year);
    let after_leap = leap != 0 && position >= leap;
    LunarDate {
        year: lunar_year,
        month: (position + 1 - u32::from(after_leap)) as u8,
        day: day as u8,
        leap: leap != 0 && position == leap,
    }
}

/// The packed entry of lunar `year`.
#[inline]
fn packed_year(years: &[u32], year: i32) -> Result<u32> {
    year.checked_sub(FIRST_YEAR)
        .and_then(|i| usize::try_from(i).ok())
        .and_then(|i| years.get(i))
        .copied()
        .ok_or_else(|| lunar_year_out_of_range(year))
}

/// The position (0-based, leap month included) of a month in its year.
#[inline]
fn month_position(packed_year: u32, year: i32, month: u8, leap: bool) -> Result<u32> {
    if !(1..=12).contains(&month) {
        return Err(invalid_lunar(format!(
            "lunar month {month} does not exist (months are 1..=12)"
        )));
    }
    let month = u32::from(month);
    let leap_month = packed::leap_month(packed_year);
    if leap {
        if leap_month != month {
            return Err(no_such_leap_month(year, month, leap_month));
        }
        Ok(month)
    } else {
        Ok(month - 1 + u32::from(leap_month != 0 && month > leap_month))
    }
}

/// The Gregorian year and 0-based day of the year of a lunar date.
#[inline]
fn ordinal_of_lunar(
    years: &[u32],
    year: i32,
    month: u8,
    day: u8,
    leap: bool,
) -> Result<(i32, u32)> {
    let packed_year = packed_year(years, year)?;
    let position = month_position(packed_year, year, month, leap)?;
    let length = packed::month_length(packed_year, position);
    if day == 0 || u32::from(day) > length {
        return Err(no_such_day(year, month, day, leap, length));
    }
    let ordinal0 = packed::tet_ordinal0(packed_year)
        + packed::month_start(packed_year, position)
        + u32::from(day)
        - 1;
    let days_in_year = packed::gregorian_year_length(year);
    if ordinal0 < days_in_year {
        Ok((year, ordinal0))
    } else if year < LAST_YEAR {
        Ok((year + 1, ordinal0 - days_in_year))
    } else {
        Err(lunar_out_of_range(year, month, day, leap))
    }
}

/// The day number of a lunar date.
#[inline]
fn day_number_of_lunar(
    years: &[u32],
    tets: &[i32],
    year: i32,
    month: u8,
    day: u8,
    leap: bool,
) -> Result<i32> {
    let packed_year = packed_year(years, year)?;
    let position = month_position(packed_year, year, month, leap)?;
    let length = packed::month_length(packed_year, position);
    if day == 0 || u32::from(day) > length {
        return Err(no_such_day(year, month, day, leap, length));
    }
    let tet = year
        .checked_sub(FIRST_YEAR)
        .and_then(|i| usize::try_from(i).ok())
        .and_then(|i| tets.get(i))
        .copied()
        .ok_or_else(|| lunar_year_out_of_range(year))?;
    let result = tet + (packed::month_start(packed_year, position) + u32::from(day) - 1) as i32;
    if result > LAST_DAY {
        return Err(lunar_out_of_range(year, month, day, leap));
    }
    Ok(result)
}

#[cold]
fn invalid_lunar(message: String) -> Error {
    Error::new(ErrorKind::InvalidLunarDate, message)
}

#[cold]
fn no_such_leap_month(year: i32, month: u32, leap_month: u32) -> Error {
    let has = if leap_month == 0 {
        "it has no leap month".to_string()
    } else {
        format!("its leap month is {leap_month}")
    };
    invalid_lunar(format!(
        "lunar year {year} has no leap month {month} ({has})"
    ))
}

#[cold]
fn no_such_day(year: i32, month: u8, day: u8, leap: bool, length: u32) -> Error {
    let leap_text = if leap { "leap " } else { "" };
    invalid_lunar(format!(
        "lunar day {day} does not exist: {leap_text}month {month} of lunar year {year} has {length} days"
    ))
}

#[cold]
fn lunar_year_out_of_range(year: i32) -> Error {
    Error::new(
        ErrorKind::DateOutOfRange,
        format!("lunar year {year} is outside the supported range {FIRST_YEAR}..={LAST_YEAR}"),
    )
}

#[cold]
fn lunar_out_of_range(year: i32, month: u8, day: u8, leap: bool) -> Error {
    let leap_text = if leap { " (leap)" } else { "" };
    Error::new(
        ErrorKind::DateOutOfRange,
        format!(
            "lunar {year}-{month:02}-{day:02}{leap_text} falls after {LAST_YEAR}-12-31, the end of the supported range"
        ),
    )
}

#[cold]
fn date_out_of_range(date: &str, calendar: &LunarCalendar) -> Error {
    Error::new(
        ErrorKind::DateOutOfRange,
        format!(
            "{date} is outside the lunar calendar's range {}..={}",
            calendar.first_date(),
            calendar.last_date()
        ),
    )
}

#[cold]
fn day_out_of_range(day: i32, calendar: &LunarCalendar) -> Error {
    let date = crate::civil::date_from_day_number(i64::from(day))
        .map_or_else(|_| format!("day number {day}"), |d| d.to_string());
    date_out_of_range(&date, calendar)
}
