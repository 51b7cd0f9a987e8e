//! A core [`Error`] becomes a JavaScript `McpServersError`, a real `Error` subclass.

use js_sys::Object;
use wasm_bindgen::JsValue;

use crate::error::Error;

use super::convert::{error_items, set};
use super::glue;

/// The `McpServersError` for `error`.
pub fn to_js(error: Error) -> JsValue {
    let fields = Object::new();
    set(&fields, "kind", &JsValue::from_str(error.kind.as_str()));
    set(&fields, "errors", &error_items(&error.errors));
    set(&fields, "retryable", &JsValue::from_bool(error.retryable));
    if let Some(status) = error.status {
        set(&fields, "status", &JsValue::from_f64(f64::from(status)));
    }
    if let Some(code) = error.code {
        set(&fields, "code", &JsValue::from_f64(code as f64));
    }
    if let Some(ray_id) = &error.ray_id {
        set(&fields, "rayId", &JsValue::from_str(ray_id));
    }
    if let Some(applied) = error.may_have_applied {
        set(&fields, "mayHaveApplied", &JsValue::from_bool(applied));
    }
    glue::make_error(&error.message, &fields)
}
