//! HTTP as plain values, and the [`Transport`] trait: the client's only I/O seam.
//!
//! The wasm build plugs in `fetch`; tests plug in a scripted transport. Everything that decides
//! (what to send, whether to retry, how long to wait, what a response means) is pure code above.

use std::future::Future;

use crate::json::Json;
use crate::log::LogLevel;

/// An HTTP method the API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// DELETE
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }
}

/// A request ready to send.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    /// Method.
    pub method: Method,
    /// Absolute URL, query included.
    pub url: String,
    /// Header names and values; values may be credentials.
    pub headers: Vec<(String, String)>,
    /// JSON body, when there is one.
    pub body: Option<String>,
    /// How long this attempt may take, in milliseconds.
    pub timeout_ms: u64,
}

impl HttpRequest {
    /// The value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// Redacts header values: they may hold credentials.
impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &names)
            .field("body", &self.body.as_ref().map(|b| b.len()))
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

/// A response body: parsed JSON, or the text when it is not JSON (an HTML error page, nothing).
#[derive(Clone, Debug, PartialEq)]
pub enum Body<J> {
    /// The body parsed as JSON.
    Json(J),
    /// The body as text, when it does not parse as JSON.
    Text(String),
}

/// A response as received.
#[derive(Clone, Debug, PartialEq)]
pub struct HttpResponse<J> {
    /// HTTP status.
    pub status: u16,
    /// The headers the client reads ([`RESPONSE_HEADERS`]), names in lowercase; a transport
    /// may skip all but `cf-ray` on a 2xx (then `list_all` cannot pace itself by `ratelimit`,
    /// and [`crate::ResponseMeta`] shows only what was kept).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Body<J>,
}

impl<J> HttpResponse<J> {
    /// The value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl HttpResponse<serde_json::Value> {
    /// A response whose body text is parsed with serde_json (for native transports).
    pub fn from_text(status: u16, headers: Vec<(String, String)>, text: &str) -> Self {
        let body = match serde_json::from_str(text) {
            Ok(json) => Body::Json(json),
            Err(_) => Body::Text(text.to_owned()),
        };
        Self {
            status,
            headers,
            body,
        }
    }
}

/// The response headers the client looks at; a transport need not copy any others.
pub const RESPONSE_HEADERS: &[&str] = &[
    "cf-ray",
    "retry-after",
    "retry-after-ms",
    "x-should-retry",
    "ratelimit",
    "ratelimit-policy",
    "location",
];

/// The value of a header in a list of (name, value) pairs (case-insensitive name).
pub fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Why no response arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportErrorKind {
    /// The connection failed or was refused, or the transport broke.
    Network,
    /// The attempt's timeout passed first.
    Timeout,
}

/// A request that got no response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportError {
    /// Network failure or timeout.
    pub kind: TransportErrorKind,
    /// What the runtime said; must not contain credentials.
    pub message: String,
}

/// What the client needs from its runtime: sending a request, waiting, and a little randomness.
pub trait Transport {
    /// How this runtime represents parsed JSON.
    type Json: Json;

    /// Sends one request and reads the whole response, within `request.timeout_ms`.
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse<Self::Json>, TransportError>>;

    /// Waits `ms` milliseconds (between retries).
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;

    /// A number in `[0, 1)` for retry jitter.
    fn random(&self) -> f64 {
        0.5
    }

    /// Milliseconds since the Unix epoch, to read `Retry-After` dates; `None` ignores them.
    fn now_ms(&self) -> Option<f64> {
        None
    }

    /// Writes a log line (see [`crate::log`]); called only for the levels the client's
    /// `log_level` lets through. By default lines go nowhere.
    fn log(&self, level: LogLevel, line: &str) {
        let _ = (level, line);
    }
}
