//! The edit round trip: a PUT resends the whole mapping (the docs say to send every field from
//! a prior GET), so a page or a script turns the portal it read into update parameters that keep
//! it unchanged, then changes just what it means to.

use super::models::{McpPortal, PortalUpdateParams};
use crate::json::Json;
use crate::write::Object;

/// Update parameters that leave `portal` as it is: every field, and each server link with the
/// portal's own overrides (`portal_alias` → `alias`, `portal_description` → `description`;
/// `server_*` belong to the server resource and are dropped). Sends `code_mode` and not the
/// deprecated `allow_code_mode` when the portal has both.
pub fn portal_to_update_params(portal: &McpPortal) -> PortalUpdateParams {
    serde_json::to_value(portal)
        .map(|value| update_params_of(&value))
        .unwrap_or_default()
}

/// [`portal_to_update_params`] over any [`Json`].
pub fn update_params_of<J: Json>(portal: &J) -> PortalUpdateParams {
    serde_json::from_str(&update_body_of(portal)).unwrap_or_default()
}

fn text<J: Json>(value: &J, key: &'static str) -> Option<String> {
    value.get(key).and_then(|v| v.as_string())
}

fn flag<J: Json>(value: &J, key: &'static str) -> Option<bool> {
    value.get(key).and_then(|v| v.as_bool())
}

/// Writes `items` as a JSON array, each item by `write` (`None` leaves it out).
fn array<J: Json>(items: &[J], write: impl Fn(&J) -> Option<String>) -> String {
    let mut out = String::from("[");
    for item in items.iter().filter_map(write) {
        if out.len() > 1 {
            out.push(',');
        }
        out.push_str(&item);
    }
    out.push(']');
    out
}

/// The update parameters of [`update_params_of`] as JSON text: the one implementation (in wasm,
/// over the portal as JavaScript holds it, and parsed there into the object returned).
pub(crate) fn update_body_of<J: Json>(portal: &J) -> String {
    let mut o = Object::new();
    let code_mode = text(portal, "code_mode");
    o.string("hostname", text(portal, "hostname").as_deref());
    o.string("name", text(portal, "name").as_deref());
    o.boolean(
        "allow_code_mode",
        flag(portal, "allow_code_mode").filter(|_| code_mode.is_none()),
    );
    o.string("code_mode", code_mode.as_deref());
    o.string("description", text(portal, "description").as_deref());
    o.boolean("secure_web_gateway", flag(portal, "secure_web_gateway"));
    // Without a `servers` list (not a portal as read) the mapping is left as it is.
    if let Some(servers) = portal.get("servers").and_then(|s| s.items()) {
        o.raw("servers", &array(&servers, |entry| Some(link(entry))));
    }
    o.finish()
}

fn link<J: Json>(entry: &J) -> String {
    let mut o = Object::new();
    // The real API has sent entries without `server_id`.
    let id = text(entry, "server_id").or_else(|| text(entry, "id"));
    o.string("server_id", Some(id.as_deref().unwrap_or_default()));
    o.boolean("default_disabled", flag(entry, "default_disabled"));
    o.boolean("on_behalf", flag(entry, "on_behalf"));
    for key in ["updated_prompts", "updated_tools"] {
        if let Some(items) = entry.get(key).and_then(|list| list.items()) {
            o.raw(key, &array(&items, portal_level));
        }
    }
    o.finish()
}

/// The portal-level part of a response override; `None` when nothing is set on the portal.
fn portal_level<J: Json>(item: &J) -> Option<String> {
    // Responses older than the portal/server split carry the portal's description as
    // `description` alone.
    let description = text(item, "portal_description").or_else(|| {
        text(item, "description").filter(|_| text(item, "server_description").is_none())
    });
    let alias = text(item, "portal_alias");
    let enabled = flag(item, "enabled");
    if alias.is_none() && description.is_none() && enabled.is_none() {
        return None;
    }
    let mut o = Object::new();
    o.string(
        "name",
        Some(text(item, "name").as_deref().unwrap_or_default()),
    );
    o.string("alias", alias.as_deref());
    o.string("description", description.as_deref());
    o.boolean("enabled", enabled);
    Some(o.finish())
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
