//! [`motcua::deadline`] and [`motcua::outcome`] for Python: the rule switches ([`Rules`]), the
//! due date and the classification of one dossier, and of every row of a table of dossier
//! records (GIL released; one core call per row, no Python in the loop).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use motcua::deadline::{Due, Lang, Rules};
use motcua::records::{run_tables, Layout, Locator, OnBad, ReadOptions, Record, RunOptions, Sink};
use motcua::report::Context;
use motcua::Options;
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::calendar::PyWorkCalendar;
use crate::civil::{InstantArg, MISSING};
use crate::columns::Holders;
use crate::dossier::PyDossier;
use crate::error::IntoPyResult;
use crate::procedure::PyCatalogue;

/// The rule switches (`supplement=restart`, `counting=hours`, ...); the default is the law.
#[pyclass(frozen, module = "motcua._motcua", name = "Rules")]
#[derive(Debug, Clone, Default)]
pub(crate) struct PyRules {
    pub(crate) inner: Rules,
}

#[pymethods]
impl PyRules {
    /// Rules from `(key, value)` pairs applied in order to the default.
    #[new]
    #[pyo3(signature = (pairs = Vec::new()))]
    fn new(pairs: Vec<(String, String)>) -> PyResult<PyRules> {
        // As the CLI's `--rule` reads them (a key given twice is an error); a key holds no
        // `=` (Python's `Rules.parse` cuts at the first), so `KEY=VALUE` gives them back.
        let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let inner = Rules::from_pairs(&pairs).map_err(|(_, e)| e).py()?;
        Ok(PyRules { inner })
    }

    /// Every option with its allowed values (the default first).
    #[staticmethod]
    fn options() -> Vec<(&'static str, Vec<&'static str>)> {
        Rules::OPTIONS
            .iter()
            .map(|(k, v)| (*k, v.to_vec()))
            .collect()
    }

    /// `(key, value)` of every option, in order.
    fn items(&self) -> Vec<(String, String)> {
        self.inner
            .to_string()
            .split(' ')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!("Rules({})", self.inner)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyRules>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.hash(&mut h);
        h.finish()
    }
}

fn rules_of(rules: Option<&PyRules>) -> Rules {
    rules.map(|r| r.inner).unwrap_or_default()
}

/// The explanation language when `explain` (`lang`: `"vi"`, the default, or `"en"`); a bad
/// `lang` is an `invalid_argument` error even without `explain`.
fn explain_lang(explain: bool, lang: &str) -> PyResult<Option<Lang>> {
    let lang: Lang = lang.parse().py()?;
    Ok(explain.then_some(lang))
}

/// The due date of one dossier, as the CLI's `due` answer (JSON text).
#[pyfunction]
#[pyo3(signature = (dossier, calendar, rules = None, catalogue = None, as_of = None, explain = false, lang = "vi"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn due_json(
    py: Python<'_>,
    dossier: &PyDossier,
    calendar: &PyWorkCalendar,
    rules: Option<&PyRules>,
    catalogue: Option<&PyCatalogue>,
    as_of: Option<InstantArg>,
    explain: bool,
    lang: &str,
) -> PyResult<String> {
    let lang: Lang = lang.parse().py()?;
    let rules = rules_of(rules);
    let cat = catalogue.map(|c| &c.inner);
    let due = py
        .detach(|| {
            Options::new(&calendar.inner)
                .catalogue(cat)
                .rules(rules)
                .as_of(as_of.map(|t| t.0))
                .explain(explain)
                .lang(lang)
                .due(&dossier.inner)
        })
        .py()?;
    to_json(&due)
}

/// The classification of one dossier as of `as_of`, as the CLI's `classify` answer (JSON
/// text).
#[pyfunction]
#[pyo3(signature = (dossier, calendar, as_of, rules = None, catalogue = None, explain = false, lang = "vi"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn classify_json(
    py: Python<'_>,
    dossier: &PyDossier,
    calendar: &PyWorkCalendar,
    as_of: InstantArg,
    rules: Option<&PyRules>,
    catalogue: Option<&PyCatalogue>,
    explain: bool,
    lang: &str,
) -> PyResult<String> {
    let lang: Lang = lang.parse().py()?;
    let rules = rules_of(rules);
    let cat = catalogue.map(|c| &c.inner);
    let c = py
        .detach(|| {
            Options::new(&calendar.inner)
                .catalogue(cat)
                .rules(rules)
                .as_of(as_of.0)
                .explain(explain)
                .lang(lang)
                .classify(&dossier.inner)
        })
        .py()?;
    to_json(&c)
}

fn to_json<T: serde::Serialize>(v: &T) -> PyResult<String> {
    serde_json::to_string(v).map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
}

fn seconds(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

/// The per-row answers of a table of dossiers.
#[derive(Debug, Default)]
struct Answers {
    due: Vec<i64>,
    due_at: Vec<i64>,
    deemed_receipt: Vec<i64>,
    awaiting_supplement_since: Vec<i64>,
    rule_set: Vec<Option<&'static str>>,
    outcome: Vec<Option<&'static str>>,
    working_days_late: Vec<i64>,
    left_out: Vec<bool>,
    warnings: Vec<Option<String>>,
    /// The explanation of each row (its steps' texts, one a line), when asked for.
    explain: Option<Vec<Option<String>>>,
    error_code: Vec<Option<&'static str>>,
    error: Vec<Option<String>>,
}

impl Answers {
    fn push(&mut self, due: &Due, outcome: Option<(&'static str, i64)>) {
        self.due.push(i64::from(motcua::civil::day_number(due.due)));
        self.due_at.push(seconds(due.due_at));
        self.deemed_receipt
            .push(i64::from(motcua::civil::day_number(due.deemed_receipt)));
        self.awaiting_supplement_since
            .push(due.awaiting_supplement_since.map_or(MISSING, seconds));
        self.rule_set.push(Some(due.rule_set.as_str()));
        self.outcome.push(outcome.map(|o| o.0));
        self.working_days_late
            .push(outcome.map_or(MISSING, |o| o.1));
        self.left_out.push(false);
        self.warnings.push(if due.warnings.is_empty() {
            None
        } else {
            Some(
                due.warnings
                    .iter()
                    .map(|w| w.code.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            )
        });
        if let Some(x) = self.explain.as_mut() {
            x.push(Some(
                due.explain
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ));
        }
        self.error_code.push(None);
        self.error.push(None);
    }

    /// A row without answers: an error's (`Some`), or left out (received after as-of).
    fn push_missing(&mut self, e: Option<&motcua::Error>) {
        for v in [
            &mut self.due,
            &mut self.due_at,
            &mut self.deemed_receipt,
            &mut self.awaiting_supplement_since,
            &mut self.working_days_late,
        ] {
            v.push(MISSING);
        }
        self.rule_set.push(None);
        self.outcome.push(None);
        self.warnings.push(None);
        self.left_out.push(e.is_none());
        if let Some(x) = self.explain.as_mut() {
            x.push(None);
        }
        self.error_code.push(e.map(|e| e.code()));
        self.error.push(e.map(|e| e.to_string()));
    }

    fn append(&mut self, o: Answers) {
        self.due.extend(o.due);
        self.due_at.extend(o.due_at);
        self.deemed_receipt.extend(o.deemed_receipt);
        self.awaiting_supplement_since
            .extend(o.awaiting_supplement_since);
        self.rule_set.extend(o.rule_set);
        self.outcome.extend(o.outcome);
        self.working_days_late.extend(o.working_days_late);
        self.left_out.extend(o.left_out);
        self.warnings.extend(o.warnings);
        if let (Some(x), Some(later)) = (self.explain.as_mut(), o.explain) {
            x.extend(later);
        }
        self.error_code.extend(o.error_code);
        self.error.extend(o.error);
    }

    fn into_py<'py>(self, py: Python<'py>, classify: bool) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("due", PyArray1::from_vec(py, self.due))?;
        d.set_item("due_at", PyArray1::from_vec(py, self.due_at))?;
        d.set_item(
            "deemed_receipt",
            PyArray1::from_vec(py, self.deemed_receipt),
        )?;
        d.set_item(
            "awaiting_supplement_since",
            PyArray1::from_vec(py, self.awaiting_supplement_since),
        )?;
        d.set_item("rule_set", self.rule_set)?;
        if classify {
            d.set_item("outcome", self.outcome)?;
            d.set_item(
                "working_days_late",
                PyArray1::from_vec(py, self.working_days_late),
            )?;
            d.set_item("left_out", PyArray1::from_vec(py, self.left_out))?;
        }
        d.set_item("warnings", self.warnings)?;
        if let Some(x) = self.explain {
            d.set_item("explain", x)?;
        }
        d.set_item("error_code", self.error_code)?;
        d.set_item("error", self.error)?;
        Ok(d)
    }
}

/// The per-row sink: each record's due date (or classification), in row order.
struct RowAnswers<'c> {
    ctx: Context<'c>,
    as_of: Option<NaiveDateTime>,
    classify: bool,
    /// Explain each answer, in this language.
    explain: Option<Lang>,
    out: Answers,
}

impl Sink for RowAnswers<'_> {
    fn as_of(&self) -> Option<NaiveDateTime> {
        self.as_of
    }

    /// The catalogue check of every records door (records by procedure code need one).
    fn check(&self, layout: &Layout) -> motcua::Result<()> {
        motcua::records::check_catalogue(layout, self.ctx.catalogue)
    }

    /// The catalogue, for the record road's stages of a row filling both `time_limit` and
    /// `procedure` (its procedure's, as the report and the CLI count them) and its grouping
    /// values: without it (the trait's default) such a row lost its procedure's stages.
    fn catalogue(&self) -> Option<&motcua::procedure::Catalogue> {
        self.ctx.catalogue
    }

    fn record(&mut self, _at: Locator, r: &Record) -> motcua::Result<bool> {
        let opts = Options::new(self.ctx.calendar)
            .catalogue(self.ctx.catalogue)
            .rules(self.ctx.rules)
            .explain_in(self.explain);
        let d = &r.dossier;
        match (self.classify, self.as_of) {
            (true, Some(t)) if d.received > t => {
                // (Within the calendar, or a bad row, as one received before it.)
                self.ctx.calendar.check_within(d.received, "received")?;
                // Received after as-of: left out, as the report leaves it out.
                self.out.push_missing(None);
                Ok(false)
            }
            (true, Some(t)) => {
                let c = opts.as_of(t).classify(d)?;
                self.out
                    .push(&c.due, Some((c.outcome.as_str(), c.working_days_late)));
                Ok(true)
            }
            _ => {
                let due = opts.as_of(self.as_of).due(d)?;
                self.out.push(&due, None);
                Ok(true)
            }
        }
    }

    fn reject(&mut self, _at: Locator, error: &motcua::Error) {
        self.out.push_missing(Some(error));
    }

    fn blank(&mut self, _at: Locator) {
        self.out.push_missing(None);
    }

    fn append(&mut self, later: Self) -> motcua::Result<()> {
        self.out.append(later.out);
        Ok(())
    }
}

/// Due dates (or classifications, with `classify`) of every row of a frame's columns.
/// `coerce`: a bad row gets missing answers and its error in `error_code` / `error` instead
/// of raising (the first bad row raises, with its index, otherwise).
#[allow(clippy::too_many_arguments)]
fn evaluate_rows<'py>(
    py: Python<'py>,
    columns: &Bound<'py, PyAny>,
    map: HashMap<String, String>,
    calendar: &PyWorkCalendar,
    rules: Rules,
    catalogue: Option<&PyCatalogue>,
    as_of: Option<NaiveDateTime>,
    classify: bool,
    coerce: bool,
    threads: usize,
    first_row: usize,
    explain: Option<Lang>,
) -> PyResult<Bound<'py, PyDict>> {
    if let Some(t) = as_of {
        calendar.inner.check_as_of(t).py()?;
    }
    let holders = Holders::extract(columns)?;
    let tables = holders.tables()?;
    let read = ReadOptions {
        map,
        ..ReadOptions::default()
    };
    let layout = Layout::resolve(holders.names(), &read).py()?;
    let ctx = Context {
        calendar: &calendar.inner,
        catalogue: catalogue.map(|c| &c.inner),
        rules,
    };
    let run = RunOptions {
        threads,
        on_bad: if coerce { OnBad::Skip } else { OnBad::Stop },
        first_row,
    };
    let (sink, _) = py
        .detach(|| {
            run_tables(
                &tables,
                &layout,
                &run,
                || RowAnswers {
                    ctx,
                    as_of,
                    classify,
                    explain,
                    out: Answers {
                        explain: explain.map(|_| Vec::new()),
                        ..Answers::default()
                    },
                },
                |_| {},
            )
        })
        .py()?;
    sink.out.into_py(py, classify)
}

/// Due dates of every row of a frame's columns (the report's columns), as columns.
#[pyfunction]
#[pyo3(signature = (columns, calendar, rules = None, catalogue = None, as_of = None, map = HashMap::new(), coerce = false, threads = 0, first_row = 0, explain = false, lang = "vi"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn due_records<'py>(
    py: Python<'py>,
    columns: &Bound<'py, PyAny>,
    calendar: &PyWorkCalendar,
    rules: Option<&PyRules>,
    catalogue: Option<&PyCatalogue>,
    as_of: Option<InstantArg>,
    map: HashMap<String, String>,
    coerce: bool,
    threads: usize,
    first_row: usize,
    explain: bool,
    lang: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let explain = explain_lang(explain, lang)?;
    evaluate_rows(
        py,
        columns,
        map,
        calendar,
        rules_of(rules),
        catalogue,
        as_of.map(|t| t.0),
        false,
        coerce,
        threads,
        first_row,
        explain,
    )
}

/// Classifications as of `as_of` of every row of a frame's columns, as columns; rows received
/// after `as_of` have no answers and `left_out` set.
#[pyfunction]
#[pyo3(signature = (columns, calendar, as_of, rules = None, catalogue = None, map = HashMap::new(), coerce = false, threads = 0, first_row = 0, explain = false, lang = "vi"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn classify_records<'py>(
    py: Python<'py>,
    columns: &Bound<'py, PyAny>,
    calendar: &PyWorkCalendar,
    as_of: InstantArg,
    rules: Option<&PyRules>,
    catalogue: Option<&PyCatalogue>,
    map: HashMap<String, String>,
    coerce: bool,
    threads: usize,
    first_row: usize,
    explain: bool,
    lang: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let explain = explain_lang(explain, lang)?;
    evaluate_rows(
        py,
        columns,
        map,
        calendar,
        rules_of(rules),
        catalogue,
        Some(as_of.0),
        true,
        coerce,
        threads,
        first_row,
        explain,
    )
}
