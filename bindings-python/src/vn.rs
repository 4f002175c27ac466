//! [`motcua::vn`] for Python: the Vietnamese public-sector calendar preset, its statutory and
//! announced holidays, and where each year's schedule comes from.

use chrono::NaiveDate;
use motcua::calendar::SpecDay;
use motcua::vn::{self, Preset, Schedules, VnOptions};
use motcua::{Error, ErrorKind};
use pyo3::prelude::*;

use crate::civil::Int;

use crate::calendar::PyWorkCalendar;
use crate::civil::DateArg;
use crate::error::IntoPyResult;

fn options(official: bool, include_pending: bool) -> VnOptions {
    VnOptions {
        official,
        include_pending,
    }
}

fn spec_days(days: Vec<(DateArg, Option<String>)>) -> Vec<SpecDay> {
    days.into_iter()
        .map(|(d, name)| match name {
            Some(name) => SpecDay::Named { date: d.0, name },
            None => SpecDay::Date(d.0),
        })
        .collect()
}

/// The Vietnamese public-sector calendar (1995-01-01..2199-12-31), optionally with the
/// caller's own closures and make-up working days laid over it, and announced schedules
/// (`schedules`: the JSON text of a schedules file) replacing their years.
#[pyfunction]
#[pyo3(signature = (official = true, include_pending = false, closures = Vec::new(), working_days = Vec::new(), schedules = None))]
pub(crate) fn vietnam_calendar(
    py: Python<'_>,
    official: bool,
    include_pending: bool,
    closures: Vec<(DateArg, Option<String>)>,
    working_days: Vec<(DateArg, Option<String>)>,
    schedules: Option<String>,
) -> PyResult<PyWorkCalendar> {
    let mut preset = Preset::new(options(official, include_pending))
        .with_overlay(spec_days(closures), spec_days(working_days));
    if let Some(text) = schedules {
        preset = preset.with_schedules(Schedules::from_json(&text).py()?);
    }
    let cal = py.detach(|| preset.calendar()).py()?;
    let mut out = PyWorkCalendar::new(cal, Some("vietnam".into()));
    out.vn = Some(preset);
    Ok(out)
}

/// One row of a holiday list: `(date, name_vi, name_en, kind, day_off)`; `day_off` says
/// whether the preset's calendar does not work that date (false for a make-up working day and
/// for a pending day the calendar does not apply).
pub(crate) type HolidayRow = (NaiveDate, String, String, &'static str, bool);

/// The named days of `year` on `preset` (whose calendar is `cal`), as rows.
pub(crate) fn holiday_rows(
    preset: &Preset,
    cal: &motcua::WorkCalendar,
    year: i32,
) -> PyResult<Vec<HolidayRow>> {
    preset
        .holidays(year)
        .py()?
        .into_iter()
        .map(|h| {
            let off = !cal.is_working_day(h.date).py()?;
            Ok((h.date, h.name_vi, h.name_en, h.kind.as_str(), off))
        })
        .collect()
}

/// The Vietnamese preset of a calendar, or an `invalid_argument` error for one built from a
/// spec.
pub(crate) fn preset_of(cal: &PyWorkCalendar) -> motcua::Result<&Preset> {
    cal.vn.as_ref().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidArgument,
            "this calendar was built from a spec, not the Vietnamese preset: it has no \
             announced schedules",
        )
    })
}

/// `year` of `preset` in the schedules-file format (JSON text on one line).
pub(crate) fn schedule_json(preset: &Preset, year: i32) -> motcua::Result<String> {
    preset.schedule_json(year)
}

/// The named days of `year`: `(date, name_vi, name_en, kind, day_off)`.
#[pyfunction]
#[pyo3(signature = (year, official = true, include_pending = false))]
pub(crate) fn vn_holidays(
    year: Int<i32>,
    official: bool,
    include_pending: bool,
) -> PyResult<Vec<HolidayRow>> {
    let preset = Preset::new(options(official, include_pending));
    let cal = preset.calendar().py()?;
    holiday_rows(&preset, &cal, year.0)
}

/// Where `year`'s days off come from: `official`, `statutory` or `provisional`.
#[pyfunction]
pub(crate) fn vn_schedule_status(year: Int<i32>) -> PyResult<&'static str> {
    let year = year.0;
    Ok(vn::schedule_status(year).py()?.as_str())
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(vietnam_calendar, m)?)?;
    m.add_function(wrap_pyfunction!(vn_holidays, m)?)?;
    m.add_function(wrap_pyfunction!(vn_schedule_status, m)?)?;
    m.add("VN_FIRST_YEAR", vn::FIRST_YEAR)?;
    m.add("VN_LAST_YEAR", vn::LAST_YEAR)?;
    Ok(())
}
