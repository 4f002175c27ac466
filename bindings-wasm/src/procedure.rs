//! Procedure catalogues (mirrors `motcua::procedure`): `Catalogue.fromJson`, `procedures()`,
//! `get(code)`, passed to `due` / `classify` to resolve a dossier's `procedure` code.

use motcua::procedure::{self, Procedure};
use wasm_bindgen::convert::TryFromJsValue;
use wasm_bindgen::prelude::*;

use crate::convert::{from_json, to_json};
use crate::error::{IntoJs, JsResult};
use crate::types::{CatalogueInput, ProcedureJs, ProcedureList};

/// A procedure catalogue: procedures (code, name, field, level, online service, time limit,
/// stages) looked up by code.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub(crate) inner: procedure::Catalogue,
}

/// A procedure as a JS object: its JSON form with camelCase keys, plus `timeLimitText`
/// (the compact form, `3wd`).
fn procedure_js(p: &Procedure) -> JsValue {
    let mut v = serde_json::to_value(p).unwrap_or(serde_json::Value::Null);
    if let Some(map) = v.as_object_mut() {
        map.insert(
            "time_limit_text".into(),
            serde_json::Value::String(p.time_limit.to_string()),
        );
    }
    from_json(&v)
}

#[wasm_bindgen]
impl Catalogue {
    /// A catalogue from JSON: the text of a catalogue file, or an array of procedure objects
    /// (`{code, name, field, level, time_limit, online, stages?}`). Errors name the row and
    /// field (`invalid_catalogue`), or line and column of malformed JSON (`invalid_json`).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json_input(json: &CatalogueInput) -> JsResult<Catalogue> {
        let text = match json.as_string() {
            Some(s) => s,
            None => to_json(json, "catalogue").js()?.to_string(),
        };
        let inner = procedure::Catalogue::from_json(&text).js()?;
        Ok(Catalogue { inner })
    }

    /// Number of procedures.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.len()
    }

    /// Every procedure, in catalogue order.
    pub fn procedures(&self) -> ProcedureList {
        self.inner
            .procedures()
            .iter()
            .map(procedure_js)
            .collect::<js_sys::Array>()
            .unchecked_into()
    }

    /// The procedure with `code` (an `unknown_procedure` error if absent).
    pub fn get(&self, code: &str) -> JsResult<ProcedureJs> {
        Ok(procedure_js(self.inner.get(code).js()?).unchecked_into())
    }

    /// Another handle on the same catalogue.
    #[wasm_bindgen(js_name = clone)]
    pub fn handle(&self) -> Catalogue {
        self.clone()
    }
}

/// The Rust value behind a JS `Catalogue` passed inside an options object (read through its
/// `clone()`, so the caller's object stays usable).
pub(crate) fn catalogue_from(v: &JsValue, what: &str) -> motcua::Result<Catalogue> {
    crate::convert::class_from(v, what, "Catalogue", |fresh| {
        Catalogue::try_from_js_value(fresh).ok()
    })
}
