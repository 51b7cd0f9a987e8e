//! Turning a response into a result or an [`Error`]: the Cloudflare v4 envelope
//! `{success, errors, messages, result, result_info}`, read leniently.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::error::{Error, ErrorItem, ErrorKind, PathSegment};
use crate::http::HttpResponse;
use crate::models::ResultInfo;
use crate::retry;

/// What a request was, for messages: `GET /accounts/x/.../servers/y`.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// Path below the base URL, without the query.
    pub path: &'a str,
}

/// The decoded `result` and `result_info` of a successful response.
#[derive(Debug)]
pub struct Success<T> {
    /// The envelope's `result`.
    pub result: T,
    /// The envelope's `result_info`, when present.
    pub result_info: Option<ResultInfo>,
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(default)]
    success: Option<bool>,
    #[serde(borrow, default)]
    result: Option<&'a RawValue>,
    #[serde(default)]
    result_info: Option<ResultInfo>,
}

/// The parts of a failure body worth reading; everything optional.
#[derive(Deserialize, Default)]
struct Failure {
    #[serde(default)]
    success: Option<bool>,
    #[serde(default)]
    errors: Option<Vec<Value>>,
}

/// Decodes a response whose `result` is one `T`: `Ok` for a 2xx with `success` not false and
/// a decodable `result`, otherwise the [`Error`] that says why.
pub fn decode<T: DeserializeOwned>(
    ctx: Context<'_>,
    response: &HttpResponse,
) -> Result<Success<T>, Error> {
    let (raw, result_info) = envelope(ctx, response)?;
    let result =
        parse(raw.get()).map_err(|e| decode_error(ctx, response, format!("result: {e}")))?;
    Ok(Success {
        result,
        result_info,
    })
}

/// Decodes a response whose `result` is an array of `T`; a bad item is named by its index.
pub fn decode_list<T: DeserializeOwned>(
    ctx: Context<'_>,
    response: &HttpResponse,
) -> Result<Success<Vec<T>>, Error> {
    let (raw, result_info) = envelope(ctx, response)?;
    let items: Vec<&RawValue> = serde_json::from_str(raw.get()).map_err(|e| {
        decode_error(
            ctx,
            response,
            format!("result: {}", strip_position(&e.to_string())),
        )
    })?;
    let result = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            parse(item.get()).map_err(|e| decode_error(ctx, response, format!("result[{i}]: {e}")))
        })
        .collect::<Result<_, _>>()?;
    Ok(Success {
        result,
        result_info,
    })
}

fn parse<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| strip_position(&e.to_string()).to_owned())
}

/// Checks status and `success`, and finds the raw `result`.
fn envelope<'a>(
    ctx: Context<'_>,
    response: &'a HttpResponse,
) -> Result<(&'a RawValue, Option<ResultInfo>), Error> {
    if !(200..300).contains(&response.status) {
        return Err(api_error(ctx, response));
    }
    match serde_json::from_str::<Envelope<'a>>(&response.body) {
        Ok(envelope) if envelope.success == Some(false) => Err(api_error(ctx, response)),
        Ok(Envelope {
            result: Some(raw),
            result_info,
            ..
        }) => Ok((raw, result_info)),
        Ok(_) => Err(decode_error(
            ctx,
            response,
            "result: missing or null".into(),
        )),
        Err(e) => {
            // A body that says `success: false` is an API error even if the rest is odd.
            if let Ok(Failure {
                success: Some(false),
                ..
            }) = serde_json::from_str::<Failure>(&response.body)
            {
                return Err(api_error(ctx, response));
            }
            let detail = if e.is_syntax() || e.is_eof() {
                format!("body is not JSON: {}", excerpt(&response.body))
            } else {
                strip_position(&e.to_string()).to_owned()
            };
            Err(decode_error(ctx, response, detail))
        }
    }
}

fn decode_error(ctx: Context<'_>, response: &HttpResponse, detail: String) -> Error {
    Error {
        status: Some(response.status),
        ray_id: ray_id(response),
        ..Error::new(
            ErrorKind::Decode,
            format!(
                "{} {}: {} response does not match the API: {detail}",
                ctx.method, ctx.path, response.status
            ),
        )
    }
}

/// serde_json appends " at line 1 column 42", which means nothing to a reader of a path.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .and_then(|i| message.get(..i))
        .unwrap_or(message)
}

/// The error for a non-2xx response or a `success: false` body, whatever the body holds.
fn ray_id(response: &HttpResponse) -> Option<String> {
    response.header("cf-ray").map(str::to_owned)
}

fn api_error(ctx: Context<'_>, response: &HttpResponse) -> Error {
    let status = response.status;
    let failure = serde_json::from_str::<Failure>(&response.body).ok();
    let errors: Vec<ErrorItem> = failure
        .as_ref()
        .and_then(|f| f.errors.as_deref())
        .unwrap_or_default()
        .iter()
        .map(error_item)
        .collect();
    let code = errors.iter().find_map(|e| e.code);
    let summary = match errors.first() {
        Some(first) => {
            let code = first.code.map(|c| format!("[{c}] ")).unwrap_or_default();
            let more = match errors.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            format!("{code}{}{more}", first.message)
        }
        None if failure.is_some() => "no error details".to_owned(),
        None if response.body.trim().is_empty() => "empty body".to_owned(),
        None => format!("non-JSON body: {}", excerpt(&response.body)),
    };
    Error {
        status: Some(status),
        errors,
        code,
        retryable: retry::is_retryable_status(status, response.header("x-should-retry")),
        ray_id: ray_id(response),
        ..Error::new(
            ErrorKind::Api,
            format!("{} {}: {status} {summary}", ctx.method, ctx.path),
        )
    }
}

/// Reads one `errors[]` item, whatever its shape.
fn error_item(value: &Value) -> ErrorItem {
    let code = value.get("code").and_then(|c| {
        c.as_i64()
            .or_else(|| c.as_str().and_then(|s| s.parse().ok()))
    });
    let message = match value.get("message") {
        Some(Value::String(s)) => s.clone(),
        _ => match value {
            Value::String(s) => s.clone(),
            _ => "(no message)".to_owned(),
        },
    };
    let path = value.get("path").and_then(Value::as_array).map(|items| {
        items
            .iter()
            .map(|item| match item {
                Value::Number(n) => n
                    .as_u64()
                    .map(PathSegment::Index)
                    .unwrap_or_else(|| PathSegment::Key(n.to_string())),
                Value::String(s) => PathSegment::Key(s.clone()),
                other => PathSegment::Key(other.to_string()),
            })
            .collect()
    });
    ErrorItem {
        code,
        message,
        path,
    }
}

/// The first 120 characters of a body, on one line: enough to recognise an HTML error page.
pub fn excerpt(body: &str) -> String {
    const MAX: usize = 120;
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", flat.get(..cut).unwrap_or_default()),
        None => flat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::McpServer;

    const CTX: Context<'static> = Context {
        method: "GET",
        path: "/accounts/a/access/ai-controls/mcp/servers/x",
    };

    fn response(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![("cf-ray".into(), "8f1e2d3c4b5a6978-SJC".into())],
            body: body.into(),
        }
    }

    fn err(status: u16, body: &str) -> Error {
        decode::<McpServer>(CTX, &response(status, body)).unwrap_err()
    }

    #[test]
    fn not_found_names_method_path_status_and_code() {
        let e = err(
            404,
            r#"{"success":false,"errors":[{"code":7002,"message":"Not Found"}]}"#,
        );
        assert_eq!(e.kind, ErrorKind::Api);
        assert_eq!(
            e.message,
            "GET /accounts/a/access/ai-controls/mcp/servers/x: 404 [7002] Not Found"
        );
        assert_eq!(e.code, Some(7002));
        assert_eq!(e.ray_id.as_deref(), Some("8f1e2d3c4b5a6978-SJC"));
        assert!(!e.retryable);
    }

    #[test]
    fn validation_errors_keep_their_path() {
        let e = err(
            400,
            r#"{"success":false,"errors":[{"code":7001,"message":"Input Validation Error","path":["body","updated_tools",0]}]}"#,
        );
        assert_eq!(
            e.errors[0].path,
            Some(vec![
                PathSegment::Key("body".into()),
                PathSegment::Key("updated_tools".into()),
                PathSegment::Index(0)
            ])
        );
    }

    #[test]
    fn success_false_on_200_is_an_api_error() {
        let e = err(
            200,
            r#"{"success":false,"errors":[{"code":10000,"message":"Authentication error"}],"result":null}"#,
        );
        assert_eq!(e.kind, ErrorKind::Api);
        assert_eq!(e.status, Some(200));
        assert_eq!(e.code, Some(10000));
    }

    #[test]
    fn html_error_pages_become_api_errors_with_an_excerpt() {
        let e = err(
            502,
            "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>cloudflare</body></html>",
        );
        assert_eq!(e.kind, ErrorKind::Api);
        assert!(e.retryable);
        assert!(
            e.message
                .ends_with("502 non-JSON body: <html> <head><title>502 Bad Gateway</title></head> <body>cloudflare</body></html>"),
            "{}",
            e.message
        );
        let empty = err(429, "");
        assert!(empty.message.ends_with("429 empty body"));
        assert!(empty.retryable);
    }

    #[test]
    fn a_missing_required_field_names_its_path() {
        let e = err(
            200,
            r#"{"success":true,"result":{"id":"x","auth_type":"bearer","hostname":"https://h","tools":[],"prompts":[]}}"#,
        );
        assert_eq!(e.kind, ErrorKind::Decode);
        assert!(
            e.message.ends_with("result: missing field `name`"),
            "{}",
            e.message
        );
        let nested = decode_list::<McpServer>(
            CTX,
            &response(200, r#"{"success":true,"result":[{"id":"x","name":"n","auth_type":"bearer","hostname":"h","tools":[3],"prompts":[]}]}"#),
        )
        .unwrap_err();
        assert!(
            nested
                .message
                .contains("result[0]: invalid type: integer `3`, expected a map"),
            "{}",
            nested.message
        );
    }

    #[test]
    fn a_2xx_that_is_not_json_is_a_decode_error() {
        let e = err(200, "<html>hello</html>");
        assert_eq!(e.kind, ErrorKind::Decode);
        assert!(e.message.contains("body is not JSON: <html>hello</html>"));
        assert_eq!(err(200, r#"{"success":true}"#).kind, ErrorKind::Decode);
    }

    #[test]
    fn long_bodies_are_cut_on_a_character_boundary() {
        let body = "é".repeat(500);
        let cut = excerpt(&body);
        assert_eq!(cut.chars().count(), 121);
        assert!(cut.ends_with('…'));
    }
}
