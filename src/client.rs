//! [`Client`]: builds a request, sends it, retries what may be retried, decodes the answer.
//! It is the only place that loops.

use crate::config::{self, ClientConfig, RequestOptions};
use crate::create::{self, Expected};
use crate::envelope::{self, Context, Success};
use crate::error::{Error, ErrorKind};
use crate::http::{HttpRequest, Method, Transport, TransportError, TransportErrorKind};
use crate::redact::Secrets;
use crate::retry::{self, Idempotency, Outcome};
use crate::shape::{self, Shape};
use crate::text::cat;
use crate::validate;

/// A client of the MCP servers API over some [`Transport`].
#[derive(Debug)]
pub struct Client<T> {
    config: ClientConfig,
    transport: T,
}

/// One API call, before credentials and defaults are added.
#[derive(Debug)]
pub(crate) struct Call {
    pub method: Method,
    /// Path below the base URL, starting with `/`.
    pub path: String,
    /// Query parameters, already validated; values are percent-encoded here.
    pub query: Vec<(&'static str, String)>,
    /// JSON body.
    pub body: Option<String>,
    pub idempotency: Idempotency,
    /// What the `result` must look like.
    pub shape: Shape,
    /// For a create: what identifies the server it makes, to recognise it when read back.
    pub expected: Option<Expected>,
}

impl<T: Transport> Client<T> {
    /// A client with these settings over this transport.
    pub fn new(config: ClientConfig, transport: T) -> Self {
        Self { config, transport }
    }

    /// The settings in use.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The transport in use.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// A client with other settings over a copy of this one's transport (which, for the fetch
    /// transport, shares its `fetch` and logger).
    pub fn with_config(&self, config: ClientConfig) -> Self
    where
        T: Clone,
    {
        Self::new(config, self.transport.clone())
    }

    /// The account a call goes to: the one given, else the configured default, checked.
    pub(crate) fn account(&self, given: Option<&str>) -> Result<String, Error> {
        let account = given.or(self.config.account_id.as_deref());
        let mut problems = Vec::new();
        validate::check_account_id(account, &mut problems);
        match account {
            Some(id) if problems.is_empty() => Ok(id.to_owned()),
            _ => Err(Error::validation(problems)),
        }
    }

    /// Sends a call with retries; the final response's `result`, checked against the call's shape.
    /// Every error leaves through here, with the credentials the call sent redacted from it. A
    /// create that meets "already exists" after an attempt that may have landed is followed by a
    /// read of that server (one loop, so one copy of the attempts' state machine in the wasm).
    pub(crate) async fn send(
        &self,
        call: Call,
        options: &RequestOptions,
    ) -> Result<Success<T::Json>, Error> {
        let mut call = call;
        let mut secrets = None;
        let mut conflict = None;
        loop {
            let request = self.request(&call, options)?;
            let secrets = secrets.get_or_insert_with(|| Secrets::of(&request)).clone();
            let sent = self.attempts(&call, request, options).await;
            let sent = match (conflict.take(), sent, call.expected.take()) {
                (Some((expected, e)), read, _) => {
                    // A create settled by its read-back answers with the read's response.
                    let response = read
                        .as_ref()
                        .map(|s| s.response.clone())
                        .unwrap_or_default();
                    create::settle(&expected, e, read.map(|s| s.result)).map(|result| Success {
                        result,
                        result_info: None,
                        result_info_json: None,
                        response,
                    })
                }
                (None, Err(e), Some(expected))
                    if e.may_have_applied == Some(true) && create::is_taken(&e) =>
                {
                    call = read_back(&call, &expected);
                    conflict = Some((expected, e));
                    continue;
                }
                (None, sent, _) => sent,
            };
            return sent.map_err(|e| e.redacted(&secrets));
        }
    }

    /// The attempts of one call, until one settles it.
    async fn attempts(
        &self,
        call: &Call,
        request: HttpRequest,
        options: &RequestOptions,
    ) -> Result<Success<T::Json>, Error> {
        let ctx = Context {
            method: call.method.as_str(),
            path: &call.path,
        };
        let policy = retry::RetryPolicy {
            max_retries: options.max_retries.unwrap_or(self.config.retry.max_retries),
            ..self.config.retry
        };
        let mut retries = 0;
        // Whether an attempt so far may have been carried out without saying so.
        let mut uncertain = false;
        loop {
            let started = self.log_clock();
            let outcome = self.transport.send(request.clone()).await;
            let (may_retry, headers) = match &outcome {
                Ok(response) => (
                    retry::may_retry(
                        Outcome::Response(response.status, &response.headers),
                        call.idempotency,
                    ),
                    Some(response.headers.as_slice()),
                ),
                Err(e) => (
                    retry::may_retry(Outcome::Transport(e.kind), call.idempotency),
                    None,
                ),
            };
            let delay = (may_retry && retries < policy.max_retries)
                .then(|| {
                    retry::delay_ms(
                        &policy,
                        retries,
                        headers,
                        self.transport.random(),
                        self.transport.now_ms(),
                    )
                })
                .flatten();
            self.log_attempt(ctx, &request, started, &outcome, retries, delay);
            uncertain |= match &outcome {
                Ok(response) => retry::may_have_landed(Outcome::Response(response.status, &[])),
                Err(e) => retry::may_have_landed(Outcome::Transport(e.kind)),
            };
            let settled = match (delay, outcome) {
                (Some(ms), _) => {
                    self.transport.sleep(ms).await;
                    retries += 1;
                    continue;
                }
                (None, Ok(response)) => envelope::result(ctx, &response)
                    .and_then(|success| {
                        shape::check(&success, call.shape)
                            .map_err(|detail| envelope::decode_error(ctx, &response, detail))?;
                        Ok(success)
                    })
                    .map(|success| success.received(response, retries)),
                (None, Err(e)) => Err(transport_error(ctx, &e, request.timeout_ms, retries)),
            };
            return match (call.idempotency, &call.expected) {
                (Idempotency::Create, Some(expected)) => {
                    settled.map_err(|e| create::mark(e, uncertain, expected.resource))
                }
                _ if call.method == Method::Delete && uncertain => settled.map_err(gone_already),
                _ => settled,
            };
        }
    }

    fn request(&self, call: &Call, options: &RequestOptions) -> Result<HttpRequest, Error> {
        let auth = self
            .config
            .auth_headers(&options.headers)
            .map_err(|p| Error::validation(vec![p]))?;
        let mut problems = config::check_headers("defaultHeaders", &self.config.default_headers);
        problems.extend(config::check_headers("headers", &options.headers));
        if !problems.is_empty() {
            return Err(Error::validation(problems));
        }
        let mut headers: Vec<(String, String)> = vec![("Accept".into(), "application/json".into())];
        if call.body.is_some() {
            headers.push(("Content-Type".into(), "application/json".into()));
        }
        headers.extend(auth);
        for (name, value) in self.config.default_headers.iter().chain(&options.headers) {
            headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            headers.push((name.clone(), value.clone()));
        }
        let mut url = cat!(self.config.base_url.trim_end_matches('/'), call.path);
        for (i, (name, value)) in call.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(&percent_encode(value));
        }
        Ok(HttpRequest {
            method: call.method,
            url,
            headers,
            body: call.body.clone(),
            timeout_ms: options.timeout_ms.unwrap_or(self.config.timeout_ms),
        })
    }
}

/// The read of the server or portal a create may have made, on the create's account.
fn read_back(create: &Call, expected: &Expected) -> Call {
    Call {
        method: Method::Get,
        path: cat!(create.path, "/", expected.id),
        query: Vec::new(),
        body: None,
        idempotency: Idempotency::Safe,
        // A create answers with the item as a read does.
        shape: create.shape,
        expected: None,
    }
}

/// A delete that finds nothing after an attempt that got no answer (or a 5xx): that attempt
/// may have deleted it, so the error says so instead of looking like a wrong id.
fn gone_already(mut e: Error) -> Error {
    if e.status == Some(404) {
        e.may_have_applied = Some(true);
        e.message.push_str(
            " (an earlier attempt got no answer and may have deleted it: list to confirm)",
        );
    }
    e
}

fn transport_error(ctx: Context<'_>, e: &TransportError, timeout_ms: u64, retries: u32) -> Error {
    let attempts = match retries {
        0 => String::new(),
        n => cat!(" (after ", n + 1, " attempts)"),
    };
    let (kind, what) = match e.kind {
        TransportErrorKind::Timeout => (
            ErrorKind::Timeout,
            cat!("timed out after ", timeout_ms, " ms"),
        ),
        TransportErrorKind::Network => (ErrorKind::Network, cat!("network error: ", e.message)),
    };
    Error {
        retryable: true,
        ..Error::new(kind, cat!(ctx.method, " ", ctx.path, ": ", what, attempts))
    }
}

/// Percent-encodes a query value (everything but RFC 3986 unreserved characters).
fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(
                HEX.get(usize::from(byte >> 4)).copied().unwrap_or(b'0'),
            ));
            out.push(char::from(
                HEX.get(usize::from(byte & 15)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            percent_encode("git hub&x=1/é"),
            "git%20hub%26x%3D1%2F%C3%A9"
        );
        assert_eq!(percent_encode("a-b_c.d~"), "a-b_c.d~");
    }
}
