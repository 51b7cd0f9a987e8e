//! The portals API's documented constraints, checked before anything is sent. Shares the
//! servers' rules (ids, names, overrides, paging) and adds the portal's own: a bare host name,
//! at most 40 servers each linked once, and a Code Mode policy that agrees with the deprecated
//! boolean.

use super::fields::PORTAL;
use super::models::{CodeMode, PortalCreateParams, PortalUpdateParams};
use crate::params::{self, Checked, Op};
use crate::text::cat;
use crate::validate::{check_server_id, one_of, Problem};

/// Most servers one portal may link.
pub const MAX_PORTAL_SERVERS: usize = 40;

/// Checks a portal id (same rules as a server id).
pub fn check_portal_id(field: &str, id: &str, problems: &mut Vec<Problem>) {
    check_server_id(field, id, problems);
}

/// One DNS label: letters and digits, `-` inside only.
fn is_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    let edge = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    edge(bytes.first())
        && edge(bytes.last())
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// The spec's pattern: dot-separated labels, no scheme, path, port or trailing dot.
fn is_bare_hostname(host: &str) -> bool {
    host.split('.').all(is_label)
}

/// The host inside something pasted from a browser (`https://mcp.example.com:443/mcp`).
fn host_in_url(text: &str) -> &str {
    // After the first "://", found by its ':' (a string pattern brings in a 1.5 KB searcher).
    let rest = text
        .match_indices(':')
        .find_map(|(i, _)| text.get(i..)?.strip_prefix("://"))
        .unwrap_or(text);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    host.split(':').next().unwrap_or_default()
}

/// Checks a portal hostname: a bare DNS name. A pasted URL gets a message that says so and,
/// when there is one, the host name to use instead.
pub fn check_portal_hostname(field: &str, hostname: &str, problems: &mut Vec<Problem>) {
    if is_bare_hostname(hostname) {
        return;
    }
    if hostname.is_empty() {
        problems.push(Problem::new(field, "is required and must not be empty"));
    } else if hostname.contains([':', '/', '?', '#', '@']) {
        let host = host_in_url(hostname);
        let hint = if is_bare_hostname(host) {
            cat!(": use \"", host, "\"")
        } else {
            String::new()
        };
        problems.push(Problem::new(
            field,
            cat!(
                "must be a bare host name like mcp.example.com, not a URL: leave out the scheme, path and port",
                hint
            ),
        ));
    } else {
        problems.push(Problem::new(
            field,
            "must be a host name like mcp.example.com: letters, digits and '-' in dot-separated labels",
        ));
    }
}

/// The Code Mode policies the API knows.
pub(crate) fn code_mode(field: &str, value: &str, problems: &mut Vec<Problem>) {
    one_of(
        field,
        value,
        &["off", "opt_in", "default_on", "enforced"],
        problems,
    );
}

/// A known `code_mode` and the deprecated `allow_code_mode`, when both are given, must agree.
pub(crate) fn code_mode_agrees(checked: &Checked, problems: &mut Vec<Problem>) {
    let (Some(mode), Some(allow)) = (checked.text("code_mode"), checked.flag("allow_code_mode"))
    else {
        return;
    };
    let mode = CodeMode::from(mode);
    if allow != mode.allows_code() {
        let said = if allow { "true" } else { "false" };
        problems.push(Problem::new(
            "allow_code_mode",
            cat!(
                "is ",
                said,
                " but code_mode is \"",
                mode.as_str(),
                "\": they must agree (allow_code_mode is deprecated: send only code_mode)"
            ),
        ));
    }
}

/// Every problem with the parameters of a portal create, in field order; empty when all is well.
/// The account id is checked where the client resolves its default.
pub fn create_params(params: &PortalCreateParams) -> Vec<Problem> {
    params::typed(&PORTAL, Op::Create, params)
}

/// Every problem with the parameters of a portal update; empty when all is well.
pub fn update_params(params: &PortalUpdateParams) -> Vec<Problem> {
    params::typed(&PORTAL, Op::Update, params)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::CapabilityOverride;
    use crate::portals::PortalServerLink;

    fn create() -> PortalCreateParams {
        PortalCreateParams {
            id: "my-mcp-portal".into(),
            hostname: "example.com".into(),
            name: "My MCP Portal".into(),
            ..Default::default()
        }
    }

    fn fields(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    fn link(id: &str) -> PortalServerLink {
        PortalServerLink {
            server_id: id.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_sdk_test_body_is_valid() {
        let mut params = create();
        params.allow_code_mode = Some(true);
        params.code_mode = Some(CodeMode::OptIn);
        params.description = Some("This is my custom MCP Portal".into());
        let item = CapabilityOverride {
            name: "name".into(),
            alias: Some("my-custom-alias".into()),
            description: Some("description".into()),
            enabled: Some(true),
        };
        params.servers = Some(vec![PortalServerLink {
            server_id: "my-mcp-server".into(),
            default_disabled: Some(true),
            on_behalf: Some(true),
            updated_prompts: Some(vec![item.clone()]),
            updated_tools: Some(vec![item]),
        }]);
        assert_eq!(create_params(&params), []);
        assert_eq!(update_params(&PortalUpdateParams::default()), []);
    }

    #[test]
    fn hostnames_are_bare_and_a_pasted_url_is_explained() {
        for good in [
            "example.com",
            "mcp.example.com",
            "a",
            "x-1.b2.example",
            "A.B",
        ] {
            let mut p = create();
            p.hostname = good.into();
            assert_eq!(create_params(&p), [], "{good}");
        }
        let problem = |hostname: &str| {
            let mut p = create();
            p.hostname = hostname.into();
            let problems = create_params(&p);
            assert_eq!(fields(&problems), ["hostname"], "{hostname:?}");
            problems[0].message.clone()
        };
        assert_eq!(
            problem("https://mcp.example.com:8443/mcp"),
            "hostname must be a bare host name like mcp.example.com, not a URL: leave out the scheme, path and port: use \"mcp.example.com\""
        );
        assert!(problem("mcp.example.com/mcp").ends_with("use \"mcp.example.com\""));
        assert!(problem("https://").contains("not a URL"));
        assert!(!problem("https://").contains("use"));
        for bad in [
            "-a.com",
            "a-.com",
            "a..b",
            "a.com.",
            "exa mple.com",
            "é.com",
            "a_b.com",
        ] {
            assert!(problem(bad).contains("dot-separated labels"), "{bad:?}");
        }
        assert!(problem("").contains("required"));
    }

    #[test]
    fn name_and_description_limits() {
        let mut p = create();
        p.name = "n".repeat(351);
        p.description = Some("d".repeat(513));
        assert_eq!(fields(&create_params(&p)), ["name", "description"]);
        p.name = "n".repeat(350);
        p.description = Some("d".repeat(512));
        assert_eq!(create_params(&p), []);
        let update = PortalUpdateParams {
            name: Some(" ".into()),
            ..Default::default()
        };
        assert_eq!(fields(&update_params(&update)), ["name"]);
    }

    #[test]
    fn links_are_a_set_of_at_most_forty_with_valid_overrides() {
        let mut p = create();
        p.servers = Some((0..41).map(|i| link(&i.to_string())).collect());
        let problems = create_params(&p);
        assert_eq!(fields(&problems), ["servers"]);
        assert_eq!(
            problems[0].message,
            "servers may link at most 40 servers (got 41)"
        );
        let mut bad_alias = link("c");
        bad_alias.updated_tools = Some(vec![CapabilityOverride {
            name: "t".into(),
            alias: Some("no spaces".into()),
            ..Default::default()
        }]);
        p.servers = Some(vec![link("a"), link("b"), link("a"), link("B"), bad_alias]);
        let problems = create_params(&p);
        assert_eq!(
            fields(&problems),
            [
                "servers[2].server_id",
                "servers[3].server_id",
                "servers[4].updated_tools[0].alias"
            ]
        );
        assert!(problems[0].message.contains("repeats \"a\""));
    }

    #[test]
    fn code_mode_must_be_known_and_agree_with_allow_code_mode() {
        let check = |mode: Option<&str>, allow: Option<bool>| {
            let params = PortalUpdateParams {
                code_mode: mode.map(CodeMode::from),
                allow_code_mode: allow,
                ..Default::default()
            };
            update_params(&params)
        };
        assert_eq!(check(Some("off"), Some(false)), []);
        assert_eq!(check(Some("enforced"), Some(true)), []);
        assert_eq!(check(None, Some(false)), []);
        assert_eq!(fields(&check(Some("always"), None)), ["code_mode"]);
        let problems = check(Some("off"), Some(true));
        assert_eq!(fields(&problems), ["allow_code_mode"]);
        assert_eq!(
            problems[0].message,
            "allow_code_mode is true but code_mode is \"off\": they must agree (allow_code_mode is deprecated: send only code_mode)"
        );
        assert_eq!(
            fields(&check(Some("default_on"), Some(false))),
            ["allow_code_mode"]
        );
    }
}
