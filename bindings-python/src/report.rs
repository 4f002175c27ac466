//! [`motcua::report`] for Python: the mergeable [`PartialReport`] as a class. A frame's
//! columns (see [`crate::columns`]) are read and counted by the core's road
//! ([`motcua::records::run_tables`]) on every core with the GIL released; partials merge
//! exactly (chunks of a frame, Spark and Dask partitions) and pickle as their JSON text; the
//! rows (totals, order) and the scorecard come out of the core.

use std::collections::HashMap;

use motcua::civil::day_number;
use motcua::indicators::{scores, Targets};
use motcua::records::{
    run_tables, run_text, Layout, OnBad, ReadOptions, RunOptions, Sink, Tally, TextFormat,
    TextSource,
};
use motcua::report::{
    CellCounts, Context, Counts, PartialReport, Period, PeriodKind, ReportOptions, ReportSink,
    COUNT_COLUMNS, RATE_COLUMNS,
};
use motcua::{Error, ErrorKind};
use numpy::{PyArray1, PyArray2, PyArrayMethods, PyReadonlyArray2};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::calendar::PyWorkCalendar;
use crate::civil::InstantArg;
use crate::columns::Holders;
use crate::deadline::PyRules;
use crate::error::IntoPyResult;
use crate::procedure::PyCatalogue;

/// One skipped row: index, error code, message, field, value, id, line (as the error's: a
/// file's line, a frame's row index + 1).
pub(crate) type Skipped = (
    Option<usize>,
    &'static str,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<u64>,
);

/// The counts as numpy's `int64`: a count past `i64::MAX` is an `invalid_argument` error,
/// never a clamped or wrapped number (a report's counts are far below it).
fn signed_counts(c: &Counts) -> motcua::Result<[i64; 16]> {
    let mut out = [0; 16];
    for ((o, v), name) in out.iter_mut().zip(c.values()).zip(COUNT_COLUMNS) {
        *o = i64::try_from(v).map_err(|_| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!("count `{name}` = {v} does not fit in a signed 64-bit integer"),
            )
        })?;
    }
    Ok(out)
}

pub(crate) fn skipped(e: &Error) -> Skipped {
    (
        e.index(),
        e.code(),
        e.to_string(),
        e.field().map(str::to_string),
        e.value().map(str::to_string),
        e.id().map(str::to_string),
        e.line(),
    )
}

/// One score: group values (`None` on the totals), indicator, numerator, denominator, value,
/// target, met, gap, status.
pub(crate) type ScoreRow = (
    Vec<Option<String>>,
    &'static str,
    u64,
    u64,
    Option<f64>,
    Option<f64>,
    Option<bool>,
    Option<f64>,
    &'static str,
);

/// Reads the records of `source` through the core's road into sinks made by `make`, with the
/// GIL released, each dossier's `id` read when `ids` and `transfers` joined by id: the merged
/// sink, the tally and the skipped rows (with [`OnBad::Skip`]; else the first error).
/// `source` is a frame's columns (`[(name, description), ...]`, see [`crate::columns`]), or a
/// file's path (a `str` or `os.PathLike`): CSV, or JSON lines by its name
/// ([`TextFormat::of_name`]), gzip'd or not, read as `motcua report FILE` reads it
/// ([`run_file`]).
pub(crate) fn run_records<S: Sink>(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    read: &ReadOptions,
    ids: bool,
    transfers: Option<&crate::stages::PyTransfers>,
    run: &RunOptions,
    make: impl Fn() -> S + Sync + Send,
) -> PyResult<(S, Tally, Vec<Skipped>)> {
    if let Ok(file) = source.cast::<PyRecordFile>() {
        let file = file.get();
        return run_file(py, &file.path, file.format, read, ids, transfers, run, make);
    }
    if source.is_instance_of::<PyString>() || source.hasattr("__fspath__")? {
        let path: std::path::PathBuf = source.extract()?;
        let format = TextFormat::of_name(&path.to_string_lossy());
        return run_file(py, &path, format, read, ids, transfers, run, make);
    }
    let holders = Holders::extract(source)?;
    let tables = holders.tables()?;
    let mut layout = Layout::resolve(holders.names(), read).py()?.with_ids(ids);
    if let Some(t) = transfers {
        layout = layout.with_transfers(t.inner.clone()).py()?;
    }
    py.detach(|| {
        let mut bad = Vec::new();
        run_tables(&tables, &layout, run, make, |e| bad.push(skipped(&e))).map(|(s, t)| (s, t, bad))
    })
    .py()
}

/// A records file whose format is given (`input_format=`, the CLI's `--input-format`), not
/// told by its name: `RecordFile(path, "csv" | "jsonl")`.
#[pyclass(module = "motcua._motcua", name = "RecordFile", frozen)]
#[derive(Debug)]
pub(crate) struct PyRecordFile {
    path: std::path::PathBuf,
    format: TextFormat,
}

#[pymethods]
impl PyRecordFile {
    #[new]
    fn new(path: std::path::PathBuf, format: &Bound<'_, PyAny>) -> PyResult<Self> {
        // (Exactly the CLI's `--input-format` values: " csv" is refused there.)
        let format = match format.extract::<String>().as_deref() {
            Ok("csv") => TextFormat::Csv,
            Ok("jsonl") => TextFormat::JsonLines,
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!(
                        "input_format must be \"csv\" or \"jsonl\" (JSON lines), got {}",
                        format.repr()?
                    ),
                )
                .in_field("input_format"))
                .py()
            }
        };
        Ok(PyRecordFile { path, format })
    }

    /// The file's path.
    #[getter]
    fn path(&self) -> std::path::PathBuf {
        self.path.clone()
    }

    /// `"csv"` or `"jsonl"`.
    #[getter]
    fn format(&self) -> &'static str {
        match self.format {
            TextFormat::Csv => "csv",
            TextFormat::JsonLines => "jsonl",
        }
    }
}

/// A `UserWarning` for the records of a file skipped as blank that hold values, but only in
/// columns not read ([`Tally::unread`]: a note, a footer's total), as the CLI's note: they are
/// no dossiers to the run, and must not vanish without a word. (A frame hands over only the
/// columns the reader may use, its id among them: a row with an id is read, an error if it is
/// no dossier, and values in other columns are not read at all.)
fn warn_unread(py: Python<'_>, tally: &Tally) -> PyResult<()> {
    let Some(text) = tally.unread_note("map=") else {
        return Ok(());
    };
    user_warning(py, text)
}

/// [`run_records`] of the file at `path` (CSV or JSON lines, gzip'd or not), streamed by the
/// core as the CLI streams it (memory stays flat; the records' lines locate their errors).
#[allow(clippy::too_many_arguments)]
fn run_file<S: Sink>(
    py: Python<'_>,
    path: &std::path::Path,
    format: TextFormat,
    read: &ReadOptions,
    ids: bool,
    transfers: Option<&crate::stages::PyTransfers>,
    run: &RunOptions,
    make: impl Fn() -> S + Sync + Send,
) -> PyResult<(S, Tally, Vec<Skipped>)> {
    let joined = transfers.map(|t| t.inner.clone());
    let (mut source, mut layout) = py
        .detach(|| {
            let source = TextSource::open(open_file(path)?, format, read)?;
            let layout = source.resolve(read)?.with_ids(ids);
            Ok::<_, motcua::Error>((source, layout))
        })
        .py()?;
    for text in near_miss_messages(source.near_misses(&layout)) {
        user_warning(py, text)?;
    }
    // (Not for a worklist, the caller reading ids: its input may be the open dossiers alone.)
    if let Some(text) = layout.no_end_note(MAP_RESOLVED).filter(|_| !ids) {
        user_warning(py, text)?;
    }
    let out = py
        .detach(|| {
            if let Some(t) = joined {
                layout = layout.with_transfers(t)?;
            }
            let mut bad = Vec::new();
            run_text(&mut source, &layout, run, make, |e| bad.push(skipped(&e)))
                .map(|(s, t)| (s, t, bad))
        })
        .py()?;
    warn_unread(py, &out.1)?;
    Ok(out)
}

/// How the Python package maps a column to `resolved`, in the note of a table without a
/// column of a dossier's end (`Layout::no_end_note`).
pub(crate) const MAP_RESOLVED: &str = "map={'resolved': 'COLUMN'}";

/// The warning of each column not read that looks like a column not found, naming the `map=`
/// that reads it (one text for a file's columns and a frame's).
pub(crate) fn near_miss_messages(misses: Vec<(String, &'static str)>) -> Vec<String> {
    misses
        .into_iter()
        .map(|(name, column)| {
            format!(
                "column `{name}` is not read; if it holds `{column}`, rename it or pass \
                 map={{'{column}': '{name}'}}"
            )
        })
        .collect()
}

/// Warns `text` as a `UserWarning` of the caller's caller (the CLI's notes on stderr).
fn user_warning(py: Python<'_>, text: String) -> PyResult<()> {
    let msg = std::ffi::CString::new(text).unwrap_or_default();
    PyErr::warn(
        py,
        &py.get_type::<pyo3::exceptions::PyUserWarning>(),
        &msg,
        2,
    )
}

/// Opens a file the core reads (records, transfers), decompressed when it is gzip (told by
/// its bytes, whatever its name, as the CLI tells it): a missing or unreadable file is an
/// [`ErrorKind::Io`] error naming it.
pub(crate) fn open_file(path: &std::path::Path) -> motcua::Result<motcua::records::Input> {
    let file = std::fs::File::open(path).map_err(|e| {
        Error::new(
            ErrorKind::Io,
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    motcua::records::gunzip(Box::new(file))
}

/// A text file's format: JSON lines with `jsonl`, else CSV.
pub(crate) fn text_format(jsonl: bool) -> motcua::records::TextFormat {
    if jsonl {
        motcua::records::TextFormat::JsonLines
    } else {
        motcua::records::TextFormat::Csv
    }
}

/// A report's exact cells, mergeable: `PartialReport(as_of, by, period)`.
#[pyclass(module = "motcua._motcua", name = "PartialReport")]
#[derive(Debug, Clone)]
pub(crate) struct PyPartialReport {
    inner: PartialReport,
}

#[pymethods]
impl PyPartialReport {
    #[new]
    #[pyo3(signature = (as_of, by = Vec::new(), period = None))]
    fn new(
        as_of: InstantArg,
        by: Vec<String>,
        period: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        // (Not a `str`: an error naming `period`, not pyo3's bare TypeError.)
        let period = match period {
            None => None,
            Some(p) => Some(
                match p.cast::<PyString>() {
                    Ok(s) => s.to_cow()?.parse::<PeriodKind>(),
                    Err(_) => Err(Error::new(
                        ErrorKind::InvalidArgument,
                        format!(
                            "`period` must be \"month\", \"quarter\" or \"year\", not {}",
                            crate::civil::type_name(p)
                        ),
                    )),
                }
                .py()?,
            ),
        };
        Ok(PyPartialReport {
            inner: PartialReport::new(ReportOptions {
                as_of: as_of.0,
                by,
                period,
            }),
        })
    }

    /// Counts the records of `columns` (`[(name, description), ...]`, or a CSV / JSON-lines
    /// file's path): `(counted, left_out, skipped)` where `skipped` lists the bad rows (with
    /// `skip_bad`; else the first one's error is raised). `satisfaction_scale`: read the
    /// scorecard's columns too. Rows are numbered from `first_row`; `transfers` are joined to
    /// the records by id.
    #[pyo3(signature = (columns, calendar, rules = None, catalogue = None, map = HashMap::new(), skip_bad = false, satisfaction_scale = None, threads = 0, first_row = 0, transfers = None))]
    #[allow(clippy::too_many_arguments)]
    fn add(
        slf: &Bound<'_, Self>,
        py: Python<'_>,
        columns: &Bound<'_, PyAny>,
        calendar: &PyWorkCalendar,
        rules: Option<&PyRules>,
        catalogue: Option<&PyCatalogue>,
        map: HashMap<String, String>,
        skip_bad: bool,
        satisfaction_scale: Option<i64>,
        threads: usize,
        first_row: usize,
        transfers: Option<&crate::stages::PyTransfers>,
    ) -> PyResult<(u64, u64, Vec<Skipped>)> {
        // The records are counted into a partial of their own, with the GIL released and
        // this object not borrowed, then merged into it: calls from several threads on one
        // object each add their rows (it was "Already borrowed").
        let opts = slf.borrow().inner.options().clone();
        calendar.inner.check_as_of(opts.as_of).py()?;
        match satisfaction_scale {
            Some(_) => motcua::indicators::check_grouping(&opts.by),
            None => motcua::report::check_grouping(&opts.by, opts.period.is_some()),
        }
        .py()?;
        let scale = satisfaction_scale
            .map(|s| {
                u32::try_from(s).map_err(|_| {
                    Error::new(
                        ErrorKind::InvalidArgument,
                        format!(
                            "the satisfaction scale must be between 1 and {}, got {s}",
                            u32::MAX
                        ),
                    )
                })
            })
            .transpose()
            .py()?;
        let read = ReadOptions {
            map,
            by: opts.by.clone(),
            satisfaction_scale: scale,
        };
        let ctx = context(calendar, rules, catalogue);
        let service = scale.is_some();
        let run = RunOptions {
            threads,
            on_bad: if skip_bad { OnBad::Skip } else { OnBad::Stop },
            first_row,
        };
        let (sink, tally, bad) = run_records(py, columns, &read, false, transfers, &run, || {
            ReportSink::new(ctx, opts.clone(), service)
        })?;
        slf.borrow_mut().inner.merge(sink.partial()).py()?;
        Ok((tally.counted, tally.left_out, bad))
    }

    /// Adds another partial report of the same options (itself too: its counts doubled).
    fn merge(slf: &Bound<'_, Self>, other: &Bound<'_, PyPartialReport>) -> PyResult<()> {
        let theirs = other.borrow().inner.clone();
        slf.borrow_mut().inner.merge(&theirs).py()
    }

    /// Adds cells given as a table of counts: `keys` (one list of values per grouping column;
    /// a row whose keys are all `None` is a totals row and is skipped), `periods` (labels, or
    /// `None` without periods), `counts` (rows × the 16 count columns).
    #[pyo3(signature = (keys, periods, counts))]
    fn add_cells(
        &mut self,
        keys: Vec<Vec<Option<String>>>,
        periods: Option<Vec<Option<String>>>,
        counts: PyReadonlyArray2<'_, i64>,
    ) -> PyResult<()> {
        let counts = counts.as_array();
        let n = counts.nrows();
        let by = self.inner.options().by.len();
        if keys.len() != by || counts.ncols() != COUNT_COLUMNS.len() {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "expected {by} key column(s) and {} count columns",
                    COUNT_COLUMNS.len()
                ),
            ))
            .py();
        }
        for i in 0..n {
            let group: Vec<Option<&str>> = keys
                .iter()
                .map(|k| k.get(i).and_then(|v| v.as_deref()))
                .collect();
            if by > 0 && group.iter().all(Option::is_none) {
                continue;
            }
            let group: Vec<&str> = group.into_iter().map(|v| v.unwrap_or("")).collect();
            let mut values = Vec::with_capacity(COUNT_COLUMNS.len());
            for (&v, name) in counts.row(i).iter().zip(COUNT_COLUMNS) {
                let value = u64::try_from(v).map_err(|_| {
                    Error::new(
                        ErrorKind::InvalidArgument,
                        format!("a negative count: `{name}` = {v}"),
                    )
                    .at_index(i)
                });
                values.push(value.py()?);
            }
            let cell = CellCounts {
                counts: Counts::from_values(&values).unwrap_or_default(),
                service: Default::default(),
            };
            let period = periods.as_ref().and_then(|p| p.get(i).cloned().flatten());
            self.inner
                .add_cell(&group, period.as_deref(), &cell)
                .map_err(|e| e.at_index(i))
                .py()?;
        }
        Ok(())
    }

    /// The notes of grouping values left empty (merged cells, which an export fills in a
    /// block's first row only): for each grouping column, how many dossiers the table counts
    /// under an empty value (`motcua report`'s stderr notes; empty when none).
    fn empty_group_notes(&self) -> Vec<String> {
        self.inner.empty_group_notes()
    }

    /// The report rows as JSON text (exactly the keys of the CLI's `--format json`).
    fn rows_json(&self) -> String {
        motcua::report::to_json(&self.inner.rows())
    }

    /// The cells (no totals, in row order): `(keys per grouping column, periods, counts)`.
    #[allow(clippy::type_complexity)]
    fn cells<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(
        Vec<Vec<String>>,
        Option<Vec<String>>,
        Bound<'py, PyArray2<i64>>,
    )> {
        let cells = self.inner.cells();
        let by = self.inner.options().by.len();
        let mut keys: Vec<Vec<String>> = vec![Vec::with_capacity(cells.len()); by];
        let mut periods = Vec::with_capacity(cells.len());
        let mut counts = Vec::with_capacity(cells.len());
        for (group, period, cell) in &cells {
            for (k, v) in keys.iter_mut().zip(group.iter()) {
                k.push(v.clone());
            }
            periods.push(period.clone().unwrap_or_default());
            counts.extend(signed_counts(&cell.counts).py()?);
        }
        let array = PyArray1::from_vec(py, counts).reshape([cells.len(), COUNT_COLUMNS.len()])?;
        let periods = self.inner.options().period.map(|_| periods);
        Ok((keys, periods, array))
    }

    /// The report rows (each group by period, then the totals, in the order of
    /// [`rows_json`](Self::rows_json)) as columns, for a DataFrame built without a Python object
    /// a row: the values of each grouping column (`None` on the totals rows); with periods,
    /// their labels and first days (days since 1970-01-01); the counts (rows × 16, in the
    /// order of `COUNT_COLUMNS`) and the rates (rows × 3, in the order of `RATE_COLUMNS`,
    /// `NaN` for a rate with a zero denominator, `null` in the JSON rows).
    #[allow(clippy::type_complexity)]
    fn columns<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(
        Vec<Vec<Option<String>>>,
        Option<(Vec<String>, Bound<'py, PyArray1<i32>>)>,
        Bound<'py, PyArray2<i64>>,
        Bound<'py, PyArray2<f64>>,
    )> {
        let rows = self.inner.rows();
        let n = rows.len();
        let mut keys: Vec<Vec<Option<String>>> =
            vec![Vec::with_capacity(n); self.inner.options().by.len()];
        let (mut labels, mut starts) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut counts = Vec::with_capacity(n * COUNT_COLUMNS.len());
        let mut rates = Vec::with_capacity(n * RATE_COLUMNS.len());
        let kind = self.inner.options().period;
        for row in rows {
            for (k, (_, v)) in keys.iter_mut().zip(row.keys) {
                k.push(v);
            }
            if let (Some(kind), Some(label)) = (kind, row.period) {
                starts.push(day_number(Period::parse(kind, &label).py()?.start()));
                labels.push(label);
            }
            counts.extend(signed_counts(&row.counts).py()?);
            rates.extend(row.counts.rates().map(|r| r.unwrap_or(f64::NAN)));
        }
        let periods = kind.map(|_| (labels, PyArray1::from_vec(py, starts)));
        Ok((
            keys,
            periods,
            PyArray1::from_vec(py, counts).reshape([n, COUNT_COLUMNS.len()])?,
            PyArray1::from_vec(py, rates).reshape([n, RATE_COLUMNS.len()])?,
        ))
    }

    /// The scorecard of the cells (the scorecard's columns must have been read): for each
    /// group then the totals, every indicator; `targets` as JSON text over the defaults.
    #[pyo3(signature = (targets = None))]
    fn scores(&self, py: Python<'_>, targets: Option<&str>) -> PyResult<Vec<ScoreRow>> {
        let targets = targets
            .map_or_else(|| Ok(Targets::default()), Targets::from_json)
            .py()?;
        // (the CLI's note, as a `UserWarning`: a flag column of ticked boxes read as 100%)
        for note in motcua::indicators::flag_notes(&self.inner) {
            user_warning(py, note)?;
        }
        Ok(scores(&self.inner, &targets)
            .into_iter()
            .map(|s| {
                (
                    s.keys.iter().map(|(_, v)| v.clone()).collect(),
                    s.indicator.as_str(),
                    s.ratio.num,
                    s.ratio.den,
                    s.value(),
                    s.target,
                    s.met(),
                    s.gap(),
                    s.status(),
                )
            })
            .collect())
    }

    /// Dossiers counted.
    #[getter]
    fn counted(&self) -> u64 {
        self.inner.added()
    }

    /// Dossiers left out (received after the as-of instant).
    #[getter]
    fn left_out(&self) -> u64 {
        self.inner.left_out()
    }

    /// The grouping columns.
    #[getter]
    fn by(&self) -> Vec<String> {
        self.inner.options().by.clone()
    }

    /// The period kind, or `None`.
    #[getter]
    fn period(&self) -> Option<&'static str> {
        self.inner.options().period.map(|p| match p {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        })
    }

    /// The as-of instant.
    #[getter]
    fn as_of(&self) -> chrono::NaiveDateTime {
        self.inner.options().as_of
    }

    /// The partial as JSON text.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// A partial from its JSON text.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<PyPartialReport> {
        let inner = PartialReport::from_json(text).py()?;
        // (its `as_of` is handed back as a `datetime`: a hand-edited `+10000-01-01T00:00:00`
        // raised a bare ValueError from `.as_of`)
        crate::civil::as_of_in_python_years(inner.options().as_of)?;
        Ok(PyPartialReport { inner })
    }

    /// Pickles as its JSON text.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let from_json = slf.get_type().getattr("from_json")?;
        let args = PyTuple::new(slf.py(), [slf.borrow().inner.to_json()])?;
        Ok((from_json, args))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyPartialReport>()
            .is_ok_and(|o| o.borrow().inner.to_json() == self.inner.to_json())
    }

    fn __repr__(&self) -> String {
        format!(
            "PartialReport({} cells, {} counted, {} left out)",
            self.inner.cells().len(),
            self.inner.added(),
            self.inner.left_out()
        )
    }
}

/// What the records are judged with: the calendar, the catalogue, the rules (default when
/// none given).
pub(crate) fn context<'a>(
    calendar: &'a PyWorkCalendar,
    rules: Option<&PyRules>,
    catalogue: Option<&'a PyCatalogue>,
) -> Context<'a> {
    Context {
        calendar: &calendar.inner,
        catalogue: catalogue.map(|c| &c.inner),
        rules: rules.map(|r| r.inner).unwrap_or_default(),
    }
}
