//! A server's own constraints (an http(s) URL hostname, the auth type) and its typed
//! validators, which check through the server's table (`super::fields::SERVER`) like every
//! other way in.

use super::fields::SERVER;
use crate::models::{ServerCreateParams, ServerUpdateParams};
use crate::params::{self, Op};
use crate::validate::{one_of, Problem};

/// Checks that `hostname` is an absolute `http://` or `https://` URL with a host.
pub fn check_hostname(field: &str, hostname: &str, problems: &mut Vec<Problem>) {
    if !is_http_url(hostname) {
        problems.push(Problem::new(
            field,
            "must be an absolute http(s) URL of the MCP endpoint, like https://example.com/mcp",
        ));
    }
}

fn is_http_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        url.get(8..)
    } else if lower.starts_with("http://") {
        url.get(7..)
    } else {
        None
    };
    let Some(rest) = rest else { return false };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority
        .rfind('@')
        .map_or(authority, |at| authority.get(at + 1..).unwrap_or_default());
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        match v6.split_once(']') {
            Some((addr, port)) if !addr.is_empty() => {
                return port.is_empty() || is_port(port.strip_prefix(':').unwrap_or("x"));
            }
            _ => return false,
        }
    } else {
        match host_port.split_once(':') {
            Some((host, port)) => {
                if !is_port(port) {
                    return false;
                }
                host
            }
            None => host_port,
        }
    };
    !host.is_empty() && !host.contains(['<', '>', '"', '\\', '{', '}', '|', '^', '`'])
}

fn is_port(port: &str) -> bool {
    !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())
}

/// The auth types the API knows.
pub(crate) fn auth_type(field: &str, value: &str, problems: &mut Vec<Problem>) {
    one_of(
        field,
        value,
        &["oauth", "bearer", "unauthenticated"],
        problems,
    );
}

/// Every problem with the parameters of a create, in field order; empty when all is well.
/// The account id is checked where the client resolves its default.
pub fn create_params(params: &ServerCreateParams) -> Vec<Problem> {
    params::typed(&SERVER, Op::Create, params)
}

/// Every problem with the parameters of an update; empty when all is well.
pub fn update_params(params: &ServerUpdateParams) -> Vec<Problem> {
    params::typed(&SERVER, Op::Update, params)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{AuthType, CapabilityOverride};

    fn create(id: &str) -> ServerCreateParams {
        ServerCreateParams {
            account_id: None,
            id: id.into(),
            name: "Server".into(),
            hostname: "https://example.com/mcp".into(),
            auth_type: AuthType::Unauthenticated,
            auth_credentials: None,
            client_secret: None,
            description: None,
            is_shared_oauth_callback_enabled: None,
            secure_web_gateway: None,
            updated_prompts: None,
            updated_tools: None,
        }
    }

    fn fields(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn server_ids_follow_the_spec_pattern() {
        for good in [
            "a",
            "my-mcp-server",
            "a_b",
            "x1-y2-z3",
            "_",
            &"a".repeat(32),
        ] {
            assert!(create_params(&create(good)).is_empty(), "{good}");
        }
        for bad in [
            "",
            "A",
            "a--b",
            "-a",
            "a-",
            "../x",
            "a/b",
            "a b",
            "é",
            &"a".repeat(33),
        ] {
            assert_eq!(fields(&create_params(&create(bad))), ["id"], "{bad:?}");
        }
    }

    #[test]
    fn messages_name_the_field_and_the_limit() {
        let mut params = create("ok");
        params.name = "n".repeat(351);
        params.description = Some(Some("d".repeat(513)));
        let problems = create_params(&params);
        assert_eq!(fields(&problems), ["name", "description"]);
        assert_eq!(
            problems[0].message,
            "name must be at most 350 characters (got 351)"
        );
        assert!(problems[1].message.contains("512"));
        params.name = "n".repeat(350);
        params.description = Some(None);
        assert!(create_params(&params).is_empty());
    }

    #[test]
    fn hostname_must_be_an_absolute_http_url() {
        for good in [
            "https://example.com/mcp",
            "http://127.0.0.1:8787/demo-mcp",
            "HTTPS://Example.com",
            "http://[::1]:9000/mcp",
            "https://user@host.example/mcp?x=1",
            "https://a@b:pw@host.example:8443/mcp",
        ] {
            let mut p = create("a");
            p.hostname = good.into();
            assert!(create_params(&p).is_empty(), "{good}");
        }
        for bad in [
            "example.com/mcp",
            "ftp://example.com",
            "https://",
            "https:///path",
            "https://exa mple.com",
            "https://host:port/",
            "https://user@/mcp",
            "https://user@host:port/mcp",
            "javascript:alert(1)",
            "",
        ] {
            let mut p = create("a");
            p.hostname = bad.into();
            assert_eq!(fields(&create_params(&p)), ["hostname"], "{bad:?}");
        }
    }

    #[test]
    fn overrides_need_a_name_and_a_well_formed_unique_alias() {
        let item = |name: &str, alias: Option<&str>| CapabilityOverride {
            name: name.into(),
            alias: alias.map(Into::into),
            ..Default::default()
        };
        let params = ServerUpdateParams {
            updated_tools: Some(vec![
                item("list_issues", Some("issues")),
                item("", None),
                item("x", Some("bad alias")),
                item("y", Some(&"a".repeat(41))),
                item("z", Some("issues")),
                item("list_issues", Some("ok_Alias-2")),
            ]),
            updated_prompts: Some(vec![item("p", Some("-p"))]),
            ..Default::default()
        };
        assert_eq!(
            fields(&update_params(&params)),
            [
                "updated_prompts[0].alias",
                "updated_tools[1].name",
                "updated_tools[2].alias",
                "updated_tools[3].alias",
                "updated_tools[4].alias",
                "updated_tools[5].name",
            ]
        );
    }

    #[test]
    fn unknown_auth_type_is_refused() {
        let mut p = create("a");
        p.auth_type = AuthType::from("basic");
        assert_eq!(fields(&create_params(&p)), ["auth_type"]);
    }
}
