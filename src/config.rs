//! Client settings: credentials, where the API is, defaults for every request.

use crate::log::LogLevel;
use crate::retry::RetryPolicy;
use crate::text::cat;
use crate::validate::Problem;

/// Cloudflare's API, as the official SDK defaults to.
pub const DEFAULT_BASE_URL: &str = "https://api.cloudflare.com/client/v4";
/// Per-attempt timeout when none is set (the official SDK's 60 s).
pub const DEFAULT_TIMEOUT_MS: u64 = 60_000;
/// Most pages one `list_all` walks when none is set: 100 000 servers at 100 a page, far more
/// than an account holds, yet a bound on an API that keeps reporting more pages.
pub const DEFAULT_MAX_PAGES: u32 = 1000;

/// How a client talks to the API. `Debug` shows which credentials are set, never their values.
#[derive(Clone, PartialEq)]
pub struct ClientConfig {
    /// API token, sent as `Authorization: Bearer …` (preferred).
    pub api_token: Option<String>,
    /// Account email, sent as `X-Auth-Email` together with `api_key`.
    pub api_email: Option<String>,
    /// Global API key, sent as `X-Auth-Key` together with `api_email`.
    pub api_key: Option<String>,
    /// Origin CA key, sent as `X-Auth-User-Service-Key`.
    pub user_service_key: Option<String>,
    /// API root, without a trailing slash (default [`DEFAULT_BASE_URL`]).
    pub base_url: String,
    /// Account used when a call does not name one.
    pub account_id: Option<String>,
    /// Per-attempt timeout in milliseconds.
    pub timeout_ms: u64,
    /// Retry behaviour.
    pub retry: RetryPolicy,
    /// Headers sent with every request.
    pub default_headers: Vec<(String, String)>,
    /// Which attempts are logged (see [`crate::Transport::log`]); off by default.
    pub log_level: LogLevel,
    /// Most pages one `list_all` walks before it fails (default [`DEFAULT_MAX_PAGES`]).
    pub max_pages: u32,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            api_token: None,
            api_email: None,
            api_key: None,
            user_service_key: None,
            base_url: DEFAULT_BASE_URL.to_owned(),
            account_id: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            retry: RetryPolicy::default(),
            default_headers: Vec::new(),
            log_level: LogLevel::Off,
            max_pages: DEFAULT_MAX_PAGES,
        }
    }
}

impl std::fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = |v: &Option<String>| if v.is_some() { "<redacted>" } else { "<unset>" };
        let header_names: Vec<&str> = self
            .default_headers
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        f.debug_struct("ClientConfig")
            .field("api_token", &set(&self.api_token))
            .field("api_email", &self.api_email)
            .field("api_key", &set(&self.api_key))
            .field("user_service_key", &set(&self.user_service_key))
            .field("base_url", &self.base_url)
            .field("account_id", &self.account_id)
            .field("timeout_ms", &self.timeout_ms)
            .field("retry", &self.retry)
            .field("default_headers", &header_names)
            .field("log_level", &self.log_level)
            .field("max_pages", &self.max_pages)
            .finish()
    }
}

/// Headers that carry credentials: a request that sets one itself needs no configured credential.
const AUTH_HEADERS: &[&str] = &[
    "authorization",
    "x-auth-key",
    "x-auth-email",
    "x-auth-user-service-key",
];

impl ClientConfig {
    /// A config with an API token and the defaults for everything else.
    pub fn with_token(api_token: impl Into<String>) -> Self {
        Self {
            api_token: Some(api_token.into()),
            ..Self::default()
        }
    }

    /// The credential headers to send, as the official SDK sends them.
    ///
    /// `extra` are headers the caller adds; if they already carry a credential (a proxy or a
    /// service binding that authenticates for us), none is required here.
    pub fn auth_headers(
        &self,
        extra: &[(String, String)],
    ) -> Result<Vec<(String, String)>, Problem> {
        for (field, value) in [
            ("apiToken", &self.api_token),
            ("apiEmail", &self.api_email),
            ("apiKey", &self.api_key),
            ("userServiceKey", &self.user_service_key),
        ] {
            if value.as_deref().is_some_and(|v| !is_header_value(v)) {
                return Err(Problem {
                    field: field.into(),
                    message: cat!(
                        field,
                        " holds a line break or control character, which an HTTP header cannot carry"
                    ),
                });
            }
        }
        let mut headers = Vec::new();
        if let Some(token) = &self.api_token {
            headers.push(("Authorization".to_owned(), cat!("Bearer ", token)));
        }
        match (&self.api_email, &self.api_key) {
            (Some(email), Some(key)) => {
                headers.push(("X-Auth-Email".to_owned(), email.clone()));
                headers.push(("X-Auth-Key".to_owned(), key.clone()));
            }
            (Some(_), None) | (None, Some(_)) => {
                return Err(Problem {
                    field: "apiKey".into(),
                    message: "apiEmail and apiKey go together: set both, or use apiToken".into(),
                })
            }
            (None, None) => {}
        }
        if let Some(key) = &self.user_service_key {
            headers.push(("X-Auth-User-Service-Key".to_owned(), key.clone()));
        }
        let carried = self.default_headers_carry_credentials() || carries_credentials(extra);
        if headers.is_empty() && !carried {
            return Err(Problem {
                field: "apiToken".into(),
                message: "no credentials: set apiToken, or apiEmail with apiKey, or userServiceKey \
                          (on Node, Deno and Bun they may come from CLOUDFLARE_API_TOKEN, \
                          CLOUDFLARE_EMAIL with CLOUDFLARE_API_KEY, or CLOUDFLARE_API_USER_SERVICE_KEY)"
                    .into(),
            });
        }
        Ok(headers)
    }

    /// Whether a default header carries a credential itself (a proxy or a service binding that
    /// authenticates for us).
    pub fn default_headers_carry_credentials(&self) -> bool {
        carries_credentials(&self.default_headers)
    }
}

fn carries_credentials(headers: &[(String, String)]) -> bool {
    headers
        .iter()
        .any(|(name, _)| AUTH_HEADERS.iter().any(|a| a.eq_ignore_ascii_case(name)))
}

/// Whether `name` is a header name `fetch` accepts (an RFC 9110 token).
pub fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Whether `value` can be sent as a header value (no line breaks, NUL or other controls).
pub fn is_header_value(value: &str) -> bool {
    !value.chars().any(|c| c.is_control() && c != '\t')
}

/// Problems with headers a caller supplied, naming the header but never its value.
pub fn check_headers(field: &str, headers: &[(String, String)]) -> Vec<Problem> {
    headers
        .iter()
        .filter(|(name, value)| !is_header_name(name) || !is_header_value(value))
        .map(|(name, _)| Problem {
            field: cat!(field, ".", name),
            message: cat!(field, ".", name, " is not a valid header (a name of letters, digits and -, and a value without line breaks)"),
        })
        .collect()
}

/// Settings for one call, overriding the client's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestOptions {
    /// Per-attempt timeout in milliseconds.
    pub timeout_ms: Option<u64>,
    /// Retries after the first attempt.
    pub max_retries: Option<u32>,
    /// Extra headers; they replace configured headers of the same name.
    pub headers: Vec<(String, String)>,
    /// For `list_all`: most pages to walk, instead of the client's `max_pages`.
    pub max_pages: Option<u32>,
}

#[cfg(test)]
#[allow(clippy::disallowed_macros)] // tests may format
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let config = ClientConfig {
            api_token: Some("tok-SECRET".into()),
            api_key: Some("key-SECRET".into()),
            api_email: Some("a@b.c".into()),
            default_headers: vec![("CF-Access-Client-Secret".into(), "hdr-SECRET".into())],
            ..ClientConfig::default()
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("CF-Access-Client-Secret"));
    }

    #[test]
    fn credentials_that_cannot_be_headers_are_refused_without_echoing_them() {
        let config = ClientConfig::with_token("tok-SECRET\r\nX-Injected: 1");
        let problem = config.auth_headers(&[]).unwrap_err();
        assert_eq!(problem.field, "apiToken");
        assert!(!problem.message.contains("SECRET"));
        let headers = [
            ("X-Trace".to_owned(), "a\nb".to_owned()),
            ("Bad Name".to_owned(), "v".to_owned()),
        ];
        let problems = check_headers("headers", &headers);
        assert_eq!(problems.len(), 2);
        assert!(problems.iter().all(|p| !p.message.contains("a\nb")));
    }

    #[test]
    fn credentials_become_the_official_headers() {
        let token = ClientConfig::with_token("t").auth_headers(&[]).unwrap();
        assert_eq!(
            token,
            vec![("Authorization".to_owned(), "Bearer t".to_owned())]
        );
        let pair = ClientConfig {
            api_email: Some("e".into()),
            api_key: Some("k".into()),
            ..ClientConfig::default()
        };
        assert_eq!(pair.auth_headers(&[]).unwrap().len(), 2);
        let half = ClientConfig {
            api_email: Some("e".into()),
            ..ClientConfig::default()
        };
        assert_eq!(half.auth_headers(&[]).unwrap_err().field, "apiKey");
        let none = ClientConfig::default().auth_headers(&[]).unwrap_err();
        assert_eq!(none.field, "apiToken");
        for name in [
            crate::env::API_TOKEN,
            crate::env::EMAIL,
            crate::env::API_KEY,
            crate::env::USER_SERVICE_KEY,
        ] {
            assert!(
                none.message.contains(name),
                "{name} named: {}",
                none.message
            );
        }
        let proxied = [("authorization".to_owned(), "Bearer x".to_owned())];
        assert!(ClientConfig::default()
            .auth_headers(&proxied)
            .unwrap()
            .is_empty());
    }
}
