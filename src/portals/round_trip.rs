//! The edit round trip: a PUT resends the whole mapping (the docs say to send every field from
//! a prior GET), so a page or a script turns the portal it read into update parameters that keep
//! it unchanged, then changes just what it means to.

use super::models::{McpPortal, PortalOverride, PortalServerLink, PortalUpdateParams};
use crate::models::CapabilityOverride;

/// Update parameters that leave `portal` as it is: every field, and each server link with the
/// portal's own overrides (`portal_alias` → `alias`, `portal_description` → `description`;
/// `server_*` belong to the server resource and are dropped). Sends `code_mode` and not the
/// deprecated `allow_code_mode` when the portal has both.
pub fn portal_to_update_params(portal: &McpPortal) -> PortalUpdateParams {
    let fields = &portal.portal;
    PortalUpdateParams {
        account_id: None,
        allow_code_mode: fields
            .allow_code_mode
            .filter(|_| fields.code_mode.is_none()),
        code_mode: fields.code_mode.clone(),
        description: fields.description.clone(),
        hostname: Some(fields.hostname.clone()),
        name: Some(fields.name.clone()),
        secure_web_gateway: fields.secure_web_gateway,
        servers: Some(
            portal
                .servers
                .iter()
                .map(|entry| PortalServerLink {
                    server_id: entry.server_id().to_owned(),
                    default_disabled: entry.default_disabled,
                    on_behalf: entry.on_behalf,
                    updated_prompts: entry.updated_prompts.as_deref().map(portal_level),
                    updated_tools: entry.updated_tools.as_deref().map(portal_level),
                })
                .collect(),
        ),
    }
}

/// The portal-level part of response overrides; items with nothing set on the portal go.
fn portal_level(items: &[PortalOverride]) -> Vec<CapabilityOverride> {
    items
        .iter()
        .filter_map(|item| {
            // Responses older than the portal/server split carry the portal's description as
            // `description` alone.
            let description = item.portal_description.clone().or_else(|| {
                item.description
                    .clone()
                    .filter(|_| item.server_description.is_none())
            });
            let kept = CapabilityOverride {
                name: item.name.clone(),
                alias: item.portal_alias.clone(),
                description,
                enabled: item.enabled,
            };
            (kept.alias.is_some() || kept.description.is_some() || kept.enabled.is_some())
                .then_some(kept)
        })
        .collect()
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
}
