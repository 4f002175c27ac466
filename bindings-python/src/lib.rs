//! `motcua._motcua`: the native module of the Python package `motcua`.
//!
//! It mirrors the core's modules (calendar, civil, error, lunar, ...) and only converts: Python
//! objects and numpy buffers in, one call into `motcua`, Python objects or filled buffers out,
//! core errors as the exceptions of `motcua.error`. Bulk calls release the GIL. The pure-Python
//! package (`python/motcua/`) adds the numpy / pandas / polars / Arrow front ends.

use pyo3::prelude::*;

mod calendar;
mod civil;
mod columns;
mod deadline;
mod dossier;
mod error;
mod indicators;
mod lunar;
mod procedure;
mod report;
mod stages;
mod vn;
mod worklist;

/// The logical columns of a dossier record and the scorecard's (the core's const tables).
#[pyfunction]
fn record_columns() -> (Vec<&'static str>, Vec<&'static str>) {
    (
        motcua::records::DOSSIER_COLUMNS.to_vec(),
        motcua::records::SERVICE_COLUMNS.to_vec(),
    )
}

/// Whether a file of records is JSON lines by its name (the core's `TextFormat::of_name`:
/// `.jsonl`/`.ndjson`, also with `.gz`), else CSV.
#[pyfunction]
fn is_json_lines(name: std::path::PathBuf) -> bool {
    motcua::records::TextFormat::of_name(&name.to_string_lossy())
        == motcua::records::TextFormat::JsonLines
}

/// The report's count and rate columns, in output order (the core's tables).
#[pyfunction]
fn report_columns() -> (Vec<&'static str>, Vec<&'static str>) {
    (
        motcua::report::COUNT_COLUMNS.to_vec(),
        motcua::report::RATE_COLUMNS.to_vec(),
    )
}

/// `map=` as the core reads a map (`ReadOptions::map_column`: each name and source trimmed, an
/// empty one or a name given twice refused), as the CLI's `--map` and JS's `map`; the Python
/// front end has checked the types.
#[pyfunction]
fn map_columns(
    pairs: Vec<(String, String)>,
) -> PyResult<std::collections::HashMap<String, String>> {
    let mut read = motcua::records::ReadOptions::default();
    for (name, source) in &pairs {
        read.map_column(name, source).map_err(error::to_py_err)?;
    }
    Ok(read.map)
}

/// `by=`'s names as the core reads them (`ReadOptions::group_by`: trimmed, the empty ones
/// dropped), as the CLI's `--by` and JS's `by`.
#[pyfunction]
fn by_names(names: Vec<String>) -> Vec<String> {
    let mut read = motcua::records::ReadOptions::default();
    read.group_by(names);
    read.by
}

/// The source columns the record reader may use (the core's `ReadOptions::wanted`): its
/// logical columns as `map` renames them (and the scorecard's with `service`), and `by`.
#[pyfunction]
fn wanted_columns(
    by: Vec<String>,
    map: std::collections::HashMap<String, String>,
    service: bool,
) -> Vec<String> {
    motcua::records::ReadOptions {
        map,
        by,
        satisfaction_scale: service.then_some(5),
    }
    .wanted()
}

/// Which of `names` (a frame's columns) the record reader may use (the core's
/// `ReadOptions::reads`: the mapped sources, and the logical columns and `by` in any ASCII
/// case).
#[pyfunction]
fn read_columns(
    names: Vec<String>,
    by: Vec<String>,
    map: std::collections::HashMap<String, String>,
    service: bool,
) -> Vec<String> {
    let opts = motcua::records::ReadOptions {
        map,
        by,
        satisfaction_scale: service.then_some(5),
    };
    names.into_iter().filter(|n| opts.reads(n)).collect()
}

/// The warnings of the columns of `names` that are not read but look like a column the records
/// lack (`Layout::near_misses`: `resolved_at` without `resolved`), as a file's are warned, and
/// with `ends` the note of names without a column of a dossier's end (`Layout::no_end_note`:
/// every dossier counted open); none when the names do not make a layout (the run says why).
#[pyfunction]
#[pyo3(signature = (names, by, map, ends = true))]
fn near_misses(
    names: Vec<String>,
    by: Vec<String>,
    map: std::collections::HashMap<String, String>,
    ends: bool,
) -> Vec<String> {
    let opts = motcua::records::ReadOptions {
        map,
        by,
        satisfaction_scale: None,
    };
    motcua::records::Layout::resolve(&names, &opts)
        .map(|l| {
            let mut out = report::near_miss_messages(l.near_misses());
            out.extend(l.no_end_note(report::MAP_RESOLVED).filter(|_| ends));
            out
        })
        .unwrap_or_default()
}

/// The rows of a frame's chunk, handed over with every column, that a run of the columns
/// read skipped as blank but that hold values in other columns (a note, a footer's total):
/// `(count, first line)`, the core's `unread_rows`, with the lines of the chunk's rows from
/// `first_row`; `(0, None)` when the columns do not make a layout (the run said why).
#[pyfunction]
fn unread_rows(
    py: Python<'_>,
    columns: &Bound<'_, PyAny>,
    by: Vec<String>,
    map: std::collections::HashMap<String, String>,
    service: bool,
    first_row: usize,
) -> PyResult<(u64, Option<u64>)> {
    let holders = columns::Holders::extract(columns)?;
    let tables = holders.tables()?;
    let opts = motcua::records::ReadOptions {
        map,
        by,
        satisfaction_scale: service.then_some(5),
    };
    let Ok(layout) = motcua::records::Layout::resolve(holders.names(), &opts) else {
        return Ok((0, None));
    };
    let t = py.detach(|| motcua::records::unread_rows(&tables, &layout, first_row));
    Ok((t.unread, t.first_unread))
}

/// The note of `unread` rows skipped with values only in columns not read, the first on
/// line `first` (the core's `Tally::unread_note`, the CLI's words, naming `map=`).
#[pyfunction]
fn unread_note(unread: u64, first: u64) -> Option<String> {
    motcua::records::Tally {
        unread,
        first_unread: Some(first),
        ..motcua::records::Tally::default()
    }
    .unread_note("map=")
}

/// The label of the period of `kind` (`month`, `quarter`, `year`) holding `date`, as the core
/// writes it (`2026-03`, `2026-Q1`, `2026`).
#[pyfunction]
fn period_label(kind: &str, date: chrono::NaiveDate) -> PyResult<String> {
    use crate::error::IntoPyResult as _;
    let kind = kind.parse::<motcua::report::PeriodKind>().py()?;
    Ok(motcua::report::Period::containing(kind, date).label())
}

/// The text of the `what` file (`catalogue`, `calendar`, `schedules` or `targets`) at `path`,
/// as the CLI reads it: UTF-8 with or without its byte-order mark, or UTF-16 with its mark
/// (the core's `decode_text`); bytes that are not text are an error of the file's kind naming
/// the file and line, an unreadable file an `io` error.
#[pyfunction]
fn read_text(path: std::path::PathBuf, what: &str) -> PyResult<String> {
    use error::IntoPyResult;
    use motcua::{Error, ErrorKind};
    let kind = match what {
        "catalogue" => ErrorKind::InvalidCatalogue,
        "calendar" => ErrorKind::InvalidSpec,
        "schedules" => ErrorKind::InvalidSchedule,
        "targets" => ErrorKind::InvalidJson,
        other => {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("read_text: unknown kind of file `{other}`"),
            ))
            .py()
        }
    };
    let bytes = std::fs::read(&path)
        .map_err(|e| {
            Error::new(
                ErrorKind::Io,
                format!("cannot read {what} {}: {e}", path.display()),
            )
        })
        .py()?;
    let name = format!("{what} {}", path.display());
    motcua::records::decode_text(&bytes, kind, &name)
        .map(std::borrow::Cow::into_owned)
        .py()
}

/// The native part of `motcua` (use the `motcua` package, not this module).
#[pymodule]
fn _motcua(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MISSING", civil::MISSING)?;
    m.add_function(wrap_pyfunction!(error::error_codes, m)?)?;
    m.add_function(wrap_pyfunction!(civil::parse_date, m)?)?;
    m.add_function(wrap_pyfunction!(civil::parse_instant, m)?)?;
    m.add_function(wrap_pyfunction!(civil::day_number, m)?)?;
    m.add_function(wrap_pyfunction!(civil::date_from_day_number, m)?)?;
    m.add_function(wrap_pyfunction!(civil::day_numbers_of, m)?)?;
    m.add_function(wrap_pyfunction!(civil::as_of, m)?)?;
    m.add_function(wrap_pyfunction!(civil::vietnam_now, m)?)?;
    m.add_function(wrap_pyfunction!(record_columns, m)?)?;
    m.add_function(wrap_pyfunction!(map_columns, m)?)?;
    m.add_function(wrap_pyfunction!(by_names, m)?)?;
    m.add_function(wrap_pyfunction!(wanted_columns, m)?)?;
    m.add_function(wrap_pyfunction!(read_columns, m)?)?;
    m.add_function(wrap_pyfunction!(near_misses, m)?)?;
    m.add_function(wrap_pyfunction!(unread_rows, m)?)?;
    m.add_function(wrap_pyfunction!(unread_note, m)?)?;
    m.add_function(wrap_pyfunction!(period_label, m)?)?;
    m.add_function(wrap_pyfunction!(report_columns, m)?)?;
    m.add_function(wrap_pyfunction!(is_json_lines, m)?)?;
    m.add_function(wrap_pyfunction!(read_text, m)?)?;
    m.add_class::<calendar::PyWorkCalendar>()?;
    lunar::register(m)?;
    vn::register(m)?;
    m.add_class::<procedure::PyCatalogue>()?;
    m.add_function(wrap_pyfunction!(procedure::parse_time_limit, m)?)?;
    m.add_class::<dossier::PyDossier>()?;
    m.add_class::<deadline::PyRules>()?;
    m.add_function(wrap_pyfunction!(deadline::due_json, m)?)?;
    m.add_function(wrap_pyfunction!(deadline::classify_json, m)?)?;
    m.add_function(wrap_pyfunction!(deadline::due_records, m)?)?;
    m.add_function(wrap_pyfunction!(deadline::classify_records, m)?)?;
    m.add_class::<report::PyPartialReport>()?;
    m.add_class::<report::PyRecordFile>()?;
    m.add_class::<worklist::PyWorklist>()?;
    m.add_function(wrap_pyfunction!(worklist::worklist_columns, m)?)?;
    m.add_class::<stages::PyTransfers>()?;
    m.add_class::<stages::PyStageTable>()?;
    m.add_function(wrap_pyfunction!(stages::stage_columns, m)?)?;
    m.add_function(wrap_pyfunction!(indicators::indicator_names, m)?)?;
    m.add_function(wrap_pyfunction!(indicators::targets_json, m)?)?;
    m.add_function(wrap_pyfunction!(indicators::catalogue_fields, m)?)?;
    Ok(())
}
