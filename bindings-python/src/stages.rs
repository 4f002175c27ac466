//! The per-agency stage table ([`motcua::report::StageTable`]) and a frame of transfers
//! ([`motcua::records::Transfers`]) for Python: a frame's columns are read, joined and counted
//! by the core's road ([`motcua::records::run_tables`]) with the GIL released; the rows come
//! out of the core as JSON text.

use std::collections::HashMap;
use std::sync::Arc;

use motcua::records::{OnBad, ReadOptions, RunOptions, Transfers};
use motcua::report::{stages_to_json, StageSink, StageTable};
use pyo3::prelude::*;

use crate::calendar::PyWorkCalendar;
use crate::civil::InstantArg;
use crate::columns::Holders;
use crate::deadline::PyRules;
use crate::error::IntoPyResult;
use crate::procedure::PyCatalogue;
use crate::report::{open_file, run_records, skipped, text_format, Skipped};

/// Transfers between agencies (`id`, `at`, `to`), read from a frame's columns, to join to
/// dossier records by id: `Transfers()`, then `add(columns, skip_bad, first_row)` per chunk;
/// or `Transfers.read_file(path, skip_bad, jsonl)`.
#[pyclass(module = "motcua._motcua", name = "Transfers")]
#[derive(Debug)]
pub(crate) struct PyTransfers {
    pub(crate) inner: Arc<Transfers>,
}

#[pymethods]
impl PyTransfers {
    #[new]
    fn new() -> Self {
        PyTransfers {
            inner: Arc::new(Transfers::new()),
        }
    }

    /// Reads a CSV file of transfers (JSON lines with `jsonl`) as `motcua report
    /// --transfers FILE` reads it, with the GIL released: the transfers and the bad rows with
    /// `skip_bad` (else the first one's error is raised).
    #[staticmethod]
    #[pyo3(signature = (path, skip_bad = false, jsonl = false))]
    fn read_file(
        py: Python<'_>,
        path: std::path::PathBuf,
        skip_bad: bool,
        jsonl: bool,
    ) -> PyResult<(PyTransfers, Vec<Skipped>)> {
        let format = text_format(jsonl);
        let on_bad = if skip_bad { OnBad::Skip } else { OnBad::Stop };
        let (t, bad) = py
            .detach(|| {
                let file = std::io::BufReader::new(open_file(&path)?);
                let mut bad = Vec::new();
                Transfers::read_text(file, format, on_bad, |e| bad.push(skipped(&e)))
                    .map(|t| (t, bad))
            })
            .py()?;
        Ok((PyTransfers { inner: Arc::new(t) }, bad))
    }

    /// Reads the transfers of `columns` (rows numbered from `first_row`): the bad rows with
    /// `skip_bad` (else the first one's error is raised). Before any join.
    #[pyo3(signature = (columns, skip_bad = false, first_row = 0))]
    fn add(
        &mut self,
        columns: &Bound<'_, PyAny>,
        skip_bad: bool,
        first_row: usize,
    ) -> PyResult<Vec<Skipped>> {
        let holders = Holders::extract(columns)?;
        let tables = holders.tables()?;
        let Some(t) = Arc::get_mut(&mut self.inner) else {
            return Err(pyo3::exceptions::PyRuntimeError::new_err(
                "transfers cannot be added once joined",
            ));
        };
        let mut bad = Vec::new();
        let on_bad = if skip_bad { OnBad::Skip } else { OnBad::Stop };
        t.add_tables(&tables, first_row, on_bad, |e| bad.push(skipped(&e)))
            .py()?;
        Ok(bad)
    }

    /// After the join: the transfers whose id no dossier record had, as skipped rows with
    /// `skip_bad` (else the first one's error is raised); an id on several records raises.
    #[pyo3(signature = (skip_bad = false))]
    fn unjoined(&self, skip_bad: bool) -> PyResult<Vec<Skipped>> {
        let errors = self.inner.unjoined().py()?;
        match errors.first() {
            Some(e) if !skip_bad => Err(e.clone()).py(),
            _ => Ok(errors.iter().map(skipped).collect()),
        }
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

/// The per-agency stage table as of an instant: `StageTable(as_of)`.
#[pyclass(module = "motcua._motcua", name = "StageTable")]
#[derive(Debug, Clone)]
pub(crate) struct PyStageTable {
    inner: StageTable,
}

#[pymethods]
impl PyStageTable {
    #[new]
    fn new(as_of: InstantArg) -> Self {
        PyStageTable {
            inner: StageTable::new(as_of.0),
        }
    }

    /// Counts the stages of the dossier records of `columns` (or a CSV / JSON-lines file's
    /// path), with `transfers` joined by id:
    /// `(counted, left_out, skipped)` (the bad rows with `skip_bad`; else the first one's
    /// error is raised). Rows are numbered from `first_row`.
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
        // Counted with this object not borrowed, then merged (as `PartialReport.add`).
        let as_of = slf.borrow().inner.as_of();
        calendar.inner.check_as_of(as_of).py()?;
        let read = ReadOptions {
            map,
            ..ReadOptions::default()
        };
        let ctx = crate::report::context(calendar, rules, catalogue);
        let run = RunOptions {
            threads,
            on_bad: if skip_bad { OnBad::Skip } else { OnBad::Stop },
            first_row,
        };
        let (sink, tally, bad) = run_records(py, columns, &read, false, transfers, &run, || {
            StageSink::new(ctx, as_of)
        })?;
        slf.borrow_mut().inner.merge(&sink.into_table()).py()?;
        Ok((tally.counted, tally.left_out, bad))
    }

    /// The rows as JSON text (`motcua report --stages --format json`).
    fn rows_json(&self) -> String {
        stages_to_json(&self.inner.rows())
    }

    /// Dossiers counted, with stages or not.
    #[getter]
    fn counted(&self) -> u64 {
        self.inner.dossiers()
    }

    /// Dossiers counted that have stages.
    #[getter]
    fn inter_agency(&self) -> u64 {
        self.inner.inter_agency()
    }

    /// Dossiers left out (received after the as-of instant).
    #[getter]
    fn left_out(&self) -> u64 {
        self.inner.left_out()
    }

    /// The instant the table stands at.
    #[getter]
    fn as_of(&self) -> chrono::NaiveDateTime {
        self.inner.as_of()
    }
}

/// The stage table's count and rate columns, in output order (the core's tables).
#[pyfunction]
pub(crate) fn stage_columns() -> (Vec<&'static str>, Vec<&'static str>, Vec<&'static str>) {
    (
        motcua::report::STAGE_COLUMNS.to_vec(),
        motcua::report::STAGE_RATE_COLUMNS.to_vec(),
        motcua::records::TRANSFER_COLUMNS.to_vec(),
    )
}
