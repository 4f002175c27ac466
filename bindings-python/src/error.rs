//! Core errors → Python exceptions, in one place.
//!
//! Every [`motcua::Error`] becomes an instance of the exception class that `motcua.error`
//! defines for its code (`date_out_of_range` → `DateOutOfRangeError`, a subclass of both
//! `MotcuaError` and `ValueError`), carrying `.code`, `.message`, `.index`, `.line`,
//! `.field`, `.value` and `.id` exactly as the core reports them. The classes live in Python (so that they can
//! inherit from both `MotcuaError` and a builtin exception); this module only looks them up.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;

/// `motcua.error._from_core`, imported once.
static FROM_CORE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The Python exception for a core error.
pub(crate) fn to_py_err(err: motcua::Error) -> PyErr {
    Python::attach(|py| match build(py, &err) {
        Ok(exc) => PyErr::from_value(exc),
        // `motcua.error` is not importable (the native module used on its own): keep the code.
        Err(_) => PyValueError::new_err(format!("{}: {err}", err.code())),
    })
}

fn build<'py>(py: Python<'py>, err: &motcua::Error) -> PyResult<Bound<'py, PyAny>> {
    let from_core = FROM_CORE.import(py, "motcua.error", "_from_core")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", err.code())?;
    kwargs.set_item("message", err.message())?;
    kwargs.set_item("index", err.index())?;
    kwargs.set_item("line", err.line())?;
    kwargs.set_item("field", err.field())?;
    kwargs.set_item("value", err.value())?;
    kwargs.set_item("id", err.id())?;
    from_core.call((err.to_string(),), Some(&kwargs))
}

/// Extension: `?` on a core result inside a `#[pymethods]` body.
pub(crate) trait IntoPyResult<T> {
    /// Maps the core error to its Python exception.
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for motcua::Result<T> {
    #[inline]
    fn py(self) -> PyResult<T> {
        self.map_err(to_py_err)
    }
}

/// Every error code of the core, in declaration order (`motcua.error` checks that each has
/// its class).
#[pyfunction]
pub(crate) fn error_codes() -> Vec<&'static str> {
    motcua::ErrorKind::ALL.iter().map(|k| k.code()).collect()
}
