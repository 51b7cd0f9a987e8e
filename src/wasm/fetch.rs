//! The fetch transport: the runtime's global `fetch` (browsers,
//! workers, Node ≥ 20, Deno, Cloudflare Workers) or the caller's own `fetch` sends it; the
//! runtime's `JSON.parse` reads the body, which stays a JavaScript value. Nothing here touches
//! `window`.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Response};

use crate::config::{is_header_name, is_header_value};
use crate::http::{
    Body, HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind,
    RESPONSE_HEADERS,
};
use crate::log::LogLevel;
use crate::text::cat;

use super::glue;
use super::signal::AbortOnDrop;

/// Sends requests with `fetch`: the global one, or one the caller supplied (a Worker service
/// binding's, a test double, an instrumented one).
#[derive(Clone, Debug, Default)]
pub struct FetchTransport {
    fetch: Option<Function>,
    /// Where log lines go; `console` when unset.
    logger: Option<JsValue>,
    keep: KeepHeaders,
}

/// Which response headers the transport copies out of a `Response`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeepHeaders {
    /// `cf-ray` on a 2xx, [`RESPONSE_HEADERS`] on a failure: what the client reads.
    #[default]
    Needed,
    /// Also `ratelimit` on a 2xx, so a walk over pages can pace itself.
    RateLimit,
    /// Every header, for callers who asked for the raw response.
    All,
}

impl FetchTransport {
    /// Uses `fetch` when given, else the global `fetch`.
    pub fn new(fetch: Option<Function>) -> Self {
        Self {
            fetch,
            ..Self::default()
        }
    }

    /// The same transport sending with `fetch`.
    pub fn with_fetch(self, fetch: Function) -> Self {
        Self {
            fetch: Some(fetch),
            ..self
        }
    }

    /// The same transport writing log lines to `logger` (console-like: `info(line)`, …).
    pub fn with_logger(self, logger: JsValue) -> Self {
        Self {
            logger: Some(logger),
            ..self
        }
    }

    /// A copy (sharing `fetch` and the logger) that keeps these response headers.
    pub fn keeping(&self, keep: KeepHeaders) -> Self {
        Self {
            keep,
            ..self.clone()
        }
    }

    async fn exchange(
        &self,
        request: &HttpRequest,
        signal: &AbortSignal,
    ) -> Result<HttpResponse<JsValue>, JsValue> {
        // The headers cross as one string of `name:value` lines (names are tokens and values
        // hold no line breaks: both checked before a request is built), and glue.js makes the
        // `Headers` and the init: one call where building them from here took a dozen.
        let mut lines = String::new();
        for (name, value) in &request.headers {
            // `Client` checked these already; a caller driving this transport directly may not
            // have, and a line break would split one header into two.
            if !is_header_name(name) || !is_header_value(value) {
                return Err(JsValue::from_str(&cat!(
                    "fetch refused header ",
                    name,
                    ": not a valid header name and value"
                )));
            }
            if !lines.is_empty() {
                lines.push('\n');
            }
            lines.push_str(name);
            lines.push(':');
            lines.push_str(value);
        }
        let pending = glue::send(
            self.fetch.as_ref(),
            &request.url,
            request.method.as_str(),
            &lines,
            request.body.as_deref(),
            signal,
        )?;
        // `Promise.resolve` also accepts a thenable or a plain value from an odd custom fetch.
        let value = JsFuture::from(Promise::resolve(&pending)).await?;
        let response: Response = value
            .dyn_into()
            .map_err(|_| JsValue::from_str("fetch resolved to something that is not a Response"))?;
        let status = response.status();
        // A success needs only the ray id (a 200 can still say `success: false`); the retry
        // hints matter only on failures.
        let headers = response.headers();
        let headers = match (self.keep, (200..300).contains(&status)) {
            (KeepHeaders::All, _) => every_header(&headers),
            (_, false) => some_headers(&headers, RESPONSE_HEADERS),
            (KeepHeaders::RateLimit, true) => some_headers(&headers, &["cf-ray", "ratelimit"]),
            (KeepHeaders::Needed, true) => some_headers(&headers, &["cf-ray"]),
        };
        let body = JsFuture::from(glue::read_body(&response)?).await?;
        let body = match body.dyn_ref::<Array>() {
            Some(parsed) => Body::Json(parsed.get(0)),
            None => Body::Text(body.as_string().unwrap_or_default()),
        };
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

impl Transport for FetchTransport {
    type Json = JsValue;

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse<JsValue>, TransportError> {
        let controller = AbortController::new().map_err(|e| network(&e))?;
        let attempt = Attempt {
            timer: glue::arm_timeout(&controller, request.timeout_ms as f64),
            cancel: Some(AbortOnDrop::new(controller.clone())),
        };
        let result = self.exchange(&request, &controller.signal()).await;
        attempt.finish();
        result.map_err(|e| {
            if glue::timed_out(&controller) {
                TransportError {
                    kind: TransportErrorKind::Timeout,
                    message: "timed out".into(),
                }
            } else {
                network(&e)
            }
        })
    }

    async fn sleep(&self, ms: u64) {
        if let Ok(controller) = AbortController::new() {
            let wait = JsFuture::from(glue::sleep(ms as f64, Some(&controller.signal())));
            let cancel = AbortOnDrop::new(controller);
            let _ = wait.await;
            cancel.disarm();
        }
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }

    fn now_ms(&self) -> Option<f64> {
        Some(js_sys::Date::now())
    }

    fn log(&self, level: LogLevel, line: &str) {
        glue::log(self.logger.as_ref(), level.as_str(), line);
    }
}

/// The headers named in `wanted` that the response has.
fn some_headers(headers: &web_sys::Headers, wanted: &[&str]) -> Vec<(String, String)> {
    wanted
        .iter()
        .filter_map(|name| {
            let value = headers.get(name).ok().flatten()?;
            Some(((*name).to_owned(), value))
        })
        .collect()
}

/// Every header, in one call into JavaScript.
fn every_header(headers: &web_sys::Headers) -> Vec<(String, String)> {
    glue::header_lines(headers)
        .split('\n')
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

/// One attempt's timer and fetch: both cancelled if the attempt is dropped unfinished (the
/// caller aborted), so no timer keeps a process alive after its call is over.
struct Attempt {
    timer: JsValue,
    cancel: Option<AbortOnDrop>,
}

impl Attempt {
    fn finish(mut self) {
        if let Some(cancel) = self.cancel.take() {
            cancel.disarm();
        }
    }
}

impl Drop for Attempt {
    fn drop(&mut self) {
        glue::disarm(&self.timer);
    }
}

/// The runtime's words for a failed fetch, with its cause (Node hides `ECONNREFUSED` there).
fn network(error: &JsValue) -> TransportError {
    let message_of = |value: &JsValue| {
        value
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| value.as_string())
    };
    let mut message = message_of(error).unwrap_or_else(|| "fetch failed".to_owned());
    if let Some(cause) = js_sys::Reflect::get(error, &JsValue::from_str("cause"))
        .ok()
        .as_ref()
        .and_then(message_of)
    {
        message = cat!(message, " (", cause, ")");
    }
    TransportError {
        kind: TransportErrorKind::Network,
        message,
    }
}
