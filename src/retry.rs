//! When to retry and how long to wait: pure functions of what happened.
//!
//! The rules follow the official SDK (retry network errors, timeouts, 408, 409, 429 and 5xx;
//! `x-should-retry` wins; honour `retry-after-ms` and `Retry-After`), with one change its users
//! asked for: a server-requested wait longer than the cap is not slept through — the error comes
//! back at once, marked retryable, so a Worker is never parked for minutes.

use crate::http::{find_header, TransportErrorKind};
use crate::text::digits;

/// How retries behave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2, as the official SDK).
    pub max_retries: u32,
    /// First backoff, doubled on each retry (default 500 ms).
    pub initial_delay_ms: u64,
    /// Longest computed backoff (default 8 s).
    pub max_backoff_ms: u64,
    /// Longest wait the client accepts from `Retry-After` (default 60 s).
    pub max_retry_delay_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_delay_ms: 500,
            max_backoff_ms: 8_000,
            max_retry_delay_ms: 60_000,
        }
    }
}

/// Whether a request may be sent twice without harm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Idempotency {
    /// Reads, PUT, DELETE and sync: repeating them changes nothing more.
    Safe,
    /// Create: retried like every other call, but not on a 409, which for a create means the
    /// id is taken. An earlier attempt that got no answer or a 5xx may have landed, so a 409
    /// after one is checked by reading the server back (see `create`).
    Create,
}

/// What the last attempt produced.
#[derive(Clone, Copy, Debug)]
pub enum Outcome<'a> {
    /// A response arrived (any status), with its headers.
    Response(u16, &'a [(String, String)]),
    /// No response arrived.
    Transport(TransportErrorKind),
}

/// Whether a status is worth retrying at all, as the official SDK decides.
pub fn is_retryable_status(status: u16, should_retry: Option<&str>) -> bool {
    match should_retry.map(str::trim) {
        Some("true") => true,
        Some("false") => false,
        _ => matches!(status, 408 | 409 | 429) || status >= 500,
    }
}

/// Whether this outcome may be retried for a request of this idempotency.
pub fn may_retry(outcome: Outcome<'_>, idempotency: Idempotency) -> bool {
    match (outcome, idempotency) {
        (Outcome::Response(status, _), _) if (200..300).contains(&status) => false,
        (Outcome::Response(status, headers), Idempotency::Safe) => {
            is_retryable_status(status, find_header(headers, "x-should-retry"))
        }
        (Outcome::Response(status, headers), Idempotency::Create) => {
            match find_header(headers, "x-should-retry") {
                Some(v) => v.trim() == "true",
                None => status != 409 && is_retryable_status(status, None),
            }
        }
        (Outcome::Transport(_), _) => true,
    }
}

/// Whether the request may have been carried out although this outcome does not say so: no
/// answer came, or a 5xx did (the API may have acted before failing). A 408 or 429 says it
/// did not act; any other answer is final.
pub fn may_have_landed(outcome: Outcome<'_>) -> bool {
    match outcome {
        Outcome::Response(status, _) => status >= 500,
        Outcome::Transport(_) => true,
    }
}

/// How long to wait before retry number `retry` (0 for the first retry), or `None` when the
/// server asks for a longer wait than the policy accepts.
pub fn delay_ms(
    policy: &RetryPolicy,
    retry: u32,
    response_headers: Option<&[(String, String)]>,
    random: f64,
    now_ms: Option<f64>,
) -> Option<u64> {
    if let Some(asked) = response_headers.and_then(|h| server_delay_ms(h, now_ms)) {
        return (asked <= policy.max_retry_delay_ms).then_some(asked);
    }
    let doubled = policy
        .initial_delay_ms
        .saturating_mul(1u64.checked_shl(retry).unwrap_or(u64::MAX));
    let backoff = doubled.min(policy.max_backoff_ms) as f64;
    // Up to 25% less, so many clients told to back off at once do not return together.
    let jitter = 1.0 - random.clamp(0.0, 1.0) * 0.25;
    Some((backoff * jitter) as u64)
}

/// The wait the server asked for: `retry-after-ms`, else `Retry-After` in seconds or as a date,
/// else the reset of a spent `Ratelimit` budget (another try before it would be refused too).
fn server_delay_ms(headers: &[(String, String)], now_ms: Option<f64>) -> Option<u64> {
    if let Some(ms) = find_header(headers, "retry-after-ms").and_then(|v| thousandths(v, 0)) {
        return Some(ms);
    }
    retry_after_ms(headers, now_ms).or_else(|| crate::ratelimit::spent_wait_ms(headers))
}

fn retry_after_ms(headers: &[(String, String)], now_ms: Option<f64>) -> Option<u64> {
    let value = find_header(headers, "retry-after")?.trim();
    if let Some(ms) = thousandths(value, 3) {
        return Some(ms);
    }
    let at = http_date_ms(value)?;
    Some((at - now_ms?).max(0.0) as u64)
}

/// A non-negative decimal (`2`, `1.5`, `250`) times 10^`shift`, rounded down; `None` for
/// anything else. Hand-written so the wasm build carries no float parser.
fn thousandths(value: &str, shift: u32) -> Option<u64> {
    let (whole, fraction) = value.trim().split_once('.').unwrap_or((value.trim(), ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || whole.len() > 12 {
        return None;
    }
    let mut n = digits(whole)?;
    let mut fraction = fraction.bytes();
    for _ in 0..shift {
        let digit = fraction.next().map_or(0, |b| u64::from(b - b'0'));
        n = n.checked_mul(10)?.checked_add(digit)?;
    }
    Some(n)
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) into milliseconds since the epoch.
pub fn http_date_ms(value: &str) -> Option<f64> {
    let mut parts = value.split_whitespace();
    let _weekday = parts.next()?;
    let number = |s: &str| digits(s).and_then(|n| i64::try_from(n).ok());
    let day = number(parts.next()?)?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year = number(parts.next()?)?;
    let mut clock = parts.next()?.split(':').map(number);
    let (h, m, s) = (clock.next()??, clock.next()??, clock.next()??);
    if parts.next()? != "GMT" || !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    // Days from civil, after Howard Hinnant's algorithm.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 86_400 + h * 3600 + m * 60 + s) * 1000) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Reply {
        status: u16,
        headers: Vec<(String, String)>,
    }

    impl Reply {
        fn outcome(&self) -> Outcome<'_> {
            Outcome::Response(self.status, &self.headers)
        }
    }

    fn response(status: u16, headers: &[(&str, &str)]) -> Reply {
        Reply {
            status,
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn statuses_retried_like_the_official_sdk() {
        for status in [408, 409, 429, 500, 502, 503, 504] {
            assert!(
                may_retry(response(status, &[]).outcome(), Idempotency::Safe),
                "{status}"
            );
        }
        for status in [200, 201, 400, 401, 403, 404, 422] {
            assert!(
                !may_retry(response(status, &[]).outcome(), Idempotency::Safe),
                "{status}"
            );
        }
        let forced = response(400, &[("x-should-retry", "true")]);
        assert!(may_retry(forced.outcome(), Idempotency::Safe));
        let refused = response(503, &[("x-should-retry", "false")]);
        assert!(!may_retry(refused.outcome(), Idempotency::Safe));
        assert!(may_retry(
            Outcome::Transport(TransportErrorKind::Timeout),
            Idempotency::Safe
        ));
    }

    #[test]
    fn create_is_retried_like_any_call_but_not_on_a_duplicate_id() {
        let create = Idempotency::Create;
        for status in [408, 429, 500, 502, 503] {
            assert!(
                may_retry(response(status, &[]).outcome(), create),
                "{status}"
            );
        }
        assert!(!may_retry(response(409, &[]).outcome(), create));
        assert!(!may_retry(response(400, &[]).outcome(), create));
        for kind in [TransportErrorKind::Timeout, TransportErrorKind::Network] {
            assert!(may_retry(Outcome::Transport(kind), create));
        }
        let forced = response(409, &[("x-should-retry", "true")]);
        assert!(may_retry(forced.outcome(), create));
        let refused = response(503, &[("x-should-retry", "false")]);
        assert!(!may_retry(refused.outcome(), create));
    }

    #[test]
    fn only_silence_and_5xx_leave_a_create_in_doubt() {
        assert!(may_have_landed(Outcome::Transport(
            TransportErrorKind::Network
        )));
        assert!(may_have_landed(response(503, &[]).outcome()));
        for status in [408, 429, 400, 409] {
            assert!(
                !may_have_landed(response(status, &[]).outcome()),
                "{status}"
            );
        }
    }

    #[test]
    fn backoff_doubles_with_jitter_and_a_ceiling() {
        let p = RetryPolicy::default();
        assert_eq!(delay_ms(&p, 0, None, 0.0, None), Some(500));
        assert_eq!(delay_ms(&p, 1, None, 0.0, None), Some(1000));
        assert_eq!(delay_ms(&p, 1, None, 1.0, None), Some(750));
        assert_eq!(delay_ms(&p, 10, None, 0.0, None), Some(8000));
        assert_eq!(delay_ms(&p, 200, None, 0.0, None), Some(8000));
    }

    #[test]
    fn server_hints_win_up_to_the_cap() {
        let p = RetryPolicy::default();
        let ms = response(429, &[("retry-after-ms", "250"), ("retry-after", "9")]);
        assert_eq!(
            delay_ms(&p, 0, Some(ms.headers.as_slice()), 0.9, None),
            Some(250)
        );
        let secs = response(429, &[("Retry-After", "2")]);
        assert_eq!(
            delay_ms(&p, 0, Some(secs.headers.as_slice()), 0.9, None),
            Some(2000)
        );
        let too_long = response(429, &[("retry-after", "3600")]);
        assert_eq!(
            delay_ms(&p, 0, Some(too_long.headers.as_slice()), 0.0, None),
            None
        );
        let date = response(503, &[("retry-after", "Wed, 21 Oct 2015 07:28:05 GMT")]);
        let now = http_date_ms("Wed, 21 Oct 2015 07:28:00 GMT");
        assert_eq!(
            delay_ms(&p, 0, Some(date.headers.as_slice()), 0.0, now),
            Some(5000)
        );
        let spent = response(429, &[("ratelimit", "\"default\";r=0;t=30")]);
        assert_eq!(
            delay_ms(&p, 0, Some(spent.headers.as_slice()), 0.0, None),
            Some(30_000),
            "a spent budget is waited out, not spent on another refusal"
        );
        let spent_long = response(429, &[("ratelimit", "\"default\";r=0;t=300")]);
        assert_eq!(
            delay_ms(&p, 0, Some(spent_long.headers.as_slice()), 0.0, None),
            None,
            "a reset past the cap fails at once"
        );
        let both = response(429, &[("retry-after", "1"), ("ratelimit", "x;r=0;t=30")]);
        assert_eq!(
            delay_ms(&p, 0, Some(both.headers.as_slice()), 0.0, None),
            Some(1000),
            "Retry-After wins"
        );
        let left = response(503, &[("ratelimit", "x;r=5;t=30")]);
        assert_eq!(
            delay_ms(&p, 0, Some(left.headers.as_slice()), 0.0, None),
            Some(500),
            "requests remain: the usual backoff"
        );
        let garbage = response(503, &[("retry-after", "soon")]);
        assert_eq!(
            delay_ms(&p, 0, Some(garbage.headers.as_slice()), 0.0, None),
            Some(500)
        );
    }

    #[test]
    fn retry_after_numbers_parse_without_floats() {
        assert_eq!(thousandths("2", 3), Some(2000));
        assert_eq!(thousandths("1.5", 3), Some(1500));
        assert_eq!(thousandths(" 0.0255 ", 3), Some(25));
        assert_eq!(thousandths("250", 0), Some(250));
        assert_eq!(thousandths("-1", 3), None);
        assert_eq!(thousandths("1e3", 3), None);
        assert_eq!(thousandths(".5", 3), None);
        assert_eq!(thousandths("99999999999999", 3), None);
    }

    #[test]
    fn http_dates_parse_to_epoch_milliseconds() {
        assert_eq!(http_date_ms("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(
            http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000.0)
        );
        assert_eq!(http_date_ms("Sun, 06 Foo 1994 08:49:37 GMT"), None);
        assert_eq!(http_date_ms("yesterday"), None);
    }
}
