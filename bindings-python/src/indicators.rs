//! [`motcua::indicators`] for Python: the office scorecard (service indicators against
//! targets) of a table of dossier records, built by the core's [`ScorecardBuilder`] with the
//! GIL released, and the catalogue's procedures per field.

use std::collections::HashMap;

use motcua::dossier::Dossier;
use motcua::indicators::{self, Indicator, ScorecardBuilder, ServiceColumns, Targets};
use motcua::{Error, ErrorKind};
use pyo3::prelude::*;

use crate::calendar::PyWorkCalendar;
use crate::civil::InstantArg;
use crate::deadline::PyRules;
use crate::dossier::{blank, Records};
use crate::error::IntoPyResult;
use crate::procedure::PyCatalogue;

/// One score: group values (`None` on the totals), indicator, numerator, denominator, value,
/// target, met, gap, status.
type ScoreRow = (
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

/// One skipped row: index, error code, message.
type Skipped = (usize, &'static str, String);

/// The targets of a JSON object `{"indicator": fraction | null}` over the defaults (`None`:
/// the defaults alone).
fn targets_of(text: Option<&str>) -> motcua::Result<Targets> {
    text.map_or_else(|| Ok(Targets::default()), Targets::from_json)
}

/// Every indicator, in scorecard order: `(name, Vietnamese caption)`.
#[pyfunction]
pub(crate) fn indicator_names() -> Vec<(&'static str, &'static str)> {
    Indicator::ALL
        .iter()
        .map(|i| (i.as_str(), i.caption_vi()))
        .collect()
}

/// The target of every indicator (`None` = no target): the defaults, overridden by the JSON
/// object `text` when given (the core's `Targets::from_json`).
#[pyfunction]
#[pyo3(signature = (text = None))]
pub(crate) fn targets_json(text: Option<&str>) -> PyResult<Vec<(&'static str, Option<f64>)>> {
    let t = targets_of(text).py()?;
    Ok(Indicator::ALL
        .iter()
        .map(|i| (i.as_str(), t.get(*i)))
        .collect())
}

/// The catalogue's procedures per field, fields in order then the totals (field `None`):
/// `(field, procedures, online_full, online_partial, full_online_share)`.
#[pyfunction]
#[allow(clippy::type_complexity)]
pub(crate) fn catalogue_fields(
    catalogue: &PyCatalogue,
) -> Vec<(Option<String>, u64, u64, u64, Option<f64>)> {
    indicators::catalogue_fields(&catalogue.inner)
        .into_iter()
        .map(|f| {
            let share = f.full_online_share();
            (
                f.field,
                f.procedures,
                f.online_full,
                f.online_partial,
                share,
            )
        })
        .collect()
}

/// The scorecard of a table of dossier records (the columns of `motcua report` plus the
/// scorecard's optional columns): the scores, for each group then the totals, every indicator;
/// the number of rows counted, left out (received after `as_of`) and, with `skip_bad`, the
/// skipped rows as `(index, code, message)`.
#[pyfunction]
#[pyo3(signature = (header, columns, calendar, as_of, by = Vec::new(), targets = None, rules = None, catalogue = None, map = HashMap::new(), skip_bad = false, satisfaction_scale = 5))]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
pub(crate) fn scorecard_records<'py>(
    py: Python<'py>,
    header: Vec<String>,
    columns: Vec<Bound<'py, PyAny>>,
    calendar: &PyWorkCalendar,
    as_of: InstantArg,
    by: Vec<String>,
    targets: Option<&str>,
    rules: Option<&PyRules>,
    catalogue: Option<&PyCatalogue>,
    map: HashMap<String, String>,
    skip_bad: bool,
    satisfaction_scale: i64,
) -> PyResult<(Vec<ScoreRow>, u64, u64, Vec<Skipped>)> {
    let scale = u32::try_from(satisfaction_scale)
        .map_err(|_| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "the satisfaction scale must be between 1 and {}, got {satisfaction_scale}",
                    u32::MAX
                ),
            )
        })
        .py()?;
    let targets = targets_of(targets).py()?;
    let records = Records::from_py(header, columns)?;
    let cols = records.columns(&map, &by).py()?;
    let service = ServiceColumns::from_header(&records.header(), &map, scale).py()?;
    let rules = rules.map(|r| r.inner).unwrap_or_default();
    let cal = &calendar.inner;
    let cat = catalogue.map(|c| &c.inner);
    py.detach(|| {
        let mut builder = ScorecardBuilder::new(cal, cat, rules, as_of.0, by, targets);
        let mut dossier: Dossier = blank();
        let mut groups = Vec::new();
        let (mut counted, mut left_out) = (0u64, 0u64);
        let mut skipped = Vec::new();
        for i in 0..records.len() {
            let r = records
                .build(&cols, i, &mut dossier, &mut groups)
                .and_then(|()| {
                    service
                        .build(
                            i as u64 + 1,
                            |j| records.cell(i, j),
                            dossier.received.date(),
                        )
                        .map_err(|e| e.at_index(i))
                })
                .and_then(|s| {
                    builder
                        .add(&dossier, &s, &groups)
                        .map_err(|e| records.locate(&cols, i, &dossier, e))
                });
            match r {
                Ok(true) => counted += 1,
                Ok(false) => left_out += 1,
                Err(e) if skip_bad => skipped.push((i, e.code(), e.to_string())),
                Err(e) => return Err(e),
            }
        }
        let rows = builder
            .finish()
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
            .collect();
        Ok((rows, counted, left_out, skipped))
    })
    .py()
}
