//! The one-stop report (mirrors `motcua::report` and `motcua report`): `report(records,
//! options)` counts dossier records (an array of objects, or CSV as text or bytes, see [`crate::records`])
//! into the core's [`PartialReport`](motcua::report::PartialReport) and answers the CLI's
//! `--format json` rows, keys and values exactly (rates `null` when their denominator is 0).
//!
//! The options shared with `scorecard` are read here (`read_options`).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use motcua::civil::DateOnly;
use motcua::deadline::Rules;
use motcua::indicators::Targets;
use motcua::records::ReadOptions;
use motcua::report::{stages_to_json, to_json as rows_json, Context, PeriodKind, ReportOptions};
use motcua::{procedure, vn, Error, ErrorKind, Result, WorkCalendar};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::convert::{instant_arg, int_arg, to_json};
use crate::deadline::{calendar_arg, rules_arg};
use crate::error::{IntoJs, JsResult};
use crate::procedure::catalogue_from;
use crate::records::{attach_summary, count, count_stages};
use crate::types::{RecordsInput, ReportJs, ReportOptionsJs, StageReportJs, StageReportOptionsJs};

/// The options of `report` and `scorecard`, read.
#[derive(Debug)]
pub(crate) struct RecordOptions {
    pub calendar: Option<WorkCalendar>,
    pub catalogue: Option<procedure::Catalogue>,
    pub rules: Rules,
    pub as_of: Option<NaiveDateTime>,
    pub by: Vec<String>,
    pub map: HashMap<String, String>,
    pub skip_bad: bool,
    pub period: Option<PeriodKind>,
    pub targets: Option<Targets>,
    pub satisfaction_scale: u32,
    /// Transfers (records `{id, at, to}` or CSV text), joined to the records by id.
    pub transfers: Option<JsValue>,
}

fn bad(msg: String) -> Error {
    Error::new(ErrorKind::InvalidArgument, msg)
}

/// `by`: a column name, comma-separated names (as the CLI's `--by`) or an array of names.
fn by_arg(v: &JsValue) -> Result<Vec<String>> {
    let names: Vec<String> = if let Some(s) = v.as_string() {
        s.split(',').map(str::to_string).collect()
    } else if js_sys::Array::is_array(v) {
        js_sys::Array::from(v)
            .iter()
            .map(|x| {
                x.as_string()
                    .ok_or_else(|| bad("`options.by` must list column names (strings)".into()))
            })
            .collect::<Result<_>>()?
    } else {
        return Err(bad(
            "`options.by` must be a column name or an array of column names".into(),
        ));
    };
    let mut read = ReadOptions::default();
    read.group_by(names);
    Ok(read.by)
}

/// `map`: `{NAME: SOURCE_COLUMN}` (the CLI's `--map NAME=SOURCE_COLUMN`), each pair checked
/// by the core as the CLI's and Python's.
fn map_arg(v: &JsValue) -> Result<HashMap<String, String>> {
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(bad(
            "`options.map` must be an object {NAME: SOURCE_COLUMN}".into()
        ));
    }
    let mut read = ReadOptions::default();
    for entry in js_sys::Object::entries(v.unchecked_ref()).iter() {
        let pair = js_sys::Array::from(&entry);
        let key = pair.get(0).as_string().unwrap_or_default();
        let Some(source) = pair.get(1).as_string() else {
            return Err(bad(format!(
                "`options.map.{key}`: expected a source column name (NAME: SOURCE_COLUMN)"
            ))
            .in_field("map"));
        };
        read.map_column(&key, &source)?;
    }
    Ok(read.map)
}

/// `targets`: an object `{indicator: fraction | null}` or its JSON text, over the defaults.
fn targets_arg(v: &JsValue) -> Result<Targets> {
    let text = match v.as_string() {
        Some(s) => s,
        None => match to_json(v, "options.targets")? {
            obj @ Value::Object(_) => obj.to_string(),
            _ => {
                return Err(bad(
                    "`options.targets` must be an object {indicator: fraction | null}".into(),
                ))
            }
        },
    };
    Targets::from_json(&text)
}

/// Reads the options object of `report` / `scorecard`; `known` lists the keys it takes
/// (snake_case; camelCase keys are accepted too). An unknown key is an `invalid_argument`.
pub(crate) fn read_options(v: Option<&JsValue>, known: &[&str]) -> Result<RecordOptions> {
    let mut out = RecordOptions {
        calendar: None,
        catalogue: None,
        rules: Rules::default(),
        as_of: None,
        by: Vec::new(),
        map: HashMap::new(),
        skip_bad: false,
        period: None,
        targets: None,
        satisfaction_scale: 5,
        transfers: None,
    };
    let Some(v) = v.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(out);
    };
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(bad("`options` must be an object".into()));
    }
    for (key, raw, value) in crate::convert::entries(v, "options")? {
        if !known.contains(&key.as_str()) {
            return Err(bad(format!(
                "`options`: unknown option `{raw}` (known: {})",
                known
                    .iter()
                    .map(|k| crate::convert::snake_to_camel(k))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        if value.is_undefined() || value.is_null() {
            continue;
        }
        match key.as_str() {
            "as_of" => out.as_of = Some(instant_arg(&value, "asOf", DateOnly::EndOfDay)?),
            "by" => out.by = by_arg(&value)?,
            "period" => {
                let p = value
                    .as_string()
                    .ok_or_else(|| bad("`options.period` must be month, quarter or year".into()))?;
                out.period = Some(p.trim().parse()?);
            }
            "catalogue" => out.catalogue = Some(catalogue_arg(&value)?),
            "rules" => out.rules = rules_arg(&value, "options.rules")?,
            "calendar" => out.calendar = Some(calendar_arg(&value, "options.calendar")?),
            "map" => out.map = map_arg(&value)?,
            "skip_bad" => {
                out.skip_bad = value
                    .as_bool()
                    .ok_or_else(|| bad("`options.skipBad` must be true or false".into()))?;
            }
            "targets" => out.targets = Some(targets_arg(&value)?),
            "transfers" => out.transfers = Some(value),
            "satisfaction_scale" => {
                let x = value.as_f64().ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidNumber,
                        "`options.satisfactionScale` must be a whole number",
                    )
                })?;
                let n = int_arg(x, "satisfactionScale")?;
                out.satisfaction_scale = u32::try_from(n).map_err(|_| {
                    bad(format!(
                        "the satisfaction scale must be between 1 and {}, got {n}",
                        u32::MAX
                    ))
                })?;
            }
            _ => {}
        }
    }
    Ok(out)
}

/// A catalogue option: a `Catalogue`, the text of a catalogue file (JSON or CSV, told apart
/// by content, as the CLI reads one) or an array of procedure objects.
fn catalogue_arg(v: &JsValue) -> Result<procedure::Catalogue> {
    if let Some(text) = v.as_string() {
        return motcua::records::load_catalogue(&text);
    }
    if js_sys::Array::is_array(v) {
        return procedure::Catalogue::from_json(&to_json(v, "options.catalogue")?.to_string());
    }
    Ok(catalogue_from(v, "options.catalogue")?.inner)
}

impl RecordOptions {
    /// The calendar option, or the Vietnamese public-sector calendar; an as-of option
    /// outside it is a `date_out_of_range` error before any record is read.
    pub(crate) fn calendar(&mut self) -> Result<WorkCalendar> {
        let calendar = match self.calendar.take() {
            Some(c) => c,
            None => vn::public_sector()?,
        };
        if let Some(t) = self.as_of {
            calendar.check_as_of(t)?;
        }
        Ok(calendar)
    }

    /// The as-of option, or now in Vietnam (UTC+7): this package reads the clock, the core
    /// says what it means, as the CLI and Python.
    pub(crate) fn as_of(&self) -> NaiveDateTime {
        self.as_of.unwrap_or_else(crate::convert::now)
    }

    /// What the records are read with (`service`: the scorecard's columns too).
    pub(crate) fn read(&self, service: bool) -> ReadOptions {
        ReadOptions {
            map: self.map.clone(),
            by: self.by.clone(),
            satisfaction_scale: service.then_some(self.satisfaction_scale),
        }
    }
}

const REPORT_OPTIONS: &[&str] = &[
    "as_of",
    "by",
    "period",
    "catalogue",
    "rules",
    "calendar",
    "map",
    "skip_bad",
    "transfers",
];

/// The one-stop report of dossier `records` (an array of objects keyed by the CSV column names
/// of `motcua report`, or CSV as text or bytes): the CLI's `--format json` rows — for each period (with
/// `period`) the groups in order of their values, then the totals row (grouping keys `null`):
/// `{...by, period?, carried_over, received_new, received, received_online, received_direct,
/// received_postal, resolved, early, on_time, late, pending, pending_within, overdue,
/// awaiting_supplement, refused, withdrawn, resolved_rate, on_time_rate, online_rate}` (rates
/// are fractions, `null` when the denominator is 0).
///
/// Options: `asOf` (the table as it stood then; a date alone = the end of that day; default
/// now in Vietnam), `by` (grouping columns: an array or `"field,agency"`), `period` (`month`,
/// `quarter`, `year`), `catalogue` (a `Catalogue` or catalogue JSON, for records given by
/// `procedure`), `rules` (`{supplement: "restart"}`, the CLI's `--rule`), `calendar` (default
/// `Calendar.vietnam()`), `map` (`{received: "ngay_nhan"}`: read a logical column from another
/// column), `skipBad` (skip bad records instead of throwing the first one's error),
/// `transfers` (transfers between agencies joined to the records by id, as `stageReport`
/// takes them: the report's counts use each dossier's total limit, so they do not change).
///
/// The answer also has the non-enumerable properties `counted`, `leftOut` (received after
/// `asOf`) and `skipped` (with `skipBad`: `{code, message, line, index?, field?}` per bad
/// record).
#[wasm_bindgen]
pub fn report(records: &RecordsInput, options: Option<ReportOptionsJs>) -> JsResult<ReportJs> {
    let mut o = read_options(options.as_ref().map(AsRef::as_ref), REPORT_OPTIONS).js()?;
    motcua::report::check_grouping(&o.by, o.period.is_some()).js()?;
    let calendar = o.calendar().js()?;
    let opts = ReportOptions {
        as_of: o.as_of(),
        by: o.by.clone(),
        period: o.period,
    };
    let ctx = Context {
        calendar: &calendar,
        catalogue: o.catalogue.as_ref(),
        rules: o.rules,
    };
    let transfers = o.transfers.as_ref();
    let (sink, summary) = count(records, ctx, &opts, &o.read(false), o.skip_bad, transfers).js()?;
    let answer = js_sys::JSON::parse(&rows_json(&sink.partial().rows()))?;
    attach_summary(&answer, &summary);
    Ok(answer.unchecked_into())
}

const STAGE_OPTIONS: &[&str] = &[
    "as_of",
    "catalogue",
    "rules",
    "calendar",
    "map",
    "skip_bad",
    "transfers",
];

/// The per-agency stage table of inter-agency (*liên thông*) dossier `records` (`motcua
/// report --stages --format json`): one row per agency in order of its name, then the totals
/// row (`agency: null`): `{agency, received, completed, early, on_time, late, holding,
/// pending_within, overdue, awaiting_supplement, refused, withdrawn, on_time_rate}` as of `asOf`
/// (`refused`, `withdrawn`: stages ended by the dossier's refusal or withdrawal). A dossier's
/// stages are its catalogue procedure's (`catalogue` with `stages`) or its own (a `stages`
/// column of JSON text); `transfers` (records `{id, at, to}` — the dossier `id`
/// reached the agency `to` at `at` — or CSV text with those columns) are joined to the
/// records by id (a bad transfer, or an id no record has, is a bad record; an id on two
/// records throws). Other options as `report`'s.
#[wasm_bindgen(js_name = stageReport)]
pub fn stage_report(
    records: &RecordsInput,
    options: Option<StageReportOptionsJs>,
) -> JsResult<StageReportJs> {
    let mut o = read_options(options.as_ref().map(AsRef::as_ref), STAGE_OPTIONS).js()?;
    let calendar = o.calendar().js()?;
    let ctx = Context {
        calendar: &calendar,
        catalogue: o.catalogue.as_ref(),
        rules: o.rules,
    };
    let transfers = o.transfers.as_ref();
    let (table, summary) = count_stages(
        records,
        ctx,
        o.as_of(),
        &o.read(false),
        o.skip_bad,
        transfers,
    )
    .js()?;
    let answer = js_sys::JSON::parse(&stages_to_json(&table.rows()))?;
    attach_summary(&answer, &summary);
    Ok(answer.unchecked_into())
}
