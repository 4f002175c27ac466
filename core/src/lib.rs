//! # motcua
//!
//! The Vietnamese working-day calendar and the one-stop (*một cửa*) deadline rules, exactly:
//! when a dossier is due, and whether it was resolved early, on time or late, by the law in
//! force on the day it was received, with an explanation citing that law.
//!
//! # A first program
//!
//! `use motcua::prelude::*` brings in what a program or a service needs (the calendar, the
//! dossier, the options, the answers, the error, the instant helpers and chrono's date types,
//! re-exported as [`chrono`] so that no other dependency is needed):
//!
#![doc = concat!("```\n", include_str!("../examples/first_program.rs"), "```")]
//!
//! (`core/examples/first_program.rs`; `cargo run -p motcua --example first_program`.)
//!
//! # The map
//!
//! | module | what it owns |
//! |---|---|
//! | [`prelude`] | the names a first program needs, to glob-import |
//! | [`calendar`] | [`CalendarSpec`] (weekly rest days, holidays, closures, make-up working days, office hours, covered range) compiled into a [`WorkCalendar`] whose queries are O(1) table reads: [`WorkCalendar::add_working_days`], [`WorkCalendar::working_days_between`], [`WorkCalendar::is_working_day`], working-hour arithmetic, bulk variants over day numbers |
//! | [`vn`] | Vietnam: statutory holidays by the law of each year, compensatory days, the embedded official schedules, the public-sector calendar ([`vn::public_sector`]), [`vn::holidays`], run-time schedules files ([`vn::Preset`]) |
//! | [`lunar`] | the Vietnamese lunisolar calendar (UTC+7; the Chinese one at UTC+8), 1900–2199 |
//! | [`procedure`] | [`TimeLimit`](procedure::TimeLimit), [`Procedure`](procedure::Procedure) and the procedure [`Catalogue`](procedure::Catalogue) |
//! | [`dossier`] | [`Dossier`](dossier::Dossier) and its lifecycle events, their ordering rules, the JSON form ([`Dossier::from_json`](dossier::Dossier::from_json), typed, without an intermediate `serde_json::Value`) |
//! | [`deadline`] | the counting rules, each citing its legal source; [`deadline::due`] and the [`Due`](deadline::Due) answer; [`Rules`](deadline::Rules), the switches that reproduce other systems' numbers; explanations in Vietnamese or English |
//! | [`outcome`] | early / on time / late, within the deadline / overdue / awaiting a supplement, refused, withdrawn, as of an instant: [`outcome::classify`] |
//! | [`Options`] | one request value (calendar, catalogue, rules, as-of, explanation) for [`Options::due`] and [`Options::classify`] |
//! | [`records`] | the one road from records to dossiers for every door: CSV and JSON lines in blocks, typed columns (Arrow and numpy buffers), located errors (line, row, column, value, dossier id), skip-bad accounting, several threads with the answer of one; the catalogue loader |
//! | [`report`] | the one-stop report as a mergeable [`report::PartialReport`] (exact cells, then rows, totals and order once), by group and period |
//! | [`worklist`] | the one-stop desk's worklist: the dossiers open at an instant, overdue, due today or soon, awaiting a supplement, with the last day for the apology |
//! | [`indicators`] | the service scorecard and its targets |
//! | [`civil`] | strict parsing and formatting of dates and instants (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]`, an offset converted to UTC+7, `dd/mm/yyyy`); day numbers; integer timestamps of any unit; "now" from a clock reading |
//! | [`error`] | one [`Error`] type: a stable [`ErrorKind::code`], a bounded message, its location (line, field, index); serializes as `{code, message, field?, line?, index?, value?, id?}` |
//!
//! The library does no I/O and never reads the clock: "now" is always a parameter (the as-of
//! instant). Instants are Vietnam wall clock (UTC+7, no daylight saving), `NaiveDateTime`;
//! [`civil::parse_instant`] converts one with an offset.
//!
//! # Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `csv` | yes | reading records and catalogues as CSV ([`records::TextFormat::Csv`], [`records::load_catalogue`] of CSV text); without it (`default-features = false`) the calendars, due dates, outcomes, reports from JSON lines and typed columns are all there and the `csv` crate is not compiled (CSV input is then an `invalid_argument` error saying so) |
//! | `cli` | no | the `motcua` command-line program (`cargo install motcua --features cli`; implies `csv`) |
//!
//! The crate builds for `wasm32-unknown-unknown` with or without `csv` (the npm package is
//! built from it; CI checks the build without default features too).
//!
//! # Calendars of your own
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
mod casefold;
pub mod civil;
pub mod deadline;
pub mod dossier;
pub mod error;
mod hash;
pub mod indicators;
pub mod lunar;
mod options;
pub mod outcome;
pub mod procedure;
pub mod records;
pub mod report;
mod sort;
pub mod vn;
pub mod worklist;

pub use calendar::{CalendarSpec, DayClass, DayKind, WorkCalendar};
pub use error::{Error, ErrorKind, Result};
pub use options::Options;

/// The date and time library of motcua's API (`NaiveDate`, `NaiveDateTime`, ...), re-exported
/// so that a program needs no dependency of its own on it (and always the same version).
pub use chrono;

pub mod prelude {
    //! The names a first program or a service needs: `use motcua::prelude::*;`.
    //!
    //! The Vietnamese public-sector calendar ([`vn::public_sector`]) and
    //! your own ([`CalendarSpec`] → [`WorkCalendar`]); a [`Dossier`] (parsed from its JSON form
    //! with `str::parse` or [`Dossier::from_json`]); [`Options`] with [`Rules`] and [`Lang`];
    //! the answers [`Due`] and [`Classified`] ([`Outcome`]); the [`Catalogue`] of procedures and
    //! their [`TimeLimit`]s; the instant helpers [`parse_instant`] / [`format_instant`]
    //! (`YYYY-MM-DDTHH:MM`) with [`DateOnly`]; [`Error`] and [`ErrorKind`]; chrono's
    //! [`NaiveDate`], [`NaiveDateTime`], [`NaiveTime`] and [`Datelike`].

    pub use crate::calendar::{CalendarSpec, DayClass, WorkCalendar};
    pub use crate::civil::{format_instant, parse_date, parse_instant, DateOnly};
    pub use crate::deadline::{due, Due, ExplainStep, Lang, Rules};
    pub use crate::dossier::{Channel, Dossier, Event, EventKind, Warning};
    pub use crate::error::{Error, ErrorKind};
    pub use crate::outcome::{classify, Classified, Outcome};
    pub use crate::procedure::{Catalogue, Procedure, TimeLimit};
    pub use crate::vn::{self, Holiday, HolidayKind, VnOptions};
    pub use crate::Options;
    pub use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
}

/// The examples of `README.md` (the crate's page on crates.io), run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
