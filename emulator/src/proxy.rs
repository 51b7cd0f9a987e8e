//! `--proxy-to`: `/client/v4/*` forwarded to a real API with the caller's credentials, so the
//! admin page can manage a real account from the same origin. Only what the API needs is
//! forwarded, and nothing about the request is logged.

use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::envelope::ApiError;
use crate::state::AppState;

/// Request headers passed on: credentials and content negotiation.
const REQUEST_HEADERS: &[&str] = &[
    "authorization",
    "x-auth-email",
    "x-auth-key",
    "x-auth-user-service-key",
    "content-type",
    "accept",
    "api-version",
];

/// Response headers passed back.
const RESPONSE_HEADERS: &[&str] = &[
    "content-type",
    "retry-after",
    "retry-after-ms",
    "x-should-retry",
    "cf-ray",
    "ratelimit",
    "ratelimit-policy",
];

/// Largest body forwarded.
const MAX_BODY: usize = 1024 * 1024;

pub async fn forward(
    State(state): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let Some(base) = state.proxy_to.as_deref() else {
        return ApiError::internal("proxy is not configured").into_response();
    };
    let rest = uri.path().strip_prefix("/client/v4").unwrap_or(uri.path());
    let mut target = format!("{base}{rest}");
    if let Some(query) = uri.query() {
        target.push('?');
        target.push_str(query);
    }
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return ApiError::invalid(
            "Request body is larger than the proxy limit of 1 MiB",
            vec![crate::envelope::Seg::Key("body".into())],
        )
        .into_response();
    };
    let mut request = state.http.request(method, &target);
    for name in REQUEST_HEADERS {
        for value in headers.get_all(*name) {
            request = request.header(*name, value);
        }
    }
    if !bytes.is_empty() {
        request = request.body(bytes);
    }
    match request.send().await {
        Ok(upstream) => {
            let status = upstream.status();
            let mut out = HeaderMap::new();
            for name in RESPONSE_HEADERS {
                if let Some(value) = upstream.headers().get(*name) {
                    out.insert(HeaderName::from_static(name), value.clone());
                }
            }
            match upstream.bytes().await {
                Ok(body) => (status, out, body).into_response(),
                Err(e) => bad_gateway(base, &e),
            }
        }
        Err(e) => bad_gateway(base, &e),
    }
}

fn bad_gateway(base: &str, error: &reqwest::Error) -> Response {
    // reqwest's text names the URL, which holds no credential (they travel in headers).
    ApiError::new(
        StatusCode::BAD_GATEWAY,
        crate::envelope::CODE_INTERNAL,
        format!("Could not reach the API at {base}: {error}"),
    )
    .into_response()
}
