//! `motcua._motcua.LunarCalendar` and the lunar functions: [`motcua::lunar`] for Python, scalar
//! and bulk (over `int64` day numbers, GIL released).

use chrono::NaiveDate;
use motcua::lunar::{self, LunarCalendar};
use motcua::{Error, ErrorKind};
use numpy::{PyReadonlyArray1, PyReadwriteArray1};
use pyo3::prelude::*;

use crate::civil::Int;

use crate::civil::{DateArg, MISSING};
use crate::error::IntoPyResult;

/// `(year, month, day, leap)`; `motcua.lunar.LunarDate` wraps it.
type LunarTuple = (i32, u8, u8, bool);

fn tuple(d: lunar::LunarDate) -> LunarTuple {
    (d.year, d.month, d.day, d.leap)
}

fn lunar_year(year: i64) -> motcua::Result<i32> {
    i32::try_from(year).map_err(|_| {
        Error::new(
            ErrorKind::DateOutOfRange,
            format!(
                "lunar year {year} is outside {}..={}",
                lunar::FIRST_YEAR,
                lunar::LAST_YEAR
            ),
        )
    })
}

fn lunar_part(value: i64, what: &str) -> motcua::Result<u8> {
    u8::try_from(value).map_err(|_| {
        Error::new(
            ErrorKind::InvalidLunarDate,
            format!("lunar {what} {value} does not exist"),
        )
    })
}

/// A lunisolar calendar: Vietnamese (UTC+7), Chinese (UTC+8) or the same rules at another
/// UTC offset.
#[pyclass(frozen, module = "motcua._motcua", name = "LunarCalendar")]
#[derive(Debug, Clone)]
pub(crate) struct PyLunarCalendar {
    inner: LunarCalendar,
}

#[pymethods]
impl PyLunarCalendar {
    /// The Vietnamese calendar (UTC+7).
    #[staticmethod]
    fn vietnam() -> PyLunarCalendar {
        PyLunarCalendar {
            inner: LunarCalendar::vietnam(),
        }
    }

    /// The Chinese calendar (UTC+8).
    #[staticmethod]
    fn china() -> PyLunarCalendar {
        PyLunarCalendar {
            inner: LunarCalendar::china(),
        }
    }

    /// The same rules reckoned at `minutes` east of UTC (−720..=840).
    #[staticmethod]
    fn with_utc_offset_minutes(py: Python<'_>, minutes: Int<i32>) -> PyResult<PyLunarCalendar> {
        let minutes = minutes.0;
        let inner = py
            .detach(|| LunarCalendar::with_utc_offset_minutes(minutes))
            .py()?;
        Ok(PyLunarCalendar { inner })
    }

    #[getter]
    fn utc_offset_minutes(&self) -> i32 {
        self.inner.utc_offset_minutes()
    }

    #[getter]
    fn first_date(&self) -> NaiveDate {
        self.inner.first_date()
    }

    #[getter]
    fn last_date(&self) -> NaiveDate {
        self.inner.last_date()
    }

    fn to_lunar(&self, date: DateArg) -> PyResult<LunarTuple> {
        self.inner.to_lunar(date.0).py().map(tuple)
    }

    #[allow(clippy::wrong_self_convention)] // the core's `LunarCalendar::from_lunar`
    fn from_lunar(
        &self,
        year: Int<i64>,
        month: Int<i64>,
        day: Int<i64>,
        leap: bool,
    ) -> PyResult<NaiveDate> {
        let year = year.0;
        let month = month.0;
        let day = day.0;
        let (y, m, d) = (
            lunar_year(year).py()?,
            lunar_part(month, "month").py()?,
            lunar_part(day, "day").py()?,
        );
        self.inner.from_lunar(y, m, d, leap).py()
    }

    fn new_year(&self, year: Int<i64>) -> PyResult<NaiveDate> {
        let year = year.0;
        self.inner.new_year(lunar_year(year).py()?).py()
    }

    fn leap_month(&self, year: Int<i64>) -> PyResult<Option<u8>> {
        let year = year.0;
        self.inner.leap_month(lunar_year(year).py()?).py()
    }

    fn month_length(&self, year: Int<i64>, month: Int<i64>, leap: bool) -> PyResult<u8> {
        let year = year.0;
        let month = month.0;
        let (y, m) = (lunar_year(year).py()?, lunar_part(month, "month").py()?);
        self.inner.month_length(y, m, leap).py()
    }

    /// Bulk `to_lunar` over `int64` day numbers into four arrays; a missing input
    /// (`i64::MIN`) gives `(0, 0, 0, False)`.
    fn to_lunar_i64(
        &self,
        py: Python<'_>,
        days: PyReadonlyArray1<'_, i64>,
        mut year: PyReadwriteArray1<'_, i32>,
        mut month: PyReadwriteArray1<'_, u8>,
        mut day: PyReadwriteArray1<'_, u8>,
        mut leap: PyReadwriteArray1<'_, bool>,
    ) -> PyResult<()> {
        let days = days.as_slice()?;
        let (year, month, day, leap) = (
            year.as_slice_mut()?,
            month.as_slice_mut()?,
            day.as_slice_mut()?,
            leap.as_slice_mut()?,
        );
        let len = days.len();
        if [year.len(), month.len(), day.len(), leap.len()] != [len; 4] {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "output arrays must have the input's length",
            ))
            .py();
        }
        let cal = &self.inner;
        py.detach(|| {
            let outs = year.iter_mut().zip(month).zip(day).zip(leap);
            for (i, (&d, (((y, m), dd), l))) in days.iter().zip(outs).enumerate() {
                if d == MISSING {
                    (*y, *m, *dd, *l) = (0, 0, 0, false);
                    continue;
                }
                let ld = i32::try_from(d)
                    .map_err(|_| {
                        Error::new(
                            ErrorKind::DateOutOfRange,
                            format!("day number {d} is outside the lunar calendar"),
                        )
                    })
                    .and_then(|d| cal.to_lunar_day_number(d))
                    .map_err(|e| e.at_index(i))?;
                (*y, *m, *dd, *l) = tuple(ld);
            }
            Ok(())
        })
        .py()
    }

    /// Bulk `from_lunar`: `out[i]` = the day number of lunar date
    /// `(year[i], month[i], day[i], leap[i])`; a missing part (`i64::MIN`) gives a missing
    /// day number.
    #[allow(clippy::wrong_self_convention)]
    fn from_lunar_i64(
        &self,
        py: Python<'_>,
        year: PyReadonlyArray1<'_, i64>,
        month: PyReadonlyArray1<'_, i64>,
        day: PyReadonlyArray1<'_, i64>,
        leap: PyReadonlyArray1<'_, bool>,
        mut out: PyReadwriteArray1<'_, i64>,
    ) -> PyResult<()> {
        let (year, month, day, leap) = (
            year.as_slice()?,
            month.as_slice()?,
            day.as_slice()?,
            leap.as_slice()?,
        );
        let out = out.as_slice_mut()?;
        let len = out.len();
        if [year.len(), month.len(), day.len(), leap.len()] != [len; 4] {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "year, month, day, leap and out must have the same length",
            ))
            .py();
        }
        let cal = &self.inner;
        py.detach(|| {
            let ins = year.iter().zip(month).zip(day).zip(leap);
            for (i, (o, (((&y, &m), &d), &l))) in out.iter_mut().zip(ins).enumerate() {
                if y == MISSING || m == MISSING || d == MISSING {
                    *o = MISSING;
                    continue;
                }
                let n = lunar_year(y)
                    .and_then(|y| Ok((y, lunar_part(m, "month")?, lunar_part(d, "day")?)))
                    .and_then(|(y, m, d)| cal.from_lunar_day_number(y, m, d, l))
                    .map_err(|e| e.at_index(i))?;
                *o = i64::from(n);
            }
            Ok(())
        })
        .py()
    }

    fn __repr__(&self) -> String {
        format!(
            "LunarCalendar(utc_offset_minutes={})",
            self.inner.utc_offset_minutes()
        )
    }
}

/// The Vietnamese name of lunar `year` in the sexagenary cycle (`"Ất Tỵ"` for 2025).
#[pyfunction]
fn can_chi(year: Int<i32>) -> String {
    let year = year.0;
    lunar::can_chi(year)
}

/// An English rendering of the sexagenary name (`"Wood Snake"` for 2025).
#[pyfunction]
fn can_chi_en(year: Int<i32>) -> String {
    let year = year.0;
    lunar::can_chi_en(year)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyLunarCalendar>()?;
    m.add_function(wrap_pyfunction!(can_chi, m)?)?;
    m.add_function(wrap_pyfunction!(can_chi_en, m)?)?;
    m.add("LUNAR_FIRST_YEAR", lunar::FIRST_YEAR)?;
    m.add("LUNAR_LAST_YEAR", lunar::LAST_YEAR)?;
    Ok(())
}
