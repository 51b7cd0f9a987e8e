//! Request bodies: content type, size limit and JSON decoding, each failure a 400 envelope.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use serde_json::error::Category;

use crate::envelope::{field_path, ApiError, Seg};

/// Largest body accepted. A server's fields fit in a few KiB; this leaves room for long override lists.
pub const MAX_BODY: usize = 256 * 1024;

/// Fields that exist on a server but cannot change after creation.
const IMMUTABLE: &[&str] = &["id", "hostname", "auth_type"];

fn body_path() -> Vec<Seg> {
    vec![Seg::Key("body".into())]
}

/// Reads and decodes a JSON body, or says exactly what is wrong with it.
pub async fn json<T: DeserializeOwned>(headers: &HeaderMap, body: Body) -> Result<T, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let media = content_type.split(';').next().unwrap_or("").trim();
    if !media.eq_ignore_ascii_case("application/json") {
        let got = if content_type.is_empty() {
            "none".to_owned()
        } else {
            format!("\"{content_type}\"")
        };
        return Err(ApiError::invalid(
            format!("Content-Type must be application/json (got {got})"),
            body_path(),
        ));
    }
    let bytes = read_limited(body).await?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::invalid(
            "Request body is empty: send a JSON object",
            body_path(),
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let inner = e.inner();
        if matches!(inner.classify(), Category::Syntax | Category::Eof) {
            return ApiError::invalid(
                format!("Request body is not valid JSON: {inner}"),
                body_path(),
            );
        }
        let message = inner.to_string();
        let location = e.path().to_string();
        let parent = if location == "." {
            String::new()
        } else {
            location
        };
        if let Some(field) = quoted_after(&message, "unknown field `") {
            // serde_path_to_error already ends the path with the unknown key itself.
            let full = if parent == field || parent.ends_with(&format!(".{field}")) {
                parent.clone()
            } else {
                join(&parent, &field)
            };
            let text = if full == field && IMMUTABLE.contains(&field.as_str()) {
                format!("{field} cannot be changed after creation: delete it and create it again")
            } else {
                format!("{full} is not a known field")
            };
            return ApiError::invalid(text, field_path("body", &full));
        }
        if let Some(field) = quoted_after(&message, "missing field `") {
            let full = join(&parent, &field);
            return ApiError::invalid(format!("{full} is required"), field_path("body", &full));
        }
        let text = if parent.is_empty() {
            format!("Request body has the wrong shape: {message}")
        } else {
            format!("{parent}: {message}")
        };
        ApiError::invalid(text, field_path("body", &parent))
    })
}

/// Bodies beyond this are cut off mid-stream instead of drained.
const MAX_DRAIN: usize = 32 * 1024 * 1024;

/// Reads up to MAX_BODY. An oversize body is still drained (up to MAX_DRAIN) before the 400, so
/// the client, which is still sending, reads the answer instead of a reset connection.
async fn read_limited(body: Body) -> Result<Bytes, ApiError> {
    let mut stream = body.into_data_stream();
    let mut collected = Vec::new();
    let mut seen = 0usize;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::invalid(format!("Request body could not be read: {e}"), body_path())
        })?;
        seen = seen.saturating_add(chunk.len());
        if seen <= MAX_BODY {
            collected.extend_from_slice(&chunk);
        } else if seen > MAX_DRAIN {
            break;
        }
    }
    if seen > MAX_BODY {
        return Err(ApiError::invalid(
            format!(
                "Request body is larger than the limit of {} KiB",
                MAX_BODY / 1024
            ),
            body_path(),
        ));
    }
    Ok(Bytes::from(collected))
}

fn join(parent: &str, field: &str) -> String {
    if parent.is_empty() {
        field.to_owned()
    } else {
        format!("{parent}.{field}")
    }
}

/// The text between `prefix` and the next backtick.
fn quoted_after(message: &str, prefix: &str) -> Option<String> {
    let rest = message.split_once(prefix)?.1;
    Some(rest.split('`').next()?.to_owned())
}
