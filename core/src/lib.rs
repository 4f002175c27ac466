//! # motcua
//!
//! The Vietnamese working-day calendar and the one-stop (*một cửa*) deadline rules, exactly.
//!
//! - [`calendar`]: [`CalendarSpec`] (weekly rest days, holidays, closures, make-up working days,
//!   office hours, covered range) compiled into a [`WorkCalendar`] whose queries are O(1) table
//!   reads: [`WorkCalendar::add_working_days`], [`WorkCalendar::working_days_between`],
//!   [`WorkCalendar::is_working_day`], working-hour arithmetic, bulk variants over day numbers.
//! - [`deadline`]: the due date of a dossier by the one-stop rules (one pass of the clock over
//!   its events), with an explanation in Vietnamese or English citing the law;
//!   [`outcome`]: early / on time / late, within the deadline / overdue, as of an instant.
//! - [`civil`]: strict parsing of ISO and `dd/mm/yyyy` dates and instants; day numbers.
//! - [`error`]: one [`Error`] type whose [`ErrorKind::code`] is a stable string.
//!
//! The library does no I/O and never reads the clock: "now" is always a parameter.
//!
//! ```
//! use motcua::CalendarSpec;
//!
//! let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
//! let mut spec = CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31"));
//! spec.holidays.push(d("2026-03-09").into());
//! spec.working_days.push(d("2026-03-14").into()); // a make-up Saturday
//! let cal = spec.compile()?;
//! assert_eq!(cal.add_working_days(d("2026-03-06"), 1)?, d("2026-03-10"));
//! assert_eq!(cal.add_working_days(d("2026-03-13"), 1)?, d("2026-03-14"));
//! // 10, 11, 12, 13, 14 (Saturday, worked) and 16 March:
//! assert_eq!(cal.working_days_between(d("2026-03-06"), d("2026-03-16"))?, 6);
//! // Outside the calendar's range: an error, never a guess.
//! assert_eq!(cal.add_working_days(d("2026-12-31"), 1).unwrap_err().code(), "date_out_of_range");
//! # Ok::<(), motcua::Error>(())
//! ```
#![deny(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used))]

pub mod calendar;
pub mod civil;
pub mod deadline;
pub mod dossier;
pub mod error;
pub mod indicators;
pub mod lunar;
pub mod outcome;
pub mod procedure;
pub mod report;
pub mod vn;

pub use calendar::{CalendarSpec, DayClass, DayKind, WorkCalendar};
pub use error::{Error, ErrorKind, Result};

/// The examples of `README.md` (the crate's page on crates.io), run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
