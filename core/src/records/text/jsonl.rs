//! JSON lines: one object per line, its keys the columns (a string is text, a number or a
//! flag its JSON text, `null` missing), each key given once. Not in WebAssembly.

use std::sync::atomic::{AtomicBool, Ordering};

use super::super::layout::{Locator, Row};
use super::parse::{AllFields, TextRow};
use super::{Block, SAVE_AS_UTF8};
use crate::error::{Error, ErrorKind, Result};

/// One JSON-lines record: an object whose keys are each given once (a key given twice would
/// leave one value unread: which is a guess, so it is an error naming the key, as a CSV
/// header naming a column twice is).
struct Record(serde_json::Map<String, serde_json::Value>);

impl<'de> serde::Deserialize<'de> for Record {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Record;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object (one record per line)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Record, A::Error> {
                let mut out = serde_json::Map::new();
                while let Some((k, v)) = map.next_entry::<String, serde_json::Value>()? {
                    if out.contains_key(&k) {
                        return Err(serde::de::Error::custom(format_args!(
                            "key `{k}` given twice"
                        )));
                    }
                    out.insert(k, v);
                }
                Ok(Record(out))
            }
        }
        d.deserialize_map(Visitor)
    }
}

/// A JSON line's parse error placed by its column alone: serde's "at line 1 column 63" spoke
/// of a line 1 beside the file's own line number (`line 2: key ... given twice at line 1 column
/// 63`). (An error whose place is not in one line keeps serde's words.)
fn in_line(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let place = format!(" at line 1 column {}", e.column());
    match text.strip_suffix(&place) {
        Some(what) => format!("{what} at column {}", e.column()),
        None => text,
    }
}

/// The text of a JSON-lines record's line: trimmed, without a UTF-8 byte-order mark (the
/// first line's).
pub(super) fn record_text(line: &str) -> &str {
    line.trim().trim_start_matches('\u{feff}')
}

pub(super) fn parse_jsonl(
    block: &Block,
    names: &[String],
    seen: &[AtomicBool],
    mut each: impl FnMut(Locator, Result<&dyn Row>) -> bool,
) {
    let mut cells: Vec<Option<String>> = vec![None; names.len()];
    let mut given = vec![false; names.len()];
    for (this, raw) in (block.first_line..).zip(block.bytes.split(|&b| b == b'\n')) {
        let at = Locator::Line(this);
        let bad = |e: &dyn std::fmt::Display| {
            Error::new(ErrorKind::InvalidJson, format!("line {this}: {e}")).at_line(this)
        };
        let parsed = std::str::from_utf8(raw)
            .map_err(|e| {
                let after = e.valid_up_to();
                bad(&format!(
                    "not valid UTF-8 text (after byte {after}): {SAVE_AS_UTF8}"
                ))
            })
            .map(record_text)
            .and_then(|text| {
                if text.is_empty() {
                    return Ok(None);
                }
                serde_json::from_str::<Record>(text)
                    .map(|r| Some(r.0))
                    .map_err(|e| bad(&in_line(&e)))
            });
        let obj = match parsed {
            Ok(Some(o)) => o,
            Ok(None) => continue,
            Err(err) => {
                if !each(at, Err(err)) {
                    return;
                }
                continue;
            }
        };
        // A dossier as `motcua classify` reads it (its events listed) is no record: its
        // events would be ignored and the dossier counted open.
        if obj.contains_key("events") && !names.iter().any(|n| n == "events") {
            let e = Error::new(
                ErrorKind::CsvField,
                format!(
                    "line {this}: `events`: a dossier in the format of `motcua classify`; a \
                     record has one column per event (supplement_requested, \
                     supplement_received, new_due, resolved, refused, withdrawn)"
                ),
            )
            .at_line(this)
            .in_field("events");
            if !each(at, Err(e)) {
                return;
            }
            continue;
        }
        match record_cells(&obj, names, &mut cells, &mut given, seen) {
            Ok(()) => {
                if !each(
                    at,
                    Ok(&TextRow(&cells, AllFields::Cells(std::marker::PhantomData))),
                ) {
                    return;
                }
            }
            Err(msg) => {
                let e =
                    Error::new(ErrorKind::CsvField, format!("line {this}: {msg}")).at_line(this);
                if !each(at, Err(e)) {
                    return;
                }
            }
        }
    }
}

/// The cells of one JSON-lines record: each column's value from the key of its name, or in
/// another ASCII case (`Resolved` is the `resolved` column, as in a CSV header); a key given
/// null or empty is held as empty text (the record holds the column, without a value), a key
/// not given as `None`. Two keys naming one column (`resolved` and `Resolved`) are an error:
/// which one is meant is a guess. Marks the columns given in `seen`.
fn record_cells(
    obj: &serde_json::Map<String, serde_json::Value>,
    names: &[String],
    cells: &mut [Option<String>],
    given: &mut [bool],
    seen: &[AtomicBool],
) -> std::result::Result<(), String> {
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    let mut matched = 0;
    for ((slot, name), g) in cells.iter_mut().zip(names).zip(given.iter_mut()) {
        *slot = obj.get(name).map(text);
        *g = slot.is_some();
        matched += usize::from(*g);
    }
    if matched < obj.len() {
        // Keys in another case than the column's name (or not read at all).
        for (key, v) in obj {
            if names.iter().any(|n| n == key) {
                continue;
            }
            let Some((j, name)) = names
                .iter()
                .enumerate()
                .find(|(_, n)| n.eq_ignore_ascii_case(key))
            else {
                continue;
            };
            if given.get(j) == Some(&true) {
                return Err(format!(
                    "the key `{}` is the column `{}`, which another key of the record gives \
                     too (column names match in any ASCII case): which one is meant is a guess",
                    crate::error::excerpt(key),
                    crate::error::excerpt(name)
                ));
            }
            if let (Some(slot), Some(g)) = (cells.get_mut(j), given.get_mut(j)) {
                *slot = Some(text(v));
                *g = true;
                matched += 1;
            }
        }
        if matched == 0 && !obj.is_empty() {
            // Not an empty record (`{}`, skipped as a blank line): keys none of which is read.
            let keys: Vec<String> = obj
                .keys()
                .take(4)
                .map(|k| format!("`{}`", crate::error::excerpt(k)))
                .collect();
            return Err(format!(
                "none of the record's keys ({}{}) is a column read (such as `received`, \
                 `time_limit`)",
                keys.join(", "),
                if obj.len() > 4 { ", ..." } else { "" }
            ));
        }
    }
    for (g, s) in given.iter().zip(seen) {
        if *g && !s.load(Ordering::Relaxed) {
            s.store(true, Ordering::Relaxed);
        }
    }
    Ok(())
}
