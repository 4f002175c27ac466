//! [`motcua::report`] for Python: the one-stop report table of a table of dossier records,
//! built by the core's streaming [`ReportBuilder`] with the GIL released.

use std::collections::HashMap;

use motcua::dossier::Dossier;
use motcua::report::{self, PeriodKind, ReportBuilder, ReportOptions};
use pyo3::prelude::*;

use crate::calendar::PyWorkCalendar;
use crate::civil::InstantArg;
use crate::deadline::PyRules;
use crate::dossier::{blank, Records};
use crate::error::IntoPyResult;
use crate::procedure::PyCatalogue;

/// The report rows as JSON text (exactly the keys of the CLI's `--format json`), the number
/// of rows counted, left out (received after `as_of`) and, with `skip_bad`, the skipped rows
/// as `(index, code, message)`.
#[pyfunction]
#[pyo3(signature = (header, columns, calendar, as_of, by = Vec::new(), period = None, rules = None, catalogue = None, map = HashMap::new(), skip_bad = false))]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
pub(crate) fn report_records<'py>(
    py: Python<'py>,
    header: Vec<String>,
    columns: Vec<Bound<'py, PyAny>>,
    calendar: &PyWorkCalendar,
    as_of: InstantArg,
    by: Vec<String>,
    period: Option<&str>,
    rules: Option<&PyRules>,
    catalogue: Option<&PyCatalogue>,
    map: HashMap<String, String>,
    skip_bad: bool,
) -> PyResult<(String, u64, u64, Vec<(usize, &'static str, String)>)> {
    let records = Records::from_py(header, columns)?;
    let cols = records.columns(&map, &by).py()?;
    let period = period.map(str::parse::<PeriodKind>).transpose().py()?;
    let mut opts = ReportOptions::new(as_of.0);
    opts.by = by;
    opts.period = period;
    let rules = rules.map(|r| r.inner).unwrap_or_default();
    let cal = &calendar.inner;
    let cat = catalogue.map(|c| &c.inner);
    py.detach(|| {
        let mut builder = ReportBuilder::new(cal, cat, rules, opts);
        let mut dossier: Dossier = blank();
        let mut groups = Vec::new();
        let mut skipped = Vec::new();
        for i in 0..records.len() {
            let r = records
                .build(&cols, i, &mut dossier, &mut groups)
                .and_then(|()| {
                    builder
                        .add(&dossier, &groups)
                        .map_err(|e| records.locate(&cols, i, &dossier, e))
                });
            if let Err(e) = r {
                if skip_bad {
                    skipped.push((i, e.code(), e.to_string()));
                } else {
                    return Err(e);
                }
            }
        }
        let (added, left_out) = (builder.added(), builder.left_out());
        let rows = builder.finish();
        Ok((report::to_json(&rows), added, left_out, skipped))
    })
    .py()
}
