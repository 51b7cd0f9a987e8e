//! What an agent connected to a portal sees: the tools and prompts of its servers after
//! prefixing, aliases and enables. One pure function, shared by the emulator's portal endpoint
//! and (later) the admin page and the client.
//!
//! The rules (portals reference §6.4, §6.5): every capability is named `{server_id}_{name}`;
//! the name inside the prefix is the portal alias, else the server alias, else the upstream
//! name; the description likewise (portal, server, the deprecated effective `description`, then
//! upstream); `enabled: false` hides a capability; `default_disabled` on the link turns the
//! overrides into an allowlist (only `enabled: true` ones are shown).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;

use super::models::{McpPortal, PortalOverride, PortalServer};
use crate::models::JsonObject;
use crate::text::cat;

/// One tool or prompt as the portal exposes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct EffectiveCapability {
    /// The name agents see and call: `{server_id}_{alias or name}`.
    pub name: String,
    /// Description agents see, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub description: Option<String>,
    /// The server it comes from.
    pub server_id: String,
    /// Its name on that server, which a call is forwarded with.
    pub upstream_name: String,
    /// The upstream definition (input schema, arguments, …) with `name` and `description`
    /// replaced by what agents see.
    #[tsify(type = "{ [key: string]: unknown }")]
    pub definition: JsonObject,
}

/// Everything a portal exposes, in the order of its servers, then of each server's lists.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct EffectiveView {
    /// The tools agents can list and call.
    pub tools: Vec<EffectiveCapability>,
    /// The prompts agents can list and get.
    pub prompts: Vec<EffectiveCapability>,
}

impl EffectiveView {
    /// The exposed tool called `name`, if there is one.
    pub fn tool(&self, name: &str) -> Option<&EffectiveCapability> {
        self.tools.iter().find(|t| t.name == name)
    }

    /// The exposed prompt called `name`, if there is one.
    pub fn prompt(&self, name: &str) -> Option<&EffectiveCapability> {
        self.prompts.iter().find(|p| p.name == name)
    }
}

/// The tools and prompts an agent sees through `portal`, from its servers' last sync.
pub fn effective_view(portal: &McpPortal) -> EffectiveView {
    let mut view = EffectiveView::default();
    for entry in &portal.servers {
        let tools = entry.updated_tools.as_deref().unwrap_or_default();
        let prompts = entry.updated_prompts.as_deref().unwrap_or_default();
        expose(entry, &entry.server.tools, tools, &mut view.tools);
        expose(entry, &entry.server.prompts, prompts, &mut view.prompts);
    }
    view
}

fn expose(
    entry: &PortalServer,
    upstream: &[JsonObject],
    overrides: &[PortalOverride],
    out: &mut Vec<EffectiveCapability>,
) {
    let shown_by_default = !entry.default_disabled.unwrap_or(false);
    let server_id = entry.server_id();
    for definition in upstream {
        let Some(name) = definition.get("name").and_then(Value::as_str) else {
            continue;
        };
        let item = overrides.iter().find(|o| o.name == name);
        if !item.and_then(|o| o.enabled).unwrap_or(shown_by_default) {
            continue;
        }
        let alias = item.and_then(|o| o.portal_alias.as_deref().or(o.server_alias.as_deref()));
        let description = item
            .and_then(|o| {
                o.portal_description
                    .as_ref()
                    .or(o.server_description.as_ref())
                    .or(o.description.as_ref())
            })
            .cloned()
            .or_else(|| {
                definition
                    .get("description")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            });
        let exposed = cat!(server_id, "_", alias.unwrap_or(name));
        let mut shown = definition.clone();
        shown.insert("name".into(), Value::String(exposed.clone()));
        if let Some(text) = &description {
            shown.insert("description".into(), Value::String(text.clone()));
        }
        out.push(EffectiveCapability {
            name: exposed,
            description,
            server_id: server_id.to_owned(),
            upstream_name: name.to_owned(),
            definition: shown,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn portal(json: Value) -> McpPortal {
        serde_json::from_value(json).unwrap()
    }

    fn names(list: &[EffectiveCapability]) -> Vec<&str> {
        list.iter().map(|c| c.name.as_str()).collect()
    }

    fn server(id: &str, tools: &[&str], extra: Value) -> Value {
        let mut entry = serde_json::json!({
            "id": id, "name": id, "auth_type": "unauthenticated", "hostname": "https://x/mcp",
            "tools": tools.iter().map(|t| serde_json::json!({
                "name": t, "description": cat!("upstream ", t), "inputSchema": {"type": "object"}
            })).collect::<Vec<_>>(),
            "prompts": [{"name": "summarize", "arguments": [{"name": "text"}]}],
        });
        if let (Some(map), Value::Object(more)) = (entry.as_object_mut(), extra) {
            map.extend(more);
        }
        entry
    }

    #[test]
    fn names_are_prefixed_and_aliases_follow_portal_then_server_then_upstream() {
        let view = effective_view(&portal(serde_json::json!({
            "id": "p", "name": "P", "hostname": "p.example.com",
            "servers": [server("github", &["list_issues", "create_issue", "search"], serde_json::json!({
                "server_id": "github",
                "updated_tools": [
                    {"name": "list_issues", "portal_alias": "issues", "server_alias": "ignored",
                     "portal_description": "Open issues", "server_description": "ignored too"},
                    {"name": "create_issue", "server_alias": "new_issue", "server_description": "File one"},
                ],
            }))],
        })));
        assert_eq!(
            names(&view.tools),
            ["github_issues", "github_new_issue", "github_search"]
        );
        let described: Vec<_> = view
            .tools
            .iter()
            .map(|t| t.description.as_deref())
            .collect();
        assert_eq!(
            described,
            [
                Some("Open issues"),
                Some("File one"),
                Some("upstream search")
            ]
        );
        let issues = view.tool("github_issues").unwrap();
        assert_eq!(issues.upstream_name, "list_issues");
        assert_eq!(issues.definition["name"], "github_issues");
        assert_eq!(issues.definition["description"], "Open issues");
        assert_eq!(issues.definition["inputSchema"]["type"], "object");
        assert_eq!(names(&view.prompts), ["github_summarize"]);
        assert_eq!(view.prompt("github_summarize").unwrap().description, None);
        assert!(view.tool("list_issues").is_none());
    }

    #[test]
    fn disabled_capabilities_are_hidden_and_default_disabled_is_an_allowlist() {
        let view = effective_view(&portal(serde_json::json!({
            "id": "p", "name": "P", "hostname": "p.example.com",
            "servers": [
                server("a", &["one", "two"], serde_json::json!({
                    "updated_tools": [{"name": "two", "enabled": false}],
                })),
                // The real API has sent entries without server_id: `id` names the prefix.
                server("b", &["one", "two", "three"], serde_json::json!({
                    "default_disabled": true,
                    "updated_tools": [{"name": "three", "enabled": true}, {"name": "one", "portal_alias": "uno"}],
                    "updated_prompts": [{"name": "summarize", "enabled": true, "description": "Old style"}],
                })),
            ],
        })));
        assert_eq!(names(&view.tools), ["a_one", "b_three"]);
        assert_eq!(names(&view.prompts), ["a_summarize", "b_summarize"]);
        assert_eq!(
            view.prompt("b_summarize").unwrap().description.as_deref(),
            Some("Old style")
        );
    }

    #[test]
    fn a_portal_without_servers_or_synced_capabilities_shows_nothing() {
        let view = effective_view(&portal(serde_json::json!({
            "id": "p", "name": "P", "hostname": "p.example.com", "servers": [
                {"id": "w", "name": "W", "auth_type": "oauth", "hostname": "https://w/mcp",
                 "tools": [{"title": "nameless"}], "prompts": []}
            ],
        })));
        assert_eq!(view, EffectiveView::default());
    }
}
