//! [`motcua::worklist`] for Python: a worklist filled from a frame's columns (see
//! [`crate::columns`]) or from a CSV / JSON-lines file, read by the core's road
//! ([`motcua::records`]) with the GIL released; the rows come out ordered by the core.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use motcua::records::{
    run_tables, run_text, Layout, OnBad, ReadOptions, RunOptions, Tally, TextFormat, TextSource,
};
use motcua::report::Context;
use motcua::worklist::{Worklist, WorklistOptions, WorklistSink};
use motcua::{Error, ErrorKind};
use pyo3::prelude::*;

use crate::calendar::PyWorkCalendar;
use crate::civil::InstantArg;
use crate::columns::Holders;
use crate::deadline::PyRules;
use crate::error::IntoPyResult;
use crate::procedure::PyCatalogue;
use crate::report::{skipped, Skipped};

/// One row: id, grouping values, due, due_at, working_days_left, status, apology_by, and the
/// record's row index (tables) or line (files).
type Row = (
    Option<String>,
    Vec<String>,
    NaiveDate,
    NaiveDateTime,
    i64,
    &'static str,
    Option<NaiveDate>,
    u64,
);

/// The worklist as of an instant: `Worklist(as_of, by, within, apology_lead, all)`, filled by
/// `add` (a frame's columns, chunk after chunk in row order) or `add_file`.
#[pyclass(module = "motcua._motcua", name = "Worklist")]
#[derive(Debug, Clone)]
pub(crate) struct PyWorklist {
    opts: WorklistOptions,
    by: Vec<String>,
    list: Worklist,
}

/// What the records are judged with.
fn context<'a>(
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
    fn new(as_of: InstantArg, by: Vec<String>, within: u32, apology_lead: u32, all: bool) -> Self {
        PyWorklist {
            opts: WorklistOptions {
                within,
                apology_lead,
                all,
                ..WorklistOptions::new(as_of.0)
            },
            by,
            list: Worklist::new(),
        }
    }

    /// Lists the open dossiers of `columns` (`[(name, description), ...]`): `(counted,
    /// left_out, skipped)`, `skipped` listing the bad rows (with `skip_bad`; else the first
    /// one's error is raised). Rows are numbered from `first_row`.
    #[pyo3(signature = (columns, calendar, rules = None, catalogue = None, map = HashMap::new(), skip_bad = false, threads = 0, first_row = 0))]
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        py: Python<'_>,
        columns: &Bound<'_, PyAny>,
        calendar: &PyWorkCalendar,
        rules: Option<&PyRules>,
        catalogue: Option<&PyCatalogue>,
        map: HashMap<String, String>,
        skip_bad: bool,
        threads: usize,
        first_row: usize,
    ) -> PyResult<(u64, u64, Vec<Skipped>)> {
        let holders = Holders::extract(columns)?;
        let tables = holders.tables()?;
        let read = self.read_options(map);
        let layout = Layout::resolve(holders.names(), &read).py()?.with_ids(true);
        let ctx = context(calendar, rules, catalogue);
        let run = RunOptions {
            threads,
            on_bad: if skip_bad { OnBad::Skip } else { OnBad::Stop },
            first_row,
        };
        let opts = &self.opts;
        let (sink, tally, bad) = py
            .detach(|| {
                let mut bad = Vec::new();
                run_tables(
                    &tables,
                    &layout,
                    &run,
                    || WorklistSink::new(ctx, opts.clone()),
                    |e| bad.push(skipped(&e)),
                )
                .map(|(s, t)| (s, t, bad))
            })
            .py()?;
        Ok(self.take(sink, tally, bad))
    }

    /// Lists the open dossiers of a CSV file (JSON lines with `jsonl`), read by the core as
    /// `motcua worklist` reads it.
    #[pyo3(signature = (path, calendar, rules = None, catalogue = None, map = HashMap::new(), skip_bad = false, threads = 0, jsonl = false))]
    #[allow(clippy::too_many_arguments)]
    fn add_file(
        &mut self,
        py: Python<'_>,
        path: std::path::PathBuf,
        calendar: &PyWorkCalendar,
        rules: Option<&PyRules>,
        catalogue: Option<&PyCatalogue>,
        map: HashMap<String, String>,
        skip_bad: bool,
        threads: usize,
        jsonl: bool,
    ) -> PyResult<(u64, u64, Vec<Skipped>)> {
        let read = self.read_options(map);
        let ctx = context(calendar, rules, catalogue);
        let run = RunOptions {
            threads,
            on_bad: if skip_bad { OnBad::Skip } else { OnBad::Stop },
            first_row: 0,
        };
        let format = if jsonl {
            TextFormat::JsonLines
        } else {
            TextFormat::Csv
        };
        let opts = &self.opts;
        let (sink, tally, bad) = py
            .detach(|| {
                let file = std::fs::File::open(&path).map_err(|e| {
                    Error::new(
                        ErrorKind::Io,
                        format!("cannot read {}: {e}", path.display()),
                    )
                })?;
                let mut source = TextSource::open(file, format, &read)?;
                let layout = Layout::resolve(source.names(), &read)?.with_ids(true);
                let mut bad = Vec::new();
                run_text(
                    &mut source,
                    &layout,
                    &run,
                    || WorklistSink::new(ctx, opts.clone()),
                    |e| bad.push(skipped(&e)),
                )
                .map(|(s, t)| (s, t, bad))
            })
            .py()?;
        Ok(self.take(sink, tally, bad))
    }

    /// The rows, in order: `(id, groups, due, due_at, working_days_left, status, apology_by,
    /// row)` (`row`: the record's row index in a frame, or its line in a file).
    fn rows(&self) -> Vec<Row> {
        self.list
            .items
            .iter()
            .map(|r| {
                let at = match r.at {
                    motcua::records::Locator::Row(i) => i as u64,
                    motcua::records::Locator::Line(l) => l,
                };
                (
                    r.id.clone(),
                    r.groups.clone(),
                    r.due,
                    r.due_at,
                    r.working_days_left,
                    r.status.as_str(),
                    r.apology_by,
                    at,
                )
            })
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
