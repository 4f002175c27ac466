//! [`motcua::deadline`] and [`motcua::outcome`] for Python: the rule switches ([`Rules`]), the
//! due date and the classification of one dossier, and of every row of a table of dossier
//! records (GIL released; one core call per row, no Python in the loop).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use motcua::deadline::{self, Due, Lang, Rules};
use motcua::dossier::Dossier;
use motcua::outcome;
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::calendar::PyWorkCalendar;
use crate::civil::{InstantArg, MISSING};
use crate::dossier::{blank, PyDossier, Records};
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
        let mut inner = Rules::default();
        for (k, v) in &pairs {
            inner.set(k, v).py()?;
        }
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
    let explain = explain_lang(explain, lang)?;
    let rules = rules_of(rules);
    let cat = catalogue.map(|c| &c.inner);
    let due = py
        .detach(|| {
            deadline::due_with(
                &dossier.inner,
                &calendar.inner,
                &rules,
                cat,
                as_of.map(|t| t.0),
                explain,
            )
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
    let explain = explain_lang(explain, lang)?;
    let rules = rules_of(rules);
    let cat = catalogue.map(|c| &c.inner);
    let c = py
        .detach(|| {
            outcome::classify_with(
                &dossier.inner,
                &calendar.inner,
                &rules,
                cat,
                as_of.0,
                explain,
            )
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
    warnings: Vec<Option<String>>,
    /// The explanation of each row (its steps' texts, one a line), when asked for.
    explain: Option<Vec<Option<String>>>,
    error_code: Vec<Option<&'static str>>,
    error: Vec<Option<String>>,
}

impl Answers {
    fn with_capacity(n: usize, explain: bool) -> Answers {
        Answers {
            explain: explain.then(|| Vec::with_capacity(n)),
            due: Vec::with_capacity(n),
            due_at: Vec::with_capacity(n),
            deemed_receipt: Vec::with_capacity(n),
            awaiting_supplement_since: Vec::with_capacity(n),
            rule_set: Vec::with_capacity(n),
            outcome: Vec::with_capacity(n),
            working_days_late: Vec::with_capacity(n),
            warnings: Vec::with_capacity(n),
            error_code: Vec::with_capacity(n),
            error: Vec::with_capacity(n),
        }
    }

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

    fn push_error(&mut self, e: &motcua::Error) {
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
        if let Some(x) = self.explain.as_mut() {
            x.push(None);
        }
        self.error_code.push(Some(e.code()));
        self.error.push(Some(e.to_string()));
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

/// Due dates (or classifications, with `classify`) of every row of a table of dossier
/// records. `coerce`: a bad row gets missing answers and its error in `error_code` / `error`
/// instead of raising (the first bad row raises, with its index, otherwise).
#[allow(clippy::too_many_arguments)]
fn evaluate_rows(
    py: Python<'_>,
    records: &Records,
    cols_map: &HashMap<String, String>,
    calendar: &PyWorkCalendar,
    rules: Rules,
    catalogue: Option<&PyCatalogue>,
    as_of: Option<NaiveDateTime>,
    classify: bool,
    coerce: bool,
    explain: Option<Lang>,
) -> PyResult<Answers> {
    let cols = records.columns(cols_map, &[]).py()?;
    let cal = &calendar.inner;
    let cat = catalogue.map(|c| &c.inner);
    py.detach(|| {
        let mut out = Answers::with_capacity(records.len(), explain.is_some());
        let mut dossier: Dossier = blank();
        let mut groups = Vec::new();
        for i in 0..records.len() {
            let answer = records
                .build(&cols, i, &mut dossier, &mut groups)
                .and_then(|()| match (classify, as_of) {
                    (true, Some(t)) => {
                        outcome::classify_with(&dossier, cal, &rules, cat, t, explain)
                            .map(|c| (c.due, Some((c.outcome.as_str(), c.working_days_late))))
                    }
                    _ => deadline::due_with(&dossier, cal, &rules, cat, as_of, explain)
                        .map(|d| (d, None)),
                })
                .map_err(|e| {
                    if e.index().is_some() {
                        e
                    } else {
                        records.locate(&cols, i, &dossier, e)
                    }
                });
            match answer {
                Ok((due, o)) => out.push(&due, o),
                Err(e) if coerce => out.push_error(&e),
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    })
    .py()
}

/// Due dates of every row of a table of dossier records (the report's columns), as columns.
#[pyfunction]
#[pyo3(signature = (header, columns, calendar, rules = None, catalogue = None, as_of = None, map = HashMap::new(), coerce = false, explain = false, lang = "vi"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn due_records<'py>(
    py: Python<'py>,
    header: Vec<String>,
    columns: Vec<Bound<'py, PyAny>>,
    calendar: &PyWorkCalendar,
    rules: Option<&PyRules>,
    catalogue: Option<&PyCatalogue>,
    as_of: Option<InstantArg>,
    map: HashMap<String, String>,
    coerce: bool,
    explain: bool,
    lang: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let explain = explain_lang(explain, lang)?;
    let records = Records::from_py(header, columns)?;
    let a = evaluate_rows(
        py,
        &records,
        &map,
        calendar,
        rules_of(rules),
        catalogue,
        as_of.map(|t| t.0),
        false,
        coerce,
        explain,
    )?;
    a.into_py(py, false)
}

/// Classifications as of `as_of` of every row of a table of dossier records, as columns.
#[pyfunction]
#[pyo3(signature = (header, columns, calendar, as_of, rules = None, catalogue = None, map = HashMap::new(), coerce = false, explain = false, lang = "vi"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn classify_records<'py>(
    py: Python<'py>,
    header: Vec<String>,
    columns: Vec<Bound<'py, PyAny>>,
    calendar: &PyWorkCalendar,
    as_of: InstantArg,
    rules: Option<&PyRules>,
    catalogue: Option<&PyCatalogue>,
    map: HashMap<String, String>,
    coerce: bool,
    explain: bool,
    lang: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let explain = explain_lang(explain, lang)?;
    let records = Records::from_py(header, columns)?;
    let a = evaluate_rows(
        py,
        &records,
        &map,
        calendar,
        rules_of(rules),
        catalogue,
        Some(as_of.0),
        true,
        coerce,
        explain,
    )?;
    a.into_py(py, true)
}
