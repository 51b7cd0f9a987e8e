//! What an agent connected to a portal sees: the tools and prompts of its servers after
//! prefixing, aliases and enables. One pure function ([`exposed`], over any [`Json`]), shared
//! by the emulator's portal endpoint ([`effective_view`]) and JavaScript's `effectivePortalView`
//! (which the admin page shows).
//!
//! The rules (portals reference §6.4, §6.5): every capability is named `{server_id}_{name}`;
//! the name inside the prefix is the portal alias, else the server alias, else the upstream
//! name; the description likewise (portal, server, the deprecated effective `description`, then
//! upstream); `enabled: false` hides a capability; `default_disabled` on the link turns the
//! overrides into an allowlist (only `enabled: true` ones are shown).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;

use super::models::McpPortal;
use crate::json::Json;
use crate::models::JsonObject;
use crate::text::cat;

/// One tool or prompt as the portal exposes it (`PortalCapability` in TypeScript, as
/// `EffectiveCapability` there is the catalogue review's).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PortalCapability {
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

/// The name the emulator and earlier code use.
pub type EffectiveCapability = PortalCapability;

/// Everything a portal exposes, in the order of its servers, then of each server's lists.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct EffectiveView {
    /// The tools agents can list and call.
    pub tools: Vec<PortalCapability>,
    /// The prompts agents can list and get.
    pub prompts: Vec<PortalCapability>,
}

impl EffectiveView {
    /// The exposed tool called `name`, if there is one.
    pub fn tool(&self, name: &str) -> Option<&PortalCapability> {
        self.tools.iter().find(|t| t.name == name)
    }

    /// The exposed prompt called `name`, if there is one.
    pub fn prompt(&self, name: &str) -> Option<&PortalCapability> {
        self.prompts.iter().find(|p| p.name == name)
    }
}

/// One capability a portal exposes, over any [`Json`]: what agents see, and the upstream
/// definition as the server synced it (the caller writes `name` and `description` into a copy).
#[derive(Clone, Debug, PartialEq)]
pub struct Exposed<J> {
    /// The name agents see and call.
    pub name: String,
    /// The description agents see, if any.
    pub description: Option<String>,
    /// The server it comes from.
    pub server_id: String,
    /// Its name on that server.
    pub upstream_name: String,
    /// The upstream definition, unchanged.
    pub upstream: J,
}

/// What a portal exposes, over any [`Json`]: the one implementation of the rules, which
/// [`effective_view`] (the emulator's gateway) and `effectivePortalView` (JavaScript) use.
pub fn exposed<J: Json>(portal: &J) -> (Vec<Exposed<J>>, Vec<Exposed<J>>) {
    let (mut tools, mut prompts) = (Vec::new(), Vec::new());
    for entry in portal
        .get("servers")
        .and_then(|s| s.items())
        .unwrap_or_default()
    {
        expose(&entry, "tools", "updated_tools", &mut tools);
        expose(&entry, "prompts", "updated_prompts", &mut prompts);
    }
    (tools, prompts)
}

/// The tools and prompts an agent sees through `portal`, from its servers' last sync.
pub fn effective_view(portal: &McpPortal) -> EffectiveView {
    let (tools, prompts) = serde_json::to_value(portal)
        .map(|value| exposed(&value))
        .unwrap_or_default();
    let typed = |list: Vec<Exposed<Value>>| -> Vec<PortalCapability> {
        list.into_iter()
            .map(|item| {
                let mut definition = match item.upstream {
                    Value::Object(map) => map,
                    _ => JsonObject::new(),
                };
                definition.insert("name".into(), Value::String(item.name.clone()));
                if let Some(text) = &item.description {
                    definition.insert("description".into(), Value::String(text.clone()));
                }
                PortalCapability {
                    name: item.name,
                    description: item.description,
                    server_id: item.server_id,
                    upstream_name: item.upstream_name,
                    definition,
                }
            })
            .collect()
    };
    EffectiveView {
        tools: typed(tools),
        prompts: typed(prompts),
    }
}

fn text<J: Json>(value: &J, key: &'static str) -> Option<String> {
    value.get(key).and_then(|v| v.as_string())
}

fn expose<J: Json>(
    entry: &J,
    list: &'static str,
    overrides_key: &'static str,
    out: &mut Vec<Exposed<J>>,
) {
    let shown_by_default = !entry
        .get("default_disabled")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    // The real API has sent entries without `server_id`: `id` names the prefix then.
    let Some(server_id) = text(entry, "server_id").or_else(|| text(entry, "id")) else {
        return;
    };
    let overrides = entry
        .get(overrides_key)
        .and_then(|o| o.items())
        .unwrap_or_default();
    for definition in entry.get(list).and_then(|l| l.items()).unwrap_or_default() {
        let Some(name) = text(&definition, "name") else {
            continue;
        };
        let item = overrides
            .iter()
            .find(|o| text(*o, "name").as_deref() == Some(name.as_str()));
        let enabled = item
            .and_then(|o| o.get("enabled"))
            .and_then(|e| e.as_bool());
        if !enabled.unwrap_or(shown_by_default) {
            continue;
        }
        let first =
            |keys: &[&'static str]| item.and_then(|o| keys.iter().find_map(|key| text(o, key)));
        let alias = first(&["portal_alias", "server_alias"]);
        let description = first(&["portal_description", "server_description", "description"])
            .or_else(|| text(&definition, "description"));
        out.push(Exposed {
            name: cat!(server_id, "_", alias.as_deref().unwrap_or(&name)),
            description,
            server_id: server_id.clone(),
            upstream_name: name,
            upstream: definition,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn portal(json: Value) -> McpPortal {
        serde_json::from_value(json).unwrap()
    }

    fn names(list: &[PortalCapability]) -> Vec<&str> {
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
