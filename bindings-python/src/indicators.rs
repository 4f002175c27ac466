//! [`motcua::indicators`] for Python: the indicators' names and targets, and the catalogue's
//! procedures per field. The scorecard itself is a [`PartialReport`](crate::report) whose
//! records were read with the scorecard's columns.

use motcua::indicators::{self, Indicator, Targets};
use pyo3::prelude::*;

use crate::error::IntoPyResult;
use crate::procedure::PyCatalogue;

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
