//! Civil dates and instants at the edges: strict parsing of the ISO forms used everywhere
//! (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]`) and of the Vietnamese export form
//! (`dd/mm/yyyy[ HH:MM[:SS]]`), and conversion between dates and day numbers (days since
//! 1970-01-01, the representation of Arrow `date32`, numpy `datetime64[D]` and JS typed arrays).
//!
//! Dates are civil dates in Vietnam. The only time-zone arithmetic in motcua is here, at the
//! door: an instant that carries a UTC offset (`2026-02-13T10:30:00Z`, `...+07:00`) or is a
//! point on the UTC time line (seconds since the Unix epoch: a JS `Date`, a tz-aware
//! timestamp) is turned into Vietnam wall-clock time (UTC+7, [`VIETNAM_UTC_OFFSET_SECONDS`])
//! by [`parse_instant`] and [`vietnam_wall_clock`]; an instant without an offset already is
//! Vietnam wall-clock time.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};

use crate::error::{excerpt, Error, ErrorKind, Result};

/// Day number of 1970-01-01 in chrono's "days from the common era" count.
const UNIX_EPOCH_CE_DAYS: i32 = 719_163;

/// Days since 1970-01-01 of `date` (negative before 1970).
///
/// ```
/// use motcua::civil::{day_number, date_from_day_number};
/// let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// assert_eq!(day_number(d), 20_514);
/// assert_eq!(date_from_day_number(20_514).unwrap(), d);
/// ```
#[inline]
pub fn day_number(date: NaiveDate) -> i32 {
    // The year's index by a wrapping cast: a year before the table's first is a huge index,
    // which the one bounds check of `get` refuses (two compares were a sixth of the lookup).
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(&eve) = YEAR_EVES.get((date.year() - TABLE_FIRST_YEAR) as u32 as usize) {
        return eve + date.ordinal() as i32;
    }
    date.num_days_from_ce() - UNIX_EPOCH_CE_DAYS
}

/// [`date_from_day_number`] of `n` given a date `near` whose day number is `near_n` (the
/// caller's, already known): a date of the same year is `near` with its day of the year moved
/// (chrono checks the day of the year against the year's length), which natively is half the
/// instructions of finding the year; any other date is [`date_from_day_number`]'s. The answer
/// of `due` converts its due date and deemed receipt day near the dossier's receipt (most are
/// in its year). Native only: WebAssembly, where bytes count more, converts with
/// [`date_from_day_number`] alone.
#[cfg(not(target_arch = "wasm32"))]
#[inline]
pub(crate) fn date_near(n: i64, near: NaiveDate, near_n: i64) -> Result<NaiveDate> {
    // Wrapping: `near_n`, a date's day number, is within ±2^30, so only an `n` within 2^30 of
    // either end of `i64` wraps, and then far from a day of the year (overflow checks were a
    // quarter of the conversion).
    let ordinal = n
        .wrapping_sub(near_n)
        .wrapping_add(i64::from(near.ordinal()));
    if let Some(d) = u32::try_from(ordinal)
        .ok()
        .and_then(|o| near.with_ordinal(o))
    {
        return Ok(d);
    }
    date_from_day_number(n)
}

/// The date whose day number (days since 1970-01-01) is `n`; an error when chrono cannot
/// represent it.
#[inline]
pub fn date_from_day_number(n: i64) -> Result<NaiveDate> {
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(d) = table_date(n) {
        return Ok(d);
    }
    i32::try_from(n)
        .ok()
        .and_then(|n| n.checked_add(UNIX_EPOCH_CE_DAYS))
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::DateOutOfRange,
                format!("day number {n} is not a representable date"),
            )
        })
}

/// The first year of [`YEAR_STARTS`].
#[cfg(not(target_arch = "wasm32"))]
const TABLE_FIRST_YEAR: i32 = 1900;
/// How many years [`YEAR_STARTS`] holds (1900–2299, the years calendars cover; a date of
/// another year goes through chrono).
#[cfg(not(target_arch = "wasm32"))]
const TABLE_YEARS: usize = 400;

/// The day number of 1 January of each year from [`TABLE_FIRST_YEAR`] (proleptic Gregorian),
/// so that converting a date of these years is a lookup, not chrono's 400-year cycle
/// arithmetic (held to chrono by a test over every day). Native code only: WebAssembly, where
/// bytes count more, keeps chrono's arithmetic.
#[cfg(not(target_arch = "wasm32"))]
static YEAR_STARTS: [i32; TABLE_YEARS + 1] = YEAR_STARTS_CONST;
/// The day number of 31 December of the year before each year from [`TABLE_FIRST_YEAR`]
/// ([`YEAR_STARTS`] less one), to which [`day_number`] adds the day of the year (1-based:
/// one subtraction less than adding its 0-based day to [`YEAR_STARTS`]).
#[cfg(not(target_arch = "wasm32"))]
static YEAR_EVES: [i32; TABLE_YEARS + 1] = year_eves();

// Evaluated at compile time, as `year_starts`.
#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::indexing_slicing)]
const fn year_eves() -> [i32; TABLE_YEARS + 1] {
    let mut out = YEAR_STARTS_CONST;
    let mut k = 0;
    while k <= TABLE_YEARS {
        out[k] -= 1;
        k += 1;
    }
    out
}

/// [`YEAR_STARTS`] as a constant, for the constants derived from it.
#[cfg(not(target_arch = "wasm32"))]
const YEAR_STARTS_CONST: [i32; TABLE_YEARS + 1] = year_starts();

/// 1 January of each year from [`TABLE_FIRST_YEAR`] as a date, so that a date of these years
/// is its year's first day with the ordinal set (chrono's check of the ordinal alone) rather
/// than a date built from the year (its range and leap-year flags looked up again).
#[cfg(not(target_arch = "wasm32"))]
static NEW_YEARS: [NaiveDate; TABLE_YEARS] = new_years();

// Evaluated at compile time, as `year_starts`.
#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::indexing_slicing)]
const fn new_years() -> [NaiveDate; TABLE_YEARS] {
    let mut out = [NaiveDate::MIN; TABLE_YEARS];
    let mut k = 0;
    while k < TABLE_YEARS {
        // Every year of the table is one chrono represents.
        if let Some(d) = NaiveDate::from_yo_opt(TABLE_FIRST_YEAR + k as i32, 1) {
            out[k] = d;
        }
        k += 1;
    }
    out
}

// Evaluated at compile time: an index out of bounds would fail the build, not a run.
#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::indexing_slicing)]
const fn year_starts() -> [i32; TABLE_YEARS + 1] {
    let mut out = [0i32; TABLE_YEARS + 1];
    // 1900-01-01 is day -25,567.
    let mut day = -25_567;
    let mut k = 0;
    while k <= TABLE_YEARS {
        out[k] = day;
        let y = TABLE_FIRST_YEAR + k as i32;
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        day += if leap { 366 } else { 365 };
        k += 1;
    }
    out
}

/// [`date_from_day_number`] for the years of [`YEAR_STARTS`]: the year found by one
/// multiplication and at most one step, not a loop — 146,097 days are 400 Gregorian years, and
/// counted from three days earlier (a year of the table never starts more than a day or so
/// away from its share of them) the quotient is the year or the one before it (held to chrono
/// over every day by a test). Some 6 instructions less a conversion than the loop that
/// stepped from an underestimate by 366-day years, whose bounds were checked at each step.
#[cfg(not(target_arch = "wasm32"))]
#[inline]
fn table_date(n: i64) -> Option<NaiveDate> {
    // Days since 1 January of the first year, tested against the table's days in one compare.
    let since = n.wrapping_sub(i64::from(TABLE_FIRST_DAY));
    if !(0..TABLE_DAYS).contains(&since) {
        return None;
    }
    // (In range: `since` < 2^18, so `since * 400` fits 32 bits, and `est` < 400.)
    let since = u32::try_from(since).ok()?;
    let est = usize::try_from(since.saturating_sub(3) * 400 / 146_097).ok()?;
    let next = *YEAR_STARTS.get(est + 1)?;
    let (y, start) = if i64::from(next) <= n {
        (est + 1, next)
    } else {
        (est, *YEAR_STARTS.get(est)?)
    };
    let ordinal = u32::try_from(n - i64::from(start) + 1).ok()?;
    NEW_YEARS.get(y)?.with_ordinal(ordinal)
}

/// The day number of the table's first day, 1 January [`TABLE_FIRST_YEAR`].
#[cfg(not(target_arch = "wasm32"))]
const TABLE_FIRST_DAY: i32 = YEAR_STARTS_CONST[0];
/// The days of the table's years.
#[cfg(not(target_arch = "wasm32"))]
const TABLE_DAYS: i64 = (YEAR_STARTS_CONST[TABLE_YEARS] - YEAR_STARTS_CONST[0]) as i64;

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn invalid_date(input: &str, why: &str) -> Error {
    Error::new(
        ErrorKind::InvalidDate,
        format!("`{}` is not a valid date: {why}", excerpt(input)),
    )
}

/// Parses a date in ISO form `YYYY-MM-DD` (exactly four-digit year, two-digit month and day)
/// or Vietnamese form `dd/mm/yyyy` (one- or two-digit day and month).
///
/// Errors with [`ErrorKind::InvalidDate`] for any other shape or a day that does not exist
/// (`2026-02-30`), and with [`ErrorKind::EmptyInput`] for an empty string.
///
/// ```
/// use motcua::civil::parse_date;
/// assert_eq!(parse_date("2026-03-02").unwrap(), parse_date("02/03/2026").unwrap());
/// assert_eq!(parse_date("2026-02-30").unwrap_err().code(), "invalid_date");
/// ```
pub fn parse_date(input: &str) -> Result<NaiveDate> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Error::new(ErrorKind::EmptyInput, "empty date"));
    }
    let (y, m, d) = if let Some((a, rest)) = s.split_once('/') {
        let (b, c) = rest
            .split_once('/')
            .ok_or_else(|| invalid_date(s, "expected dd/mm/yyyy"))?;
        if a.len() > 2 || b.len() > 2 || c.len() != 4 {
            return Err(invalid_date(s, "expected dd/mm/yyyy"));
        }
        (digits(c), digits(b), digits(a))
    } else {
        let mut parts = s.split('-');
        let (a, b, c) = (parts.next(), parts.next(), parts.next());
        match (a, b, c, parts.next()) {
            (Some(a), Some(b), Some(c), None) if a.len() == 4 && b.len() == 2 && c.len() == 2 => {
                (digits(a), digits(b), digits(c))
            }
            _ => return Err(invalid_date(s, "expected YYYY-MM-DD or dd/mm/yyyy")),
        }
    };
    let (Some(y), Some(m), Some(d)) = (y, m, d) else {
        return Err(invalid_date(s, "non-digit characters"));
    };
    let y = i32::try_from(y).map_err(|_| invalid_date(s, "year too large"))?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| no_such_day(s, y, m))
}

/// The error of a date whose month or day does not exist, saying which (`2026-13-01`: there is
/// no month 13; `2026-02-30`: 2026-02 has 28 days).
#[cold]
fn no_such_day(s: &str, y: i32, m: u32) -> Error {
    let why = match (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(y, m, d).is_some())
    {
        Some(days) => format!("{y}-{m:02} has {days} days"),
        None => format!("there is no month {m}"),
    };
    invalid_date(s, &why)
}

/// A serde `deserialize_with` reader of a date field: a string read by [`parse_date`]
/// (`YYYY-MM-DD`, or `dd/mm/yyyy`). Used for the calendar spec's dates instead of chrono's own
/// `Deserialize`, which brings chrono's whole format parser into the JS package's `.wasm`.
pub(crate) fn deserialize_date<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<NaiveDate, D::Error> {
    let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
    parse_date(&text).map_err(|e| serde::de::Error::custom(e.message()))
}

/// Parses a time of day `HH:MM` or `HH:MM:SS` (24-hour clock; a one-digit hour, `9:30`, as
/// some exports write it, is accepted).
pub fn parse_time(input: &str) -> Result<NaiveTime> {
    let s = input.trim();
    let bad = || {
        Error::new(
            ErrorKind::InvalidDate,
            format!(
                "`{}` is not a valid time of day (expected HH:MM or HH:MM:SS)",
                excerpt(s)
            ),
        )
    };
    let mut parts = s.split(':');
    let h = parts
        .next()
        .filter(|p| (1..=2).contains(&p.len()))
        .and_then(digits);
    let m = parts.next().filter(|p| p.len() == 2).and_then(digits);
    let sec = match parts.next() {
        None => Some(0),
        Some(p) if p.len() == 2 => digits(p),
        Some(_) => None,
    };
    if parts.next().is_some() {
        return Err(bad());
    }
    match (h, m, sec) {
        (Some(h), Some(m), Some(sec)) => NaiveTime::from_hms_opt(h, m, sec).ok_or_else(bad),
        _ => Err(bad()),
    }
}

/// Where a date-only input puts its time of day when parsed as an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOnly {
    /// 00:00:00.
    StartOfDay,
    /// 23:59:59 (the end of that day, as `--as-of 2026-09-02` means).
    EndOfDay,
}

/// Vietnam's offset from UTC in seconds: UTC+7 (Indochina Time, no daylight saving since
/// 1975).
pub const VIETNAM_UTC_OFFSET_SECONDS: i32 = 7 * 3600;

/// The Vietnam wall-clock time (UTC+7) of the instant `unix_seconds` seconds after
/// 1970-01-01T00:00:00Z: how a point on the UTC time line (a JS `Date`, a tz-aware timestamp)
/// enters motcua. An error ([`ErrorKind::DateOutOfRange`]) when chrono cannot represent it.
///
/// ```
/// use motcua::civil::vietnam_wall_clock;
/// // 2026-02-13T10:30:00Z is 17:30 in Hanoi.
/// assert_eq!(vietnam_wall_clock(1_770_978_600).unwrap().to_string(), "2026-02-13 17:30:00");
/// ```
pub fn vietnam_wall_clock(unix_seconds: i64) -> Result<NaiveDateTime> {
    wall_clock(unix_seconds, TimeUnit::Second, Clock::Utc)
}

/// Splits a UTC offset off the end of an ISO instant: `Z`/`z`, `±HH:MM`, `±HHMM` or `±HH`.
/// Returns the instant without it and the offset in seconds east of UTC; `Ok(None)` when the
/// text has no offset; an error for a malformed or impossible one (`+25:00`).
fn split_offset(s: &str) -> Result<Option<(&str, i32)>> {
    // (`Z` after a digit: a word's last letter, `zz`, is no offset.)
    if let Some(rest) = s
        .strip_suffix(['Z', 'z'])
        .filter(|rest| rest.ends_with(|c: char| c.is_ascii_digit()))
    {
        return Ok(Some((rest, 0)));
    }
    // The sign must come after the time of day (`T09:30+07:00`); a `-` in the date is not one.
    let Some(t) = time_separator(s) else {
        return Ok(None);
    };
    let Some(i) = s
        .get(t..)
        .and_then(|tail| tail.rfind(['+', '-']))
        .map(|i| i + t)
    else {
        return Ok(None);
    };
    let (head, tail) = (s.get(..i).unwrap_or(""), s.get(i..).unwrap_or(""));
    let mut chars = tail.chars();
    let sign = if chars.next() == Some('+') { 1 } else { -1 };
    let body = chars.as_str();
    let bad = || {
        Error::new(
            ErrorKind::InvalidDate,
            format!(
                "`{}` has an invalid UTC offset `{}` (expected Z, +HH:MM or -HH:MM)",
                excerpt(s),
                excerpt(tail)
            ),
        )
    };
    let (h, m) = match body.len() {
        2 => (body, "00"),
        4 => (body.get(..2).unwrap_or(""), body.get(2..).unwrap_or("")),
        5 if body.as_bytes().get(2) == Some(&b':') => {
            (body.get(..2).unwrap_or(""), body.get(3..).unwrap_or(""))
        }
        _ => return Err(bad()),
    };
    match (digits(h), digits(m)) {
        (Some(h), Some(m)) if h < 24 && m < 60 => {
            // h < 24 and m < 60: the product fits an i32.
            Ok(Some((head, sign * (h as i32 * 3600 + m as i32 * 60))))
        }
        _ => Err(bad()),
    }
}

/// Where the date of `s` ends and its time of day begins: the first `T`, `t` or space after a
/// digit (the date's last). A word's letter is none: `yesterday` is no date `yes` at a time
/// `erday`, and is said whole as no date.
fn time_separator(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (1..b.len()).find(|&i| {
        matches!(b.get(i), Some(b'T' | b't' | b' ')) && b.get(i - 1).is_some_and(u8::is_ascii_digit)
    })
}

/// A time of day on the 12-hour clock with the Vietnamese designators, `h:mm[:ss] SA` (*sáng*,
/// before noon) or `h:mm[:ss] CH` (*chiều*, after noon), as Excel and Windows write times under
/// the Vietnamese locale (`2/3/2026 2:30:00 CH` is 14:30 on 2 March): the 24-hour time (12 SA
/// is midnight, 12 CH noon). `None` when `t` ends with no designator. `AM` / `PM` are refused
/// (an error, not a guess): they come from English-locale exports, whose dates put the month
/// first, so `3/2/2026 9:30 AM` is 2 March there and would be read as 3 February here.
#[cfg(not(target_arch = "wasm32"))]
fn twelve_hour(t: &str) -> Option<std::result::Result<NaiveTime, &'static str>> {
    let t = t.trim_end();
    let (clock, mark) = t.rsplit_once(' ')?;
    let pm = match mark.to_ascii_uppercase().as_str() {
        "SA" => false,
        "CH" => true,
        "AM" | "PM" => {
            return Some(Err(
                "AM/PM exports put the month first; give ISO or dd/mm/yyyy dates",
            ))
        }
        _ => return None,
    };
    const BAD: &str = "expected h:mm[:ss] SA or CH";
    Some(
        parse_time(clock.trim_end())
            .map_err(|_| BAD)
            .and_then(|time| {
                let h = time.hour();
                if !(1..=12).contains(&h) {
                    return Err(BAD);
                }
                time.with_hour(h % 12 + if pm { 12 } else { 0 }).ok_or(BAD)
            }),
    )
}

/// Not in WebAssembly, whose budget it does not fit: the JS package reads the 24-hour clock
/// only, and a `SA`/`CH` time there is an `invalid_date` error (never another reading).
#[cfg(target_arch = "wasm32")]
fn twelve_hour(_: &str) -> Option<std::result::Result<NaiveTime, &'static str>> {
    None
}

/// Drops a decimal fraction of a second (`09:30:00.123`, up to nine digits; truncated, as
/// every instant in motcua is to the second). Only after `HH:MM:SS`.
fn strip_fraction(time: &str) -> Option<&str> {
    match time.split_once(['.', ',']) {
        None => Some(time),
        Some((whole, frac))
            if whole.len() >= 7 // H:MM:SS at least
                && (1..=9).contains(&frac.len())
                && frac.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(whole)
        }
        Some(_) => None,
    }
}

/// Parses an instant `YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]` (a space may replace the `T`)
/// or `dd/mm/yyyy[ HH:MM[:SS[.fff]]]` (also on the Vietnamese locale's 12-hour clock,
/// `dd/mm/yyyy h:mm[:ss] SA|CH`), as Vietnam wall-clock time. An instant with a UTC offset
/// (`Z`, `+00:00`, `-08:00`: what JS `Date.toISOString()` and tz-aware exports write) is
/// converted to UTC+7; one without is Vietnam wall-clock time already. A fraction of a second
/// is dropped. A date alone gets the time chosen by `date_only` (a date with an offset is an
/// error: it is not an instant).
///
/// ```
/// use motcua::civil::{parse_instant, DateOnly};
/// let t = parse_instant("2026-03-02T09:30", DateOnly::StartOfDay).unwrap();
/// assert_eq!(t.to_string(), "2026-03-02 09:30:00");
/// let t = parse_instant("02/03/2026 09:30", DateOnly::StartOfDay).unwrap();
/// assert_eq!(t.to_string(), "2026-03-02 09:30:00");
/// assert_eq!(parse_instant("2026-03-02", DateOnly::EndOfDay).unwrap().to_string(), "2026-03-02 23:59:59");
/// // 10:30 UTC is 17:30 in Vietnam.
/// let t = parse_instant("2026-02-13T10:30:00.000Z", DateOnly::StartOfDay).unwrap();
/// assert_eq!(t.to_string(), "2026-02-13 17:30:00");
/// // Excel under the Vietnamese locale: CH (chiều) is after noon.
/// let t = parse_instant("2/3/2026 2:30:00 CH", DateOnly::StartOfDay).unwrap();
/// assert_eq!(t.to_string(), "2026-03-02 14:30:00");
/// // A database export's milliseconds, cut to the second.
/// let t = parse_instant("02/03/2026 09:00:00.999", DateOnly::StartOfDay).unwrap();
/// assert_eq!(t.to_string(), "2026-03-02 09:00:00");
/// // A shape not read is said with both forms that are.
/// let e = parse_instant("02-03-2026", DateOnly::StartOfDay).unwrap_err();
/// assert!(e.message().ends_with("expected YYYY-MM-DD or dd/mm/yyyy"), "{e}");
/// ```
pub fn parse_instant(input: &str, date_only: DateOnly) -> Result<NaiveDateTime> {
    let s = trim(input);
    if let Some((t, has_time)) = iso_fast(s.as_bytes()) {
        return Ok(match (has_time, date_only) {
            (false, DateOnly::EndOfDay) => t.date().and_hms_opt(23, 59, 59).unwrap_or(t),
            _ => t,
        });
    }
    parse_instant_general(s, date_only)
}

/// `s` without leading and trailing whitespace (`str::trim`, answered at once for the
/// usual text that starts and ends with an ASCII letter or digit).
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_alphanumeric() && z.is_ascii_alphanumeric() => s,
        _ => s.trim(),
    }
}

/// [`parse_instant`] without its fast path.
fn parse_instant_general(s: &str, date_only: DateOnly) -> Result<NaiveDateTime> {
    let (local, offset) = match split_offset(s)? {
        Some((local, offset)) => (local, Some(offset)),
        None => (s, None),
    };
    let split = time_separator(local);
    let wall = match split {
        Some(i) => {
            let (d, t) = (
                local.get(..i).unwrap_or(""),
                local.get(i + 1..).unwrap_or(""),
            );
            let not_instant = || {
                Error::new(
                    ErrorKind::InvalidDate,
                    format!(
                        "`{}` is not a valid instant (expected YYYY-MM-DDTHH:MM[:SS] or dd/mm/yyyy \
                         HH:MM[:SS])",
                        excerpt(s)
                    ),
                )
            };
            let date = parse_date(d)?;
            let iso = !d.contains('/');
            let time = if iso {
                strip_fraction(t).and_then(|t| parse_time(t).ok())
            } else {
                match twelve_hour(t) {
                    Some(time) => Some(time.map_err(|why| {
                        Error::new(ErrorKind::InvalidDate, format!("`{}`: {why}", excerpt(s)))
                    })?),
                    // (A fraction of a second, as a database export writes it, is cut as on
                    // an ISO instant.)
                    None => strip_fraction(t).and_then(|t| parse_time(t).ok()),
                }
            }
            .ok_or_else(not_instant)?;
            if offset.is_some() && !iso {
                return Err(Error::new(
                    ErrorKind::InvalidDate,
                    format!("`{}`: a UTC offset is accepted only on an ISO instant (YYYY-MM-DDTHH:MM)", excerpt(s)),
                ));
            }
            date.and_time(time)
        }
        None if offset.is_some() => {
            return Err(Error::new(
                ErrorKind::InvalidDate,
                format!("`{}` is a date with a UTC offset; give a time of day (YYYY-MM-DDTHH:MM+07:00) or the date alone", excerpt(s)),
            ))
        }
        None => {
            let date = parse_date(s)?;
            let time = match date_only {
                DateOnly::StartOfDay => NaiveTime::MIN,
                DateOnly::EndOfDay => NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN),
            };
            return Ok(date.and_time(time));
        }
    };
    match offset {
        None => Ok(wall),
        Some(offset) => wall
            .checked_add_signed(TimeDelta::seconds(i64::from(
                VIETNAM_UTC_OFFSET_SECONDS - offset,
            )))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::DateOutOfRange,
                    format!(
                        "`{}` in Vietnam time is not a representable date",
                        excerpt(s)
                    ),
                )
            }),
    }
}

/// The Vietnam calendar day of a date or an instant: a date (`YYYY-MM-DD`, `dd/mm/yyyy`) is
/// that day; an instant ([`parse_instant`]: with an offset, converted to UTC+7 first) is the
/// day it falls on in Vietnam. For doors where a caller may pass either (JS, Python).
///
/// ```
/// use motcua::civil::parse_day;
/// assert_eq!(parse_day("2026-03-02").unwrap().to_string(), "2026-03-02");
/// // 20:00 UTC on 2 March is 03:00 on 3 March in Vietnam.
/// assert_eq!(parse_day("2026-03-02T20:00:00Z").unwrap().to_string(), "2026-03-03");
/// ```
pub fn parse_day(input: &str) -> Result<NaiveDate> {
    let s = input.trim();
    if s.contains(['T', 't', ' ']) || s.ends_with(['Z', 'z']) {
        parse_instant(s, DateOnly::StartOfDay).map(|t| t.date())
    } else {
        parse_date(s)
    }
}

/// The usual shapes, `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` and `YYYY-MM-DDTHH:MM:SS` (or a space
/// for the `T`), read digit by digit; `None` for anything else (the general parser decides),
/// else the instant (a date alone at 00:00) and whether a time was given.
#[inline]
fn iso_fast(b: &[u8]) -> Option<(NaiveDateTime, bool)> {
    let len = b.len();
    if !matches!(len, 10 | 16 | 19) {
        return None;
    }
    // (A fixed array: the positions below are checked at compile time.)
    let mut a = [b'0'; 19];
    a.get_mut(..len)?.copy_from_slice(b);
    let digit = |c: u8| -> Option<u32> {
        let v = c.wrapping_sub(b'0');
        (v < 10).then_some(u32::from(v))
    };
    let two = |hi: u8, lo: u8| Some(digit(hi)? * 10 + digit(lo)?);
    if a[4] != b'-' || a[7] != b'-' {
        return None;
    }
    let year = i32::try_from(two(a[0], a[1])? * 100 + two(a[2], a[3])?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, two(a[5], a[6])?, two(a[8], a[9])?)?;
    if len == 10 {
        return Some((date.and_time(NaiveTime::MIN), false));
    }
    if !matches!(a[10], b'T' | b' ') || a[13] != b':' || (len == 19 && a[16] != b':') {
        return None;
    }
    let time = NaiveTime::from_hms_opt(two(a[11], a[12])?, two(a[14], a[15])?, two(a[17], a[18])?)?;
    Some((date.and_time(time), true))
}

/// The unit of an integer timestamp (Arrow `timestamp[unit]`, numpy `datetime64[unit]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    /// Seconds.
    Second,
    /// Milliseconds.
    Millisecond,
    /// Microseconds.
    Microsecond,
    /// Nanoseconds.
    Nanosecond,
}

impl TimeUnit {
    /// How many of this unit make a second.
    pub const fn per_second(self) -> i64 {
        match self {
            TimeUnit::Second => 1,
            TimeUnit::Millisecond => 1_000,
            TimeUnit::Microsecond => 1_000_000,
            TimeUnit::Nanosecond => 1_000_000_000,
        }
    }

    /// The unit named `s`, `ms`, `us` (or `μs`) or `ns`, as numpy, Arrow and pandas name them.
    pub fn from_name(name: &str) -> Result<TimeUnit> {
        match name {
            "s" => Ok(TimeUnit::Second),
            "ms" => Ok(TimeUnit::Millisecond),
            "us" | "μs" => Ok(TimeUnit::Microsecond),
            "ns" => Ok(TimeUnit::Nanosecond),
            _ => Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("unknown time unit `{name}` (expected s, ms, us or ns)"),
            )),
        }
    }
}

/// What the integers of a timestamp count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Clock {
    /// Vietnam's wall clock, counted from 1970-01-01T00:00 (a naive timestamp).
    VietnamWall,
    /// Instants since the Unix epoch (an offset-aware timestamp, whatever its zone): converted
    /// to Vietnam's wall clock.
    Utc,
}

/// `t` cut to the whole second: an instant as every text form reads it ("17:00:00.5" is
/// 17:00:00), for instants built in Rust with a fraction.
#[inline]
pub(crate) fn whole_second(t: NaiveDateTime) -> NaiveDateTime {
    use chrono::Timelike;
    t.with_nanosecond(0).unwrap_or(t)
}

/// The Vietnam wall-clock instant of an integer timestamp `value` in `unit` (any sub-second
/// part is dropped: instants here are whole seconds). `date_out_of_range` when the result is
/// not a representable date.
///
/// ```
/// use motcua::civil::{wall_clock, Clock, TimeUnit};
/// // 2026-03-02T02:30:00Z
/// let t = wall_clock(1_772_418_600_000, TimeUnit::Millisecond, Clock::Utc)?;
/// assert_eq!(t.to_string(), "2026-03-02 09:30:00");
/// let t = wall_clock(1_772_418_600, TimeUnit::Second, Clock::VietnamWall)?;
/// assert_eq!(t.to_string(), "2026-03-02 02:30:00");
/// # Ok::<(), motcua::Error>(())
/// ```
#[inline]
pub fn wall_clock(value: i64, unit: TimeUnit, clock: Clock) -> Result<NaiveDateTime> {
    let (days, time) = wall_clock_parts(value, unit, clock);
    Ok(date_from_day_number(days)?.and_time(time))
}

/// What [`wall_clock`] makes of `value`: the day number of its date (which may not be a
/// representable date) and its time of day, so that a reader of many timestamps can turn a
/// day number into a date once for the values of one day.
#[inline(always)]
pub(crate) fn wall_clock_parts(value: i64, unit: TimeUnit, clock: Clock) -> (i64, NaiveTime) {
    // (constant divisors: a multiplication each, not a division)
    let mut secs = match unit {
        TimeUnit::Second => value,
        TimeUnit::Millisecond => value.div_euclid(1_000),
        TimeUnit::Microsecond => value.div_euclid(1_000_000),
        TimeUnit::Nanosecond => value.div_euclid(1_000_000_000),
    };
    if clock == Clock::Utc {
        // (a value near i64::MAX is not a date anyway)
        secs = secs.saturating_add(i64::from(VIETNAM_UTC_OFFSET_SECONDS));
    }
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let time = u32::try_from(sod)
        .ok()
        .and_then(|s| NaiveTime::from_num_seconds_from_midnight_opt(s, 0))
        .unwrap_or(NaiveTime::MIN);
    (days, time)
}

/// "Now" in Vietnam: the wall clock at UTC+7 of the instant `unix_seconds` (seconds since
/// 1970-01-01T00:00Z), never the machine's zone. The library never reads the clock: each door
/// (the CLI, the Python and JS packages) reads its own and calls this, so "now" has one
/// definition. A reading no clock gives (past chrono's range, ±262,000 years) is clamped to
/// that range on its own side — outside every calendar, so that any use of it is a
/// `date_out_of_range` error, never an answer.
///
/// ```
/// use motcua::civil::vietnam_now;
/// assert_eq!(vietnam_now(1_772_418_600).to_string(), "2026-03-02 09:30:00");
/// assert_eq!(vietnam_now(i64::MAX), chrono::NaiveDateTime::MAX);
/// assert_eq!(vietnam_now(i64::MIN), chrono::NaiveDateTime::MIN);
/// ```
pub fn vietnam_now(unix_seconds: i64) -> NaiveDateTime {
    vietnam_wall_clock(unix_seconds).unwrap_or(if unix_seconds > 0 {
        NaiveDateTime::MAX
    } else {
        NaiveDateTime::MIN
    })
}

/// Formats an instant as `YYYY-MM-DDTHH:MM` (seconds added only when not zero).
pub fn format_instant(t: NaiveDateTime) -> String {
    format!("{}T{}", t.date(), format_time_of_day(t.time()))
}

/// Formats a time of day as `HH:MM` (seconds dropped). Written by hand rather than through
/// chrono's `format` (its strftime machinery costs the WASM package several kilobytes).
pub fn format_hh_mm(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// Formats a time of day as `HH:MM`, or `HH:MM:SS` when its seconds are not zero: how a
/// same-day cut-off and office hours are written, so that one given to the second reads back
/// as given (written `HH:MM` it read back earlier, and moved a due date).
///
/// ```
/// use motcua::civil::format_time_of_day;
/// let t = |h, m, s| chrono::NaiveTime::from_hms_opt(h, m, s).unwrap();
/// assert_eq!(format_time_of_day(t(14, 0, 0)), "14:00");
/// assert_eq!(format_time_of_day(t(14, 0, 30)), "14:00:30");
/// ```
pub fn format_time_of_day(t: NaiveTime) -> String {
    let mut s = format_hh_mm(t);
    if t.second() != 0 {
        s.push_str(&format!(":{:02}", t.second()));
    }
    s
}

#[cfg(test)]
#[path = "tests_civil_text.rs"]
mod tests;

#[cfg(test)]
#[path = "tests_civil.rs"]
mod tests_civil;
