//! `www/` at `/` and `pkg/` at `/pkg/`, same origin as the API, under a strict CSP.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// No inline script or style; wasm may be compiled; nothing from other origins.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const PLACEHOLDER: &str = "<!doctype html>
<html lang=\"en\"><head><meta charset=\"utf-8\"><title>cf-mcp-emulator</title></head>
<body><h1>cf-mcp-emulator is running</h1>
<p>The admin page is coming: it will be served here once <code>www/index.html</code> exists.</p>
<p>The API is at <code>/client/v4/accounts/{account_id}/access/ai-controls/mcp/servers</code>;
the built-in demo MCP server is at <code>/demo-mcp</code>.</p></body></html>
";

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "ts" => "text/plain; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn with_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// Maps a URL path to a file under `root`, refusing anything that could leave it.
fn resolve(root: &Path, rel: &str) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    for part in rel.split('/').filter(|p| !p.is_empty()) {
        if part.starts_with('.') || part.contains(['\\', ':', '%']) {
            return None;
        }
        path.push(part);
    }
    Some(path)
}

/// Serves a GET or HEAD for any path the API and demo server do not claim.
pub async fn serve(State(state): State<Arc<AppState>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return with_headers(
            (
                StatusCode::METHOD_NOT_ALLOWED,
                [(header::ALLOW, "GET, HEAD")],
            )
                .into_response(),
        );
    }
    let path = uri.path();
    let (root, rel) = match path.strip_prefix("/pkg/") {
        Some(rest) => (&state.pkg, rest),
        None => (&state.www, path),
    };
    let Some(mut file) = resolve(root, rel) else {
        return not_found();
    };
    if rel.is_empty()
        || rel.ends_with('/')
        || tokio::fs::metadata(&file).await.is_ok_and(|m| m.is_dir())
    {
        file.push("index.html");
    }
    match tokio::fs::read(&file).await {
        Ok(bytes) => {
            with_headers(([(header::CONTENT_TYPE, content_type(&file))], bytes).into_response())
        }
        Err(_) if path == "/" || path == "/index.html" => with_headers(
            (
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                PLACEHOLDER,
            )
                .into_response(),
        ),
        Err(_) => not_found(),
    }
}

fn not_found() -> Response {
    with_headers((StatusCode::NOT_FOUND, "Not found").into_response())
}
