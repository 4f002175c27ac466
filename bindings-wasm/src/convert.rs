//! Conversion of JS arguments to core types and of core answers to JS values. Nothing here
//! knows a rule: it only reads dates, instants, integers and plain objects.
//!
//! Instants are Vietnam wall-clock time (UTC+7) whatever the time zone of the JS runtime, and
//! this module is the one place where JS instants are converted ([`wall_clock_of`]):
//!
//! - A `Date` is an instant (a point on the UTC time line): it becomes Vietnam wall-clock time
//!   ([`motcua::civil::vietnam_wall_clock`] of its `getTime()`, to the second), so a server in
//!   UTC, a browser in Hanoi and one in Los Angeles give the same answers. Where a date is
//!   expected, a `Date` is the Vietnam calendar day of that instant.
//! - A string instant `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or an offset (`toISOString()`
//!   output) is converted to UTC+7; without one it is Vietnam wall-clock time; a date alone
//!   (`YYYY-MM-DD`, `dd/mm/yyyy`) stays a date ([`motcua::civil::parse_instant`],
//!   [`motcua::civil::parse_day`]).
//! - Numbers must be JS numbers and booleans JS booleans: `"3"` is not 3 and `"no"` is not
//!   `true` ([`number_arg`], [`opt_bool_arg`]).
//! - Plain objects (dossiers, options) cross as JSON values; their keys may be camelCase or
//!   snake_case (`timeLimit` = `time_limit`), but not both at once ([`entries`]); answers come
//!   back with camelCase keys.

use chrono::{NaiveDate, NaiveDateTime};
use motcua::civil::{self, DateOnly};
use motcua::{Error, ErrorKind, Result};
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

/// What `typeof` says of `v`, for messages.
fn js_type(v: &JsValue) -> String {
    v.js_typeof()
        .as_string()
        .unwrap_or_else(|| "unknown".into())
}

/// The Vietnam wall-clock time (UTC+7) of a JS `Date`, to the second (a fraction of a second
/// is dropped), whatever the runtime's time zone. `what` names the argument in messages.
pub fn wall_clock_of(d: &js_sys::Date, what: &str) -> Result<NaiveDateTime> {
    let ms = d.get_time();
    if !ms.is_finite() {
        return Err(Error::new(
            ErrorKind::InvalidDate,
            format!("`{what}` is an invalid Date (its time is NaN)"),
        ));
    }
    // A valid Date is within ±8.64e15 ms of the epoch: the seconds fit an i64 exactly.
    civil::vietnam_wall_clock((ms / 1000.0).floor() as i64).map_err(|e| e.in_field(what))
}

/// Now, in Vietnam (UTC+7): the default as-of instant.
pub fn now() -> NaiveDateTime {
    civil::vietnam_now((js_sys::Date::now() / 1000.0).floor() as i64)
}

/// A civil date from a string (a date, or an instant: its Vietnam day) or a `Date` (the
/// Vietnam calendar day of that instant); `what` names the argument in messages.
pub fn date_arg(v: &JsValue, what: &str) -> Result<NaiveDate> {
    if let Some(s) = v.as_string() {
        return civil::parse_day(&s).map_err(|e| e.in_field(what));
    }
    if let Some(d) = v.dyn_ref::<js_sys::Date>() {
        return wall_clock_of(d, what).map(|t| t.date());
    }
    Err(Error::new(
        ErrorKind::InvalidDate,
        format!(
            "`{what}` must be an ISO date string or a Date, not {}",
            js_type(v)
        ),
    ))
}

/// An instant from `YYYY-MM-DD[THH:MM[:SS]]` (with `Z` or an offset: converted to UTC+7) or a
/// `Date`, as Vietnam wall-clock time; a date alone gets the time `date_only` says.
pub fn instant_arg(v: &JsValue, what: &str, date_only: DateOnly) -> Result<NaiveDateTime> {
    if let Some(s) = v.as_string() {
        return civil::parse_instant(&s, date_only).map_err(|e| e.in_field(what));
    }
    if let Some(d) = v.dyn_ref::<js_sys::Date>() {
        return wall_clock_of(d, what);
    }
    Err(Error::new(
        ErrorKind::InvalidDate,
        format!(
            "`{what}` must be an ISO date-time string or a Date, not {}",
            js_type(v)
        ),
    ))
}

/// A whole number from a JS value that must be a `number` (a string such as `"3"` is an
/// `invalid_number` error, never coerced).
pub fn number_arg(v: &JsValue, what: &str) -> Result<i64> {
    match v.as_f64() {
        Some(x) => int_arg(x, what),
        None => Err(Error::new(
            ErrorKind::InvalidNumber,
            format!("`{what}` must be a number, not {}", js_type(v)),
        )),
    }
}

/// An optional boolean: `undefined`/`null` = `None`; anything but `true`/`false` is an
/// `invalid_argument` error (a truthy string is not `true`).
pub fn opt_bool_arg(v: Option<&JsValue>, what: &str) -> Result<Option<bool>> {
    match v {
        None => Ok(None),
        Some(v) if v.is_undefined() || v.is_null() => Ok(None),
        Some(v) => v.as_bool().map(Some).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!("`{what}` must be true or false, not {}", js_type(v)),
            )
        }),
    }
}

/// An integer from a JS number: finite, whole, and exactly representable (|x| ≤ 2^53 − 1).
pub fn int_arg(x: f64, what: &str) -> Result<i64> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if x.is_finite() && x.fract() == 0.0 && x.abs() <= MAX_SAFE {
        // In range and whole, so the conversion is exact.
        Ok(x as i64)
    } else {
        Err(Error::new(
            ErrorKind::InvalidNumber,
            format!(
                "`{what}` must be a whole number from -(2^53 - 1) to 2^53 - 1 (a safe integer), \
                 got {x}"
            ),
        ))
    }
}

/// `timeLimit` → `time_limit`; snake_case keys are unchanged.
pub fn camel_to_snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `due_at` → `dueAt`.
pub fn snake_to_camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' && !out.is_empty() {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The own enumerable properties of object `v` as `(snake_case key, key as written, value)`,
/// in order; `undefined` values are left out (an absent property). The same key written in
/// both cases (`timeLimit` and `time_limit`) is an `invalid_argument` error: neither silently
/// wins. `path` names the object in messages.
pub fn entries(v: &JsValue, path: &str) -> Result<Vec<(String, String, JsValue)>> {
    let mut out: Vec<(String, String, JsValue)> = Vec::new();
    for entry in js_sys::Object::entries(v.unchecked_ref()).iter() {
        let pair = js_sys::Array::from(&entry);
        let raw = pair.get(0).as_string().unwrap_or_default();
        let value = pair.get(1);
        if value.is_undefined() {
            continue;
        }
        let key = camel_to_snake(&raw);
        if let Some((_, first, _)) = out.iter().find(|(k, _, _)| *k == key) {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "`{path}` has both `{first}` and `{raw}`: they name the same field; give one"
                ),
            )
            .in_field(key));
        }
        out.push((key, raw, value));
    }
    Ok(out)
}

/// The keys (snake_case) whose values are dates, not instants.
const DATE_KEYS: [&str; 4] = ["new_due", "from", "to", "date"];

/// A JS value (plain object, array, string, number, boolean, `null`, `Date`) as JSON, object
/// keys turned to snake_case ([`entries`]), `Date`s to Vietnam wall-clock ISO instants
/// ([`wall_clock_of`]), or to their Vietnam day under a date's key (`DATE_KEYS`); `undefined`
/// properties are dropped. `path` names the value in messages
/// (`dossier.events[2].at`).
pub fn to_json(v: &JsValue, path: &str) -> Result<Value> {
    to_json_at(v, path, 0)
}

/// [`to_json`] of a value `depth` levels down: past 32 (no input of this package nests so
/// deep; a cyclic object nests for ever, and would exhaust the stack) an error.
fn to_json_at(v: &JsValue, path: &str, depth: u32) -> Result<Value> {
    let bad = |why: String| Error::new(ErrorKind::InvalidArgument, format!("`{path}`: {why}"));
    if depth > 32 {
        return Err(bad("nested over 32 levels deep (a cyclic object?)".into()));
    }
    if v.is_null() || v.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    if let Some(x) = v.as_f64() {
        if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_991.0 {
            return Ok(Value::Number(Number::from(x as i64)));
        }
        return Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| bad(format!("{x} is not a finite number")));
    }
    if let Some(d) = v.dyn_ref::<js_sys::Date>() {
        // At exactly 00:00 in Vietnam: its date alone, as a record's `Date` cell is read (a
        // dossier object and a record give one answer; the text `"…T00:00"` is an instant).
        let t = wall_clock_of(d, path)?;
        return Ok(Value::String(if t.time() == chrono::NaiveTime::MIN {
            t.date().to_string()
        } else {
            civil::format_instant(t)
        }));
    }
    if js_sys::Array::is_array(v) {
        let arr = js_sys::Array::from(v);
        let mut out = Vec::with_capacity(arr.length() as usize);
        for (i, item) in arr.iter().enumerate() {
            out.push(to_json_at(&item, &format!("{path}[{i}]"), depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if v.is_object() && !v.is_function() {
        let mut map = Map::new();
        for (key, raw, value) in entries(v, path)? {
            let at = format!("{path}.{raw}");
            // A `Date` where a date is expected (`newDue`, a spec's `from`/`to`, a day's
            // `date`) is its calendar day in Vietnam, as in every other argument.
            let converted = match value.dyn_ref::<js_sys::Date>() {
                Some(d) if DATE_KEYS.contains(&key.as_str()) => {
                    Value::String(wall_clock_of(d, &at)?.date().to_string())
                }
                _ => to_json_at(&value, &at, depth + 1)?,
            };
            map.insert(key, converted);
        }
        return Ok(Value::Object(map));
    }
    Err(bad(format!("a {} cannot be read as data", js_type(v))))
}

/// A JSON answer as a JS value, object keys turned to camelCase.
pub fn from_json(v: &Value) -> JsValue {
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items
            .iter()
            .map(from_json)
            .collect::<js_sys::Array>()
            .into(),
        Value::Object(map) => {
            let obj = Obj::new();
            for (k, v) in map {
                obj.set(&snake_to_camel(k), from_json(v));
            }
            obj.into()
        }
    }
}

/// A small builder of plain JS objects.
#[derive(Debug)]
pub struct Obj(js_sys::Object);

impl Obj {
    /// An empty object.
    pub fn new() -> Obj {
        Obj(js_sys::Object::new())
    }

    /// Sets `key` (setting a property of a plain new object cannot fail).
    pub fn set(&self, key: &str, value: impl Into<JsValue>) -> &Obj {
        let _ = js_sys::Reflect::set(&self.0, &JsValue::from_str(key), &value.into());
        self
    }
}

impl Default for Obj {
    fn default() -> Obj {
        Obj::new()
    }
}

impl From<Obj> for JsValue {
    fn from(o: Obj) -> JsValue {
        o.0.into()
    }
}

/// The Rust value behind an instance of an exported class (`Calendar`, `Catalogue`) found
/// inside a plain object: the instance's `clone()` gives a fresh handle, which `take` unwraps,
/// so the caller's object stays usable. Anything else is an `invalid_argument` error.
pub fn class_from<T>(
    v: &JsValue,
    what: &str,
    class: &str,
    take: impl FnOnce(JsValue) -> Option<T>,
) -> Result<T> {
    let bad = || {
        Error::new(
            ErrorKind::InvalidArgument,
            format!("`{what}` must be a {class} object"),
        )
    };
    if !v.is_object() {
        return Err(bad());
    }
    // A freed instance (wasm-bindgen zeroes its pointer): say so rather than "not a Calendar".
    let ptr = js_sys::Reflect::get(v, &JsValue::from_str("__wbg_ptr")).ok();
    if ptr.and_then(|p| p.as_f64()) == Some(0.0) {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("`{what}`: this {class} was freed (free() or the end of its `using` block)"),
        ));
    }
    let clone = js_sys::Reflect::get(v, &JsValue::from_str("clone"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(bad)?;
    let fresh = clone.call0(v).map_err(|_| bad())?;
    take(fresh).ok_or_else(bad)
}

/// An array of ISO date strings.
pub fn date_array(dates: impl IntoIterator<Item = NaiveDate>) -> js_sys::Array {
    dates
        .into_iter()
        .map(|d| JsValue::from_str(&d.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_case() {
        assert_eq!(camel_to_snake("timeLimit"), "time_limit");
        assert_eq!(camel_to_snake("time_limit"), "time_limit");
        assert_eq!(camel_to_snake("workingDays"), "working_days");
        assert_eq!(camel_to_snake("at"), "at");
        assert_eq!(snake_to_camel("due_at"), "dueAt");
        assert_eq!(snake_to_camel("rule_set"), "ruleSet");
        assert_eq!(snake_to_camel("name_vi"), "nameVi");
        assert_eq!(snake_to_camel("due"), "due");
        for k in ["due_at", "working_days", "name_en", "supplement_requested"] {
            assert_eq!(camel_to_snake(&snake_to_camel(k)), k);
        }
    }

    #[test]
    fn integers() {
        assert_eq!(int_arg(3.0, "n").unwrap(), 3);
        assert_eq!(int_arg(-20.0, "n").unwrap(), -20);
        for bad in [1.5, f64::NAN, f64::INFINITY, 1e300] {
            assert_eq!(int_arg(bad, "n").unwrap_err().code(), "invalid_number");
        }
    }
}
