//! The options objects, with the official SDK's names (`apiToken`, `baseURL`, `maxRetries`, …).

use std::collections::BTreeMap;

use js_sys::Function;
use tsify::Tsify;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use crate::config::{ClientConfig, RequestOptions as CoreRequestOptions, DEFAULT_BASE_URL};
use crate::env;
use crate::error::Error;
use crate::http::Transport;
use crate::json::{Json, Kind};
use crate::log::LogLevel;
use crate::validate::Problem;

use super::fetch::{FetchTransport, KeepHeaders};
use super::glue;
use crate::text::cat;

/// Options of `new McpServersClient(options)`. The struct declares the TypeScript type; the
/// values are read by [`client_config`], which also refuses unknown names.
///
/// On Node, Deno and Bun, credentials, `baseURL` and `logLevel` left unset are read from
/// `CLOUDFLARE_API_TOKEN`, `CLOUDFLARE_EMAIL` + `CLOUDFLARE_API_KEY`,
/// `CLOUDFLARE_API_USER_SERVICE_KEY`, `CLOUDFLARE_BASE_URL` and `CLOUDFLARE_LOG`, as the
/// official SDK reads them; `null` means "none, and not from the environment".
#[derive(Debug, Default, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ClientOptions {
    /// API token, sent as `Authorization: Bearer …` (preferred). Default:
    /// `CLOUDFLARE_API_TOKEN` where there is an environment, when no credential is set.
    #[tsify(optional, type = "string | null")]
    pub api_token: Option<String>,
    /// Account email, sent as `X-Auth-Email` with `apiKey`. Default: `CLOUDFLARE_EMAIL`, with
    /// `CLOUDFLARE_API_KEY`.
    #[tsify(optional, type = "string | null")]
    pub api_email: Option<String>,
    /// Global API key, sent as `X-Auth-Key` with `apiEmail`. Default: `CLOUDFLARE_API_KEY`, with
    /// `CLOUDFLARE_EMAIL`.
    #[tsify(optional, type = "string | null")]
    pub api_key: Option<String>,
    /// Origin CA key, sent as `X-Auth-User-Service-Key`. Default:
    /// `CLOUDFLARE_API_USER_SERVICE_KEY`.
    #[tsify(optional, type = "string | null")]
    pub user_service_key: Option<String>,
    /// API root (default `CLOUDFLARE_BASE_URL`, else `https://api.cloudflare.com/client/v4`);
    /// a path like `/client/v4` is resolved against the page's origin.
    #[serde(rename = "baseURL")]
    #[tsify(optional, type = "string | null")]
    pub base_url: Option<String>,
    /// Account used when a call's parameters have no `account_id`.
    #[tsify(optional, type = "string | null")]
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
    /// Most pages one `listAll` walks (default 1000); past it, `listAll` fails with the count
    /// walked so far instead of following an API that keeps reporting more pages.
    #[tsify(optional)]
    pub max_pages: Option<f64>,
    /// A fetch to send requests with instead of the global one, called as `fetch(url, init)`
    /// like the official SDK's, e.g. `(url, init) => env.API.fetch(url, init)` for a Worker
    /// service binding.
    #[tsify(
        optional,
        type = "(url: string, init: RequestInit) => Promise<Response>"
    )]
    pub fetch: Option<JsValue>,
    /// Where log lines go (default `console`): one line per attempt with method, path, status,
    /// duration, retry count and ray id, never a credential.
    #[tsify(optional, type = "Logger")]
    pub logger: Option<JsValue>,
    /// Which attempts are logged: `'off'` (default, or `CLOUDFLARE_LOG` where there is an
    /// environment), `'error'` failed calls, `'warn'` also retried attempts, `'info'` and
    /// `'debug'` every attempt.
    #[tsify(optional, type = "LogLevel")]
    pub log_level: Option<String>,
}

/// Options of a single call (the TypeScript type; read by [`request_options`]).
#[derive(Debug, Default, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RequestOptions {
    /// Aborts the call (kind `'aborted'`), including its retries.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<JsValue>,
    /// Per-attempt timeout in milliseconds.
    #[tsify(optional)]
    pub timeout: Option<f64>,
    /// Retries after the first attempt.
    #[tsify(optional)]
    pub max_retries: Option<f64>,
    /// Extra headers for this call.
    #[tsify(optional, type = "Record<string, string>")]
    pub headers: Option<BTreeMap<String, String>>,
    /// For `listAll` and `pages`: most pages to walk, instead of the client's `maxPages`.
    #[tsify(optional)]
    pub max_pages: Option<f64>,
}

fn problem(field: &str, message: &str) -> Problem {
    Problem {
        field: field.to_owned(),
        message: cat!(field, " ", message),
    }
}

/// Reads an options object: unknown names refused, each value checked for its type.
struct Options<'a> {
    value: Option<&'a JsValue>,
    problems: Vec<Problem>,
}

impl<'a> Options<'a> {
    fn new(value: &'a JsValue, allowed: &[&str]) -> Self {
        let mut options = Self {
            value: None,
            problems: Vec::new(),
        };
        if value.is_undefined() || value.is_null() {
            return options;
        }
        match value.keys() {
            None => options
                .problems
                .push(problem("options", "must be an object")),
            Some(keys) => {
                for key in keys.iter().filter(|k| !allowed.contains(&k.as_str())) {
                    options
                        .problems
                        .push(problem(key, "is not an option (check its spelling)"));
                }
                options.value = Some(value);
            }
        }
        options
    }

    fn member(&self, key: &'static str) -> Option<JsValue> {
        self.value?.get(key)
    }

    /// A string that may be `null` (none, and not from the environment): `None` when absent,
    /// `Some(None)` for `null`.
    fn nullable_string(&mut self, key: &'static str) -> Option<Option<String>> {
        if self.value?.kind_of(key) == Some(Kind::Null) {
            return Some(None);
        }
        self.string(key).map(Some)
    }

    /// Sets `slot` to the nullable string `key` when the options name it; whether they did.
    fn replace(&mut self, key: &'static str, slot: &mut Option<String>) -> bool {
        let given = self.nullable_string(key);
        let named = given.is_some();
        if let Some(value) = given {
            *slot = value;
        }
        named
    }

    fn string(&mut self, key: &'static str) -> Option<String> {
        let value = self.member(key)?;
        let text = value.as_string();
        if text.is_none() {
            self.problems.push(problem(key, "must be a string"));
        }
        text
    }

    fn number(&mut self, key: &'static str) -> Option<f64> {
        let value = self.member(key)?;
        let n = value.as_number();
        if n.is_none() {
            self.problems.push(problem(key, "must be a number"));
        }
        n
    }

    fn milliseconds(&mut self, key: &'static str) -> Option<u64> {
        let ms = self.number(key)?;
        if (1.0..=86_400_000.0).contains(&ms) {
            Some(ms as u64)
        } else {
            self.problems.push(problem(
                key,
                "must be a number of milliseconds from 1 to 86400000",
            ));
            None
        }
    }

    /// A whole number in `min..=max`; `message` says so when it is not.
    fn whole(&mut self, key: &'static str, min: f64, max: f64, message: &str) -> Option<u32> {
        let n = self.number(key)?;
        if n.fract() == 0.0 && (min..=max).contains(&n) {
            Some(n as u32)
        } else {
            self.problems.push(problem(key, message));
            None
        }
    }

    fn retries(&mut self, key: &'static str) -> Option<u32> {
        self.whole(key, 0.0, 10.0, "must be a whole number from 0 to 10")
    }

    fn pages(&mut self, key: &'static str) -> Option<u32> {
        self.whole(
            key,
            1.0,
            1_000_000.0,
            "must be a whole number from 1 to 1000000",
        )
    }

    fn headers(&mut self, key: &'static str) -> Vec<(String, String)> {
        self.given_headers(key).unwrap_or_default()
    }

    /// Headers, or `None` when the option is absent.
    fn given_headers(&mut self, key: &'static str) -> Option<Vec<(String, String)>> {
        let value = self.member(key)?;
        let Some(names) = value.keys() else {
            self.problems
                .push(problem(key, "must be an object of header names to values"));
            return Some(Vec::new());
        };
        let mut headers = Vec::with_capacity(names.len());
        for name in names {
            match glue::member(&value, &JsValue::from_str(&name)).and_then(|v| v.as_string()) {
                Some(v) => headers.push((name, v)),
                None => self
                    .problems
                    .push(problem(&cat!(key, ".", name), "must be a string")),
            }
        }
        Some(headers)
    }

    fn object<T: JsCast>(&mut self, key: &'static str, kind: &str) -> Option<T> {
        let value = self.member(key)?;
        match value.dyn_into::<T>() {
            Ok(v) => Some(v),
            Err(_) => {
                self.problems.push(problem(key, &cat!("must be ", kind)));
                None
            }
        }
    }

    fn finish<T>(self, value: T) -> Result<T, Error> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(Error::validation(self.problems))
        }
    }
}

const CLIENT_OPTIONS: &[&str] = &[
    "apiToken",
    "apiEmail",
    "apiKey",
    "userServiceKey",
    "baseURL",
    "accountId",
    "timeout",
    "maxRetries",
    "maxRetryDelay",
    "defaultHeaders",
    "maxPages",
    "fetch",
    "logger",
    "logLevel",
];

/// The client's configuration and transport, from the constructor's options (`base` `None`:
/// defaults, then the environment) or from `withOptions` (`base` the client's own: options not
/// named keep its values, and the environment is not read again).
pub fn client_config(
    value: &JsValue,
    base: Option<(&ClientConfig, &FetchTransport)>,
) -> Result<(ClientConfig, FetchTransport), Error> {
    let mut o = Options::new(value, CLIENT_OPTIONS);
    let (mut config, mut transport) = match base {
        Some((config, transport)) => (config.clone(), transport.keeping(KeepHeaders::Needed)),
        None => Default::default(),
    };
    // `|`, not `||`: every option is read (and checked) whatever the others say.
    let named_credentials = o.replace("apiToken", &mut config.api_token)
        | o.replace("apiEmail", &mut config.api_email)
        | o.replace("apiKey", &mut config.api_key)
        | o.replace("userServiceKey", &mut config.user_service_key);
    o.replace("accountId", &mut config.account_id);
    if let Some(headers) = o.given_headers("defaultHeaders") {
        config.default_headers = headers;
    }
    let environment = |name: &'static str| glue::env_var(name);
    let from_env = base.is_none();
    if from_env && !named_credentials {
        env::fill_credentials(&mut config, &environment);
    }
    let base_url = match o.nullable_string("baseURL") {
        Some(Some(url)) => Some(("baseURL", url)),
        Some(None) => Some(("baseURL", DEFAULT_BASE_URL.to_owned())),
        None if from_env => env::value(&environment, env::BASE_URL).map(|url| (env::BASE_URL, url)),
        None => None,
    };
    if let Some((source, url)) = base_url {
        match resolve_base_url(&url) {
            Some(url) => config.base_url = url,
            None => o.problems.push(problem(
                source,
                "must be an absolute http(s) URL, or a path like /client/v4 on a page",
            )),
        }
    }
    if let Some(ms) = o.milliseconds("timeout") {
        config.timeout_ms = ms;
    }
    if let Some(n) = o.retries("maxRetries") {
        config.retry.max_retries = n;
    }
    if let Some(ms) = o.milliseconds("maxRetryDelay") {
        config.retry.max_retry_delay_ms = ms;
    }
    if let Some(fetch) = o.object::<Function>("fetch", "a function") {
        transport = transport.with_fetch(fetch);
    }
    if let Some(logger) = o.member("logger") {
        if logger.is_object() {
            transport = transport.with_logger(logger);
        } else {
            o.problems.push(problem(
                "logger",
                "must be an object with error, warn, info and debug methods, like console",
            ));
        }
    }
    match o.string("logLevel") {
        Some(name) => match LogLevel::parse(&name) {
            Some(level) => config.log_level = level,
            None => o.problems.push(problem(
                "logLevel",
                "must be 'off', 'error', 'warn', 'info' or 'debug'",
            )),
        },
        None if from_env => {
            if let Some(name) = env::value(&environment, env::LOG) {
                match LogLevel::parse(&name) {
                    Some(level) => config.log_level = level,
                    // As the official SDK does: a bad variable is reported, not fatal. The
                    // value is not repeated (it is the caller's text).
                    None => transport.log(
                        LogLevel::Warn,
                        "cf-mcp-servers: CLOUDFLARE_LOG is not one of off, error, warn, info, debug; logging stays off",
                    ),
                }
            }
        }
        None => {}
    }
    if let Some(n) = o.pages("maxPages") {
        config.max_pages = n;
    }
    o.finish((config, transport))
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
    let location = js_sys::global().get("location")?;
    let origin = location.get("origin")?.as_string()?;
    origin.starts_with("http").then(|| cat!(origin, base))
}

/// One call's options and its abort signal.
pub fn request_options(
    value: &JsValue,
) -> Result<(CoreRequestOptions, Option<AbortSignal>), Error> {
    let mut o = Options::new(
        value,
        &["signal", "timeout", "maxRetries", "headers", "maxPages"],
    );
    let core = CoreRequestOptions {
        timeout_ms: o.milliseconds("timeout"),
        max_retries: o.retries("maxRetries"),
        headers: o.headers("headers"),
        max_pages: o.pages("maxPages"),
    };
    let signal = o.object::<AbortSignal>("signal", "an AbortSignal");
    o.finish((core, signal))
}
