//! Sync: connect to an MCP server over Streamable HTTP with rmcp, list its tools and prompts
//! (rmcp follows the pagination cursors), and explain failures the way the API does.

use std::collections::HashMap;
use std::error::Error as StdError;
use std::time::Duration;

use cf_mcp_servers::models::{ErrorDetails, JsonObject};
use reqwest::header::{HeaderName, HeaderValue};
use rmcp::service::{ClientInitializeError, RunningService, ServiceError};
use rmcp::transport::streamable_http_client::{
    StreamableHttpClientTransportConfig, StreamableHttpError,
};
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::{RoleClient, ServiceExt};
use serde::Deserialize;
use serde_json::Value;

/// What a successful sync found.
pub struct Found {
    pub tools: Vec<JsonObject>,
    pub prompts: Vec<JsonObject>,
}

/// Why a sync failed: the server's `error` text and `error_details`.
pub struct Failure {
    pub error: String,
    pub details: ErrorDetails,
}

impl Failure {
    fn unreachable(error: String, cause: String) -> Self {
        Self {
            error,
            details: ErrorDetails {
                cause: Some(cause),
                is_upstream: Some(false),
                retryable: Some(true),
                ..Default::default()
            },
        }
    }

    fn http(status: u16, cause: String) -> Self {
        Self {
            error: format!("upstream returned HTTP {status}"),
            details: ErrorDetails {
                cause: Some(cause),
                is_upstream: Some(true),
                status_code: Some(f64::from(status)),
                retryable: Some(status == 408 || status == 429 || status >= 500),
                ..Default::default()
            },
        }
    }

    fn mcp(code: i32, message: &str, during: &str) -> Self {
        Self {
            error: format!("MCP server answered {during} with error {code}: {message}"),
            details: ErrorDetails {
                cause: Some(message.to_owned()),
                is_upstream: Some(true),
                mcp_code: Some(f64::from(code)),
                retryable: Some(false),
                ..Default::default()
            },
        }
    }

    fn upstream(error: String, cause: String) -> Self {
        Self {
            error,
            details: ErrorDetails {
                cause: Some(cause),
                is_upstream: Some(true),
                retryable: Some(false),
                ..Default::default()
            },
        }
    }

    fn config(error: String) -> Self {
        Self {
            details: ErrorDetails {
                cause: Some(error.clone()),
                is_upstream: Some(false),
                retryable: Some(false),
                ..Default::default()
            },
            error,
        }
    }
}

/// An oauth server cannot be synced until an administrator authenticates in the dashboard,
/// which the emulator has no way to do: say so instead of pretending.
pub fn oauth_not_authenticated() -> Failure {
    Failure {
        error: "administrator authentication required: this oauth server has authentication_status \"required\"; an administrator must authenticate in the dashboard before capabilities can be synced".into(),
        details: ErrorDetails {
            cause: Some("OAuth authentication required".into()),
            retryable: Some(false),
            ..Default::default()
        },
    }
}

#[derive(Deserialize)]
struct HeaderCredentials {
    headers: HashMap<String, String>,
}

/// How `auth_credentials` of a bearer server reaches the upstream.
#[derive(Debug, PartialEq)]
enum Credentials {
    None,
    /// Sent as `Authorization: Bearer <token>`.
    Token(String),
    /// Sent as given.
    Headers(Vec<(String, String)>),
}

fn parse_credentials(raw: Option<&str>) -> Result<Credentials, Failure> {
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(Credentials::None);
    };
    if !raw.starts_with('{') {
        return Ok(Credentials::Token(raw.to_owned()));
    }
    // The error names the expected shape, never the value (it holds secrets).
    let parsed: HeaderCredentials = serde_json::from_str(raw).map_err(|_| {
        Failure::config(
            "auth_credentials looks like JSON but is not {\"headers\": {\"Name\": \"value\", …}}"
                .into(),
        )
    })?;
    let mut headers: Vec<_> = parsed.headers.into_iter().collect();
    headers.sort();
    Ok(Credentials::Headers(headers))
}

fn header_map(headers: &[(String, String)]) -> Result<HashMap<HeaderName, HeaderValue>, Failure> {
    let mut map = HashMap::new();
    for (name, value) in headers {
        let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            Failure::config(format!(
                "auth_credentials header name \"{name}\" is not a valid HTTP header name"
            ))
        })?;
        let header_value = HeaderValue::from_str(value).map_err(|_| {
            Failure::config(format!(
                "auth_credentials header \"{name}\" has a value that is not valid in HTTP"
            ))
        })?;
        map.insert(header_name, header_value);
    }
    Ok(map)
}

fn to_objects<T: serde::Serialize>(items: Vec<T>) -> Vec<JsonObject> {
    items
        .into_iter()
        .filter_map(|item| match serde_json::to_value(item) {
            Ok(Value::Object(map)) => Some(map),
            _ => None,
        })
        .collect()
}

/// Syncs one server. `credentials` is the `auth_credentials` of a bearer server.
pub async fn run(
    hostname: &str,
    credentials: Option<&str>,
    timeout: Duration,
) -> Result<Found, Failure> {
    match tokio::time::timeout(timeout, connect_and_list(hostname, credentials, timeout)).await {
        Ok(result) => result,
        Err(_) => Err(Failure::unreachable(
            format!("sync timed out after {} s", timeout.as_secs()),
            "timeout".into(),
        )),
    }
}

/// A live MCP client session with an upstream server; `cancel()` it when done.
pub type Upstream = RunningService<RoleClient, ()>;

/// Connects to an upstream MCP server and initializes a session, with its credentials
/// (`auth_credentials` of a bearer server). Also used by the portal endpoint to forward calls.
pub async fn connect(
    hostname: &str,
    credentials: Option<&str>,
    timeout: Duration,
) -> Result<Upstream, Failure> {
    let mut config = StreamableHttpClientTransportConfig::with_uri(hostname);
    match parse_credentials(credentials)? {
        Credentials::None => {}
        Credentials::Token(token) => config = config.auth_header(token),
        Credentials::Headers(headers) => config = config.custom_headers(header_map(&headers)?),
    }
    let http = reqwest::Client::builder()
        .connect_timeout(timeout)
        .build()
        .map_err(|e| Failure::config(format!("could not set up the HTTP client: {e}")))?;
    let transport = StreamableHttpClientTransport::with_client(http, config);
    ().serve(transport).await.map_err(|e| classify_init(&e))
}

async fn connect_and_list(
    hostname: &str,
    credentials: Option<&str>,
    timeout: Duration,
) -> Result<Found, Failure> {
    let client = connect(hostname, credentials, timeout).await?;
    let capabilities = client
        .peer_info()
        .map(|info| info.capabilities.clone())
        .unwrap_or_default();
    let listed = async {
        let tools = if capabilities.tools.is_some() {
            client
                .list_all_tools()
                .await
                .map_err(|e| classify_service(&e, "tools/list"))?
        } else {
            Vec::new()
        };
        let prompts = if capabilities.prompts.is_some() {
            client
                .list_all_prompts()
                .await
                .map_err(|e| classify_service(&e, "prompts/list"))?
        } else {
            Vec::new()
        };
        Ok(Found {
            tools: to_objects(tools),
            prompts: to_objects(prompts),
        })
    }
    .await;
    // Closing is best effort: the lists are already in hand.
    let _ = client.cancel().await;
    listed
}

fn classify_init(error: &ClientInitializeError) -> Failure {
    match error {
        ClientInitializeError::JsonRpcError(data) => {
            Failure::mcp(data.code.0, &data.message, "initialize")
        }
        ClientInitializeError::TransportError { error, .. } => {
            classify_transport(error.error.as_ref())
        }
        other => Failure::upstream(format!("MCP initialize failed: {other}"), other.to_string()),
    }
}

pub fn classify_service(error: &ServiceError, during: &str) -> Failure {
    match error {
        ServiceError::McpError(data) => Failure::mcp(data.code.0, &data.message, during),
        ServiceError::TransportSend(error) => classify_transport(error.error.as_ref()),
        ServiceError::Timeout { .. } => {
            Failure::unreachable(format!("{during} timed out"), error.to_string())
        }
        other => Failure::upstream(format!("{during} failed: {other}"), other.to_string()),
    }
}

type HttpError = StreamableHttpError<reqwest::Error>;

/// Tells "could not reach the server" from "the server answered with an error".
fn classify_transport(error: &(dyn StdError + Send + Sync + 'static)) -> Failure {
    if let Some(http) = error.downcast_ref::<HttpError>() {
        return match http {
            StreamableHttpError::HttpStatus(status) => {
                Failure::http(status.status, reason(status.status))
            }
            StreamableHttpError::AuthRequired(_) => Failure::http(401, reason(401)),
            StreamableHttpError::InsufficientScope(_) => Failure::http(403, reason(403)),
            StreamableHttpError::SessionExpired => Failure::http(404, reason(404)),
            StreamableHttpError::Client(e) => classify_reqwest(e),
            StreamableHttpError::Io(e) => Failure::unreachable(
                format!("could not reach the MCP server: {e}"),
                e.to_string(),
            ),
            StreamableHttpError::UnexpectedServerResponse(text) => match http_status_in(text) {
                Some(status) => Failure::http(status, reason(status)),
                None => Failure::upstream(
                    format!("the MCP server gave an unexpected answer: {text}"),
                    text.to_string(),
                ),
            },
            other => Failure::upstream(format!("MCP transport error: {other}"), other.to_string()),
        };
    }
    if let Some(e) = error.downcast_ref::<reqwest::Error>() {
        return classify_reqwest(e);
    }
    Failure::upstream(format!("MCP transport error: {error}"), error.to_string())
}

fn classify_reqwest(error: &reqwest::Error) -> Failure {
    if let Some(status) = error.status() {
        return Failure::http(status.as_u16(), reason(status.as_u16()));
    }
    let mut cause = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        cause = inner.to_string();
        source = inner.source();
    }
    if error.is_timeout() {
        return Failure::unreachable("the MCP server did not answer in time".into(), cause);
    }
    Failure::unreachable(format!("could not reach the MCP server: {cause}"), cause)
}

/// rmcp reports some statuses only in text, as `HTTP 401 Unauthorized: …`.
fn http_status_in(text: &str) -> Option<u16> {
    let rest = text.split_once("HTTP ")?.1;
    let digits = rest.get(..3)?;
    digits.parse().ok().filter(|s| (100..600).contains(s))
}

fn reason(status: u16) -> String {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("HTTP error")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_a_token_or_json_headers() {
        assert_eq!(parse_credentials(None).ok(), Some(Credentials::None));
        assert_eq!(
            parse_credentials(Some("sk-1")).ok(),
            Some(Credentials::Token("sk-1".into()))
        );
        assert_eq!(
            parse_credentials(Some(r#"{"headers":{"x-a":"1"}}"#)).ok(),
            Some(Credentials::Headers(vec![("x-a".into(), "1".into())]))
        );
        let bad = parse_credentials(Some(r#"{"headers":"secret-value"}"#))
            .err()
            .map(|f| f.error)
            .unwrap_or_default();
        assert!(
            bad.contains("headers") && !bad.contains("secret-value"),
            "{bad}"
        );
    }

    #[test]
    fn statuses_are_read_from_rmcp_text() {
        assert_eq!(http_status_in("HTTP 401 Unauthorized: nope"), Some(401));
        assert_eq!(http_status_in("no status"), None);
    }
}
