//! The one-stop desk's worklist (mirrors `motcua::worklist` and `motcua worklist`):
//! `worklist(records, options)` reads dossier records (an array of objects, or CSV as text or bytes, see
//! [`crate::records`]) as `report` reads them and answers the CLI's `--format json` rows: the
//! dossiers open at `asOf`, ordered by due instant then id, with their status, the last day
//! for the apology and, for an inter-agency dossier, the stage holding its file (`transfers`
//! joined by id as `stageReport` joins them).

use motcua::report::Context;
use motcua::worklist::{to_json as rows_json, WorklistOptions, WorklistSink};
use motcua::{Error, ErrorKind, Result};
use wasm_bindgen::prelude::*;

use crate::convert::{entries, int_arg};
use crate::error::{IntoJs, JsResult};
use crate::records::{attach_summary, run, AnySink};
use crate::report::read_options;
use crate::types::{RecordsInput, WorklistJs, WorklistOptionsJs};

const WORKLIST_OPTIONS: &[&str] = &[
    "as_of",
    "by",
    "within",
    "apology_lead",
    "all",
    "catalogue",
    "rules",
    "calendar",
    "map",
    "skip_bad",
    "transfers",
];

/// `within`, `apologyLead` and `all` of the options object (the others are `report`'s).
fn list_options(v: Option<&JsValue>, opts: &mut WorklistOptions) -> Result<()> {
    let Some(v) = v.filter(|v| v.is_object() && !js_sys::Array::is_array(v)) else {
        return Ok(());
    };
    for (key, raw, value) in entries(v, "options")? {
        if value.is_null() {
            continue;
        }
        let count = |what: &str| -> Result<u32> {
            let n = value
                .as_f64()
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidNumber,
                        format!("`options.{raw}` must be a whole number of working days"),
                    )
                })
                .and_then(|x| int_arg(x, what))?;
            u32::try_from(n).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidArgument,
                    format!(
                        "`options.{raw}` must be between 0 and {}, got {n}",
                        u32::MAX
                    ),
                )
            })
        };
        match key.as_str() {
            "within" => opts.within = count("within")?,
            "apology_lead" => opts.apology_lead = count("apologyLead")?,
            "all" => {
                opts.all = value.as_bool().ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidArgument,
                        "`options.all` must be true or false",
                    )
                })?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// The dossiers of `records` (an array of objects keyed by the CSV column names of `motcua
/// report`, or CSV text) open at `asOf`: the CLI's `motcua worklist --format json` rows,
/// ordered by due instant then id: `{id, ...by, due, due_at, working_days_left, status,
/// apology_by, stage_agency, stage_due, stage_overdue, line | row}` (`line`: the record's line
/// in CSV text, the header being line 1; `row`: its index in an array of objects). `status`: `overdue` and `awaiting_supplement` as `report` classifies the
/// dossier; else `due_today` (0 working days left), `due_soon` (1..`within`), `on_track`
/// (listed only with `all`). `apology_by`: the `apologyLead`-th working day before the due
/// date (default 1: the provincial regulations under Decree 118/2025, recalled, not verified),
/// never before the deemed receipt day (a same-day limit: that day), `null` when overdue or already given a new appointment (`new_due`). For an inter-agency
/// dossier (stages from its catalogue procedure or its own `stages` column): `stage_agency` (the
/// agency holding the file at `asOf`), `stage_due` (its stage's due date) and `stage_overdue`;
/// `null` for a dossier without stages.
///
/// Options: those of `report` but `period` (with `transfers`: records `{id, at, to}` or CSV
/// text, joined to the records by id as `stageReport` joins them; `motcua worklist
/// --transfers FILE`), plus `within` (default 3), `apologyLead` (default 1) and `all`. The answer has the non-enumerable `counted`, `leftOut` and `skipped` of
/// `report`.
#[wasm_bindgen]
pub fn worklist(
    records: &RecordsInput,
    options: Option<WorklistOptionsJs>,
) -> JsResult<WorklistJs> {
    let raw = options.as_ref().map(AsRef::as_ref);
    let mut o = read_options(raw, WORKLIST_OPTIONS).js()?;
    // A row is an object keyed by column name.
    motcua::worklist::check_grouping(&o.by, &[motcua::worklist::LINE, motcua::worklist::ROW])
        .js()?;
    let mut opts = WorklistOptions::new(o.as_of());
    list_options(raw, &mut opts).js()?;
    let calendar = o.calendar().js()?;
    opts.check(&calendar).js()?;
    let ctx = Context {
        calendar: &calendar,
        catalogue: o.catalogue.as_ref(),
        rules: o.rules,
    };
    let transfers = o.transfers.as_ref();
    let (sink, summary) = run(
        records,
        &o.read(false),
        o.skip_bad,
        true,
        transfers,
        &|| AnySink::Worklist(WorklistSink::new(ctx, opts.clone())),
    )
    .js()?;
    let AnySink::Worklist(sink) = sink else {
        return Err(Error::new(ErrorKind::InvalidArgument, "not a worklist")).js();
    };
    let list = sink.finish();
    let answer = js_sys::JSON::parse(&rows_json(&list.items, &o.by))?;
    attach_summary(&answer, &summary);
    Ok(answer.unchecked_into())
}
