//! Stored portals: building them from requests, and joining them with the servers for a read.

use std::collections::BTreeMap;

use cf_mcp_servers::models::{CapabilityOverride, McpServer};
use cf_mcp_servers::portals::{
    CodeMode, McpPortal, PortalCreateParams, PortalOverride, PortalServer, PortalServerLink,
    PortalSummary, PortalUpdateParams,
};

use crate::store::{PortalRecord, Record};

/// The policy after a write: `code_mode` if sent, else what the deprecated boolean means
/// (`false` is `off`; `true` keeps a policy that allows code, else `opt_in`), else unchanged.
fn resolve_code_mode(
    current: Option<CodeMode>,
    code_mode: Option<CodeMode>,
    allow: Option<bool>,
) -> CodeMode {
    let current = current.unwrap_or(CodeMode::OptIn);
    match (code_mode, allow) {
        (Some(mode), _) => mode,
        (None, Some(false)) => CodeMode::Off,
        (None, Some(true)) if !current.allows_code() => CodeMode::OptIn,
        (None, _) => current,
    }
}

fn set_code_mode(portal: &mut PortalSummary, mode: CodeMode) {
    portal.allow_code_mode = Some(mode.allows_code());
    portal.code_mode = Some(mode);
}

/// Links in the canonical order, whatever order they were written in.
fn canonical(mut links: Vec<PortalServerLink>) -> Vec<PortalServerLink> {
    links.sort_by(|a, b| a.server_id.cmp(&b.server_id));
    links
}

pub fn new_portal(params: PortalCreateParams, actor: &str, now: &str) -> PortalRecord {
    let mut portal = PortalSummary {
        id: params.id,
        hostname: params.hostname,
        name: params.name,
        allow_code_mode: None,
        code_mode: None,
        description: params.description,
        secure_web_gateway: Some(params.secure_web_gateway.unwrap_or(false)),
        created_at: Some(now.to_owned()),
        created_by: Some(actor.to_owned()),
        modified_at: Some(now.to_owned()),
        modified_by: Some(actor.to_owned()),
    };
    set_code_mode(
        &mut portal,
        resolve_code_mode(None, params.code_mode, params.allow_code_mode),
    );
    PortalRecord {
        portal,
        servers: canonical(params.servers.unwrap_or_default()),
    }
}

/// Applies an update: fields left out keep their value; `servers`, when sent, replaces the
/// whole mapping.
pub fn apply_portal_update(
    record: &mut PortalRecord,
    params: PortalUpdateParams,
    actor: &str,
    now: &str,
) {
    let portal = &mut record.portal;
    let mode = resolve_code_mode(
        portal.code_mode.clone(),
        params.code_mode,
        params.allow_code_mode,
    );
    set_code_mode(portal, mode);
    if params.description.is_some() {
        portal.description = params.description;
    }
    if let Some(hostname) = params.hostname {
        portal.hostname = hostname;
    }
    if let Some(name) = params.name {
        portal.name = name;
    }
    if let Some(value) = params.secure_web_gateway {
        portal.secure_web_gateway = Some(value);
    }
    if let Some(links) = params.servers {
        record.servers = canonical(links);
    }
    portal.modified_at = Some(now.to_owned());
    portal.modified_by = Some(actor.to_owned());
}

/// One response override per capability named at either level. `enabled` is the portal's when
/// set; a server-level `enabled: false` hides it everywhere, but a server-level `true` does not
/// open a `default_disabled` portal's allowlist (inferred: the reference leaves this open).
fn merge_overrides(
    portal: Option<&[CapabilityOverride]>,
    server: Option<&[CapabilityOverride]>,
) -> Vec<PortalOverride> {
    let portal = portal.unwrap_or_default();
    let server = server.unwrap_or_default();
    let mut names: Vec<&str> = portal.iter().map(|o| o.name.as_str()).collect();
    for item in server {
        if !names.contains(&item.name.as_str()) {
            names.push(&item.name);
        }
    }
    names
        .into_iter()
        .map(|name| {
            let at_portal = portal.iter().find(|o| o.name == name);
            let at_server = server.iter().find(|o| o.name == name);
            PortalOverride {
                name: name.to_owned(),
                enabled: at_portal
                    .and_then(|o| o.enabled)
                    .or(at_server.and_then(|o| o.enabled).filter(|e| !e)),
                portal_alias: at_portal.and_then(|o| o.alias.clone()),
                portal_description: at_portal.and_then(|o| o.description.clone()),
                server_alias: at_server.and_then(|o| o.alias.clone()),
                server_description: at_server.and_then(|o| o.description.clone()),
                description: None,
            }
        })
        .collect()
}

fn entry(link: &PortalServerLink, server: &McpServer) -> PortalServer {
    PortalServer {
        server: McpServer {
            updated_prompts: None,
            updated_tools: None,
            ..server.clone()
        },
        server_id: Some(link.server_id.clone()),
        default_disabled: Some(link.default_disabled.unwrap_or(false)),
        on_behalf: Some(link.on_behalf.unwrap_or(true)),
        updated_prompts: Some(merge_overrides(
            link.updated_prompts.as_deref(),
            server.updated_prompts.as_deref(),
        )),
        updated_tools: Some(merge_overrides(
            link.updated_tools.as_deref(),
            server.updated_tools.as_deref(),
        )),
    }
}

/// The portal as the API returns it: each link joined with its server's current state (tools
/// and prompts of the last sync, status, server-level overrides).
pub fn portal_as_read(
    record: &PortalRecord,
    servers: Option<&BTreeMap<String, Record>>,
) -> McpPortal {
    McpPortal {
        portal: record.portal.clone(),
        servers: record
            .servers
            .iter()
            .filter_map(|link| {
                let server = servers?.get(&link.server_id)?;
                Some(entry(link, &server.server))
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deprecated_boolean_maps_onto_the_policy() {
        use CodeMode::*;
        assert_eq!(resolve_code_mode(None, None, None), OptIn);
        assert_eq!(resolve_code_mode(None, None, Some(false)), Off);
        assert_eq!(resolve_code_mode(Some(Off), None, Some(true)), OptIn);
        assert_eq!(
            resolve_code_mode(Some(Enforced), None, Some(true)),
            Enforced
        );
        assert_eq!(resolve_code_mode(Some(Enforced), Some(Off), None), Off);
        assert_eq!(resolve_code_mode(Some(DefaultOn), None, None), DefaultOn);
    }

    #[test]
    fn overrides_of_both_levels_meet_in_one_item() {
        let item = |name: &str, alias: Option<&str>, enabled: Option<bool>| CapabilityOverride {
            name: name.into(),
            alias: alias.map(Into::into),
            description: None,
            enabled,
        };
        let merged = merge_overrides(
            Some(&[item("a", Some("pa"), None)]),
            Some(&[
                item("a", Some("sa"), Some(true)),
                item("b", None, Some(false)),
            ]),
        );
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].portal_alias.as_deref(), Some("pa"));
        assert_eq!(merged[0].server_alias.as_deref(), Some("sa"));
        assert_eq!(merged[0].enabled, None);
        assert_eq!(merged[1].enabled, Some(false));
    }
}
