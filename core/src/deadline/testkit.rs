//! Calendars and helpers shared by the tests of `deadline`, `outcome` and `vn`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{NaiveDate, NaiveDateTime};

use super::Rules;
use crate::calendar::{CalendarSpec, HolidayKind, SpecDay, WorkCalendar};
use crate::dossier::Dossier;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn t(s: &str) -> NaiveDateTime {
    crate::civil::parse_instant(s, crate::civil::DateOnly::StartOfDay).unwrap()
}

/// The 2026 public-sector calendar of procedures.md §7 (weekmask 1111100, office hours
/// 07:30–11:30, 13:00–17:00), written out by hand with the names and kinds the `vn` preset
/// is expected to give (`vn::public_sector()` is checked against it).
pub fn cal2026() -> WorkCalendar {
    let mut spec = CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31"));
    let day = |date: &str, kind: HolidayKind, name: &str| SpecDay::Classified {
        date: d(date),
        kind,
        name: Some(name.to_string()),
    };
    use HolidayKind::{Compensatory, MakeupWorkingDay, Statutory, Swapped};
    spec.holidays = vec![
        day("2026-01-01", Statutory, "Tết Dương lịch"),
        day("2026-01-02", Swapped, "Nghỉ hoán đổi dịp Tết Dương lịch"),
        day("2026-02-16", Statutory, "Tết Nguyên đán"),
        day("2026-02-17", Statutory, "Tết Nguyên đán"),
        day("2026-02-18", Statutory, "Tết Nguyên đán"),
        day("2026-02-19", Statutory, "Tết Nguyên đán"),
        day("2026-02-20", Compensatory, "Nghỉ bù Tết Nguyên đán"),
        day("2026-04-27", Compensatory, "Nghỉ bù Giỗ Tổ Hùng Vương"),
        day("2026-04-30", Statutory, "Ngày Chiến thắng"),
        day("2026-05-01", Statutory, "Ngày Quốc tế Lao động"),
        day("2026-08-31", Swapped, "Nghỉ hoán đổi dịp Quốc khánh"),
        day("2026-09-01", Statutory, "Quốc khánh"),
        day("2026-09-02", Statutory, "Quốc khánh"),
    ];
    spec.working_days = vec![
        day("2026-01-10", MakeupWorkingDay, "Làm bù"),
        day("2026-08-22", MakeupWorkingDay, "Làm bù"),
    ];
    spec.compile().unwrap()
}

/// Monday–Friday without holidays.
pub fn weekdays(from: &str, to: &str) -> WorkCalendar {
    CalendarSpec::weekdays(d(from), d(to)).compile().unwrap()
}

pub fn dossier(json: &str) -> Dossier {
    Dossier::from_json(json).unwrap()
}

pub fn rules(pairs: &[&str]) -> Rules {
    let mut r = Rules::default();
    for p in pairs {
        r.set_pair(p).unwrap();
    }
    r
}

/// The shared vectors' rule (tests/vectors/README.md): `expected` matches `got` when equal,
/// except that for objects only the keys present in `expected` are compared, recursively (a
/// warning is expected by its `code`, its message is the library's).
pub fn matches(expected: &serde_json::Value, got: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (expected, got) {
        (Value::Object(e), Value::Object(g)) => e
            .iter()
            .all(|(k, v)| g.get(k).is_some_and(|gv| matches(v, gv))),
        (Value::Array(e), Value::Array(g)) => {
            e.len() == g.len() && e.iter().zip(g).all(|(a, b)| matches(a, b))
        }
        _ => expected == got,
    }
}

/// The due date of the dossier `json` on [`cal2026`] under the options `pairs`.
pub fn due_of(json: &str, pairs: &[&str]) -> super::Due {
    super::due(&dossier(json), &cal2026(), &rules(pairs), None).unwrap()
}

/// The kind of the error of `due` for the dossier `json` on [`cal2026`].
pub fn due_err(json: &str) -> crate::error::ErrorKind {
    super::due(&dossier(json), &cal2026(), &Rules::default(), None)
        .unwrap_err()
        .kind()
}
