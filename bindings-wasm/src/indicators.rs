//! The office scorecard (mirrors `motcua::indicators` and `motcua scorecard`):
//! `scorecard(records, options)` scores dossier records against targets with the core's
//! partial report (read with the scorecard's columns) and answers the CLI's `--format json`
//! object exactly: `{indicators: [...], catalogue: [...] | null}`.

use motcua::indicators::{catalogue_fields, scores};
use motcua::report::{Context, ReportOptions};
use wasm_bindgen::prelude::*;

use crate::error::{IntoJs, JsResult};
use crate::records::{attach_summary, count};
use crate::report::read_options;
use crate::types::{RecordsInput, ScorecardJs, ScorecardOptionsJs};

const SCORECARD_OPTIONS: &[&str] = &[
    "as_of",
    "by",
    "catalogue",
    "targets",
    "rules",
    "calendar",
    "map",
    "satisfaction_scale",
    "skip_bad",
];

/// The office scorecard of dossier `records` (as `report`, plus the optional columns
/// `online_level`, `digitised`, `result_digitised`, `satisfaction`, `feedback_received`,
/// `feedback_handled`): the CLI's `--format json` object `{indicators, catalogue}`.
/// `indicators`: for each group (in order of the group values) then the totals (grouping keys
/// `null`), every indicator (`on_time_rate`, `resolved_rate`, `online_rate`,
/// `full_online_rate`, `postal_rate`, `digitised_rate`, `result_digitised_rate`,
/// `satisfaction_rate`, `feedback_handled_rate`) as `{...by, indicator, numerator,
/// denominator, value, target, met, gap, status}`; a zero denominator is "no data" (`value`,
/// `met`, `gap` `null`, status `no_data`), never 0% or 100%. `catalogue` (with the
/// `catalogue` option, else `null`): procedures per field then the totals (`field` `null`),
/// `{field, procedures, online_full, online_partial, full_online_share}`.
///
/// Options: those of `report` but `period` and `transfers` (the per-agency stage table that
/// `motcua scorecard --transfers` adds is `stageReport`'s), plus `targets` (`{indicator: fraction | null}` or
/// its JSON text, over the default targets: on time 1.0, satisfaction 0.9, feedback handled
/// 1.0, online 0.05) and `satisfactionScale` (top of a numeric rating scale, default 5). The
/// answer has the non-enumerable `counted`, `leftOut` and `skipped` of `report`.
#[wasm_bindgen]
pub fn scorecard(
    records: &RecordsInput,
    options: Option<ScorecardOptionsJs>,
) -> JsResult<ScorecardJs> {
    let mut o = read_options(options.as_ref().map(AsRef::as_ref), SCORECARD_OPTIONS).js()?;
    motcua::indicators::check_grouping(&o.by).js()?;
    let calendar = o.calendar().js()?;
    let targets = o.targets.take().unwrap_or_default();
    let mut opts = ReportOptions::new(o.as_of());
    opts.by = o.by.clone();
    let ctx = Context {
        calendar: &calendar,
        catalogue: o.catalogue.as_ref(),
        rules: o.rules,
    };
    let (sink, summary) = count(records, ctx, &opts, &o.read(true), o.skip_bad, None).js()?;
    let scores = scores(sink.partial(), &targets);
    let fields = o.catalogue.as_ref().map(catalogue_fields);
    // The CLI's JSON, built the same way.
    let v = serde_json::json!({
        "indicators": scores,
        "catalogue": fields.as_ref().map(|f| f.iter().map(|c| serde_json::json!({
            "field": c.field,
            "procedures": c.procedures,
            "online_full": c.online_full,
            "online_partial": c.online_partial,
            "full_online_share": c.full_online_share(),
        })).collect::<Vec<_>>()),
    });
    let answer = js_sys::JSON::parse(&v.to_string())?;
    attach_summary(&answer, &summary);
    Ok(answer.unchecked_into())
}
