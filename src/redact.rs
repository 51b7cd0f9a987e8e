//! Credentials out of every text the client hands back: an API, a proxy or an edge error page
//! may echo the request (headers printed in an HTML 500, a 401 quoting the token, a custom
//! `fetch` whose error quotes its init). The client knows every secret it sent on a call, so it
//! replaces each occurrence with `[redacted]` before a message leaves it.

use std::borrow::Cow;

use crate::http::HttpRequest;
use crate::text;

/// What replaces a secret.
pub const REDACTED: &str = "[redacted]";

/// Secrets shorter than this are not searched for. Replacing every `ab` in a message would
/// garble it and point at the secret just as plainly, and a credential that short protects
/// nothing; every real Cloudflare credential is 37 characters or more.
const MIN_SECRET: usize = 4;

/// Header names whose value is a credential even when the caller set it through
/// `defaultHeaders` or `headers` (a proxy's key, an Access service token, a cookie).
/// `X-Auth-Email` names the account and is not secret.
const SECRET_NAME_PARTS: &[&str] = &[
    "auth",
    "token",
    "secret",
    "key",
    "cookie",
    "password",
    "session",
    "credential",
];

/// Body members that hold credentials (create and update).
const SECRET_MEMBERS: &[&str] = &["auth_credentials", "client_secret"];

/// The secrets one request carried, each also in the forms an echo would print it in.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secrets(Vec<String>);

/// Lists how many secrets there are, never what they are.
impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Secrets").field(&self.0.len()).finish()
    }
}

impl Secrets {
    /// Every credential `request` sends: the values of credential headers (for
    /// `Authorization`, also the token without its scheme), and `auth_credentials` and
    /// `client_secret` from the body, with the header values inside a static-headers
    /// credential (`{"headers": {...}}`).
    pub fn of(request: &HttpRequest) -> Self {
        let mut secrets = Self::default();
        for (name, value) in &request.headers {
            if !is_secret_header(name) {
                continue;
            }
            secrets.add(value);
            // `Bearer TOKEN`, `Basic …`: the token alone is what an echo is likely to quote.
            if let Some((_, token)) = value.split_once(' ') {
                secrets.add(token.trim());
            }
        }
        if let Some(body) = &request.body {
            for member in SECRET_MEMBERS {
                if let Some(value) = member_string(body, member) {
                    for inner in values_in(&value) {
                        secrets.add(&inner);
                    }
                    secrets.add(&value);
                }
            }
        }
        secrets
    }

    /// Whether there is nothing to redact.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `text` with every occurrence of every secret replaced by `[redacted]`. A text cut short
    /// (an excerpt ending in `…`) may end in the first part of a secret: that part goes too.
    pub fn scrub<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out = Cow::Borrowed(text);
        for secret in &self.0 {
            if let Some(replaced) = text::replace_all(&out, secret, REDACTED) {
                out = Cow::Owned(replaced);
            }
        }
        if let Some(cut) = out.strip_suffix('…') {
            let partial = self.0.iter().find_map(|secret| {
                secret
                    .char_indices()
                    .map(|(i, _)| i)
                    // Longest first: the whole visible part of the secret goes.
                    .rev()
                    .filter(|&i| i > 0 && secret.get(..i).is_some_and(long_enough))
                    .find_map(|i| secret.get(..i).filter(|p| cut.ends_with(p)))
            });
            if let Some(prefix) = partial {
                let kept = cut.len() - prefix.len();
                out = Cow::Owned(crate::text::cat!(
                    cut.get(..kept).unwrap_or(""),
                    REDACTED,
                    "…"
                ));
            }
        }
        out
    }

    /// Adds `value` as it is, as a JSON string would escape it, and as HTML would.
    fn add(&mut self, value: &str) {
        if !long_enough(value) {
            return;
        }
        let json = json_escaped(value);
        let html = html_escaped(value);
        for form in [value.to_owned(), json, html] {
            if self.0.contains(&form) {
                continue;
            }
            // Longest first, so a secret that contains another is replaced whole. (Inserted in
            // place: `sort` would link 3 KB of wasm for a handful of strings.)
            let at = self
                .0
                .iter()
                .position(|s| s.len() < form.len())
                .unwrap_or(self.0.len());
            self.0.insert(at, form);
        }
    }
}

/// Whether `text` is at least [`MIN_SECRET`] characters long.
fn long_enough(text: &str) -> bool {
    text.chars().nth(MIN_SECRET - 1).is_some()
}

fn is_secret_header(name: &str) -> bool {
    !name.eq_ignore_ascii_case("x-auth-email")
        && SECRET_NAME_PARTS
            .iter()
            .any(|part| text::contains_ignore_case(name, part))
}

/// The string value of the top-level member `key` of a JSON object written by
/// [`crate::write`], unescaped. Found by `{"key":"` or `,"key":"`: inside a string literal every
/// `"` is escaped, so that text cannot occur there.
fn member_string(body: &str, key: &str) -> Option<String> {
    let mut at = None;
    for open in ['{', ','] {
        let mut pattern = String::new();
        pattern.push(open);
        pattern.push('"');
        pattern.push_str(key);
        pattern.push_str("\":\"");
        if let Some(i) = text::find(body, &pattern) {
            at = Some(i + pattern.len() - 1);
            break;
        }
    }
    literal(body.get(at?..)?).map(|(value, _)| value)
}

/// The JSON string literal at the start of `text` (which starts with `"`), unescaped, and the
/// rest of `text` after it.
fn literal(text: &str) -> Option<(String, &str)> {
    let mut chars = text.strip_prefix('"')?.char_indices();
    let mut out = String::new();
    let rest = |i: usize| text.get(i + 2..).unwrap_or("");
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, rest(i))),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let mut code = 0;
                    for _ in 0..4 {
                        code = code * 16 + chars.next()?.1.to_digit(16)?;
                    }
                    out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// The string values in a JSON text (those after a `:`): the header values of a static-headers
/// credential such as `{"headers":{"X-Key":"v"}}`. Anything that is not JSON yields nothing.
fn values_in(text: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut rest = text.trim_start();
    if !rest.starts_with('{') {
        return values;
    }
    let mut after_colon = false;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            let Some((value, tail)) = literal(rest) else {
                break;
            };
            if after_colon {
                values.push(value);
            }
            rest = tail;
            after_colon = false;
            continue;
        }
        if !c.is_whitespace() {
            after_colon = c == ':';
        }
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    values
}

fn json_escaped(value: &str) -> String {
    let mut out = String::new();
    crate::write::push_string(&mut out, value);
    // Without the quotes.
    out.get(1..out.len().saturating_sub(1))
        .unwrap_or("")
        .to_owned()
}

fn html_escaped(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::disallowed_macros)] // tests may format
mod tests {
    use super::*;
    use crate::http::Method;

    fn request(headers: &[(&str, &str)], body: Option<&str>) -> HttpRequest {
        HttpRequest {
            method: Method::Post,
            url: "https://api.example/x".into(),
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            body: body.map(str::to_owned),
            timeout_ms: 1,
        }
    }

    #[test]
    fn every_credential_header_is_redacted_but_the_email_is_kept() {
        let secrets = Secrets::of(&request(
            &[
                ("Authorization", "Bearer tok-SECRET-1"),
                ("X-Auth-Email", "ops@example.com"),
                ("X-Auth-Key", "key-SECRET-2"),
                ("X-Auth-User-Service-Key", "v1.0-SECRET-3"),
                ("CF-Access-Client-Secret", "svc-SECRET-4"),
                ("X-Trace", "trace-1234"),
            ],
            None,
        ));
        let text = "<pre>Authorization: Bearer tok-SECRET-1\nX-Auth-Email: ops@example.com\n\
                    X-Auth-Key: key-SECRET-2 X-Auth-User-Service-Key: v1.0-SECRET-3 \
                    svc-SECRET-4 trace-1234 token tok-SECRET-1</pre>";
        let clean = secrets.scrub(text);
        assert!(!clean.contains("SECRET"), "{clean}");
        assert!(clean.contains("ops@example.com"));
        assert!(clean.contains("trace-1234"));
        assert!(clean.contains("Authorization: [redacted]"), "{clean}");
    }

    #[test]
    fn body_secrets_are_found_unescaped_and_in_their_echoed_forms() {
        let body = crate::text::cat!(
            r#"{"id":"x","name":"a \"auth_credentials\":\"decoy\"","auth_credentials":"#,
            r#""{\"headers\":{\"X-Upstream-Key\":\"up-SECRET-5\"}}","#,
            r#""client_secret":"cs-SECRET-<6>&\"q\""}"#
        );
        let secrets = Secrets::of(&request(&[], Some(&body)));
        // As the API would quote it after parsing, as a page would print the raw body, as HTML.
        for text in [
            r#"bad credentials {"headers":{"X-Upstream-Key":"up-SECRET-5"}}"#,
            "upstream refused up-SECRET-5",
            body.as_str(),
            "secret cs-SECRET-<6>&\"q\"",
            "secret cs-SECRET-&lt;6&gt;&amp;&quot;q&quot;",
        ] {
            let clean = secrets.scrub(text);
            assert!(!clean.contains("SECRET"), "{clean}");
        }
        // The decoy inside the name is a name, not a credential.
        assert!(secrets.scrub("decoy").contains("decoy"));
    }

    #[test]
    fn short_or_absent_secrets_leave_text_alone() {
        let secrets = Secrets::of(&request(&[("Authorization", "Bearer abc")], Some("{}")));
        // `Bearer abc` itself is long enough and is redacted; `abc` alone is not searched for.
        assert_eq!(secrets.scrub("abc and abcd"), "abc and abcd");
        let none = Secrets::of(&request(&[("Accept", "application/json")], None));
        assert!(none.is_empty());
        assert!(matches!(none.scrub("text"), Cow::Borrowed("text")));
        assert_eq!(format!("{none:?}"), "Secrets(0)");
    }

    #[test]
    fn the_start_of_a_secret_at_the_end_of_a_cut_text_is_redacted() {
        let secrets = Secrets::of(&request(&[("X-Auth-Key", "key-SECRET-0123")], None));
        assert_eq!(secrets.scrub("page: key-SECR…"), "page: [redacted]…");
        assert_eq!(secrets.scrub("page: key…"), "page: key…");
        assert_eq!(secrets.scrub("page: key-SECR"), "page: key-SECR");
    }

    #[test]
    fn a_secret_that_contains_another_is_replaced_whole() {
        let secrets = Secrets::of(&request(
            &[("X-Auth-Key", "abcd1234"), ("X-Api-Key", "abcd1234efgh")],
            None,
        ));
        assert_eq!(secrets.scrub("k=abcd1234efgh"), "k=[redacted]");
    }
}
