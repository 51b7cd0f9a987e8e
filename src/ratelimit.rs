//! Cloudflare's rate-limit headers, read without trusting them.
//!
//! The API answers with `Ratelimit: "default";r=50;t=30` (`r` requests remain, the budget resets
//! in `t` seconds) and `Ratelimit-Policy: "default";q=1200;w=300` (`q` requests per `w` seconds),
//! the structured-field lists of the IETF RateLimit header draft. A list may name several
//! policies; the one that binds first (fewest requests left, then the longest reset) is
//! reported. Anything malformed is ignored: a missing or garbled header means "no information",
//! never an error and never a wait. Written as a scan with no allocation but the policy name.

use crate::http::find_header;
use crate::text::digits;

/// The longest header value read; a longer one is ignored rather than scanned.
const MAX_HEADER_LEN: usize = 2048;
/// The most list members read from one header.
const MAX_ITEMS: usize = 16;
/// The longest policy name kept.
const MAX_NAME_LEN: usize = 64;

/// A rate-limit budget as the API reported it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// The policy's name (`"default"`).
    pub policy: String,
    /// Requests left in the current window (`r`).
    pub remaining: u64,
    /// Seconds until the budget resets (`t`), when given.
    pub reset_seconds: Option<u64>,
    /// Requests allowed per window (`q` of the matching `Ratelimit-Policy`), when given.
    pub limit: Option<u64>,
    /// The window's length in seconds (`w` of the matching `Ratelimit-Policy`), when given.
    pub window_seconds: Option<u64>,
}

impl RateLimit {
    /// The budget in a `Ratelimit` value, with the limit and window from a `Ratelimit-Policy`
    /// value of the same name; `None` when `ratelimit` holds no usable member.
    pub fn parse(ratelimit: &str, policy: Option<&str>) -> Option<Self> {
        let mut binding: Option<(&str, u64, Option<u64>)> = None;
        for (name, params) in members(ratelimit) {
            let Some(remaining) = param(params.clone(), "r") else {
                continue;
            };
            let reset = param(params, "t");
            // Fewest left binds first; among equals, the one that resets last.
            let binds =
                binding.is_none_or(|(_, r, t)| remaining < r || (remaining == r && reset > t));
            if binds {
                binding = Some((name, remaining, reset));
            }
        }
        let (name, remaining, reset_seconds) = binding?;
        let quota = policy
            .and_then(|p| members(p).find(|(n, _)| *n == name))
            .map(|(_, params)| params);
        Some(Self {
            policy: name.to_owned(),
            remaining,
            reset_seconds,
            limit: quota.clone().and_then(|q| param(q, "q")),
            window_seconds: quota.and_then(|q| param(q, "w")),
        })
    }

    /// The budget in a response's headers (`ratelimit`, `ratelimit-policy`).
    pub fn from_headers(headers: &[(String, String)]) -> Option<Self> {
        Self::parse(
            find_header(headers, "ratelimit")?,
            find_header(headers, "ratelimit-policy"),
        )
    }

    /// How long to wait before the next request, in milliseconds: the reset of a spent budget,
    /// `None` while requests remain or when the reset is not given.
    pub fn wait_ms(&self) -> Option<u64> {
        if self.remaining > 0 {
            return None;
        }
        self.reset_seconds.map(|s| s.saturating_mul(1000))
    }
}

/// The wait a response's rate-limit headers call for before another request (see
/// [`RateLimit::wait_ms`]).
pub fn spent_wait_ms(headers: &[(String, String)]) -> Option<u64> {
    RateLimit::from_headers(headers)?.wait_ms()
}

/// The wait to make before the next request of a walk: the last response's, when it is within
/// `cap`. A longer reset is not waited for: the request goes out, and if the API refuses it the
/// error comes back at once, retryable, as for a long `Retry-After`.
pub fn budget_wait(wait_ms: Option<u64>, cap: u64) -> Option<u64> {
    wait_ms.filter(|ms| *ms > 0 && *ms <= cap)
}

type Params<'a> = std::str::Split<'a, char>;

/// The members of a structured-field list (`"name";k=v;k=v, token;k=v`): names and their
/// parameters. A member whose name is not a token, quoted or not, is skipped (so is a quoted
/// name holding a separator: it is cut, and neither half is a name).
fn members(value: &str) -> impl Iterator<Item = (&str, Params<'_>)> {
    let value = if value.len() > MAX_HEADER_LEN {
        ""
    } else {
        value
    };
    value.split(',').take(MAX_ITEMS).filter_map(|text| {
        let mut params = text.trim().split(';');
        let head = params.next()?.trim();
        // A name is a token, quoted or not (policy names are words like `default`).
        let name = head
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'))
            .unwrap_or(head);
        (is_token(name) && name.len() <= MAX_NAME_LEN).then_some((name, params))
    })
}

/// The parameter `key` as a non-negative whole number; `None` when absent or anything else.
fn param(params: Params<'_>, key: &str) -> Option<u64> {
    params
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim() == key)
        .and_then(|(_, v)| digits(v.trim()))
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~:/".contains(&b))
}

#[cfg(test)]
#[allow(clippy::disallowed_macros)] // tests may format
mod tests {
    use super::*;

    fn parse(value: &str) -> Option<RateLimit> {
        RateLimit::parse(value, None)
    }

    #[test]
    fn cloudflares_headers_read_as_documented() {
        let limit = RateLimit::parse(
            r#""default";r=50;t=30"#,
            Some(r#""burst";q=100;w=60, "default";q=1200;w=300"#),
        )
        .unwrap();
        assert_eq!(
            limit,
            RateLimit {
                policy: "default".into(),
                remaining: 50,
                reset_seconds: Some(30),
                limit: Some(1200),
                window_seconds: Some(300),
            }
        );
        assert_eq!(limit.wait_ms(), None, "requests remain");
        let spent = parse(r#""default";r=0;t=30"#).unwrap();
        assert_eq!(spent.wait_ms(), Some(30_000));
    }

    #[test]
    fn the_policy_that_binds_first_is_reported() {
        let both = parse(r#""default";r=900;t=200, "burst";r=0;t=4"#).unwrap();
        assert_eq!(
            (both.policy.as_str(), both.wait_ms()),
            ("burst", Some(4000))
        );
        let tie = parse("a;r=0;t=5, b;r=0;t=60, c;r=0").unwrap();
        assert_eq!(tie.policy, "b", "the later reset binds");
        assert_eq!(tie.wait_ms(), Some(60_000));
    }

    #[test]
    fn names_may_be_tokens_and_parameters_may_come_in_any_order() {
        let limit = parse(" default ; t=7 ; r=3 ; pk=:YWJj: ").unwrap();
        assert_eq!(
            (limit.policy.as_str(), limit.remaining, limit.reset_seconds),
            ("default", 3, Some(7))
        );
        assert_eq!(
            parse(r#""a;b,c";r=1;t=2"#),
            None,
            "a quoted separator cuts the name: ignored, not misread"
        );
    }

    #[test]
    fn a_spent_budget_without_a_reset_asks_for_no_wait() {
        let limit = parse(r#""default";r=0"#).unwrap();
        assert_eq!((limit.remaining, limit.wait_ms()), (0, None));
    }

    #[test]
    fn hostile_and_malformed_values_are_ignored() {
        for bad in [
            "",
            " ",
            ",,,",
            r#""default""#,
            r#""default";r=-1;t=30"#,
            r#""default";r=1.5;t=30"#,
            r#""default";r=1e3"#,
            r#""default";r=;t=3"#,
            r#""default";r="5""#,
            r#""default";r=99999999999999999999"#,
            r#""unterminated;r=0;t=30"#,
            r#""esc\"aped";r=0;t=30"#,
            "bad name;r=0;t=30",
            "é;r=0;t=30",
            r#"";r=0;t=30"#,
            r#""two words";r=0;t=30"#,
            "r=0;t=30",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        let huge_wait = parse(r#""default";r=0;t=999999999999999999"#).unwrap();
        assert_eq!(
            huge_wait.wait_ms(),
            Some(u64::MAX),
            "saturates, never wraps"
        );
        let long_name = format!("\"{}\";r=0;t=1", "n".repeat(65));
        assert_eq!(parse(&long_name), None);
        let too_long = format!(r#""default";r=0;t=1{}"#, ", x;r=1".repeat(400));
        assert_eq!(parse(&too_long), None, "an oversized header is not scanned");
        let many = format!("{}, late;r=0;t=9", ["a;r=5"; 20].join(", "));
        assert_eq!(parse(&many).unwrap().remaining, 5, "members past 16 unread");
        let t_garbled = parse(r#""default";r=0;t=soon"#).unwrap();
        assert_eq!(t_garbled.wait_ms(), None);
    }

    #[test]
    fn a_policy_header_that_does_not_match_adds_nothing() {
        let limit =
            RateLimit::parse(r#""default";r=1;t=2"#, Some(r#""other";q=5;w=6, garbage"#)).unwrap();
        assert_eq!((limit.limit, limit.window_seconds), (None, None));
        let bad_numbers =
            RateLimit::parse(r#""default";r=1"#, Some(r#""default";q=-5;w=x"#)).unwrap();
        assert_eq!(
            (bad_numbers.limit, bad_numbers.window_seconds),
            (None, None)
        );
    }

    #[test]
    fn a_walk_waits_only_for_a_reset_within_the_cap() {
        assert_eq!(budget_wait(Some(30_000), 60_000), Some(30_000));
        assert_eq!(budget_wait(Some(90_000), 60_000), None);
        assert_eq!(budget_wait(Some(0), 60_000), None);
        assert_eq!(budget_wait(None, 60_000), None);
    }

    #[test]
    fn headers_are_found_whatever_their_case() {
        let headers = vec![
            ("RateLimit".to_owned(), r#""default";r=0;t=3"#.to_owned()),
            (
                "ratelimit-policy".to_owned(),
                r#""default";q=1200;w=300"#.to_owned(),
            ),
        ];
        assert_eq!(spent_wait_ms(&headers), Some(3000));
        assert_eq!(RateLimit::from_headers(&headers).unwrap().limit, Some(1200));
        assert_eq!(spent_wait_ms(&[]), None);
    }
}
