//! The one place where a [`motcua::Error`] becomes a JS value: an `Error` whose `message` is the
//! core's message and whose `code` is the core's stable code ([`motcua::ErrorKind::code`]),
//! plus `index` (bulk calls), `line`, `field`, `value` and `id` when the core knows them.

use motcua::{Error, ErrorKind};
use wasm_bindgen::JsValue;

/// Shorthand for the result of every fallible export.
pub type JsResult<T> = Result<T, JsValue>;

/// The JS `Error` for a core error.
pub fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("MotcuaError");
    let obj: &JsValue = err.as_ref();
    let set = |key: &str, value: JsValue| {
        // Setting a property on a fresh `Error` cannot fail; ignore the impossible case.
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), &value);
    };
    set("code", JsValue::from_str(e.code()));
    if let Some(i) = e.index() {
        set("index", JsValue::from_f64(i as f64));
    }
    if let Some(l) = e.line() {
        set("line", JsValue::from_f64(l as f64));
    }
    if let Some(f) = e.field() {
        set("field", JsValue::from_str(f));
    }
    if let Some(v) = e.value() {
        set("value", JsValue::from_str(v));
    }
    if let Some(id) = e.id() {
        set("id", JsValue::from_str(id));
    }
    err.into()
}

/// `Result<T, motcua::Error>` → `Result<T, JsValue>`.
pub trait IntoJs<T> {
    /// Converts the error half with [`js_error`].
    fn js(self) -> JsResult<T>;
}

impl<T> IntoJs<T> for motcua::Result<T> {
    fn js(self) -> JsResult<T> {
        self.map_err(|e| js_error(&e))
    }
}

/// A core error of `kind` raised by argument conversion in this crate (a wrong JS type).
pub fn arg_error(kind: ErrorKind, message: impl Into<String>) -> Error {
    Error::new(kind, message)
}

/// Every error code, in the core's declaration order (exported as `errorCodes()`).
pub fn error_codes() -> Vec<String> {
    ErrorKind::ALL
        .iter()
        .map(|k| k.code().to_string())
        .collect()
}
