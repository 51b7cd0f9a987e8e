//! Turning a response into a result or an [`Error`]: the Cloudflare v4 envelope
//! `{success, errors, messages, result, result_info}`, read leniently, and the shape of the
//! results checked where the API promises it.

use crate::error::{Error, ErrorItem, ErrorKind, PathSegment};
use crate::http::{Body, HttpResponse};
use crate::json::Json;
use crate::models::ResultInfo;
use crate::response::ResponseMeta;
use crate::retry;
use crate::text::{cat, digits};

/// What a request was, for messages: `GET /accounts/x/.../servers/y`.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// Path below the base URL, without the query.
    pub path: &'a str,
}

/// The `result` and `result_info` of a successful response.
#[derive(Clone, Debug, PartialEq)]
pub struct Success<J> {
    /// The envelope's `result`, as parsed.
    pub result: J,
    /// The envelope's `result_info`, when present.
    pub result_info: Option<ResultInfo>,
    /// The envelope's `result_info`, as parsed.
    pub result_info_json: Option<J>,
    /// The response's status and the headers the transport kept.
    pub response: ResponseMeta,
}

/// The `result` of a 2xx response whose `success` is not false; any other response is the
/// [`Error`] that says why.
pub fn result<J: Json>(ctx: Context<'_>, response: &HttpResponse<J>) -> Result<Success<J>, Error> {
    if response.status == 0 || (300..400).contains(&response.status) {
        return Err(redirect_error(ctx, response));
    }
    if !(200..300).contains(&response.status) {
        return Err(api_error(ctx, response));
    }
    let envelope = match &response.body {
        Body::Json(json) if json.is_object() => json,
        Body::Json(other) => {
            let what = other.describe();
            return Err(decode_error(
                ctx,
                response,
                cat!("body is ", what, ", not an envelope object"),
            ));
        }
        Body::Text(text) => {
            return Err(decode_error(
                ctx,
                response,
                cat!("body is not JSON: ", excerpt(text)),
            ))
        }
    };
    if envelope.get("success").and_then(|s| s.as_bool()) == Some(false) {
        return Err(api_error(ctx, response));
    }
    let Some(result) = envelope.get("result") else {
        return Err(decode_error(
            ctx,
            response,
            "result: missing or null".into(),
        ));
    };
    // Any value but null: a list checks it is an object of numbers (see `shape`).
    let result_info_json = envelope.get("result_info");
    Ok(Success {
        result,
        result_info: result_info_json.as_ref().map(result_info),
        result_info_json,
        response: ResponseMeta::default(),
    })
}

fn result_info<J: Json>(json: &J) -> ResultInfo {
    let number = |key: &'static str| {
        json.get(key)
            .and_then(|v| v.as_number())
            .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(u32::MAX))
            .map(|n| n as u32)
    };
    ResultInfo {
        page: number("page"),
        per_page: number("per_page"),
        count: number("count"),
        total_count: number("total_count"),
        total_pages: number("total_pages"),
    }
}

/// A 2xx response whose result does not have the documented shape.
pub fn decode_error<J>(ctx: Context<'_>, response: &HttpResponse<J>, detail: String) -> Error {
    Error {
        status: Some(response.status),
        ray_id: ray_id(response),
        ..Error::new(
            ErrorKind::Decode,
            cat!(
                ctx.method,
                " ",
                ctx.path,
                ": ",
                response.status,
                " response does not match the API: ",
                detail
            ),
        )
    }
}

/// A redirect, which the client never follows: the Cloudflare API does not redirect, and
/// following one would send the credential headers and a create's or update's secrets to
/// wherever it points. Status 0 is a browser's opaque redirect, which hides status and target.
fn redirect_error<J>(ctx: Context<'_>, response: &HttpResponse<J>) -> Error {
    let what = match response.status {
        0 => "a redirect (the runtime hides its status and target)".to_owned(),
        status => {
            let target = response
                .header("location")
                .map(|l| origin(l).unwrap_or_else(|| "the same origin".to_owned()))
                .unwrap_or_else(|| "an unnamed location".to_owned());
            cat!(status, " redirect to ", target)
        }
    };
    Error {
        status: (response.status != 0).then_some(response.status),
        ray_id: ray_id(response),
        ..Error::new(
            ErrorKind::Api,
            cat!(
                ctx.method,
                " ",
                ctx.path,
                ": ",
                what,
                ", not followed: the Cloudflare API does not redirect, and the request carries credentials"
            ),
        )
    }
}

/// `scheme://host[:port]` of an absolute (or scheme-relative) URL, without user info, path or
/// query (either may hold a secret); `None` for a relative one.
pub fn origin(url: &str) -> Option<String> {
    let url = url.trim();
    let split = crate::text::find(url, "//").and_then(|i| Some((url.get(..i)?, url.get(i + 2..)?)));
    let (scheme, rest) = match split {
        Some((scheme, rest))
            if scheme.is_empty()
                || (scheme.ends_with(':')
                    && scheme
                        .trim_end_matches(':')
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))) =>
        {
            (scheme, rest)
        }
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    Some(cat!(scheme, "//", host))
}

fn ray_id<J>(response: &HttpResponse<J>) -> Option<String> {
    response.header("cf-ray").map(str::to_owned)
}

/// The error for a non-2xx response or a `success: false` body, whatever the body holds.
fn api_error<J: Json>(ctx: Context<'_>, response: &HttpResponse<J>) -> Error {
    let status = response.status;
    let errors: Vec<ErrorItem> = match &response.body {
        Body::Json(json) => json
            .get("errors")
            .and_then(|e| e.items())
            .unwrap_or_default()
            .iter()
            .map(error_item)
            .collect(),
        Body::Text(_) => Vec::new(),
    };
    let code = errors.iter().find_map(|e| e.code);
    let summary = match (errors.first(), &response.body) {
        (Some(first), _) => {
            let code = first.code.map(|c| cat!("[", c, "] ")).unwrap_or_default();
            let more = match errors.len() {
                1 => String::new(),
                n => cat!(" (and ", n - 1, " more)"),
            };
            cat!(code, first.message, more)
        }
        (None, Body::Json(_)) => "no error details".to_owned(),
        (None, Body::Text(text)) if text.trim().is_empty() => "empty body".to_owned(),
        (None, Body::Text(text)) => cat!("non-JSON body: ", excerpt(text)),
    };
    Error {
        status: Some(status),
        errors,
        code,
        retryable: retry::is_retryable_status(status, response.header("x-should-retry")),
        ray_id: ray_id(response),
        ..Error::new(
            ErrorKind::Api,
            cat!(ctx.method, " ", ctx.path, ": ", status, " ", summary),
        )
    }
}

/// Reads one `errors[]` item, whatever its shape.
fn error_item<J: Json>(value: &J) -> ErrorItem {
    let code = value.get("code").and_then(|c| {
        c.as_number()
            .filter(|n| n.fract() == 0.0 && n.abs() < 9.0e15)
            .map(|n| n as i64)
            .or_else(|| {
                let text = c.as_string()?;
                digits(text.trim()).and_then(|n| i64::try_from(n).ok())
            })
    });
    let message = value
        .get("message")
        .and_then(|m| m.as_string())
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "(no message)".to_owned());
    let path = value.get("path").and_then(|p| p.items()).map(|items| {
        items
            .iter()
            .map(|item| match (item.as_number(), item.as_string()) {
                (Some(n), _) if n.fract() == 0.0 && n >= 0.0 => PathSegment::Index(n as u64),
                (_, Some(s)) => PathSegment::Key(s),
                _ => PathSegment::Key(item.describe().to_owned()),
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
    // Character by character, stopping at MAX: an error page may be megabytes.
    let mut out = String::new();
    let mut count = 0;
    let mut gap = false;
    for c in body.chars() {
        if c.is_whitespace() {
            gap = !out.is_empty();
            continue;
        }
        for c in gap.then_some(' ').into_iter().chain([c]) {
            if count == MAX {
                out.push('…');
                return out;
            }
            out.push(c);
            count += 1;
        }
        gap = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const CTX: Context<'static> = Context {
        method: "GET",
        path: "/accounts/a/access/ai-controls/mcp/servers/x",
    };

    fn response(status: u16, body: &str) -> HttpResponse<Value> {
        HttpResponse::from_text(
            status,
            vec![("cf-ray".into(), "8f1e2d3c4b5a6978-SJC".into())],
            body,
        )
    }

    fn err(status: u16, body: &str) -> Error {
        result(CTX, &response(status, body)).unwrap_err()
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
    fn result_and_result_info_come_back_as_parsed() {
        let ok = result(
            CTX,
            &response(200, r#"{"success":true,"result":[1],"result_info":{"page":2,"per_page":20,"total_count":45}}"#),
        )
        .unwrap();
        assert_eq!(ok.result, serde_json::json!([1]));
        let info = ok.result_info.unwrap();
        assert_eq!(
            (info.page, info.per_page, info.total_count, info.total_pages),
            (Some(2), Some(20), Some(45), None)
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
    fn redirects_are_errors_naming_status_and_target_origin_only() {
        for status in [301, 302, 303, 307, 308] {
            let response = HttpResponse::<Value>::from_text(
                status,
                vec![(
                    "location".into(),
                    "https://user:pw@evil.example:8443/steal?token=SECRET#x".into(),
                )],
                "",
            );
            let e = result(CTX, &response).unwrap_err();
            assert_eq!(e.kind, ErrorKind::Api);
            assert_eq!(e.status, Some(status));
            assert!(!e.retryable);
            assert!(
                e.message.contains(&cat!(
                    status,
                    " redirect to https://evil.example:8443, not followed"
                )),
                "{}",
                e.message
            );
            assert!(!e.message.contains("SECRET") && !e.message.contains("pw"));
        }
        let opaque = result(CTX, &HttpResponse::<Value>::from_text(0, vec![], "")).unwrap_err();
        assert_eq!(opaque.status, None);
        assert!(opaque.message.contains("a redirect (the runtime hides"));
        assert_eq!(origin("/elsewhere"), None);
        assert_eq!(origin("//cdn.example/x"), Some("//cdn.example".into()));
        assert_eq!(origin("javascript:alert(1)//x"), None);
    }

    #[test]
    fn long_bodies_are_cut_on_a_character_boundary() {
        let body = "é".repeat(500);
        let cut = excerpt(&body);
        assert_eq!(cut.chars().count(), 121);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn excerpts_flatten_whitespace_and_stop_early() {
        assert_eq!(
            excerpt("  <h1>\n\tBad   gateway</h1>\n  "),
            "<h1> Bad gateway</h1>"
        );
        assert_eq!(excerpt(""), "");
        let exactly = "a".repeat(120);
        assert_eq!(excerpt(&exactly), exactly);
        let huge = cat!("x ".repeat(3_000_000), " tail");
        assert_eq!(excerpt(&huge), cat!("x ".repeat(60), "…"));
    }
}
