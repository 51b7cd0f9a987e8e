//! [`Canonical`] over JavaScript values: members, numbers and string checks come from the
//! runtime itself (`catalogue.js`), so a digest computed here is the digest of what
//! JavaScript holds, and no float formatting is linked into the wasm.

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::catalogue::Canonical;
use crate::json::{Json, Kind};

#[wasm_bindgen(module = "/src/wasm/catalogue.js")]
extern "C" {
    /// `[key, value, …]` of an object, without what JSON leaves out; `undefined` on a throw.
    fn entries(object: &JsValue) -> JsValue;
    /// Whether a string has no lone surrogate.
    #[wasm_bindgen(js_name = wellFormed)]
    fn well_formed(text: &JsValue) -> bool;
    /// The canonical JSON of a value, or `undefined` when it holds what JSON cannot.
    #[wasm_bindgen(js_name = canonicalJson)]
    fn canonical_json(value: &JsValue) -> Option<String>;
    /// `String(n)`.
    #[wasm_bindgen(js_name = numberText)]
    fn write_number(n: &JsValue) -> String;
}

impl Canonical for JsValue {
    fn canonical_text(&self) -> Option<String> {
        canonical_json(self)
    }

    fn members(&self) -> Option<Vec<(String, Self)>> {
        if Json::kind(self) != Kind::Object {
            return None;
        }
        let flat = entries(self).dyn_into::<Array>().ok()?;
        let mut out = Vec::with_capacity(flat.length() as usize / 2);
        let mut items = flat.iter();
        while let (Some(key), Some(value)) = (items.next(), items.next()) {
            out.push((key.as_string()?, value));
        }
        Some(out)
    }

    fn number_text(&self) -> Option<String> {
        (Json::kind(self) == Kind::Number).then(|| write_number(self))
    }

    fn string_text(&self) -> Option<Result<String, ()>> {
        let text = JsValue::as_string(self)?;
        Some(if well_formed(self) { Ok(text) } else { Err(()) })
    }
}
