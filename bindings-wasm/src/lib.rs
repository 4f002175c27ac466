//! # motcua-wasm
//!
//! The JS/WASM binding of [`motcua`]: the Vietnamese working-day calendar and one-stop
//! deadlines in the browser and Node (npm package `motcua`). It mirrors the core's modules one
//! to one and is thin: each export converts its arguments ([`convert`]), calls one core
//! function and converts the answer or the error ([`error`]: a JS `Error` with the core's
//! stable `code`). No rule lives here.
//!
//! | module | JS |
//! |---|---|
//! | [`calendar`] | `Calendar` (`fromSpec`, `isWorkingDay`, `addWorkingDays`, `workingDaysBetween`, `daysOff`, `days`, bulk variants over `Int32Array`), `dayNumber`, `dateFromDayNumber` |
//! | [`vn`] | `Calendar.vietnam`, `Calendar#holidays`, `holidays`, `scheduleStatus` |
//! | [`procedure`] | `Catalogue` (`fromJson`, `procedures`, `get`) |
//! | [`deadline`] | `due`, `classify` (the core's `deadline` and `outcome`) |
//! | [`report`] | `report` (the one-stop report of dossier records, [`records`]: objects or CSV text) |
//! | [`indicators`] | `scorecard` (service indicators against targets) |
//! | [`worklist`] | `worklist` (the desk's open dossiers: overdue, due today or soon, the last day for the apology) |
//! | [`lunar`] | `toLunar`, `fromLunar`, `canChi`, `canChiEn`, `lunarNewYear`, `leapMonth`, `lunarMonthLength` |
//!
//! Dates go in as ISO strings or `Date`s and come out as ISO strings; instants are Vietnam
//! wall-clock time (UTC+7) whatever the runtime's time zone ([`convert`]). The package's
//! JavaScript (`js/`: the entries, `init`, `MotcuaError`) wraps the wasm-bindgen glue
//! (`scripts/build.mjs`); its TypeScript unions are generated from the core's tables
//! ([`typegen`]).
#![deny(missing_docs)]

pub mod calendar;
pub mod convert;
pub mod deadline;
pub mod error;
pub mod indicators;
pub mod lunar;
pub mod options;
pub mod procedure;
pub mod records;
pub mod report;
pub mod typegen;
pub mod types;
pub mod vn;
pub mod worklist;

use wasm_bindgen::prelude::*;

pub use calendar::Calendar;
pub use procedure::Catalogue;

/// Every error code the package can throw, in the core's order.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> types::ErrorCodes {
    error::error_codes()
        .into_iter()
        .map(|c| JsValue::from_str(&c))
        .collect::<js_sys::Array>()
        .unchecked_into()
}

/// The version of the package (the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
