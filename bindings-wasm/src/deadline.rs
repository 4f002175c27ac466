//! Due dates and outcomes (mirrors `motcua::deadline` and `motcua::outcome`): `due(dossier,
//! options)` and `classify(dossier, asOf, options)`. A dossier is a plain object (or a JSON
//! string) in the CLI's dossier format; keys may be camelCase. The answer is the CLI's answer
//! with camelCase keys: `{due, dueAt, ruleSet, deemedReceipt, warnings, explain?,
//! awaitingSupplementSince?}`, plus `outcome` and `workingDaysLate` from `classify`.

use motcua::civil::DateOnly;
use motcua::deadline::{Lang, Rules};
use motcua::dossier::Dossier;
use motcua::{vn, Error, ErrorKind, Options, WorkCalendar};
use serde_json::Value;
use wasm_bindgen::convert::TryFromJsValue;
use wasm_bindgen::prelude::*;

use crate::calendar::Calendar;
use crate::convert::{class_from, entries, from_json, instant_arg, opt_bool_arg, to_json};
use crate::error::{IntoJs, JsResult};
use crate::procedure::{catalogue_from, Catalogue};
use crate::types::{
    ClassifyOptionsJs, ClassifyResultJs, DossierInput, DueOptionsJs, DueResultJs, InstantInput,
};

/// The options of `due` / `classify`, read.
struct DueOptions {
    calendar: WorkCalendar,
    catalogue: Option<Catalogue>,
    rules: Rules,
    explain: bool,
    lang: Lang,
    as_of: Option<JsValue>,
}

const KNOWN: &str = "calendar, catalogue, rules, explain, lang, asOf";

fn bad(msg: String) -> Error {
    Error::new(ErrorKind::InvalidArgument, msg)
}

/// The `Calendar` behind `value` (an option), as a core calendar.
pub(crate) fn calendar_arg(value: &JsValue, what: &str) -> motcua::Result<WorkCalendar> {
    Ok(class_from(value, what, "Calendar", |fresh| {
        Calendar::try_from_js_value(fresh).ok()
    })?
    .inner)
}

/// Counting rules from an object such as `{supplement: "restart"}` (the CLI's `--rule
/// KEY=VALUE` switches; keys camelCase or snake_case), over the defaults.
pub(crate) fn rules_arg(value: &JsValue, what: &str) -> motcua::Result<Rules> {
    let Value::Object(map) = to_json(value, what)? else {
        return Err(bad(format!(
            "`{what}` must be an object such as {{supplement: \"restart\"}}"
        )));
    };
    let mut rules = Rules::default();
    for (k, v) in &map {
        let text = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        rules.set(k, &text)?;
    }
    Ok(rules)
}

fn read_options(v: Option<&JsValue>) -> motcua::Result<DueOptions> {
    let mut out = DueOptions {
        calendar: WorkCalendar::clone(&vn::public_sector()?),
        catalogue: None,
        rules: Rules::default(),
        explain: false,
        lang: Lang::default(),
        as_of: None,
    };
    let Some(v) = v.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(out);
    };
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(bad("`options` must be an object".into()));
    }
    for (key, raw, value) in entries(v, "options")? {
        if value.is_null() {
            continue;
        }
        match key.as_str() {
            "calendar" => out.calendar = calendar_arg(&value, "options.calendar")?,
            "catalogue" => out.catalogue = Some(catalogue_from(&value, "options.catalogue")?),
            "rules" => out.rules = rules_arg(&value, "options.rules")?,
            "explain" => {
                out.explain = opt_bool_arg(Some(&value), "options.explain")?.unwrap_or(false);
            }
            "lang" => {
                out.lang = value
                    .as_string()
                    .ok_or_else(|| bad("`options.lang` must be \"vi\" or \"en\"".into()))?
                    .parse()?;
            }
            "as_of" => out.as_of = Some(value),
            _ => {
                return Err(bad(format!(
                    "`options`: unknown option `{raw}` (known: {KNOWN})"
                )))
            }
        }
    }
    Ok(out)
}

fn dossier_arg(v: &DossierInput) -> motcua::Result<Dossier> {
    match v.as_string() {
        Some(text) => Dossier::from_json(&text),
        None => Dossier::from_json_value(&to_json(v, "dossier")?),
    }
}

fn answer<T: serde::Serialize>(value: &T) -> motcua::Result<JsValue> {
    serde_json::to_value(value)
        .map(|v| from_json(&v))
        .map_err(|e| Error::new(ErrorKind::InvalidArgument, e.to_string()))
}

/// The due date (appointment) of `dossier`, after validating it. Options: `calendar` (a
/// `Calendar`, default `Calendar.vietnam()`), `catalogue` (a `Catalogue`, to resolve a
/// `procedure` code), `rules` (`{supplement: "restart", counting: "hours", ...}`: the CLI's
/// `--rule KEY=VALUE` switches; default = the law), `explain` (the steps of the count: each
/// receipt, each day off skipped and why, pauses, new appointments, where the count ends, each
/// citing its legal basis), `lang` (`"vi"`, the default, or `"en"`: the language of the
/// explanation), `asOf` (the due date as it stood at that instant: later events ignored).
#[wasm_bindgen]
pub fn due(dossier: &DossierInput, options: Option<DueOptionsJs>) -> JsResult<DueResultJs> {
    let d = dossier_arg(dossier).js()?;
    let o = read_options(options.as_ref().map(AsRef::as_ref)).js()?;
    let as_of = match &o.as_of {
        Some(v) => Some(instant_arg(v, "asOf", DateOnly::EndOfDay).js()?),
        None => None,
    };
    let cat = o.catalogue.as_ref().map(|c| &c.inner);
    let r = Options::new(&o.calendar)
        .catalogue(cat)
        .rules(o.rules)
        .as_of(as_of)
        .explain(o.explain)
        .lang(o.lang)
        .due(&d)
        .js()?;
    Ok(answer(&r).js()?.unchecked_into())
}

/// Classifies `dossier` as of `asOf` (a date alone means the end of that day): `early`,
/// `on_time`, `late` (resolved), `pending_within`, `overdue`, `awaiting_supplement` (open),
/// `refused`, `withdrawn`; events after `asOf` are ignored. Options as `due` (without `asOf`).
#[wasm_bindgen]
pub fn classify(
    dossier: &DossierInput,
    #[wasm_bindgen(js_name = asOf)] as_of: &InstantInput,
    options: Option<ClassifyOptionsJs>,
) -> JsResult<ClassifyResultJs> {
    let d = dossier_arg(dossier).js()?;
    let at = instant_arg(as_of, "asOf", DateOnly::EndOfDay).js()?;
    let o = read_options(options.as_ref().map(AsRef::as_ref)).js()?;
    if o.as_of.is_some() {
        return Err(crate::error::js_error(&bad(
            "classify takes `asOf` as its second argument, not as an option".into(),
        )));
    }
    let cat = o.catalogue.as_ref().map(|c| &c.inner);
    let r = Options::new(&o.calendar)
        .catalogue(cat)
        .rules(o.rules)
        .as_of(at)
        .explain(o.explain)
        .lang(o.lang)
        .classify(&d)
        .js()?;
    Ok(answer(&r).js()?.unchecked_into())
}
