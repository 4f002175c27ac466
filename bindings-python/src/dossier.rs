//! [`motcua::dossier`] for Python: one dossier (the JSON line format of the CLI), and tables of
//! dossier records (the columns of `motcua report`) handed over column by column, each row
//! turned into a dossier by the core's own record reader ([`motcua::report::input::Columns`]).

use std::collections::HashMap;

use motcua::dossier::Dossier;
use motcua::report::input::{blank_dossier, Columns};
use motcua::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::types::PyString;

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

    /// Checks the ordering rules (reference §9); returns the warnings as
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

/// One column of text cells, stored contiguously (`None` = an empty cell).
#[derive(Debug, Default)]
pub(crate) struct TextColumn {
    buf: String,
    spans: Vec<Option<(usize, usize)>>,
}

impl TextColumn {
    fn from_py(name: &str, items: &Bound<'_, PyAny>) -> PyResult<TextColumn> {
        let mut col = TextColumn::default();
        for (i, item) in items.try_iter()?.enumerate() {
            let item = item?;
            if item.is_none() {
                col.spans.push(None);
                continue;
            }
            let Ok(s) = item.cast::<PyString>() else {
                if item.extract::<f64>().is_ok_and(f64::is_nan) {
                    col.spans.push(None);
                    continue;
                }
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!("column `{name}`: cells must be text or None"),
                )
                .at_index(i))
                .py();
            };
            let text = s.to_cow()?;
            let start = col.buf.len();
            col.buf.push_str(&text);
            col.spans.push(Some((start, col.buf.len())));
        }
        Ok(col)
    }

    fn get(&self, i: usize) -> Option<&str> {
        let (a, b) = (*self.spans.get(i)?)?;
        self.buf.get(a..b)
    }

    fn len(&self) -> usize {
        self.spans.len()
    }
}

/// A table of dossier records, one text column per source column.
#[derive(Debug)]
pub(crate) struct Records {
    header: Vec<String>,
    columns: Vec<TextColumn>,
    len: usize,
}

impl Records {
    /// The records of `header[j]` → `columns[j]` (each a sequence of `str | None`).
    pub(crate) fn from_py(
        header: Vec<String>,
        columns: Vec<Bound<'_, PyAny>>,
    ) -> PyResult<Records> {
        if header.len() != columns.len() {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "one column per header name is needed",
            ))
            .py();
        }
        let cols = header
            .iter()
            .zip(&columns)
            .map(|(h, c)| TextColumn::from_py(h, c))
            .collect::<PyResult<Vec<_>>>()?;
        let len = cols.first().map_or(0, TextColumn::len);
        if cols.iter().any(|c| c.len() != len) {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "columns differ in length",
            ))
            .py();
        }
        Ok(Records {
            header,
            columns: cols,
            len,
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The source column names, in order.
    pub(crate) fn header(&self) -> Vec<&str> {
        self.header.iter().map(String::as_str).collect()
    }

    /// Cell `j` (a source column) of row `i`; `None` when empty.
    pub(crate) fn cell(&self, i: usize, j: usize) -> Option<&str> {
        self.columns.get(j).and_then(|c| c.get(i))
    }

    /// The logical columns (`map`: logical name → source column; `by`: grouping columns).
    pub(crate) fn columns(
        &self,
        map: &HashMap<String, String>,
        by: &[String],
    ) -> motcua::Result<Columns> {
        let header: Vec<&str> = self.header.iter().map(String::as_str).collect();
        Columns::from_header(&header, map, by)
    }

    /// Builds the dossier of row `i` into `out` and its grouping values into `groups`. Errors
    /// name the row (as `line`, 1-based) and the column, and carry the index `i`.
    pub(crate) fn build<'r>(
        &'r self,
        cols: &Columns,
        i: usize,
        out: &mut Dossier,
        groups: &mut Vec<&'r str>,
    ) -> motcua::Result<()> {
        let line = i as u64 + 1;
        let get = |j: usize| self.columns.get(j).and_then(|c| c.get(i));
        cols.build(line, get, out, groups)
            .map_err(|e| e.at_index(i))?;
        if let Some(id) = cols.id(get) {
            out.id = Some(id.to_string());
        }
        Ok(())
    }

    /// Locates a validation or computation error of the dossier of row `i`.
    pub(crate) fn locate(&self, cols: &Columns, i: usize, d: &Dossier, e: Error) -> Error {
        cols.locate(i as u64 + 1, d, e).at_index(i)
    }
}

/// An empty dossier for [`Records::build`].
pub(crate) fn blank() -> Dossier {
    blank_dossier()
}
