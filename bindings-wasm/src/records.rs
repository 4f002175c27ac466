//! Dossier records for `report` and `scorecard`: an array of plain objects keyed by the CSV
//! column names of `motcua report`, or CSV text. Either way each record is turned into a
//! dossier by the core's own record reader ([`motcua::report::input::Columns`]), so the rows,
//! the column rules and the errors are those of the CLI.
//!
//! - **CSV text** is read by the core's CSV reader ([`CsvRecords`]): header row, UTF-8
//!   byte-order mark and CRLF accepted; errors carry the CSV `line` (the header is line 1).
//! - **An array of objects**: the header is the keys of the first object, plus every column the
//!   reader can use (the report's columns, the scorecard's, the grouping and mapped columns)
//!   found in any later object. A cell is a string, a `Date` (an instant, in Vietnam wall-clock
//!   time: [`crate::convert::wall_clock_of`], written `YYYY-MM-DDTHH:MM[:SS]`), a number or a
//!   boolean (written as text), or empty (`null`, `undefined`, `""`). Errors carry the
//!   element's `index` (0-based) and `line` = index + 1.

use std::collections::HashMap;
use std::io::{BufReader, Cursor};

use motcua::civil::{format_instant, DateOnly};
use motcua::dossier::Dossier;
use motcua::indicators::SERVICE_COLUMNS;
use motcua::report::input::{Columns, CsvRecords, KNOWN_COLUMNS};
use motcua::{Error, ErrorKind, Result};
use wasm_bindgen::{JsCast, JsValue};

use crate::convert::{instant_arg, Obj};

/// One column of text cells, stored contiguously (`None` = an empty cell).
#[derive(Debug, Default)]
struct TextColumn {
    buf: String,
    spans: Vec<Option<(usize, usize)>>,
}

impl TextColumn {
    fn push(&mut self, cell: Option<&str>) {
        self.spans.push(cell.map(|s| {
            let start = self.buf.len();
            self.buf.push_str(s);
            (start, self.buf.len())
        }));
    }

    fn get(&self, i: usize) -> Option<&str> {
        let (a, b) = (*self.spans.get(i)?)?;
        self.buf.get(a..b)
    }
}

/// An array of record objects read into columns: `header[j]`'s cells are `cells[j]` (`None`
/// for a header name that is never read, e.g. an unknown column of the first object).
#[derive(Debug)]
struct Table {
    header: Vec<String>,
    cells: Vec<Option<TextColumn>>,
    len: usize,
}

/// The source of the records.
#[derive(Debug)]
enum Source {
    Csv(Box<CsvRecords<BufReader<Cursor<Vec<u8>>>>>),
    Array(Table),
}

/// Dossier records, their columns resolved (errors about the header come from [`open`]).
#[derive(Debug)]
pub struct Records {
    source: Source,
    columns: Columns,
}

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

/// Every column name the reader may use: the logical columns (as mapped), the grouping columns
/// and the mapped source columns; the scorecard's columns when `service`.
fn wanted(map: &HashMap<String, String>, by: &[String], service: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let logical = KNOWN_COLUMNS
        .iter()
        .chain(SERVICE_COLUMNS.iter().filter(|_| service))
        .map(|s| s.to_string())
        .chain(by.iter().cloned());
    for name in logical {
        let source = map.get(&name).cloned().unwrap_or(name);
        if !out.contains(&source) {
            out.push(source);
        }
    }
    for v in map.values() {
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

/// One cell of record `i`, column `name`, as text.
fn cell_text(v: &JsValue, i: usize, name: &str) -> Result<Option<String>> {
    if let Some(s) = v.as_string() {
        return Ok(Some(s));
    }
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let locate = |e: Error| e.at_index(i).at_line(i as u64 + 1).in_field(name);
    if let Some(x) = v.as_f64() {
        return Ok(Some(
            if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_991.0 {
                // Whole and exactly representable: the conversion is exact.
                (x as i64).to_string()
            } else {
                // As the CLI's JSON-lines reader writes a JSON number.
                serde_json::Number::from_f64(x).map_or_else(|| x.to_string(), |n| n.to_string())
            },
        ));
    }
    if let Some(b) = v.as_bool() {
        return Ok(Some(b.to_string()));
    }
    if v.is_instance_of::<js_sys::Date>() {
        let path = format!("records[{i}].{name}");
        return instant_arg(v, &path, DateOnly::StartOfDay)
            .map(|t| Some(format_instant(t)))
            .map_err(locate);
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

fn read_table(arr: &js_sys::Array, names: Vec<String>) -> Result<Table> {
    let len = arr.length() as usize;
    let first = arr.get(0);
    let mut header: Vec<String> = js_sys::Object::keys(record_object(&first, 0)?)
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    let keys: Vec<JsValue> = names.iter().map(|n| JsValue::from_str(n)).collect();
    let mut columns: Vec<TextColumn> = names.iter().map(|_| TextColumn::default()).collect();
    let mut present = vec![false; names.len()];
    for (i, rec) in arr.iter().enumerate() {
        let obj = record_object(&rec, i)?;
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
            let text = cell_text(&v, i, name)?;
            if !*seen {
                *seen = text.is_some() || !v.is_undefined();
            }
            col.push(text.as_deref());
        }
    }
    for (name, seen) in names.iter().zip(&present) {
        if *seen && !header.contains(name) {
            header.push(name.clone());
        }
    }
    let mut by_name: HashMap<String, TextColumn> = names.into_iter().zip(columns).collect();
    let cells = header.iter().map(|h| by_name.remove(h)).collect();
    Ok(Table { header, cells, len })
}

/// Opens `records` (an array of objects or CSV text) and resolves its columns (`map`:
/// logical name → source column; `by`: grouping columns; `service`: read the scorecard's
/// columns too). Errors: `csv_empty` (no header / no record), `csv_missing_column`,
/// `invalid_argument` (not records).
pub fn open(
    records: &JsValue,
    map: &HashMap<String, String>,
    by: &[String],
    service: bool,
) -> Result<Records> {
    if let Some(text) = records.as_string() {
        let rdr = CsvRecords::open(Cursor::new(text.into_bytes()), map, by)?;
        let columns = rdr.columns().clone();
        return Ok(Records {
            source: Source::Csv(Box::new(rdr)),
            columns,
        });
    }
    let Some(arr) = records.dyn_ref::<js_sys::Array>() else {
        return Err(bad_arg(format!(
            "`records` must be an array of objects or CSV text, not {}",
            records.js_typeof().as_string().unwrap_or_default()
        )));
    };
    if arr.length() == 0 {
        return Err(Error::new(
            ErrorKind::CsvEmpty,
            "`records` is empty: no record and so no columns",
        ));
    }
    let table = read_table(arr, wanted(map, by, service))?;
    let header: Vec<&str> = table.header.iter().map(String::as_str).collect();
    let columns = Columns::from_header(&header, map, by)?;
    Ok(Records {
        source: Source::Array(table),
        columns,
    })
}

/// What is done with each record: build and count it (`Ok(false)`: left out).
pub type OnRecord<'s> =
    dyn for<'a> FnMut(u64, &'a Columns, &'a dyn Fn(usize) -> Option<&'a str>) -> Result<bool> + 's;

impl Records {
    /// The resolved columns.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// Runs `on_record` over every record. A bad record's error is returned at once, or with
    /// `skip_bad` kept in the summary.
    pub fn run(&mut self, skip_bad: bool, on_record: &mut OnRecord<'_>) -> Result<Summary> {
        let mut summary = Summary::default();
        let outcome = |summary: &mut Summary, r: Result<bool>| -> Result<()> {
            match r {
                Ok(true) => summary.counted += 1,
                Ok(false) => summary.left_out += 1,
                Err(e) if skip_bad => summary.skipped.push(e),
                Err(e) => return Err(e),
            }
            Ok(())
        };
        let columns = &self.columns;
        match &mut self.source {
            Source::Csv(rdr) => {
                while let Some((line, rec)) = rdr.next_record() {
                    let r = rec.and_then(|rec| {
                        let get = |i: usize| rec.get(i);
                        on_record(line, columns, &get)
                    });
                    outcome(&mut summary, r)?;
                }
            }
            Source::Array(table) => {
                for i in 0..table.len {
                    let get = |j: usize| {
                        table
                            .cells
                            .get(j)
                            .and_then(Option::as_ref)
                            .and_then(|c| c.get(i))
                    };
                    let r = on_record(i as u64 + 1, columns, &get).map_err(|e| e.at_index(i));
                    outcome(&mut summary, r)?;
                }
            }
        }
        Ok(summary)
    }
}

/// Builds the record's dossier into `dossier` and hands it to `count`; errors are located at
/// the line and column (and name the record's id, when it has one), as the CLI does.
pub fn add_one<'r>(
    columns: &Columns,
    line: u64,
    get: &dyn Fn(usize) -> Option<&'r str>,
    dossier: &mut Dossier,
    count: impl FnOnce(&Dossier, &[&'r str]) -> Result<bool>,
) -> Result<bool> {
    let mut groups: Vec<&'r str> = Vec::new();
    columns.build(line, get, dossier, &mut groups)?;
    count(dossier, &groups).map_err(|e| {
        let e = if e.kind() == ErrorKind::CsvField {
            e
        } else {
            columns.locate(line, dossier, e)
        };
        match columns.id(get) {
            Some(id) => {
                let mut out =
                    Error::new(e.kind(), format!("{} (id {id})", e.message())).at_line(line);
                if let Some(f) = e.field() {
                    out = out.in_field(f);
                }
                out
            }
            None => e,
        }
    })
}

/// Defines the read-only, non-enumerable properties `counted`, `leftOut` and `skipped`
/// (`{code, message, line?, index?, field?}[]`) on the answer `target`, so that the answer
/// itself stays exactly the CLI's JSON.
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
