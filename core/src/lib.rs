//! # motcua
//!
//! The Vietnamese working-day calendar and the one-stop (*một cửa*) deadline rules, exactly.
#![deny(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used))]

pub mod calendar;
pub mod civil;
pub mod error;
pub mod lunar;

pub use calendar::{CalendarSpec, DayKind, WorkCalendar};
pub use error::{Error, ErrorKind, Result};
