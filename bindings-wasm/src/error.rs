//! The one place where a [`motcua::Error`] becomes a JS value: a `MotcuaError` (the class of
//! `js/runtime.js`, exported by the package, a subclass of `Error`) whose `message` is the
//! core's message and whose `code` is the core's stable code ([`motcua::ErrorKind::code`]),
//! plus `index` (bulk calls), `line`, `field`, `value` and `id` when the core knows them.
//!
//! The JS package adds three codes of its own, thrown by its JavaScript
//! ([`JS_ERROR_CODES`]).

use motcua::{Error, ErrorKind};
use wasm_bindgen::prelude::*;

/// Shorthand for the result of every fallible export.
pub type JsResult<T> = Result<T, JsValue>;

/// The codes the JS package throws besides the core's, from its JavaScript (`js/runtime.js`):
/// a call before `init()` finished, a WebAssembly module that could not be loaded, a method of
/// a freed object.
pub const JS_ERROR_CODES: [&str; 3] = ["not_initialized", "init_failed", "object_freed"];

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    /// `new MotcuaError(code, message, {index, line, field, value, id})`.
    #[wasm_bindgen(js_name = motcuaError)]
    fn motcua_error(
        code: &str,
        message: &str,
        index: Option<f64>,
        line: Option<f64>,
        field: Option<String>,
        value: Option<String>,
        id: Option<String>,
    ) -> JsValue;
}

/// The JS `MotcuaError` for a core error.
pub fn js_error(e: &Error) -> JsValue {
    motcua_error(
        e.code(),
        &e.to_string(),
        e.index().map(|i| i as f64),
        e.line().map(|l| l as f64),
        e.field().map(str::to_string),
        e.value().map(str::to_string),
        e.id().map(str::to_string),
    )
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

/// Every error code: the core's, in its declaration order, then [`JS_ERROR_CODES`] (exported
/// as `errorCodes()`).
pub fn error_codes() -> Vec<String> {
    ErrorKind::ALL
        .iter()
        .map(|k| k.code())
        .chain(JS_ERROR_CODES)
        .map(str::to_string)
        .collect()
}
