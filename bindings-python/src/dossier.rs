//! [`motcua::dossier`] for Python: one dossier (the JSON line format of the CLI). Tables of
//! dossier records go through the core's record road ([`crate::columns`]).

use motcua::dossier::Dossier;
use pyo3::prelude::*;

use crate::error::IntoPyResult;

/// A dossier: receipt, time limit (or procedure code), channel and events.
#[pyclass(frozen, module = "motcua._motcua", name = "Dossier")]
#[derive(Debug, Clone)]
pub(crate) struct PyDossier {
    pub(crate) inner: Dossier,
}

#[pymethods]
impl PyDossier {
    /// Parses one dossier in the JSON line format (not yet validated).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<PyDossier> {
        Ok(PyDossier {
            inner: Dossier::from_json(text).py()?,
        })
    }

    /// The dossier as JSON text, in the same format.
    fn to_json(&self) -> String {
        self.inner.to_json_value().to_string()
    }

    /// Checks the ordering rules of the events; returns the warnings as
    /// `(code, message)` pairs.
    fn validate(&self) -> PyResult<Vec<(&'static str, String)>> {
        Ok(self
            .inner
            .validate()
            .py()?
            .into_iter()
            .map(|w| (w.code.as_str(), w.message))
            .collect())
    }

    fn __repr__(&self) -> String {
        format!("Dossier({})", self.inner.to_json_value())
    }
}
