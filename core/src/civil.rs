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
/// ```
/// use motcua::civil::{parse_instant, DateOnly};
/// let t = parse_instant("2026-03-02T09:30", DateOnly::StartOfDay).unwrap();
/// assert_eq!(t.to_string(), "2026-03-02 09:30:00");
/// let t = parse_instant("02/03/2026 09:30", DateOnly::StartOfDay).unwrap();
/// assert_eq!(t.to_string(), "2026-03-02 09:30:00");
/// assert_eq!(parse_instant("2026-03-02", DateOnly::EndOfDay).unwrap().to_string(), "2026-03-02 23:59:59");
/// ```
pub fn parse_instant(input: &str, date_only: DateOnly) -> Result<NaiveDateTime> {
    let s = input.trim();
    let split = s.find(['T', ' ']);
    match split {
        Some(i) => {
            let (d, t) = (s.get(..i).unwrap_or(""), s.get(i + 1..).unwrap_or(""));
            let date = parse_date(d)?;
            let time = parse_time(t).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidDate,
                    format!("`{s}` is not a valid instant (expected YYYY-MM-DDTHH:MM[:SS])"),
                )
            })?;
            Ok(date.and_time(time))
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

    #[test]
    fn day_numbers_round_trip() {
        for n in [-719_162_i64, -1, 0, 1, 20_514, 2_932_896] {
            let d = date_from_day_number(n).unwrap();
            assert_eq!(i64::from(day_number(d)), n);
        }
        assert!(date_from_day_number(i64::MAX).is_err());
    }
}
