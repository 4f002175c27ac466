//! Dates at the Python edge: scalars (`datetime.date`, `datetime.datetime`, `pandas.Timestamp`,
//! ISO / `dd/mm/yyyy` strings, `numpy.datetime64`) → [`NaiveDate`] or day numbers, and
//! sequences of such objects → a day-number array. Parsing is the core's
//! ([`motcua::civil`]); nothing here knows a calendar rule.

use chrono::{NaiveDate, NaiveDateTime};
use motcua::civil::{self, DateOnly};
use motcua::{Error, ErrorKind};
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyString};

use crate::error::IntoPyResult;

/// The missing day number (numpy `NaT`).
pub(crate) const MISSING: i64 = i64::MIN;

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

fn not_a_date(obj: &Bound<'_, PyAny>) -> Error {
    Error::new(
        ErrorKind::InvalidDate,
        format!(
            "expected a date (datetime.date, datetime.datetime, an ISO `YYYY-MM-DD` or \
             `dd/mm/yyyy` string, numpy.datetime64), got {}",
            type_name(obj)
        ),
    )
}

/// The day number of a date-like Python object, `None` for a missing value (`None`, `NaT`,
/// `NaN`). Errors are core errors (`invalid_date`, `empty_input`), so the caller can add the
/// element index.
pub(crate) fn day_number_of(obj: &Bound<'_, PyAny>) -> PyResult<Result<Option<i64>, Error>> {
    if obj.is_none() {
        return Ok(Ok(None));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow()?;
        return Ok(civil::parse_date(&text).map(|d| Some(i64::from(civil::day_number(d)))));
    }
    if obj.is_instance_of::<PyDate>() {
        // `pandas.NaT` is a `datetime` whose fields are NaN.
        if type_name(obj) == "NaTType" {
            return Ok(Ok(None));
        }
        let d: NaiveDate = match obj.extract() {
            Ok(d) => d,
            Err(_) => return Ok(Err(not_a_date(obj))),
        };
        return Ok(Ok(Some(i64::from(civil::day_number(d)))));
    }
    // NaN (pandas' missing value in object columns).
    if obj.extract::<f64>().is_ok_and(f64::is_nan) {
        return Ok(Ok(None));
    }
    // numpy.datetime64 (any unit): floor to days, as numpy does.
    if type_name(obj) == "datetime64" {
        let days = obj
            .call_method1("astype", ("datetime64[D]",))?
            .call_method1("astype", ("int64",))?
            .extract::<i64>()?;
        return Ok(Ok((days != MISSING).then_some(days)));
    }
    Ok(Err(not_a_date(obj)))
}

/// A date-like Python object as a date; a missing value is an `empty_input` error.
pub(crate) fn date_of(obj: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    match day_number_of(obj)? {
        Ok(Some(n)) => civil::date_from_day_number(n).py(),
        Ok(None) => Err(Error::new(
            ErrorKind::EmptyInput,
            "missing date (None or NaT); the array forms propagate missing values",
        ))
        .py(),
        Err(e) => Err(e).py(),
    }
}

/// A date-like argument of a `#[pyfunction]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DateArg(pub(crate) NaiveDate);

impl<'a, 'py> FromPyObject<'a, 'py> for DateArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        date_of(&obj).map(DateArg)
    }
}

/// An instant argument: `datetime.datetime` (or `pandas.Timestamp`), an ISO
/// `YYYY-MM-DDTHH:MM[:SS]` string, or a date (its start).
#[derive(Debug, Clone, Copy)]
pub(crate) struct InstantArg(pub(crate) NaiveDateTime);

impl<'a, 'py> FromPyObject<'a, 'py> for InstantArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(s) = obj.cast::<PyString>() {
            return civil::parse_instant(&s.to_cow()?, DateOnly::StartOfDay)
                .py()
                .map(InstantArg);
        }
        if let Ok(t) = obj.extract::<NaiveDateTime>() {
            return Ok(InstantArg(t));
        }
        let d = date_of(&obj)?;
        Ok(InstantArg(d.and_time(chrono::NaiveTime::MIN)))
    }
}

/// Parses a date with the core's strict parser (ISO `YYYY-MM-DD` or `dd/mm/yyyy`).
#[pyfunction]
pub(crate) fn parse_date(text: &str) -> PyResult<NaiveDate> {
    civil::parse_date(text).py()
}

/// Parses an instant `YYYY-MM-DD[THH:MM[:SS]]` or `dd/mm/yyyy[ HH:MM[:SS]]` (a date alone is
/// the start of that day, or its end with `end_of_day=True`).
#[pyfunction]
#[pyo3(signature = (text, end_of_day = false))]
pub(crate) fn parse_instant(text: &str, end_of_day: bool) -> PyResult<NaiveDateTime> {
    let only = if end_of_day {
        DateOnly::EndOfDay
    } else {
        DateOnly::StartOfDay
    };
    civil::parse_instant(text, only).py()
}

/// Days since 1970-01-01 of a date-like object.
#[pyfunction]
pub(crate) fn day_number(date: DateArg) -> i64 {
    i64::from(civil::day_number(date.0))
}

/// The date of a day number (days since 1970-01-01).
#[pyfunction]
pub(crate) fn date_from_day_number(n: i64) -> PyResult<NaiveDate> {
    civil::date_from_day_number(n).py()
}

/// Day numbers (`int64`, missing = `NaT`'s `i64::MIN`) of a sequence of date-like objects,
/// each converted as a scalar is; an error names the index of the offending element.
#[pyfunction]
pub(crate) fn day_numbers_of<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyArray1<i64>>> {
    let len = items.len().unwrap_or(0);
    let mut out = Vec::with_capacity(len);
    for (i, item) in items.try_iter()?.enumerate() {
        match day_number_of(&item?)? {
            Ok(v) => out.push(v.unwrap_or(MISSING)),
            Err(e) => return Err(e.at_index(i)).py(),
        }
    }
    Ok(PyArray1::from_vec(py, out))
}
