//! Dossier records for `report` and `scorecard`: CSV text, or an array of plain objects keyed
//! by the CSV column names of `motcua report`. Both only become a source of the core's one
//! record road ([`motcua::records`]): the same columns, cells, errors and counting as the CLI.
//!
//! - **CSV text** is the core's CSV source: header row, UTF-8 byte-order mark and CRLF
//!   accepted, `,`/`;`/tab sniffed; errors carry the CSV `line` (the header is line 1). CSV
//!   given as a file's bytes (`Uint8Array`, `ArrayBuffer`) is the same source over those
//!   bytes: UTF-8, or UTF-16 with its byte-order mark; bytes that are not text are an error at
//!   their line and column (a browser's `File.text()` would read them as U+FFFD).
//! - **An array of objects** becomes a table of the core: the header is the keys of the first
//!   object, plus every column the reader can use found in any later object. A cell is a
//!   string, a `Date` (an instant: converted to Vietnam's wall clock, UTC+7, whatever the
//!   runtime's time zone, by [`crate::convert::wall_clock_of`]; at exactly 00:00 in Vietnam it
//!   is read as its date alone), a number, a boolean, or empty (`null`, `undefined`, `""`).
//!   Errors carry the element's `index` (0-based) and `line` = index + 1.

use std::io::Cursor;
use std::sync::Arc;

use motcua::records::{
    run_tables, run_text, Column, Layout, Locator, OnBad, OwnedCell, ReadOptions, Record,
    RunOptions, Sink, Table, TextFormat, TextSource, Transfers, TRANSFER_COLUMNS,
};
use motcua::report::{Context, ReportOptions, ReportSink, StageSink, StageTable};
use motcua::worklist::WorklistSink;
use motcua::{Error, ErrorKind, Result};
use wasm_bindgen::{JsCast, JsValue};

use crate::convert::Obj;

/// What a run over the records counted and skipped.
#[derive(Debug, Default)]
pub struct Summary {
    /// Dossiers counted.
    pub counted: u64,
    /// Dossiers received after the as-of instant, left out.
    pub left_out: u64,
    /// With `skipBad`: the bad records' errors.
    pub skipped: Vec<Error>,
}

fn bad_arg(msg: String) -> Error {
    Error::new(ErrorKind::InvalidArgument, msg)
}

/// One cell of record `i`, column `name`.
fn cell_of(v: &JsValue, i: usize, name: &str) -> Result<OwnedCell> {
    if let Some(s) = v.as_string() {
        return Ok(OwnedCell::Text(s));
    }
    if v.is_undefined() || v.is_null() {
        return Ok(OwnedCell::Missing);
    }
    let locate = |e: Error| e.at_index(i).at_line(i as u64 + 1).in_field(name);
    if let Some(x) = v.as_f64() {
        return Ok(if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_991.0 {
            // Whole and exactly representable: the conversion is exact.
            OwnedCell::Int(x as i64)
        } else if x.is_finite() {
            OwnedCell::Float(x)
        } else {
            // A bad row (skippable), never a missing value: null is one.
            OwnedCell::Malformed("NaN or Infinity (null is missing)")
        });
    }
    if let Some(b) = v.as_bool() {
        return Ok(OwnedCell::Bool(b));
    }
    if let Some(d) = v.dyn_ref::<js_sys::Date>() {
        return Ok(match crate::convert::wall_clock_of(d, name) {
            Ok(t) => OwnedCell::Instant(t),
            Err(_) if !d.get_time().is_finite() => {
                OwnedCell::Malformed("an invalid Date (its time is NaN)")
            }
            Err(e) => return Err(locate(e)),
        });
    }
    Err(locate(bad_arg(format!(
        "`records[{i}].{name}` must be text, a Date, a number, a boolean or null, not {}",
        v.js_typeof().as_string().unwrap_or_default()
    ))))
}

fn record_object(v: &JsValue, i: usize) -> Result<&js_sys::Object> {
    if v.is_object() && !js_sys::Array::is_array(v) && !v.is_function() {
        Ok(v.unchecked_ref())
    } else {
        Err(bad_arg(format!(
            "`records[{i}]` must be an object of column values (a record), not {}",
            if js_sys::Array::is_array(v) {
                "an array".to_string()
            } else {
                v.js_typeof().as_string().unwrap_or_default()
            }
        ))
        .at_index(i)
        .at_line(i as u64 + 1))
    }
}

/// An array of record objects, read into owned cells: `header[j]`'s cells are `cells[j]`
/// (empty for a header name that is never read, e.g. an unknown column of the first object).
struct Objects {
    header: Vec<String>,
    cells: Vec<Vec<OwnedCell>>,
    len: usize,
}

fn read_objects(
    arr: &js_sys::Array,
    names: Vec<String>,
    read: Option<&ReadOptions>,
) -> Result<Objects> {
    let len = arr.length() as usize;
    let first = arr.get(0);
    let mut header: Vec<String> = js_sys::Object::keys(record_object(&first, 0)?)
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    // Records: the first record's keys the reader may use, in any ASCII case as a CSV
    // header's (`Resolved`: it was found as the column and read as empty), then the names
    // no key of it holds exactly, read from the later records (a later `resolved` beside a
    // first `Resolved` is then the column given twice, an error: not a value left unread).
    let names = match read {
        None => names,
        Some(read) => {
            let mut n: Vec<String> = header.iter().filter(|k| read.reads(k)).cloned().collect();
            for w in names {
                if !n.contains(&w) {
                    n.push(w);
                }
            }
            n
        }
    };
    let keys: Vec<JsValue> = names.iter().map(|n| JsValue::from_str(n)).collect();
    let mut columns: Vec<Vec<OwnedCell>> = names.iter().map(|_| Vec::with_capacity(len)).collect();
    let mut present = vec![false; names.len()];
    for (i, rec) in arr.iter().enumerate() {
        // A later record that is no object is a bad row of its own (the first gives the
        // column order: an error for the call).
        let Ok(obj) = record_object(&rec, i) else {
            for col in &mut columns {
                col.push(OwnedCell::Malformed("not a record (an object)"));
            }
            continue;
        };
        for (j, ((key, col), seen)) in keys
            .iter()
            .zip(columns.iter_mut())
            .zip(present.iter_mut())
            .enumerate()
        {
            let name = names.get(j).map_or("?", String::as_str);
            let v = js_sys::Reflect::get(obj, key).map_err(|_| {
                bad_arg(format!("`records[{i}].{name}` cannot be read"))
                    .at_index(i)
                    .at_line(i as u64 + 1)
            })?;
            if !*seen {
                *seen = !v.is_undefined();
            }
            col.push(cell_of(&v, i, name)?);
        }
    }
    for (name, seen) in names.iter().zip(&present) {
        if *seen && !header.contains(name) {
            header.push(name.clone());
        }
    }
    let mut by_name: Vec<(String, Vec<OwnedCell>)> = names.into_iter().zip(columns).collect();
    let cells = header
        .iter()
        .map(|h| {
            by_name
                .iter()
                .position(|(n, _)| n == h)
                .map(|k| by_name.swap_remove(k).1)
                .unwrap_or_default()
        })
        .collect();
    Ok(Objects { header, cells, len })
}

/// Counts `records` (an array of objects, or CSV as text or bytes) into the core's partial report (one
/// thread: WebAssembly); `service`: the scorecard's columns too. A bad record's error is
/// returned at once, or with `skip_bad` kept in the summary. Errors about the whole input:
/// `csv_empty` (no header / no record), `csv_missing_column`, `invalid_argument` (not
/// records). `transfers` (records `{id, at, to}` or CSV text) are joined by id.
pub fn count<'c>(
    records: &JsValue,
    ctx: Context<'c>,
    opts: &ReportOptions,
    read: &ReadOptions,
    skip_bad: bool,
    transfers: Option<&JsValue>,
) -> Result<(ReportSink<'c>, Summary)> {
    let service = read.satisfaction_scale.is_some();
    let make = || AnySink::Report(ReportSink::new(ctx, opts.clone(), service));
    match run(records, read, skip_bad, false, transfers, &make)? {
        (AnySink::Report(s), summary) => Ok((s, summary)),
        _ => Err(bad_arg("not a report".into())),
    }
}

/// The per-agency stage table of `records`, with `transfers` joined by id (see [`count`]).
pub fn count_stages(
    records: &JsValue,
    ctx: Context<'_>,
    as_of: chrono::NaiveDateTime,
    read: &ReadOptions,
    skip_bad: bool,
    transfers: Option<&JsValue>,
) -> Result<(StageTable, Summary)> {
    let make = || AnySink::Stages(StageSink::new(ctx, as_of));
    match run(records, read, skip_bad, false, transfers, &make)? {
        (AnySink::Stages(s), summary) => Ok((s.into_table(), summary)),
        _ => Err(bad_arg("not a stage table".into())),
    }
}

/// The sinks of the package's runs, as one type: the core's generic road (`run_text`,
/// `run_tables`) is compiled once into the `.wasm` for all of them.
#[derive(Debug)]
pub enum AnySink<'c> {
    /// `report` and `scorecard`.
    Report(ReportSink<'c>),
    /// The per-agency stage table.
    Stages(StageSink<'c>),
    /// `worklist`.
    Worklist(WorklistSink<'c>),
}

/// The trait's methods that a sink of the core answers go to it (`check` and `catalogue`
/// were left to the trait's defaults: the package had neither the CLI's catalogue check nor
/// the catalogue's stages and grouping values of the records); `reject` and `blank` are no
/// sink's, and `own_limit` serves the native direct reader only.
impl Sink for AnySink<'_> {
    fn as_of(&self) -> Option<chrono::NaiveDateTime> {
        match self {
            AnySink::Report(s) => s.as_of(),
            AnySink::Stages(s) => s.as_of(),
            AnySink::Worklist(s) => s.as_of(),
        }
    }

    fn check(&self, layout: &Layout) -> Result<()> {
        match self {
            AnySink::Report(s) => s.check(layout),
            AnySink::Stages(s) => s.check(layout),
            AnySink::Worklist(s) => s.check(layout),
        }
    }

    fn catalogue(&self) -> Option<&motcua::procedure::Catalogue> {
        match self {
            AnySink::Report(s) => s.catalogue(),
            AnySink::Stages(s) => s.catalogue(),
            AnySink::Worklist(s) => s.catalogue(),
        }
    }

    fn record(&mut self, at: Locator, record: &Record) -> Result<bool> {
        match self {
            AnySink::Report(s) => s.record(at, record),
            AnySink::Stages(s) => s.record(at, record),
            AnySink::Worklist(s) => s.record(at, record),
        }
    }

    fn append(&mut self, later: Self) -> Result<()> {
        match (self, later) {
            (AnySink::Report(a), AnySink::Report(b)) => a.append(b),
            (AnySink::Stages(a), AnySink::Stages(b)) => a.append(b),
            (AnySink::Worklist(a), AnySink::Worklist(b)) => a.append(b),
            _ => Err(bad_arg("sinks of different kinds".into())),
        }
    }
}

/// Runs `records` (an array of objects, or CSV as text or bytes) through sinks made by `make` (a `dyn`
/// maker: one copy of the core's road in the `.wasm` for the report, the scorecard, the stage
/// table and the worklist), each dossier's `id` read when `ids`, `transfers` joined by id.
pub fn run<'c>(
    records: &JsValue,
    read: &ReadOptions,
    skip_bad: bool,
    ids: bool,
    transfers: Option<&JsValue>,
    make: &(dyn Fn() -> AnySink<'c> + Sync),
) -> Result<(AnySink<'c>, Summary)> {
    let on_bad = if skip_bad { OnBad::Skip } else { OnBad::Stop };
    let run = RunOptions {
        threads: 1,
        on_bad,
        first_row: 0,
    };
    let mut skipped = Vec::new();
    let joined = match transfers {
        Some(t) => Some(Arc::new(read_transfers(t, on_bad, &mut skipped)?)),
        None => None,
    };
    let join = |layout: Layout| match &joined {
        Some(t) => layout.with_transfers(t.clone()),
        None => Ok(layout),
    };
    let (sink, tally) = if let Some(bytes) = csv_bytes(records) {
        let mut src = TextSource::open(Cursor::new(bytes), TextFormat::Csv, read)?;
        let layout = join(src.resolve(read)?.with_ids(ids))?;
        run_text(&mut src, &layout, &run, make, |e| skipped.push(e))?
    } else {
        let objects = objects(records, "records", read.wanted(), Some(read))?;
        let table = objects.table()?;
        let layout = join(Layout::resolve(table.names(), read)?.with_ids(ids))?;
        run_tables(&[table], &layout, &run, make, |e| skipped.push(e))?
    };
    if let Some(t) = &joined {
        let mut unjoined = t.unjoined()?.into_iter();
        if !skip_bad {
            if let Some(e) = unjoined.next() {
                return Err(e);
            }
        }
        skipped.extend(unjoined);
    }
    Ok((
        sink,
        Summary {
            counted: tally.counted,
            left_out: tally.left_out,
            skipped,
        },
    ))
}

/// Transfers: records `{id, at, to}` or CSV text (header `id,at,to`).
/// CSV given as text, or as a file's bytes (`Uint8Array`, `ArrayBuffer`: UTF-8, or UTF-16 with
/// its byte-order mark, decoded by the core, so bytes that are not text are a located error
/// rather than read with replacement characters as `File.text()` would).
fn csv_bytes(v: &JsValue) -> Option<Vec<u8>> {
    if let Some(text) = v.as_string() {
        return Some(text.into_bytes());
    }
    if let Some(bytes) = v.dyn_ref::<js_sys::Uint8Array>() {
        return Some(bytes.to_vec());
    }
    v.dyn_ref::<js_sys::ArrayBuffer>()
        .map(|b| js_sys::Uint8Array::new(b).to_vec())
}

fn read_transfers(v: &JsValue, on_bad: OnBad, skipped: &mut Vec<Error>) -> Result<Transfers> {
    if let Some(bytes) = csv_bytes(v) {
        return Transfers::read_text(Cursor::new(bytes), TextFormat::Csv, on_bad, |e| {
            skipped.push(e)
        });
    }
    let names = TRANSFER_COLUMNS.iter().map(|s| s.to_string()).collect();
    let objects = objects(v, "transfers", names, None)?;
    Transfers::read_tables(&[objects.table()?], 0, on_bad, |e| skipped.push(e))
}

/// An array of record objects, read (`what` names it in messages).
fn objects(
    v: &JsValue,
    what: &str,
    names: Vec<String>,
    read: Option<&ReadOptions>,
) -> Result<Objects> {
    let Some(arr) = v.dyn_ref::<js_sys::Array>() else {
        return Err(bad_arg(format!(
            "`{what}` must be an array of objects, or CSV text or bytes (Uint8Array, ArrayBuffer), not {}",
            v.js_typeof().as_string().unwrap_or_default()
        )));
    };
    if arr.length() == 0 {
        return Err(Error::new(
            ErrorKind::CsvEmpty,
            format!("`{what}` is empty: no record and so no columns"),
        ));
    }
    read_objects(arr, names, read)
}

impl Objects {
    /// The objects as a table of the core.
    fn table(&self) -> Result<Table<'_>> {
        let columns = self
            .cells
            .iter()
            .map(|c| {
                if c.is_empty() {
                    Column::null(self.len)
                } else {
                    Column::cells(c)
                }
            })
            .collect();
        Table::new(self.header.clone(), columns)
    }
}

/// Defines the read-only, non-enumerable properties `counted`, `leftOut` and `skipped`
/// (`{code, message, line?, index?, field?, value?, id?}[]`) on the answer `target`, so that
/// the answer itself stays exactly the CLI's JSON.
pub fn attach_summary(target: &JsValue, s: &Summary) {
    let skipped: js_sys::Array = s
        .skipped
        .iter()
        .map(|e| {
            let o = Obj::new();
            o.set("code", e.code()).set("message", e.to_string());
            if let Some(l) = e.line() {
                o.set("line", l as f64);
            }
            if let Some(i) = e.index() {
                o.set("index", i as f64);
            }
            if let Some(f) = e.field() {
                o.set("field", f);
            }
            if let Some(v) = e.value() {
                o.set("value", v);
            }
            if let Some(id) = e.id() {
                o.set("id", id);
            }
            JsValue::from(o)
        })
        .collect();
    let Some(obj) = target.dyn_ref::<js_sys::Object>() else {
        return;
    };
    for (key, value) in [
        ("counted", JsValue::from_f64(s.counted as f64)),
        ("leftOut", JsValue::from_f64(s.left_out as f64)),
        ("skipped", skipped.into()),
    ] {
        let desc = js_sys::Object::new();
        // Setting a property of a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&desc, &JsValue::from_str("value"), &value);
        js_sys::Object::define_property(obj, &JsValue::from_str(key), &desc);
    }
}
