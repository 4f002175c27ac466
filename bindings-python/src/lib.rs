//! `motcua._motcua`: the native module of the Python package `motcua`.
//!
//! It mirrors the core's modules (calendar, civil, error, lunar, ...) and only converts: Python
//! objects and numpy buffers in, one call into `motcua`, Python objects or filled buffers out,
//! core errors as the exceptions of `motcua.error`. Bulk calls release the GIL. The pure-Python
//! package (`python/motcua/`) adds the numpy / pandas / polars / Arrow front ends.

use pyo3::prelude::*;

mod calendar;
mod civil;
mod deadline;
mod dossier;
mod error;
mod indicators;
mod lunar;
mod procedure;
mod report;
mod vn;

/// The native part of `motcua` (use the `motcua` package, not this module).
#[pymodule]
fn _motcua(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MISSING", civil::MISSING)?;
    m.add_function(wrap_pyfunction!(error::error_codes, m)?)?;
    m.add_function(wrap_pyfunction!(civil::parse_date, m)?)?;
    m.add_function(wrap_pyfunction!(civil::parse_instant, m)?)?;
    m.add_function(wrap_pyfunction!(civil::day_number, m)?)?;
    m.add_function(wrap_pyfunction!(civil::date_from_day_number, m)?)?;
    m.add_function(wrap_pyfunction!(civil::day_numbers_of, m)?)?;
    m.add_class::<calendar::PyWorkCalendar>()?;
    lunar::register(m)?;
    vn::register(m)?;
    m.add_class::<procedure::PyCatalogue>()?;
    m.add_function(wrap_pyfunction!(procedure::parse_time_limit, m)?)?;
    m.add_class::<dossier::PyDossier>()?;
    m.add_class::<deadline::PyRules>()?;
    m.add_function(wrap_pyfunction!(deadline::due_json, m)?)?;
    m.add_function(wrap_pyfunction!(deadline::classify_json, m)?)?;
    m.add_function(wrap_pyfunction!(deadline::due_records, m)?)?;
    m.add_function(wrap_pyfunction!(deadline::classify_records, m)?)?;
    m.add_function(wrap_pyfunction!(report::report_records, m)?)?;
    m.add_function(wrap_pyfunction!(indicators::scorecard_records, m)?)?;
    m.add_function(wrap_pyfunction!(indicators::indicator_names, m)?)?;
    m.add_function(wrap_pyfunction!(indicators::targets_json, m)?)?;
    m.add_function(wrap_pyfunction!(indicators::catalogue_fields, m)?)?;
    Ok(())
}
