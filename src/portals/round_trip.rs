//! The edit round trip: a PUT resends the whole mapping (the docs say to send every field from
//! a prior GET), so a page or a script turns the portal it read into update parameters that keep
//! it unchanged, then changes just what it means to.

use super::models::{CodeMode, McpPortal, PortalServerLink, PortalUpdateParams};
use crate::json::Json;
use crate::models::CapabilityOverride;

/// Update parameters that leave `portal` as it is: every field, and each server link with the
/// portal's own overrides (`portal_alias` → `alias`, `portal_description` → `description`;
/// `server_*` belong to the server resource and are dropped). Sends `code_mode` and not the
/// deprecated `allow_code_mode` when the portal has both.
pub fn portal_to_update_params(portal: &McpPortal) -> PortalUpdateParams {
    serde_json::to_value(portal)
        .map(|value| update_params_of(&value))
        .unwrap_or_default()
}

fn text<J: Json>(value: &J, key: &'static str) -> Option<String> {
    value.get(key).and_then(|v| v.as_string())
}

fn flag<J: Json>(value: &J, key: &'static str) -> Option<bool> {
    value.get(key).and_then(|v| v.as_bool())
}

/// [`portal_to_update_params`] over any [`Json`] (in wasm, the portal as JavaScript holds it):
/// the one implementation.
pub fn update_params_of<J: Json>(portal: &J) -> PortalUpdateParams {
    let code_mode = text(portal, "code_mode").map(|mode| CodeMode::from(mode.as_str()));
    // Without a `servers` list (not a portal as read) the mapping is left as it is.
    let servers = portal.get("servers").and_then(|s| s.items());
    PortalUpdateParams {
        account_id: None,
        allow_code_mode: flag(portal, "allow_code_mode").filter(|_| code_mode.is_none()),
        code_mode,
        description: text(portal, "description"),
        hostname: text(portal, "hostname"),
        name: text(portal, "name"),
        secure_web_gateway: flag(portal, "secure_web_gateway"),
        servers: servers.map(|servers| {
            servers
                .iter()
                .map(|entry| PortalServerLink {
                    // The real API has sent entries without `server_id`.
                    server_id: text(entry, "server_id")
                        .or_else(|| text(entry, "id"))
                        .unwrap_or_default(),
                    default_disabled: flag(entry, "default_disabled"),
                    on_behalf: flag(entry, "on_behalf"),
                    updated_prompts: portal_level(entry, "updated_prompts"),
                    updated_tools: portal_level(entry, "updated_tools"),
                })
                .collect()
        }),
    }
}

/// The portal-level part of response overrides; items with nothing set on the portal go.
fn portal_level<J: Json>(entry: &J, key: &'static str) -> Option<Vec<CapabilityOverride>> {
    let items = entry.get(key)?.items()?;
    let kept = items
        .iter()
        .filter_map(|item| {
            // Responses older than the portal/server split carry the portal's description as
            // `description` alone.
            let description = text(item, "portal_description").or_else(|| {
                text(item, "description").filter(|_| text(item, "server_description").is_none())
            });
            let kept = CapabilityOverride {
                name: text(item, "name").unwrap_or_default(),
                alias: text(item, "portal_alias"),
                description,
                enabled: flag(item, "enabled"),
            };
            (kept.alias.is_some() || kept.description.is_some() || kept.enabled.is_some())
                .then_some(kept)
        })
        .collect();
    Some(kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portals::CodeMode;

    #[test]
    fn a_read_portal_becomes_params_that_keep_its_portal_level_settings() {
        let portal: McpPortal = serde_json::from_value(serde_json::json!({
            "id": "p", "name": "P", "hostname": "p.example.com", "description": "D",
            "code_mode": "enforced", "allow_code_mode": true, "secure_web_gateway": false,
            "created_at": "2026-03-11 15:00:58",
            "servers": [{
                "id": "github", "name": "GitHub", "auth_type": "oauth", "hostname": "https://gh/mcp",
                "tools": [], "prompts": [], "default_disabled": true, "on_behalf": false,
                "updated_tools": [
                    {"name": "a", "portal_alias": "x", "server_alias": "y", "enabled": true},
                    {"name": "b", "server_alias": "only-server", "server_description": "S"},
                    {"name": "c", "portal_description": "P", "server_description": "S"},
                ],
                "updated_prompts": [{"name": "old", "description": "From before the split"}],
            }],
        }))
        .unwrap();
        let params = portal_to_update_params(&portal);
        assert_eq!(params.code_mode, Some(CodeMode::Enforced));
        assert_eq!(params.allow_code_mode, None);
        assert_eq!(
            serde_json::to_value(&params).unwrap(),
            serde_json::json!({
                "code_mode": "enforced", "description": "D", "hostname": "p.example.com",
                "name": "P", "secure_web_gateway": false,
                "servers": [{
                    "server_id": "github", "default_disabled": true, "on_behalf": false,
                    "updated_prompts": [{"name": "old", "description": "From before the split"}],
                    "updated_tools": [
                        {"name": "a", "alias": "x", "enabled": true},
                        {"name": "c", "description": "P"},
                    ],
                }],
            })
        );
        assert_eq!(crate::portals::validate::update_params(&params), []);
    }

    #[test]
    fn only_the_deprecated_boolean_is_kept_when_it_is_all_there_is() {
        let portal: McpPortal = serde_json::from_value(serde_json::json!({
            "id": "p", "name": "P", "hostname": "p.example.com", "allow_code_mode": false,
            "servers": [],
        }))
        .unwrap();
        let params = portal_to_update_params(&portal);
        assert_eq!(params.allow_code_mode, Some(false));
        assert_eq!(params.servers, Some(Vec::new()));
    }

    #[test]
    fn a_value_without_servers_leaves_the_mapping_alone() {
        let summary = serde_json::json!({"id": "p", "name": "P", "hostname": "p.example.com"});
        let params = update_params_of(&summary);
        assert_eq!(params.servers, None);
        assert_eq!(params.name.as_deref(), Some("P"));
        assert_eq!(
            update_params_of(&serde_json::Value::Null),
            PortalUpdateParams::default()
        );
    }
}
