//! [`motcua::worklist`] for Python: a worklist filled from a frame's columns (see
//! [`crate::columns`]) or from a CSV / JSON-lines file, read by the core's road
//! ([`motcua::records`]) with the GIL released; the rows come out ordered by the core.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use motcua::records::{Locator, OnBad, ReadOptions, RunOptions, Tally};
use motcua::worklist::{WorkItem, Worklist, WorklistOptions, WorklistSink, WORKLIST_COLUMNS};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::calendar::PyWorkCalendar;
use crate::civil::InstantArg;
use crate::deadline::PyRules;
use crate::error::IntoPyResult;
use crate::procedure::PyCatalogue;
use crate::report::{context, run_records, Skipped};
use crate::stages::PyTransfers;

/// One row as a dict: `id`, the grouping columns by name, the core's [`WORKLIST_COLUMNS`] in
/// their order (`None` for an absent value) and `row` (the record's row index in a frame, or
/// its line in a file).
fn row_dict<'py>(py: Python<'py>, r: &WorkItem, by: &[String]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("id", &r.id)?;
    for (k, v) in by.iter().zip(&r.groups) {
        d.set_item(k, v)?;
    }
    let h = r.holding.as_ref();
    for c in WORKLIST_COLUMNS {
        match c {
            "due" => d.set_item(c, r.due)?,
            "due_at" => d.set_item(c, r.due_at)?,
            "working_days_left" => d.set_item(c, r.working_days_left)?,
            "status" => d.set_item(c, r.status.as_str())?,
            "apology_by" => d.set_item(c, r.apology_by)?,
            "stage_agency" => d.set_item(c, h.map(|h| h.agency.as_str()))?,
            "stage_due" => d.set_item(c, h.map(|h| h.due))?,
            "stage_overdue" => d.set_item(c, h.map(|h| h.overdue))?,
            other => {
                return Err(PyRuntimeError::new_err(format!(
                    "the worklist column `{other}` is not known to this build of the bindings"
                )))
            }
        }
    }
    let at = match r.at {
        Locator::Row(i) => i as u64,
        Locator::Line(l) => l,
    };
    d.set_item(motcua::worklist::ROW, at)?;
    Ok(d)
}

/// The worklist as of an instant: `Worklist(as_of, by, within, apology_lead, all)`, filled by
/// `add` (a frame's columns, chunk after chunk in row order, or a file by its path).
#[pyclass(module = "motcua._motcua", name = "Worklist")]
#[derive(Debug, Clone)]
pub(crate) struct PyWorklist {
    opts: WorklistOptions,
    by: Vec<String>,
    list: Worklist,
}

impl PyWorklist {
    fn read_options(&self, map: HashMap<String, String>) -> ReadOptions {
        ReadOptions {
            map,
            by: self.by.clone(),
            satisfaction_scale: None,
        }
    }

    fn take(
        &mut self,
        sink: WorklistSink<'_>,
        tally: Tally,
        bad: Vec<Skipped>,
    ) -> (u64, u64, Vec<Skipped>) {
        self.list.merge(sink.finish());
        (tally.counted, tally.left_out, bad)
    }
}

#[pymethods]
impl PyWorklist {
    #[new]
    #[pyo3(signature = (as_of, by = Vec::new(), within = motcua::worklist::DEFAULT_WITHIN, apology_lead = motcua::worklist::DEFAULT_APOLOGY_LEAD, all = false))]
    fn new(
        as_of: InstantArg,
        by: Vec<String>,
        within: u32,
        apology_lead: u32,
        all: bool,
    ) -> PyResult<Self> {
        // A row is a dict keyed by column name (and `row`, the record's place, which
        // `Worklist.to_json()` of a file calls `line`).
        motcua::worklist::check_grouping(&by, &[motcua::worklist::ROW, motcua::worklist::LINE])
            .py()?;
        Ok(PyWorklist {
            opts: WorklistOptions {
                within,
                apology_lead,
                all,
                ..WorklistOptions::new(as_of.0)
            },
            by,
            list: Worklist::new(),
        })
    }

    /// Lists the open dossiers of `columns` (`[(name, description), ...]`, or a CSV /
    /// JSON-lines file's path, read by the core as `motcua worklist` reads it): `(counted,
    /// left_out, skipped)`, `skipped` listing the bad rows (with `skip_bad`; else the first
    /// one's error is raised). Rows are numbered from `first_row`; `transfers` are joined to
    /// the records by id.
    #[pyo3(signature = (columns, calendar, rules = None, catalogue = None, map = HashMap::new(), skip_bad = false, threads = 0, first_row = 0, transfers = None))]
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
        threads: usize,
        first_row: usize,
        transfers: Option<&PyTransfers>,
    ) -> PyResult<(u64, u64, Vec<Skipped>)> {
        // The rows are listed with the GIL released and this object not borrowed, then
        // merged into it (as `PartialReport.add`): adds from several threads each count.
        let (opts, read) = {
            let this = slf.borrow();
            (this.opts.clone(), this.read_options(map))
        };
        opts.check(&calendar.inner).py()?;
        let ctx = context(calendar, rules, catalogue);
        let run = RunOptions {
            threads,
            on_bad: if skip_bad { OnBad::Skip } else { OnBad::Stop },
            first_row,
        };
        let (sink, tally, bad) = run_records(py, columns, &read, true, transfers, &run, || {
            WorklistSink::new(ctx, opts.clone())
        })?;
        Ok(slf.borrow_mut().take(sink, tally, bad))
    }

    /// The rows, in order, as dicts: `id`, the grouping columns, the core's worklist columns
    /// (`due`, ..., `stage_overdue`) and `row` (the record's row index in a frame, or its line
    /// in a file).
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.list
            .items
            .iter()
            .map(|r| row_dict(py, r, &self.by))
            .collect()
    }

    /// The rows as `motcua worklist --format json` prints them.
    fn to_json(&self) -> String {
        motcua::worklist::to_json(&self.list.items, &self.by)
    }

    /// Dossiers open at the as-of instant (listed, and on track without `all`).
    #[getter]
    fn open(&self) -> u64 {
        self.list.open
    }

    /// The grouping columns.
    #[getter]
    fn by(&self) -> Vec<String> {
        self.by.clone()
    }

    /// The instant the list stands at.
    #[getter]
    fn as_of(&self) -> NaiveDateTime {
        self.opts.as_of
    }

    fn __len__(&self) -> usize {
        self.list.items.len()
    }
}

/// The worklist's columns after the id and the grouping columns, and its statuses (the core's
/// tables).
#[pyfunction]
pub(crate) fn worklist_columns() -> (Vec<&'static str>, Vec<&'static str>) {
    (
        motcua::worklist::WORKLIST_COLUMNS.to_vec(),
        motcua::worklist::Status::ALL
            .iter()
            .map(|s| s.as_str())
            .collect(),
    )
}
