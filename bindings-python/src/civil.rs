//! Dates at the Python edge: scalars (`datetime.date`, `datetime.datetime`, `pandas.Timestamp`,
//! ISO / `dd/mm/yyyy` strings, `numpy.datetime64`) → [`NaiveDate`] or day numbers, and
//! sequences of such objects → a day-number array. Parsing is the core's
//! ([`motcua::civil`]); nothing here knows a calendar rule.

use chrono::Timelike;
use chrono::{NaiveDate, NaiveDateTime};
use motcua::civil::{self, DateOnly};
use motcua::{Error, ErrorKind};
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::{IntoPyDict, PyDate, PyDateTime, PyString};

use crate::error::IntoPyResult;

/// The missing day number (numpy `NaT`).
pub(crate) const MISSING: i64 = i64::MIN;

pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
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
    if obj.is_none() || type_name(obj) == "NAType" {
        return Ok(Ok(None));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        // A date, or an instant's day in Vietnam (with an offset: converted to UTC+7 first), as
        // a `datetime` is read below and as the JS package reads strings.
        let text = date_text(s)?;
        return Ok(civil::parse_day(&text).map(|d| Some(i64::from(civil::day_number(d)))));
    }
    // A `datetime` / `Timestamp`: its day in Vietnam (a zoned one converted to UTC+7 first).
    if obj.is_instance_of::<PyDateTime>() && type_name(obj) != "NaTType" {
        let t = wall_clock_of(obj)?;
        return Ok(Ok(Some(i64::from(civil::day_number(t.date())))));
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
        // (Through seconds: numpy's cast of a femto- or attosecond unit to days overflows
        // computing its factor; every such value is within hours of 1970-01-01.)
        return match datetime64_seconds(obj)? {
            (_, true) => Ok(Ok(None)),
            (s, false) => Ok(Ok(Some(s.div_euclid(86_400)))),
        };
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

/// An integer argument: a Python `int` (or numpy integer), never a `bool` — `True` is an `int`
/// in Python, and read as 1 it made `can_chi(True)` the year 1 and `add_working_hours(t,
/// True)` one hour. A `bool` is an `invalid_number` error naming the argument's type.
pub(crate) struct Int<T>(pub(crate) T);

impl<'a, 'py, T: FromPyObject<'a, 'py>> FromPyObject<'a, 'py> for Int<T> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<pyo3::types::PyBool>() {
            return Err(crate::error::to_py_err(Error::new(
                ErrorKind::InvalidNumber,
                "expected an integer, got a bool",
            )));
        }
        obj.extract().map(Int).map_err(|_| {
            // Not an integer (`2025.0`, `"2025"`), or one out of range: a typed error, not a
            // bare TypeError or OverflowError.
            let what = obj
                .get_type()
                .name()
                .map_or_else(|_| "?".to_string(), |n| n.to_string());
            let value: String = obj.to_string().chars().take(40).collect();
            crate::error::to_py_err(Error::new(
                ErrorKind::InvalidNumber,
                format!("expected an integer in range, got {what} `{value}`"),
            ))
        })
    }
}

/// The Vietnam wall clock of a `datetime.datetime` (or `pandas.Timestamp`): a naive one as it
/// is, one with a time zone converted to UTC+7 (DESIGN: every door converts). Seconds are
/// whole (microseconds dropped).
pub(crate) fn wall_clock_of(obj: &Bound<'_, PyAny>) -> PyResult<NaiveDateTime> {
    let offset = obj.call_method0("utcoffset")?;
    let naive: NaiveDateTime = if offset.is_none() {
        obj.extract()?
    } else {
        obj.call_method(
            "replace",
            (),
            Some(&[("tzinfo", obj.py().None())].into_py_dict(obj.py())?),
        )?
        .extract()?
    };
    let naive = naive.with_nanosecond(0).unwrap_or(naive);
    if offset.is_none() {
        return Ok(naive);
    }
    let seconds: f64 = offset.call_method0("total_seconds")?.extract()?;
    let shift = i64::from(civil::VIETNAM_UTC_OFFSET_SECONDS) - seconds.round() as i64;
    naive
        .checked_add_signed(chrono::Duration::seconds(shift))
        .ok_or_else(|| Error::new(ErrorKind::DateOutOfRange, "an instant out of range"))
        .py()
}

/// The whole seconds of a `numpy.datetime64` scalar (any unit) and whether it is `NaT`,
/// computed here from its integer and unit (floored, as numpy floors): numpy's own cast to
/// seconds wraps silently when the value does not fit (`datetime64(2**62, 'Y')` came out as
/// 1970-01-01, another as `NaT`), which is a `date_out_of_range` error here.
pub(crate) fn datetime64_seconds(obj: &Bound<'_, PyAny>) -> PyResult<(i64, bool)> {
    let raw: i64 = obj.call_method1("astype", ("int64",))?.extract()?;
    if raw == MISSING {
        return Ok((raw, true));
    }
    let (unit, count): (String, i64) = obj
        .py()
        .import("numpy")?
        .call_method1("datetime_data", (obj.getattr("dtype")?,))?
        .extract()?;
    let v = i128::from(raw) * i128::from(count);
    let months = |m: i128| -> Option<i128> {
        let year = i32::try_from(m.div_euclid(12) + 1970).ok()?;
        let month = u32::try_from(m.rem_euclid(12) + 1).ok()?;
        let d = NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(i128::from(
            d.and_time(chrono::NaiveTime::MIN).and_utc().timestamp(),
        ))
    };
    let per_second = |n: i128| Some(v.div_euclid(n));
    let secs = match unit.as_str() {
        "Y" => v.checked_mul(12).and_then(months),
        "M" => months(v),
        "W" => v.checked_mul(7 * 86_400),
        "D" => v.checked_mul(86_400),
        "h" => v.checked_mul(3_600),
        "m" => v.checked_mul(60),
        "s" => Some(v),
        "ms" => per_second(1_000),
        "us" => per_second(1_000_000),
        "ns" => per_second(1_000_000_000),
        "ps" => per_second(1_000_000_000_000),
        "fs" => per_second(1_000_000_000_000_000),
        "as" => per_second(1_000_000_000_000_000_000),
        _ => {
            return Err(Error::new(
                ErrorKind::InvalidDate,
                format!("a numpy.datetime64 of unit `{unit}` is no instant"),
            ))
            .py()
        }
    };
    match secs.and_then(|s| i64::try_from(s).ok()) {
        Some(s) if s != MISSING => Ok((s, false)),
        _ => Err(Error::new(
            ErrorKind::DateOutOfRange,
            format!("the numpy.datetime64 {raw} [{count}{unit}] is out of range"),
        ))
        .py(),
    }
}

/// How a date alone becomes an instant.
fn instant_of(obj: &Bound<'_, PyAny>, date_only: DateOnly) -> PyResult<NaiveDateTime> {
    let end = |d: NaiveDate| match date_only {
        DateOnly::StartOfDay => d.and_time(chrono::NaiveTime::MIN),
        DateOnly::EndOfDay => d
            .and_hms_opt(23, 59, 59)
            .unwrap_or(d.and_time(chrono::NaiveTime::MIN)),
    };
    if let Ok(s) = obj.cast::<PyString>() {
        return civil::parse_instant(&date_text(s)?, date_only).py();
    }
    if obj.is_instance_of::<PyDateTime>() && type_name(obj) != "NaTType" {
        return wall_clock_of(obj);
    }
    if type_name(obj) == "datetime64" {
        let unit: String = obj
            .getattr("dtype")?
            .getattr("str")?
            .extract()
            .unwrap_or_default();
        if unit.ends_with("[D]") {
            return Ok(end(date_of(obj)?));
        }
        // A month, a week or a year is no instant (it was its first instant).
        if ["[M]", "[W]", "[Y]"].iter().any(|u| unit.ends_with(u)) {
            return Err(Error::new(
                ErrorKind::InvalidDate,
                format!("a datetime64 of unit {unit} is a period, not an instant: give a date or a time"),
            ))
            .py();
        }
        let (secs, nat) = datetime64_seconds(obj)?;
        if nat {
            return Err(Error::new(ErrorKind::EmptyInput, "missing instant (NaT)")).py();
        }
        return civil::wall_clock(secs, civil::TimeUnit::Second, civil::Clock::VietnamWall).py();
    }
    Ok(end(date_of(obj)?))
}

/// An instant argument: `datetime.datetime` (or `pandas.Timestamp`; with a time zone:
/// converted to UTC+7), `numpy.datetime64`, an ISO `YYYY-MM-DDTHH:MM[:SS]` string (an offset
/// converted), or a date (its start).
#[derive(Debug, Clone, Copy)]
pub(crate) struct InstantArg(pub(crate) NaiveDateTime);

impl<'a, 'py> FromPyObject<'a, 'py> for InstantArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        instant_of(&obj, DateOnly::StartOfDay).map(InstantArg)
    }
}

/// The text of a date string; one holding a lone surrogate (`"\\ud800"`: not text, no
/// UTF-8 for it) is `invalid_date`, not Python's `UnicodeEncodeError`.
fn date_text<'a>(s: &'a Bound<'_, PyString>) -> PyResult<std::borrow::Cow<'a, str>> {
    match s.to_cow() {
        Ok(t) => Ok(t),
        Err(_) => Err(Error::new(
            ErrorKind::InvalidDate,
            "not a date: the text holds a lone surrogate (U+D800..U+DFFF)",
        ))
        .py(),
    }
}

/// The as-of instant of every report, scorecard and classification, one definition: `None`
/// is now in Vietnam (UTC+7, whatever the machine's zone); a date alone (`datetime.date`, a
/// `YYYY-MM-DD` string, `datetime64[D]`) is the end of that day; an instant keeps its time
/// of day, converted to UTC+7 when it has a time zone or an offset.
#[pyfunction]
#[pyo3(signature = (value = None))]
pub(crate) fn as_of(value: Option<&Bound<'_, PyAny>>) -> PyResult<NaiveDateTime> {
    as_of_in_python_years(as_of_value(value)?)
}

/// An as-of instant `t` a Python `datetime` can hold (years 1..=9999), as it is handed back
/// (year 0 raised a bare ValueError from the conversion); else `date_out_of_range` naming
/// `as_of`.
pub(crate) fn as_of_in_python_years(t: NaiveDateTime) -> PyResult<NaiveDateTime> {
    if !(1..=9999).contains(&chrono::Datelike::year(&t)) {
        return Err(Error::new(
            ErrorKind::DateOutOfRange,
            format!("as_of {t} is outside the years 1..=9999"),
        )
        .in_field("as_of"))
        .py();
    }
    Ok(t)
}

fn as_of_value(value: Option<&Bound<'_, PyAny>>) -> PyResult<NaiveDateTime> {
    match value {
        None => Ok(vietnam_now()),
        Some(v) if v.is_none() => Ok(vietnam_now()),
        Some(v) if type_name(v) == "NAType" => Err(Error::new(
            ErrorKind::EmptyInput,
            "`as_of` is missing (NA): leave it out, or pass None, for now",
        ))
        .py(),
        // A pyarrow scalar (a table's cell): its Python value.
        Some(v) if type_name(v).ends_with("Scalar") && v.hasattr("as_py")? => {
            let value = v.call_method0("as_py")?;
            if value.is_none() {
                return Err(Error::new(
                    ErrorKind::EmptyInput,
                    "`as_of` is missing (a null scalar): leave it out, or pass None, for now",
                ))
                .py();
            }
            as_of_value(Some(&value))
        }
        // `NaT` or `NaN` is no way of saying "now": only leaving `as_of` out, or None, is.
        Some(v) => instant_of(v, DateOnly::EndOfDay).or_else(|e| {
            let py = v.py();
            let missing = e
                .value(py)
                .getattr("code")
                .is_ok_and(|c| c.extract::<String>().is_ok_and(|c| c == "empty_input"));
            if missing {
                Err(Error::new(
                    ErrorKind::EmptyInput,
                    "`as_of` is missing (NaT or NaN): leave it out, or pass None, for now",
                ))
                .py()
            } else {
                Err(e)
            }
        }),
    }
}

/// Now in Vietnam (UTC+7): this package reads the clock, the core says what it means.
#[pyfunction]
pub(crate) fn vietnam_now() -> NaiveDateTime {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil::vietnam_now(i64::try_from(secs).unwrap_or(0))
}

/// Parses a date with the core's strict parser (ISO `YYYY-MM-DD` or `dd/mm/yyyy`).
#[pyfunction]
pub(crate) fn parse_date(text: &str) -> PyResult<NaiveDate> {
    let d = civil::parse_date(text).py()?;
    in_python_years(d, text)?;
    Ok(d)
}

/// `d` (parsed from `text`) is a Python date: years 1 to 9999, else `date_out_of_range` (the
/// year 0 of `0000-01-01` raised a bare `ValueError` of the conversion).
fn in_python_years(d: NaiveDate, text: &str) -> PyResult<()> {
    use chrono::Datelike;
    if (1..=9999).contains(&d.year()) {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::DateOutOfRange,
        format!(
            "`{text}` is in the year {}, outside Python's dates (years 1 to 9999)",
            d.year()
        ),
    ))
    .py()
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
    let t = civil::parse_instant(text, only).py()?;
    in_python_years(t.date(), text)?;
    Ok(t)
}

/// Days since 1970-01-01 of a date-like object.
#[pyfunction]
pub(crate) fn day_number(date: DateArg) -> i64 {
    i64::from(civil::day_number(date.0))
}

/// The date of a day number (days since 1970-01-01). A date outside Python's (years 1 to
/// 9999) is `date_out_of_range`, as one outside chrono's is (it was a bare `ValueError` of the
/// conversion).
#[pyfunction]
pub(crate) fn date_from_day_number(n: Int<i64>) -> PyResult<NaiveDate> {
    use chrono::Datelike;
    let n = n.0;
    let d = civil::date_from_day_number(n).py()?;
    if !(1..=9999).contains(&d.year()) {
        return Err(Error::new(
            ErrorKind::DateOutOfRange,
            format!(
                "day number {n} is a date in the year {}, outside Python's dates (years 1 to 9999)",
                d.year()
            ),
        ))
        .py();
    }
    Ok(d)
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
