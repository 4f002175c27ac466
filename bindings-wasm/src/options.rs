//! Reading an options object (`{utcOffsetMinutes: 480}`, `{official: false}`): its keys may be
//! camelCase or snake_case; an unknown key is an `invalid_argument` error, so a misspelt
//! option is never silently ignored.

use motcua::{Error, ErrorKind, Result};
use serde_json::{Map, Value};
use wasm_bindgen::JsValue;

use crate::convert::to_json;

/// The options object `v` (`undefined`/`null` = no options), checked against `known` keys
/// (snake_case).
pub fn options(v: Option<&JsValue>, what: &str, known: &[&str]) -> Result<Map<String, Value>> {
    let Some(v) = v.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(Map::new());
    };
    match to_json(v, what)? {
        Value::Object(map) => {
            if let Some(k) = map.keys().find(|k| !known.contains(&k.as_str())) {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!(
                        "`{what}`: unknown option `{k}` (known: {})",
                        known.join(", ")
                    ),
                ));
            }
            Ok(map)
        }
        other => Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("`{what}` must be an object, not {other}"),
        )),
    }
}

/// A boolean option, `default` when absent.
pub fn bool_opt(map: &Map<String, Value>, key: &str, default: bool) -> Result<bool> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("option `{key}` must be true or false, not {other}"),
        )),
    }
}

/// An integer option, `None` when absent.
pub fn int_opt(map: &Map<String, Value>, key: &str) -> Result<Option<i64>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_i64().map(Some).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidNumber,
                format!("option `{key}` must be a whole number, not {v}"),
            )
        }),
    }
}
