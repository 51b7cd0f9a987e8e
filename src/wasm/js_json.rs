//! [`Json`] over JavaScript values: what `JSON.parse` (or the caller) produced is read in place,
//! field by field, instead of being copied into wasm and parsed again.

use js_sys::{Array, Object, Reflect};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use crate::json::Json;

impl Json for JsValue {
    fn get(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        Reflect::get(self, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined())
    }

    fn as_string(&self) -> Option<String> {
        JsValue::as_string(self)
    }

    fn is_string(&self) -> bool {
        JsValue::is_string(self)
    }

    fn as_number(&self) -> Option<f64> {
        self.as_f64().filter(|n| n.is_finite())
    }

    fn as_bool(&self) -> Option<bool> {
        JsValue::as_bool(self)
    }

    fn items(&self) -> Option<Vec<Self>> {
        Array::is_array(self).then(|| self.unchecked_ref::<Array>().iter().collect())
    }

    /// One call into JavaScript instead of a handle per element (a page of 100 servers with
    /// 50 tools each would otherwise create 5,000).
    fn first_non_object(&self) -> Option<Option<usize>> {
        if !Array::is_array(self) {
            return None;
        }
        let index = super::glue::first_non_object(self);
        Some((index >= 0.0).then_some(index as usize))
    }

    fn keys(&self) -> Option<Vec<String>> {
        if !self.is_object() || Array::is_array(self) || self.is_function() {
            return None;
        }
        let keys = Object::keys(self.unchecked_ref::<Object>());
        Some(keys.iter().filter_map(|k| k.as_string()).collect())
    }

    /// Without listing the keys (which would copy every key into wasm).
    fn is_object(&self) -> bool {
        JsValue::is_object(self) && !Array::is_array(self) && !self.is_function()
    }

    /// `undefined` counts as `null`: both mean "no value" to a JSON reader.
    fn is_null(&self) -> bool {
        JsValue::is_null(self) || self.is_undefined()
    }

    /// Through JSON text: only Rust callers of the typed API pay for serde in their binary.
    fn deserialize<T: DeserializeOwned>(&self) -> Result<T, String> {
        let text = js_sys::JSON::stringify(self)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or("the value cannot be written as JSON")?;
        serde_json::from_str(&text).map_err(|e| e.to_string())
    }
}
