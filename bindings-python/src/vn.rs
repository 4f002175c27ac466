//! [`motcua::vn`] for Python: the Vietnamese public-sector calendar preset, its statutory and
//! announced holidays, and where each year's schedule comes from.

use chrono::NaiveDate;
use motcua::calendar::SpecDay;
use motcua::vn::{self, VnOptions};
use pyo3::prelude::*;

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
/// caller's own closures and make-up working days laid over it.
#[pyfunction]
#[pyo3(signature = (official = true, include_pending = false, closures = Vec::new(), working_days = Vec::new()))]
pub(crate) fn vietnam_calendar(
    py: Python<'_>,
    official: bool,
    include_pending: bool,
    closures: Vec<(DateArg, Option<String>)>,
    working_days: Vec<(DateArg, Option<String>)>,
) -> PyResult<PyWorkCalendar> {
    let opts = options(official, include_pending);
    let (closures, working_days) = (spec_days(closures), spec_days(working_days));
    let cal = py
        .detach(|| {
            if closures.is_empty() && working_days.is_empty() {
                vn::calendar(&opts)
            } else {
                vn::calendar_with_overlay(&opts, &closures, &working_days)
            }
        })
        .py()?;
    Ok(PyWorkCalendar::new(cal, Some("vietnam".into())))
}

/// The named days of `year`: `(date, name_vi, name_en, kind)`.
#[pyfunction]
#[pyo3(signature = (year, official = true, include_pending = false))]
pub(crate) fn vn_holidays(
    year: i32,
    official: bool,
    include_pending: bool,
) -> PyResult<Vec<(NaiveDate, String, String, &'static str)>> {
    Ok(vn::holidays(year, &options(official, include_pending))
        .py()?
        .into_iter()
        .map(|h| (h.date, h.name_vi, h.name_en, h.kind.as_str()))
        .collect())
}

/// Where `year`'s days off come from: `official`, `statutory` or `provisional`.
#[pyfunction]
pub(crate) fn vn_schedule_status(year: i32) -> PyResult<&'static str> {
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
