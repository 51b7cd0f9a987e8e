//! A core [`Error`] becomes a JavaScript `McpServersError`, a real `Error` subclass.

use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::{Error, ErrorItem};

use super::glue;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fields<'a> {
    kind: &'a str,
    errors: &'a [ErrorItem],
    retryable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ray_id: Option<&'a str>,
}

/// The `McpServersError` for `error`.
pub fn to_js(error: Error) -> JsValue {
    let fields = Fields {
        kind: error.kind.as_str(),
        errors: &error.errors,
        retryable: error.retryable,
        status: error.status,
        code: error.code,
        ray_id: error.ray_id.as_deref(),
    };
    let json = serde_json::to_string(&fields)
        .unwrap_or_else(|_| r#"{"kind":"decode","errors":[],"retryable":false}"#.to_owned());
    glue::make_error(&error.message, &json)
}
