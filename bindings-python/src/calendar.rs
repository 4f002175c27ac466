//! `motcua._motcua.WorkCalendar`: a compiled [`motcua::WorkCalendar`], its scalar queries, and
//! the bulk queries over day-number arrays (`int64` = numpy `datetime64[D]` viewed as integers,
//! `int32` = Arrow / polars `Date`), which read and write the caller's buffers in place and run
//! with the GIL released. The Python class `motcua.Calendar` turns numpy, pandas, polars and
//! Arrow inputs into those buffers.

use chrono::{NaiveDate, NaiveDateTime};
use motcua::calendar::{Broadcast, DayNumber};
use motcua::{CalendarSpec, WorkCalendar};
use numpy::{Element, PyReadonlyArray1, PyReadwriteArray1};
use pyo3::prelude::*;

use crate::civil::Int;

use crate::civil::{DateArg, InstantArg};
use crate::error::IntoPyResult;

/// The second operand of a bulk call: one integer for every element, or an array.
#[derive(FromPyObject)]
pub(crate) enum Operand<'py, T: Element> {
    /// One value broadcast to every element.
    Scalar(i64),
    /// One value per element.
    Each(PyReadonlyArray1<'py, T>),
}

/// A compiled working-day calendar (immutable; every query O(1)).
#[pyclass(frozen, module = "motcua._motcua", name = "WorkCalendar")]
#[derive(Debug, Clone)]
pub(crate) struct PyWorkCalendar {
    pub(crate) inner: WorkCalendar,
    /// Which preset built it (`"vietnam"`, ...), or `None` for a spec.
    pub(crate) preset: Option<String>,
    /// The Vietnamese preset it was built from (options, run-time schedules, overlay).
    pub(crate) vn: Option<motcua::vn::Preset>,
}

impl PyWorkCalendar {
    pub(crate) fn new(inner: WorkCalendar, preset: Option<String>) -> PyWorkCalendar {
        PyWorkCalendar {
            inner,
            preset,
            vn: None,
        }
    }
}

fn add_bulk<T: DayNumber + Element>(
    py: Python<'_>,
    cal: &WorkCalendar,
    days: &PyReadonlyArray1<'_, T>,
    n: &Operand<'_, i64>,
    out: &mut PyReadwriteArray1<'_, T>,
) -> PyResult<()> {
    let days = days.as_slice()?;
    let out = out.as_slice_mut()?;
    let n = match n {
        Operand::Scalar(k) => Broadcast::Scalar(*k),
        Operand::Each(a) => Broadcast::Each(a.as_slice()?),
    };
    py.detach(|| cal.add_working_days_bulk(days, n, out)).py()
}

fn between_bulk<T: DayNumber + Element>(
    py: Python<'_>,
    cal: &WorkCalendar,
    a: &PyReadonlyArray1<'_, T>,
    b: &Operand<'_, T>,
    out: &mut PyReadwriteArray1<'_, i64>,
) -> PyResult<()> {
    let a = a.as_slice()?;
    let out = out.as_slice_mut()?;
    let b = match b {
        Operand::Scalar(k) => Broadcast::Scalar(
            T::from_i64(*k)
                .ok_or_else(|| {
                    motcua::Error::new(
                        motcua::ErrorKind::DateOutOfRange,
                        format!("day number {k} does not fit the array's integer type"),
                    )
                })
                .py()?,
        ),
        Operand::Each(x) => Broadcast::Each(x.as_slice()?),
    };
    py.detach(|| cal.working_days_between_bulk(a, b, out)).py()
}

fn is_working_bulk<T: DayNumber + Element>(
    py: Python<'_>,
    cal: &WorkCalendar,
    days: &PyReadonlyArray1<'_, T>,
    out: &mut PyReadwriteArray1<'_, u8>,
    missing: u8,
) -> PyResult<()> {
    let days = days.as_slice()?;
    let out = out.as_slice_mut()?;
    py.detach(|| cal.is_working_day_bulk(days, out, missing))
        .py()
}

fn kind_bulk<T: DayNumber + Element>(
    py: Python<'_>,
    cal: &WorkCalendar,
    days: &PyReadonlyArray1<'_, T>,
    out: &mut PyReadwriteArray1<'_, u8>,
    missing: u8,
) -> PyResult<()> {
    let days = days.as_slice()?;
    let out = out.as_slice_mut()?;
    py.detach(|| cal.day_kind_bulk(days, out, missing)).py()
}

fn name_bulk<T: DayNumber + Element>(
    py: Python<'_>,
    cal: &WorkCalendar,
    days: &PyReadonlyArray1<'_, T>,
    out: &mut PyReadwriteArray1<'_, i32>,
) -> PyResult<Vec<String>> {
    let days = days.as_slice()?;
    let out = out.as_slice_mut()?;
    py.detach(|| {
        cal.day_name_bulk(days, out)
            .map(|names| names.into_iter().map(str::to_string).collect())
    })
    .py()
}

#[pymethods]
impl PyWorkCalendar {
    /// The day kinds' names, by code (`motcua::DayKind::ALL`): `day_kind_i64` writes the
    /// position of each date's kind in this list.
    #[classattr]
    #[allow(non_snake_case)]
    fn DAY_KINDS() -> Vec<&'static str> {
        motcua::DayKind::ALL.iter().map(|k| k.as_str()).collect()
    }

    /// The kinds of the Vietnamese preset's named days (`motcua::vn::HolidayKind::ALL`), as
    /// `vn_holidays` gives them.
    #[classattr]
    #[allow(non_snake_case)]
    fn HOLIDAY_KINDS() -> Vec<&'static str> {
        motcua::vn::HolidayKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect()
    }

    /// Compiles a calendar spec given as JSON text (the `--calendar FILE` format).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<PyWorkCalendar> {
        let cal = CalendarSpec::from_json(text).py()?.compile().py()?;
        Ok(PyWorkCalendar::new(cal, None))
    }

    /// Monday–Friday, no holidays, covering `start..=end`.
    #[staticmethod]
    fn weekdays(start: DateArg, end: DateArg) -> PyResult<PyWorkCalendar> {
        let cal = CalendarSpec::weekdays(start.0, end.0).compile().py()?;
        Ok(PyWorkCalendar::new(cal, None))
    }

    /// The preset's name, or `None` for a calendar compiled from a spec.
    #[getter]
    fn preset(&self) -> Option<String> {
        self.preset.clone()
    }

    /// The named days of `year` of a Vietnamese calendar: `(date, name_vi, name_en, kind,
    /// day_off)`.
    fn vn_holidays(&self, year: Int<i32>) -> PyResult<Vec<crate::vn::HolidayRow>> {
        let year = year.0;
        crate::vn::holiday_rows(crate::vn::preset_of(self).py()?, &self.inner, year)
    }

    /// The days the calendar's spec lists in `year` (`CalendarSpec::listed_days`): `(date,
    /// name, kind, day_off)`.
    #[allow(clippy::type_complexity)]
    fn spec_days(
        &self,
        year: Int<i32>,
    ) -> PyResult<Vec<(NaiveDate, Option<String>, &'static str, bool)>> {
        let spec = self.inner.spec();
        spec.listed_days(year.0)
            .py()?
            .into_iter()
            .map(|d| {
                let off = !self.inner.is_working_day(d.date).py()?;
                Ok((d.date, d.name.map(str::to_string), d.kind, off))
            })
            .collect()
    }

    /// `(status, source)` of `year` on a Vietnamese calendar.
    fn vn_schedule_info(&self, year: Int<i32>) -> PyResult<(&'static str, &'static str)> {
        let year = year.0;
        let info = crate::vn::preset_of(self).py()?.schedule_info(year).py()?;
        Ok((info.status.as_str(), info.source.as_str()))
    }

    /// `year` of a Vietnamese calendar in the schedules-file format (JSON text).
    fn vn_schedule_json(&self, year: Int<i32>) -> PyResult<String> {
        let year = year.0;
        crate::vn::schedule_json(crate::vn::preset_of(self).py()?, year).py()
    }

    /// First date covered.
    #[getter]
    fn start(&self) -> NaiveDate {
        self.inner.from()
    }

    /// Last date covered.
    #[getter]
    fn end(&self) -> NaiveDate {
        self.inner.to()
    }

    /// Number of working days in the whole range.
    #[getter]
    fn working_day_count(&self) -> usize {
        self.inner.working_day_count()
    }

    /// The spec, as JSON text.
    fn spec_json(&self) -> PyResult<String> {
        serde_json::to_string(self.inner.spec()).map_err(|e| {
            pyo3::exceptions::PyRuntimeError::new_err(format!("spec serialization: {e}"))
        })
    }

    /// Office hours as `[(open, close), ...]` `datetime.time` pairs.
    fn office_hours(&self) -> Vec<(chrono::NaiveTime, chrono::NaiveTime)> {
        self.inner.office_hours().sessions().to_vec()
    }

    fn is_working_day(&self, date: DateArg) -> PyResult<bool> {
        self.inner.is_working_day(date.0).py()
    }

    fn day_kind(&self, date: DateArg) -> PyResult<&'static str> {
        Ok(self.inner.day_kind(date.0).py()?.as_str())
    }

    fn day_name(&self, date: DateArg) -> Option<String> {
        self.inner.day_name(date.0).map(str::to_string)
    }

    fn add_working_days(&self, date: DateArg, n: i64) -> PyResult<NaiveDate> {
        self.inner.add_working_days(date.0, n).py()
    }

    fn working_days_between(&self, a: DateArg, b: DateArg) -> PyResult<i64> {
        self.inner.working_days_between(a.0, b.0).py()
    }

    fn days_off(&self, start: DateArg, end: DateArg) -> PyResult<Vec<NaiveDate>> {
        self.inner.days_off(start.0, end.0).py()
    }

    fn days_off_with_kind(
        &self,
        start: DateArg,
        end: DateArg,
    ) -> PyResult<Vec<(NaiveDate, &'static str, Option<String>)>> {
        Ok(self
            .inner
            .days_off_with_kind(start.0, end.0)
            .py()?
            .into_iter()
            .map(|(d, k)| (d, k.as_str(), self.inner.day_name(d).map(str::to_string)))
            .collect())
    }

    fn add_working_hours(&self, at: InstantArg, hours: Int<i64>) -> PyResult<NaiveDateTime> {
        let hours = hours.0;
        self.inner.add_working_hours(at.0, hours).py()
    }

    fn add_working_seconds(&self, at: InstantArg, seconds: Int<i64>) -> PyResult<NaiveDateTime> {
        let seconds = seconds.0;
        self.inner.add_working_seconds(at.0, seconds).py()
    }

    fn working_seconds_between(&self, a: InstantArg, b: InstantArg) -> PyResult<i64> {
        self.inner.working_seconds_between(a.0, b.0).py()
    }

    // ------------------------------------------------------------------ bulk, in place

    /// `out[i] = add_working_days(days[i], n or n[i])` over `int64` day numbers.
    fn add_working_days_i64(
        &self,
        py: Python<'_>,
        days: PyReadonlyArray1<'_, i64>,
        n: Operand<'_, i64>,
        mut out: PyReadwriteArray1<'_, i64>,
    ) -> PyResult<()> {
        add_bulk(py, &self.inner, &days, &n, &mut out)
    }

    /// `out[i] = add_working_days(days[i], n or n[i])` over `int32` day numbers.
    fn add_working_days_i32(
        &self,
        py: Python<'_>,
        days: PyReadonlyArray1<'_, i32>,
        n: Operand<'_, i64>,
        mut out: PyReadwriteArray1<'_, i32>,
    ) -> PyResult<()> {
        add_bulk(py, &self.inner, &days, &n, &mut out)
    }

    /// `out[i] = working_days_between(a[i], b or b[i])` over `int64` day numbers.
    fn working_days_between_i64(
        &self,
        py: Python<'_>,
        a: PyReadonlyArray1<'_, i64>,
        b: Operand<'_, i64>,
        mut out: PyReadwriteArray1<'_, i64>,
    ) -> PyResult<()> {
        between_bulk(py, &self.inner, &a, &b, &mut out)
    }

    /// `out[i] = working_days_between(a[i], b or b[i])` over `int32` day numbers.
    fn working_days_between_i32(
        &self,
        py: Python<'_>,
        a: PyReadonlyArray1<'_, i32>,
        b: Operand<'_, i32>,
        mut out: PyReadwriteArray1<'_, i64>,
    ) -> PyResult<()> {
        between_bulk(py, &self.inner, &a, &b, &mut out)
    }

    /// `out[i] = 1` for a working day, `0` otherwise, `missing` for a missing input.
    fn is_working_day_i64(
        &self,
        py: Python<'_>,
        days: PyReadonlyArray1<'_, i64>,
        mut out: PyReadwriteArray1<'_, u8>,
        missing: u8,
    ) -> PyResult<()> {
        is_working_bulk(py, &self.inner, &days, &mut out, missing)
    }

    /// `is_working_day_i64` over `int32` day numbers.
    fn is_working_day_i32(
        &self,
        py: Python<'_>,
        days: PyReadonlyArray1<'_, i32>,
        mut out: PyReadwriteArray1<'_, u8>,
        missing: u8,
    ) -> PyResult<()> {
        is_working_bulk(py, &self.inner, &days, &mut out, missing)
    }

    /// `out[i]` = the code of the day kind of `days[i]` (its position in `DAY_KINDS`),
    /// `missing` for a missing input.
    fn day_kind_i64(
        &self,
        py: Python<'_>,
        days: PyReadonlyArray1<'_, i64>,
        mut out: PyReadwriteArray1<'_, u8>,
        missing: u8,
    ) -> PyResult<()> {
        kind_bulk(py, &self.inner, &days, &mut out, missing)
    }

    /// `day_kind_i64` over `int32` day numbers.
    fn day_kind_i32(
        &self,
        py: Python<'_>,
        days: PyReadonlyArray1<'_, i32>,
        mut out: PyReadwriteArray1<'_, u8>,
        missing: u8,
    ) -> PyResult<()> {
        kind_bulk(py, &self.inner, &days, &mut out, missing)
    }

    /// `out[i]` = the position of the name of `days[i]` in the returned distinct names, `-1`
    /// for none.
    fn day_name_i64(
        &self,
        py: Python<'_>,
        days: PyReadonlyArray1<'_, i64>,
        mut out: PyReadwriteArray1<'_, i32>,
    ) -> PyResult<Vec<String>> {
        name_bulk(py, &self.inner, &days, &mut out)
    }

    /// `day_name_i64` over `int32` day numbers.
    fn day_name_i32(
        &self,
        py: Python<'_>,
        days: PyReadonlyArray1<'_, i32>,
        mut out: PyReadwriteArray1<'_, i32>,
    ) -> PyResult<Vec<String>> {
        name_bulk(py, &self.inner, &days, &mut out)
    }

    fn __repr__(&self) -> String {
        match &self.preset {
            Some(p) => format!(
                "WorkCalendar({p}, {}..{})",
                self.inner.from(),
                self.inner.to()
            ),
            None => format!("WorkCalendar({}..{})", self.inner.from(), self.inner.to()),
        }
    }
}
