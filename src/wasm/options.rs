//! The options objects, with the official SDK's names (`apiToken`, `baseURL`, `maxRetries`, …).

use std::collections::BTreeMap;

use js_sys::Function;
use serde::de::IgnoredAny;
use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use crate::config::{ClientConfig, RequestOptions as CoreRequestOptions};
use crate::error::Error;
use crate::validate::Problem;

use super::convert;

/// Options of `new McpServersClient(options)`.
#[derive(Debug, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClientOptions {
    /// API token, sent as `Authorization: Bearer …` (preferred).
    #[tsify(optional)]
    pub api_token: Option<String>,
    /// Account email, sent as `X-Auth-Email` with `apiKey`.
    #[tsify(optional)]
    pub api_email: Option<String>,
    /// Global API key, sent as `X-Auth-Key` with `apiEmail`.
    #[tsify(optional)]
    pub api_key: Option<String>,
    /// Origin CA key, sent as `X-Auth-User-Service-Key`.
    #[tsify(optional)]
    pub user_service_key: Option<String>,
    /// API root (default `https://api.cloudflare.com/client/v4`); a path like `/client/v4` is
    /// resolved against the page's origin.
    #[serde(rename = "baseURL")]
    #[tsify(optional)]
    pub base_url: Option<String>,
    /// Account used when a call's parameters have no `account_id`.
    #[tsify(optional)]
    pub account_id: Option<String>,
    /// Per-attempt timeout in milliseconds (default 60000).
    #[tsify(optional)]
    pub timeout: Option<f64>,
    /// Retries after the first attempt (default 2).
    #[tsify(optional)]
    pub max_retries: Option<f64>,
    /// Longest wait accepted from a `Retry-After` header, in milliseconds (default 60000);
    /// a longer one fails at once with a retryable error instead of parking the caller.
    #[tsify(optional)]
    pub max_retry_delay: Option<f64>,
    /// Headers sent with every request.
    #[tsify(optional, type = "Record<string, string>")]
    pub default_headers: Option<BTreeMap<String, String>>,
    /// A fetch to send requests with instead of the global one, e.g.
    /// `(req) => env.API.fetch(req)` for a Worker service binding.
    #[serde(default)]
    #[tsify(optional, type = "(request: Request) => Promise<Response>")]
    pub fetch: Option<IgnoredAny>,
}

/// Options of a single call.
#[derive(Debug, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestOptions {
    /// Aborts the call (kind `'aborted'`), including its retries.
    #[serde(default)]
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<IgnoredAny>,
    /// Per-attempt timeout in milliseconds.
    #[tsify(optional)]
    pub timeout: Option<f64>,
    /// Retries after the first attempt.
    #[tsify(optional)]
    pub max_retries: Option<f64>,
    /// Extra headers for this call.
    #[tsify(optional, type = "Record<string, string>")]
    pub headers: Option<BTreeMap<String, String>>,
}

fn problem(field: &str, message: &str) -> Problem {
    Problem {
        field: field.to_owned(),
        message: format!("{field} {message}"),
    }
}

fn milliseconds(field: &str, value: Option<f64>, problems: &mut Vec<Problem>) -> Option<u64> {
    let ms = value?;
    if (1.0..=86_400_000.0).contains(&ms) {
        Some(ms as u64)
    } else {
        problems.push(problem(
            field,
            "must be a number of milliseconds from 1 to 86400000",
        ));
        None
    }
}

fn retries(field: &str, value: Option<f64>, problems: &mut Vec<Problem>) -> Option<u32> {
    let n = value?;
    if n.fract() == 0.0 && (0.0..=10.0).contains(&n) {
        Some(n as u32)
    } else {
        problems.push(problem(field, "must be a whole number from 0 to 10"));
        None
    }
}

/// Reads a function-valued or object-valued field that JSON cannot carry.
fn property<T: JsCast>(
    object: &JsValue,
    name: &str,
    kind: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    if !object.is_object() {
        return None;
    }
    let value = js_sys::Reflect::get(object, &JsValue::from_str(name)).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    match value.dyn_into::<T>() {
        Ok(v) => Some(v),
        Err(_) => {
            problems.push(problem(name, &format!("must be {kind}")));
            None
        }
    }
}

fn headers(map: Option<BTreeMap<String, String>>) -> Vec<(String, String)> {
    map.unwrap_or_default().into_iter().collect()
}

/// The client's configuration and custom fetch, from the constructor's options.
pub fn client_config(value: &JsValue) -> Result<(ClientConfig, Option<Function>), Error> {
    let options: ClientOptions = convert::from_js("options", value).map_err(Error::validation)?;
    let mut problems = Vec::new();
    let fetch = property::<Function>(value, "fetch", "a function", &mut problems);
    let mut config = ClientConfig {
        api_token: options.api_token,
        api_email: options.api_email,
        api_key: options.api_key,
        user_service_key: options.user_service_key,
        account_id: options.account_id,
        default_headers: headers(options.default_headers),
        ..ClientConfig::default()
    };
    if let Some(base) = options.base_url {
        config.base_url = resolve_base_url(&base).unwrap_or_else(|| {
            problems.push(problem(
                "baseURL",
                "must be an absolute http(s) URL, or a path like /client/v4 on a page",
            ));
            base
        });
    }
    if let Some(ms) = milliseconds("timeout", options.timeout, &mut problems) {
        config.timeout_ms = ms;
    }
    if let Some(n) = retries("maxRetries", options.max_retries, &mut problems) {
        config.retry.max_retries = n;
    }
    if let Some(ms) = milliseconds("maxRetryDelay", options.max_retry_delay, &mut problems) {
        config.retry.max_retry_delay_ms = ms;
    }
    if problems.is_empty() {
        Ok((config, fetch))
    } else {
        Err(Error::validation(problems))
    }
}

/// A path is resolved against the global `location` (pages and web workers have one).
fn resolve_base_url(base: &str) -> Option<String> {
    let lower = base.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Some(base.to_owned());
    }
    if !base.starts_with('/') {
        return None;
    }
    let location = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("location")).ok()?;
    let origin = js_sys::Reflect::get(&location, &JsValue::from_str("origin"))
        .ok()?
        .as_string()?;
    origin
        .starts_with("http")
        .then(|| format!("{origin}{base}"))
}

/// One call's options and its abort signal.
pub fn request_options(
    value: &JsValue,
) -> Result<(CoreRequestOptions, Option<AbortSignal>), Error> {
    let options: RequestOptions = convert::from_js("options", value).map_err(Error::validation)?;
    let mut problems = Vec::new();
    let signal = property::<AbortSignal>(value, "signal", "an AbortSignal", &mut problems);
    let core = CoreRequestOptions {
        timeout_ms: milliseconds("timeout", options.timeout, &mut problems),
        max_retries: retries("maxRetries", options.max_retries, &mut problems),
        headers: headers(options.headers),
    };
    if problems.is_empty() {
        Ok((core, signal))
    } else {
        Err(Error::validation(problems))
    }
}
