//! Civil dates and instants at the edges: strict parsing of the ISO forms used everywhere
//! (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]`) and of the Vietnamese export form
//! (`dd/mm/yyyy[ HH:MM[:SS]]`), and conversion between dates and day numbers (days since
//! 1970-01-01, the representation of Arrow `date32`, numpy `datetime64[D]` and JS typed arrays).
//!
//! Dates are civil dates in Vietnam; there is no time-zone arithmetic anywhere in motcua.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use crate::error::{Error, ErrorKind, Result};

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
    date.num_days_from_ce() - UNIX_EPOCH_CE_DAYS
}

/// The date whose day number (days since 1970-01-01) is `n`; an error when chrono cannot
/// represent it.
#[inline]
pub fn date_from_day_number(n: i64) -> Result<NaiveDate> {
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

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn invalid_date(input: &str, why: &str) -> Error {
    Error::new(
        ErrorKind::InvalidDate,
        format!("`{input}` is not a valid date: {why}"),
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
            _ => return Err(invalid_date(s, "expected YYYY-MM-DD")),
        }
    };
    let (Some(y), Some(m), Some(d)) = (y, m, d) else {
        return Err(invalid_date(s, "non-digit characters"));
    };
    let y = i32::try_from(y).map_err(|_| invalid_date(s, "year too large"))?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| invalid_date(s, "no such day"))
}

/// Parses a time of day `HH:MM` or `HH:MM:SS` (24-hour clock; a one-digit hour, `9:30`, as
/// some exports write it, is accepted).
pub fn parse_time(input: &str) -> Result<NaiveTime> {
    let s = input.trim();
    let bad = || {
        Error::new(
            ErrorKind::InvalidDate,
            format!("`{s}` is not a valid time of day (expected HH:MM or HH:MM:SS)"),
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

/// Parses an instant `YYYY-MM-DD[THH:MM[:SS]]` (a space may replace the `T`) or
/// `dd/mm/yyyy[ HH:MM[:SS]]`. A date alone gets the time chosen by `date_only`.
///
/// A time followed by a UTC offset (`Z`, `+07:00`, `-0500`, `+07`) is an instant elsewhere:
/// it is converted to Vietnam's wall clock (UTC+7), as every door converts offset-aware
/// instants. Without an offset the instant is Vietnam's wall clock.
///
/// ```
/// use motcua::civil::{parse_instant, DateOnly};
/// let t = parse_instant("2026-03-02T09:30", DateOnly::StartOfDay).unwrap();
/// assert_eq!(t.to_string(), "2026-03-02 09:30:00");
/// let t = parse_instant("02/03/2026 09:30", DateOnly::StartOfDay).unwrap();
/// assert_eq!(t.to_string(), "2026-03-02 09:30:00");
/// assert_eq!(parse_instant("2026-03-02", DateOnly::EndOfDay).unwrap().to_string(), "2026-03-02 23:59:59");
/// // 02:30 in UTC is 09:30 in Vietnam.
/// assert_eq!(parse_instant("2026-03-02T02:30Z", DateOnly::StartOfDay).unwrap(), t);
/// assert_eq!(parse_instant("2026-03-01T20:30-05:00", DateOnly::StartOfDay).unwrap().to_string(), "2026-03-02 08:30:00");
/// ```
pub fn parse_instant(input: &str, date_only: DateOnly) -> Result<NaiveDateTime> {
    let s = input.trim();
    if let Some((t, has_time)) = iso_fast(s.as_bytes()) {
        return Ok(match (has_time, date_only) {
            (false, DateOnly::EndOfDay) => t.date().and_hms_opt(23, 59, 59).unwrap_or(t),
            _ => t,
        });
    }
    parse_instant_general(s, date_only)
}

/// [`parse_instant`] without its fast path.
fn parse_instant_general(s: &str, date_only: DateOnly) -> Result<NaiveDateTime> {
    let split = s.find(['T', ' ']);
    match split {
        Some(i) => {
            let (d, t) = (s.get(..i).unwrap_or(""), s.get(i + 1..).unwrap_or(""));
            let date = parse_date(d)?;
            let bad = || {
                Error::new(
                    ErrorKind::InvalidDate,
                    format!("`{s}` is not a valid instant (expected YYYY-MM-DDTHH:MM[:SS])"),
                )
            };
            let (t, offset) = split_offset(t).ok_or_else(bad)?;
            let time = parse_time(t).map_err(|_| bad())?;
            let local = date.and_time(time);
            match offset {
                None => Ok(local),
                Some(seconds) => local
                    .checked_sub_signed(chrono::Duration::seconds(
                        i64::from(seconds) - VIETNAM_UTC_OFFSET_SECONDS,
                    ))
                    .ok_or_else(|| out_of_range(s)),
            }
        }
        None => {
            let date = parse_date(s)?;
            let time = match date_only {
                DateOnly::StartOfDay => NaiveTime::MIN,
                DateOnly::EndOfDay => NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN),
            };
            Ok(date.and_time(time))
        }
    }
}

/// The usual shapes, `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` and `YYYY-MM-DDTHH:MM:SS` (or a space
/// for the `T`), read digit by digit; `None` for anything else (the general parser decides),
/// else the instant (a date alone at 00:00) and whether a time was given.
#[inline]
fn iso_fast(b: &[u8]) -> Option<(NaiveDateTime, bool)> {
    let d = |i: usize| -> Option<u32> {
        let c = *b.get(i)?;
        c.is_ascii_digit().then(|| u32::from(c - b'0'))
    };
    let two = |i: usize| Some(d(i)? * 10 + d(i + 1)?);
    if !matches!(b.len(), 10 | 16 | 19) || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let year = i32::try_from(two(0)? * 100 + two(2)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, two(5)?, two(8)?)?;
    if b.len() == 10 {
        return Some((date.and_time(NaiveTime::MIN), false));
    }
    if !matches!(b.get(10), Some(b'T' | b' ')) || b.get(13) != Some(&b':') {
        return None;
    }
    let sec = if b.len() == 19 {
        if b.get(16) != Some(&b':') {
            return None;
        }
        two(17)?
    } else {
        0
    };
    let time = NaiveTime::from_hms_opt(two(11)?, two(14)?, sec)?;
    Some((date.and_time(time), true))
}

/// Splits a UTC offset (`Z`, `±HH:MM`, `±HHMM`, `±HH`) off a time of day: the time and the
/// offset in seconds east of UTC; `None` for a malformed offset.
fn split_offset(t: &str) -> Option<(&str, Option<i32>)> {
    let t = t.trim();
    if let Some(rest) = t.strip_suffix(['Z', 'z']) {
        return Some((rest.trim_end(), Some(0)));
    }
    let Some(i) = t.rfind(['+', '-']) else {
        return Some((t, None));
    };
    let (time, off) = (t.get(..i)?.trim_end(), t.get(i..)?);
    let sign = if off.starts_with('-') { -1 } else { 1 };
    let digits_of = |x: &str| digits(x).and_then(|v| i32::try_from(v).ok());
    let body = off.get(1..)?;
    let (h, m) = match (body.len(), body.split_once(':')) {
        (_, Some((h, m))) if h.len() == 2 && m.len() == 2 => (digits_of(h)?, digits_of(m)?),
        (4, None) => (digits_of(body.get(..2)?)?, digits_of(body.get(2..)?)?),
        (2, None) => (digits_of(body)?, 0),
        _ => return None,
    };
    if h > 23 || m > 59 {
        return None;
    }
    Some((time, Some(sign * (h * 3600 + m * 60))))
}

fn out_of_range(s: &str) -> Error {
    Error::new(
        ErrorKind::DateOutOfRange,
        format!("`{s}` is not a representable instant"),
    )
}

/// Vietnam's offset from UTC in seconds: UTC+7, without daylight saving since 1975.
pub const VIETNAM_UTC_OFFSET_SECONDS: i64 = 7 * 3600;

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
    // (constant divisors: a multiplication each, not a division)
    let mut secs = match unit {
        TimeUnit::Second => value,
        TimeUnit::Millisecond => value.div_euclid(1_000),
        TimeUnit::Microsecond => value.div_euclid(1_000_000),
        TimeUnit::Nanosecond => value.div_euclid(1_000_000_000),
    };
    if clock == Clock::Utc {
        // (a value near i64::MAX is not a date anyway)
        secs = secs.saturating_add(VIETNAM_UTC_OFFSET_SECONDS);
    }
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let date = date_from_day_number(days)?;
    let time = u32::try_from(sod)
        .ok()
        .and_then(|s| NaiveTime::from_num_seconds_from_midnight_opt(s, 0))
        .unwrap_or(NaiveTime::MIN);
    Ok(date.and_time(time))
}

/// "Now" in Vietnam: the wall clock at UTC+7 of the instant `unix_seconds` (seconds since
/// 1970-01-01T00:00Z), never the machine's zone. The library never reads the clock: each door
/// (the CLI, the Python and JS packages) reads its own and calls this, so "now" has one
/// definition.
///
/// ```
/// assert_eq!(motcua::civil::vietnam_now(1_772_418_600).to_string(), "2026-03-02 09:30:00");
/// ```
pub fn vietnam_now(unix_seconds: i64) -> NaiveDateTime {
    wall_clock(unix_seconds, TimeUnit::Second, Clock::Utc).unwrap_or(NaiveDateTime::MIN)
}

/// Formats an instant as `YYYY-MM-DDTHH:MM` (seconds added only when not zero).
pub fn format_instant(t: NaiveDateTime) -> String {
    use chrono::Timelike;
    if t.second() == 0 {
        t.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_dates() {
        for s in [
            "2026-02-30",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "x",
            "2026-01-01x",
            "32/01/2026",
            "01/01/26",
            "+2026-01-01",
            "2026-01-0a",
        ] {
            assert!(parse_date(s).is_err(), "{s}");
        }
        assert_eq!(parse_date("").unwrap_err().kind(), ErrorKind::EmptyInput);
    }

    #[test]
    fn parses_both_forms() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(parse_date("2024-02-29").unwrap(), d);
        assert_eq!(parse_date("29/2/2024").unwrap(), d);
        assert_eq!(parse_date(" 29/02/2024 ").unwrap(), d);
    }

    #[test]
    fn instants() {
        assert!(parse_instant("2026-03-02T25:00", DateOnly::StartOfDay).is_err());
        assert_eq!(
            parse_instant("02/03/2026 9:05", DateOnly::StartOfDay)
                .unwrap()
                .to_string(),
            "2026-03-02 09:05:00"
        );
        assert!(parse_instant("2026-03-02T9:0", DateOnly::StartOfDay).is_err());
        assert!(parse_instant("2026-03-02T109:00", DateOnly::StartOfDay).is_err());
        assert!(parse_instant("2026-03-02T09:00:60", DateOnly::StartOfDay).is_err());
        let t = parse_instant("2026-03-02 09:00:05", DateOnly::StartOfDay).unwrap();
        assert_eq!(format_instant(t), "2026-03-02T09:00:05");
    }

    proptest::proptest! {
        #[test]
        fn fast_path_agrees_with_the_general_parser(
            y in 1990u32..2200, m in 0u32..14, d in 0u32..33, h in 0u32..26, mi in 0u32..62,
            sec in 0u32..62, shape in 0u8..4,
        ) {
            let text = match shape {
                0 => format!("{y:04}-{m:02}-{d:02}"),
                1 => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}"),
                2 => format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{sec:02}"),
                _ => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{sec:02}"),
            };
            for only in [DateOnly::StartOfDay, DateOnly::EndOfDay] {
                let fast = parse_instant(&text, only).map_err(|e| e.code());
                let general = parse_instant_general(&text, only).map_err(|e| e.code());
                proptest::prop_assert_eq!(fast, general, "{}", text);
            }
        }
    }

    #[test]
    fn offsets_convert_to_vietnam() {
        let p = |s: &str| parse_instant(s, DateOnly::StartOfDay).map(|t| t.to_string());
        let want = "2026-03-02 09:30:00";
        for s in [
            "2026-03-02T09:30+07:00",
            "2026-03-02T09:30+0700",
            "2026-03-02T09:30+07",
            "2026-03-02T02:30Z",
            "2026-03-02 02:30:00 Z",
            "2026-03-01T21:30-05:00",
            "02/03/2026 03:30+01:00",
        ] {
            assert_eq!(p(s).unwrap(), want, "{s}");
        }
        assert_eq!(p("2026-03-01T17:00Z").unwrap(), "2026-03-02 00:00:00");
        for s in [
            "2026-03-02T09:30+7",
            "2026-03-02T09:30+24:00",
            "2026-03-02T09:30+07:0a",
            "2026-03-02Z",
        ] {
            assert!(p(s).is_err(), "{s}");
        }
    }

    #[test]
    fn integer_timestamps() {
        let t = |v, u, c| wall_clock(v, u, c).unwrap().to_string();
        assert_eq!(t(0, TimeUnit::Second, Clock::Utc), "1970-01-01 07:00:00");
        assert_eq!(
            t(-1, TimeUnit::Nanosecond, Clock::VietnamWall),
            "1969-12-31 23:59:59"
        );
        assert_eq!(
            t(1_500, TimeUnit::Millisecond, Clock::VietnamWall),
            "1970-01-01 00:00:01"
        );
        assert_eq!(
            t(-25_200_000_000, TimeUnit::Microsecond, Clock::Utc),
            "1970-01-01 00:00:00"
        );
        assert!(wall_clock(i64::MAX, TimeUnit::Second, Clock::Utc).is_err());
        assert!(wall_clock(i64::MIN, TimeUnit::Second, Clock::VietnamWall).is_err());
        assert_eq!(TimeUnit::from_name("us").unwrap(), TimeUnit::Microsecond);
        assert!(TimeUnit::from_name("h").is_err());
    }

    #[test]
    fn day_numbers_round_trip() {
        for n in [-719_162_i64, -1, 0, 1, 20_514, 2_932_896] {
            let d = date_from_day_number(n).unwrap();
            assert_eq!(i64::from(day_number(d)), n);
        }
        assert!(date_from_day_number(i64::MAX).is_err());
    }
}
