//! [`motcua::procedure`] for Python: the procedure catalogue (JSON, or tabular records) and
//! time limits.

use motcua::procedure::{Catalogue, TimeLimit};
use pyo3::prelude::*;

use crate::error::IntoPyResult;

/// A procedure catalogue: procedures looked up by code.
#[pyclass(frozen, module = "motcua._motcua", name = "Catalogue")]
#[derive(Debug, Clone)]
pub(crate) struct PyCatalogue {
    pub(crate) inner: Catalogue,
}

#[pymethods]
impl PyCatalogue {
    /// Parses a JSON catalogue (an array of procedure objects).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<PyCatalogue> {
        Ok(PyCatalogue {
            inner: Catalogue::from_json(text).py()?,
        })
    }

    /// Parses a catalogue file's text, JSON or CSV told apart by content (the core's loader,
    /// as the CLI and the JS package read one).
    #[staticmethod]
    fn from_text(text: &str) -> PyResult<PyCatalogue> {
        Ok(PyCatalogue {
            inner: motcua::records::load_catalogue(text).py()?,
        })
    }

    /// Builds a catalogue from tabular rows: `header` and, per row, its cells (`None` or `""`
    /// for an empty cell); `first_row` numbers the rows in messages (2 for a CSV file's first
    /// data line).
    #[staticmethod]
    #[pyo3(signature = (header, rows, first_row = 1))]
    fn from_rows(
        header: Vec<String>,
        rows: Vec<Vec<Option<String>>>,
        first_row: u64,
    ) -> PyResult<PyCatalogue> {
        let records = rows.iter().enumerate().map(|(i, row)| {
            let cells = header
                .iter()
                .zip(row.iter())
                .filter_map(|(k, v)| v.as_deref().map(|v| (k.as_str(), v)));
            (first_row + i as u64, cells)
        });
        Ok(PyCatalogue {
            inner: Catalogue::from_records(records).py()?,
        })
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __contains__(&self, code: &str) -> bool {
        self.inner.get(code).is_ok()
    }

    /// The codes, in catalogue order.
    fn codes(&self) -> Vec<String> {
        self.inner
            .procedures()
            .iter()
            .map(|p| p.code.clone())
            .collect()
    }

    /// The procedure with `code` as JSON text (`unknown_procedure` if absent).
    fn get_json(&self, code: &str) -> PyResult<String> {
        let p = self.inner.get(code).py()?;
        serde_json::to_string(p)
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
    }

    /// Every procedure as JSON text (an array).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(self.inner.procedures())
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
    }

    fn __repr__(&self) -> String {
        format!("Catalogue({} procedures)", self.inner.len())
    }
}

/// Parses a time limit (`3wd`, `15cd`, `8wh`, `same_day`, or the JSON form as text) and
/// returns its compact form and its JSON form (as text).
#[pyfunction]
pub(crate) fn parse_time_limit(text: &str) -> PyResult<(String, String)> {
    let t = text.trim();
    let limit = if t.starts_with('{') {
        let v: serde_json::Value = serde_json::from_str(t)
            .map_err(|e| {
                motcua::Error::new(
                    motcua::ErrorKind::InvalidTimeLimit,
                    format!("time limit: {e}"),
                )
            })
            .py()?;
        TimeLimit::from_json_value(&v).py()?
    } else {
        t.parse::<TimeLimit>().py()?
    };
    Ok((limit.to_string(), limit.to_json_value().to_string()))
}
