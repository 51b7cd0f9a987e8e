//! The Cloudflare v4 envelope `{success, errors, messages, result}` and the API's errors.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::{json, Value};

/// Input validation failed.
pub const CODE_INVALID: u16 = 7001;
/// No such server.
pub const CODE_NOT_FOUND: u16 = 7002;
/// The server id is taken in this account.
pub const CODE_DUPLICATE: u16 = 7005;
/// The server is linked in a portal (the emulator's own code: the reference is silent).
pub const CODE_IN_USE: u16 = 7006;
/// No route for that URI.
pub const CODE_NO_ROUTE: u16 = 7000;
/// Missing credentials.
pub const CODE_AUTH: u16 = 10000;
/// Credentials given but not accepted.
pub const CODE_FORBIDDEN: u16 = 9109;
/// The emulator itself failed (e.g. could not write the data file).
pub const CODE_INTERNAL: u16 = 10001;
/// Method not allowed on this route.
pub const CODE_METHOD: u16 = 10405;
/// Rate limited.
pub const CODE_RATE_LIMIT: u16 = 10429;

/// One segment of an error path: `["body", "updated_tools", 0, "alias"]`.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Seg {
    /// An object key.
    Key(String),
    /// An array index.
    Index(u64),
}

/// One item of `errors[]`.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorItem {
    pub code: u16,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Vec<Seg>>,
}

/// A failed request: the HTTP status and the envelope's errors.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub errors: Vec<ErrorItem>,
    pub retry_after: Option<u32>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: u16, message: impl Into<String>) -> Self {
        Self {
            status,
            errors: vec![ErrorItem {
                code,
                message: message.into(),
                path: None,
            }],
            retry_after: None,
        }
    }

    /// A 400 input validation error about one place in the request.
    pub fn invalid(message: impl Into<String>, path: Vec<Seg>) -> Self {
        Self::invalid_all(vec![(message.into(), path)])
    }

    /// A 400 listing every problem found, each with its path.
    pub fn invalid_all(problems: Vec<(String, Vec<Seg>)>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            errors: problems
                .into_iter()
                .map(|(message, path)| ErrorItem {
                    code: CODE_INVALID,
                    message,
                    path: Some(path),
                })
                .collect(),
            retry_after: None,
        }
    }

    pub fn not_found(id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            CODE_NOT_FOUND,
            format!("Not Found: no MCP server with id \"{id}\" in this account"),
        )
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, CODE_INTERNAL, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({
            "success": false,
            "errors": self.errors,
            "messages": [],
            "result": Value::Null,
        });
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert("retry-after", HeaderValue::from(seconds));
        }
        response
    }
}

/// A successful response: `{success: true, errors: [], messages: [], result}`.
pub fn success<T: Serialize>(status: StatusCode, result: T) -> Response {
    success_with_info(status, result, None)
}

/// A successful response carrying `result_info` (list).
pub fn success_with_info<T: Serialize>(
    status: StatusCode,
    result: T,
    result_info: Option<Value>,
) -> Response {
    let mut body = json!({
        "success": true,
        "errors": [],
        "messages": [],
        "result": result,
    });
    if let (Some(info), Some(map)) = (result_info, body.as_object_mut()) {
        map.insert("result_info".into(), info);
    }
    (status, Json(body)).into_response()
}

/// `updated_tools[2].alias` → `["updated_tools", 2, "alias"]`, the shape the client decodes.
pub fn field_path(prefix: &str, field: &str) -> Vec<Seg> {
    let mut path = vec![Seg::Key(prefix.to_owned())];
    for part in field.split(['.', '[']).filter(|s| !s.is_empty()) {
        match part.strip_suffix(']').map(str::parse::<u64>) {
            Some(Ok(index)) => path.push(Seg::Index(index)),
            _ => path.push(Seg::Key(part.to_owned())),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_become_keys_and_indexes() {
        assert_eq!(
            field_path("body", "updated_tools[2].alias"),
            vec![
                Seg::Key("body".into()),
                Seg::Key("updated_tools".into()),
                Seg::Index(2),
                Seg::Key("alias".into())
            ]
        );
        assert_eq!(field_path("body", ""), vec![Seg::Key("body".into())]);
    }
}
