//! One line per attempt for the caller's logger: method, path, status, duration, retry count,
//! ray id.
//!
//! A line is built only from fields that cannot hold a credential: the method, the path (made
//! by this crate from a checked account id and server id; no query, no headers, no body), numbers,
//! and a ray id that is printed only when it looks like one. It is still scrubbed of the
//! request's secrets ([`Secrets`], the rule errors follow) before it is written. With logging off
//! (the default) an attempt costs one comparison: no clock is read and no string is built.

use crate::client::Client;
use crate::envelope::Context;
use crate::http::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};
use crate::redact::Secrets;
use crate::text::Piece;

/// How much the client logs, as the official SDK's `logLevel` names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    /// Nothing (the default).
    #[default]
    Off,
    /// Attempts that failed the call.
    Error,
    /// Also attempts that failed and are retried.
    Warn,
    /// Every attempt.
    Info,
    /// Every attempt (the client has nothing more detailed to say).
    Debug,
}

impl LogLevel {
    /// Every level, quietest first.
    pub const ALL: [LogLevel; 5] = [
        LogLevel::Off,
        LogLevel::Error,
        LogLevel::Warn,
        LogLevel::Info,
        LogLevel::Debug,
    ];

    /// The level's name, which is also the logger method a line goes to.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Error => "error",
            Self::Warn => "warn",
            Self::Info => "info",
            Self::Debug => "debug",
        }
    }

    /// The level named `name` (`"warn"`), exactly as written.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|level| level.as_str() == name)
    }
}

/// How an attempt ended, for its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended<'a> {
    /// A response arrived, with its status and `cf-ray`.
    Response(u16, Option<&'a str>),
    /// No response arrived.
    Failed(TransportErrorKind),
}

/// An attempt's line and the level it is logged at.
///
/// `retries` is how many attempts came before this one; `retry_in_ms` is the wait before the
/// next, when there will be one.
pub fn attempt_line(
    ctx: Context<'_>,
    ended: Ended<'_>,
    duration_ms: Option<u64>,
    retries: u32,
    retry_in_ms: Option<u64>,
) -> (LogLevel, String) {
    let mut line = String::with_capacity(160);
    put(
        &mut line,
        &[&"cf-mcp-servers: ", &ctx.method, &" ", &ctx.path, &" "],
    );
    let (ray, succeeded) = match ended {
        Ended::Response(status, ray) => {
            status.push_to(&mut line);
            (ray, (200..300).contains(&status))
        }
        Ended::Failed(kind) => {
            line.push_str(match kind {
                TransportErrorKind::Timeout => "timeout",
                TransportErrorKind::Network => "network-error",
            });
            (None, false)
        }
    };
    if let Some(ms) = duration_ms {
        put(&mut line, &[&" in ", &ms, &" ms"]);
    }
    let ray = ray.filter(|r| looks_like_ray(r)).unwrap_or("-");
    put(&mut line, &[&", retry ", &retries, &", ray ", &ray]);
    let level = match retry_in_ms {
        Some(ms) => {
            put(&mut line, &[&", retrying in ", &ms, &" ms"]);
            LogLevel::Warn
        }
        None if succeeded => LogLevel::Info,
        None => LogLevel::Error,
    };
    (level, line)
}

/// Appends the pieces (one loop for every part of the line: less wasm than a `cat!` each).
fn put(out: &mut String, pieces: &[&dyn Piece]) {
    for piece in pieces {
        piece.push_to(out);
    }
}

/// A ray id is hex and a data-centre code (`8f1c2e3d4b5a6978-SJC`); anything else is not
/// printed, so a header cannot smuggle text into the log.
fn looks_like_ray(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

impl<T: Transport> Client<T> {
    /// When an attempt starts, for its duration; `None`, with no clock read, when logging is off.
    pub(crate) fn log_clock(&self) -> Option<f64> {
        if self.config().log_level == LogLevel::Off {
            return None;
        }
        self.transport().now_ms()
    }

    /// Logs an attempt of `request` through the transport, when the level asks for it.
    pub(crate) fn log_attempt(
        &self,
        ctx: Context<'_>,
        request: &HttpRequest,
        started: Option<f64>,
        outcome: &Result<HttpResponse<T::Json>, TransportError>,
        retries: u32,
        retry_in_ms: Option<u64>,
    ) {
        let wanted = self.config().log_level;
        if wanted == LogLevel::Off {
            return;
        }
        let ended = match outcome {
            Ok(response) => Ended::Response(response.status, response.header("cf-ray")),
            Err(e) => Ended::Failed(e.kind),
        };
        let duration = started
            .zip(self.transport().now_ms())
            .map(|(start, end)| (end - start).max(0.0) as u64);
        let (level, line) = attempt_line(ctx, ended, duration, retries, retry_in_ms);
        if level <= wanted {
            self.transport()
                .log(level, &Secrets::of(request).scrub(&line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CTX: Context<'static> = Context {
        method: "GET",
        path: "/accounts/acc/access/ai-controls/mcp/servers/x",
    };

    #[test]
    fn a_success_is_an_info_line_with_every_field() {
        let (level, line) = attempt_line(
            CTX,
            Ended::Response(200, Some("8f1c2e3d4b5a6978-SJC")),
            Some(12),
            0,
            None,
        );
        assert_eq!(level, LogLevel::Info);
        assert_eq!(
            line,
            "cf-mcp-servers: GET /accounts/acc/access/ai-controls/mcp/servers/x 200 in 12 ms, retry 0, ray 8f1c2e3d4b5a6978-SJC"
        );
    }

    #[test]
    fn a_retried_failure_warns_and_a_final_one_is_an_error() {
        let (level, line) = attempt_line(CTX, Ended::Response(429, None), Some(3), 1, Some(2000));
        assert_eq!(level, LogLevel::Warn);
        assert!(
            line.ends_with(" 429 in 3 ms, retry 1, ray -, retrying in 2000 ms"),
            "{line}"
        );
        let (level, line) = attempt_line(
            CTX,
            Ended::Failed(TransportErrorKind::Timeout),
            None,
            2,
            None,
        );
        assert_eq!(level, LogLevel::Error);
        assert!(
            line.ends_with("/servers/x timeout, retry 2, ray -"),
            "{line}"
        );
        let (level, _) = attempt_line(CTX, Ended::Response(404, None), Some(1), 0, None);
        assert_eq!(level, LogLevel::Error);
    }

    #[test]
    fn a_ray_header_that_is_not_a_ray_id_is_not_printed() {
        for hostile in ["tok-SECRET value", "a\nb", "", &"f".repeat(65), "ray;x=1"] {
            let (_, line) = attempt_line(CTX, Ended::Response(200, Some(hostile)), None, 0, None);
            assert!(line.ends_with("ray -"), "{hostile:?}: {line}");
        }
    }

    #[test]
    fn levels_read_by_name_and_order_by_verbosity() {
        for level in LogLevel::ALL {
            assert_eq!(LogLevel::parse(level.as_str()), Some(level));
        }
        assert_eq!(LogLevel::parse("WARN"), None);
        assert_eq!(LogLevel::parse("verbose"), None);
        assert!(LogLevel::Off < LogLevel::Error && LogLevel::Info < LogLevel::Debug);
    }
}
