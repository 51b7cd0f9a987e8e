//! Wire types of the MCP portals API, with the API's own field names.
//!
//! Lenient where the real API has deviated from its spec: a server entry without `server_id`
//! falls back to its `id`, the deprecated `description` of response overrides is kept, and
//! timestamps stay strings (a recorded response had `"2026-03-11 15:00:58"`). Unknown fields are
//! ignored and unknown enum values kept, as for servers. Request types serialize exactly the
//! fields that are set.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use tsify::Tsify;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::models::{
    never_in_body, string_enum, AccountParams, CapabilityOverride, McpServer, ResultInfo,
    ServerListParams,
};

string_enum! {
    /// A portal's Code Mode policy (it replaced the boolean `allow_code_mode`).
    CodeMode {
        /// Code Mode is unavailable; the `?codemode=` query is ignored.
        Off = "off",
        /// Off unless the client connects with `?codemode=search_and_execute` (the default).
        OptIn = "opt_in",
        /// On unless the client connects with `?codemode=off`.
        DefaultOn = "default_on",
        /// Always on; the query is ignored.
        Enforced = "enforced",
    }
}

impl CodeMode {
    /// What the deprecated `allow_code_mode` boolean means for this policy: any policy but `off`.
    pub fn allows_code(&self) -> bool {
        *self != Self::Off
    }
}

/// A portal's override of one tool or prompt, as responses show it: the portal's and the
/// server's settings side by side.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PortalOverride {
    /// Name of the upstream tool or prompt.
    pub name: String,
    /// Whether it is exposed through this portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub enabled: Option<bool>,
    /// Alias set on this portal (sent as `alias` in a portal create or update).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub portal_alias: Option<String>,
    /// Description set on this portal (sent as `description` in a portal create or update).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub portal_description: Option<String>,
    /// Alias set on the server resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub server_alias: Option<String>,
    /// Description set on the server resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub server_description: Option<String>,
    /// Deprecated: the effective description (portal level, else server level), which older
    /// responses carry instead of `portal_description` / `server_description`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub description: Option<String>,
}

/// A server as a portal returns it: the whole server plus the link's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PortalServer {
    /// The server, as the servers resource returns it. Its own `updated_tools` and
    /// `updated_prompts` are not read here: in a portal entry those keys hold the portal's
    /// overrides (the fields below), with the server-level values inside each item.
    #[serde(flatten)]
    pub server: McpServer,
    /// Id of the linked server. The real API has sent only `id`: in Rust, the `server_id()`
    /// method falls back to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub server_id: Option<String>,
    /// Whether this server's tools and prompts are hidden unless an override enables them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub default_disabled: Option<bool>,
    /// Whether each user authenticates to this server with their own OAuth (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub on_behalf: Option<bool>,
    /// Prompt overrides on this portal, with the server-level ones beside them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub updated_prompts: Option<Vec<PortalOverride>>,
    /// Tool overrides on this portal, with the server-level ones beside them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub updated_tools: Option<Vec<PortalOverride>>,
}

impl PortalServer {
    /// The linked server's id: `server_id`, or `id` when the API left `server_id` out.
    pub fn server_id(&self) -> &str {
        self.server_id.as_deref().unwrap_or(&self.server.id)
    }
}

/// A portal without its servers: every field but `servers`, which is what delete returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PortalSummary {
    /// Unique identifier (1–32 characters, lowercase letters, digits, `_`, single `-`).
    pub id: String,
    /// Bare host name the portal is served on; agents connect to `https://<hostname>/mcp`.
    pub hostname: String,
    /// Display name.
    pub name: String,
    /// Deprecated: whether Code Mode is allowed (`code_mode` other than `off`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub allow_code_mode: Option<bool>,
    /// Code Mode policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "CodeMode")]
    pub code_mode: Option<CodeMode>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub description: Option<String>,
    /// Whether outbound MCP traffic goes through Zero Trust Secure Web Gateway (this wins over
    /// the servers' own setting).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub secure_web_gateway: Option<bool>,
    /// When the portal was created (kept as the API wrote it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub created_at: Option<String>,
    /// Who created the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub created_by: Option<String>,
    /// When the portal was last modified (kept as the API wrote it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub modified_at: Option<String>,
    /// Who last modified the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub modified_by: Option<String>,
}

/// The official SDK's name for what delete returns: a portal without `servers`.
pub type PortalDeleteResponse = PortalSummary;

/// Parameters of a portal list: `page`, `per_page`, `search` (over id, name and hostname),
/// as for servers.
pub type PortalListParams = ServerListParams;

/// Parameters of a portal read or delete: the account, as for servers.
pub type PortalAccountParams = AccountParams;

/// An MCP portal, as create, read, update and list return it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct McpPortal {
    /// The portal's own fields.
    #[serde(flatten)]
    pub portal: PortalSummary,
    /// The linked servers, in the API's canonical order (not the order they were sent in).
    pub servers: Vec<PortalServer>,
}

/// One page of portals.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PortalListPage {
    /// The portals on this page.
    pub result: Vec<McpPortal>,
    /// Pagination details, when the API sends them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub result_info: Option<ResultInfo>,
}

/// A server to link in a portal create or update, with the portal's settings for it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct PortalServerLink {
    /// Id of an existing MCP server.
    pub server_id: String,
    /// Hide this server's tools and prompts unless an override here sets `enabled: true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub default_disabled: Option<bool>,
    /// Use each user's own OAuth credentials for this server (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub on_behalf: Option<bool>,
    /// Portal-level prompt overrides (`alias` comes back as `portal_alias`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub updated_prompts: Option<Vec<CapabilityOverride>>,
    /// Portal-level tool overrides (`alias` comes back as `portal_alias`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub updated_tools: Option<Vec<CapabilityOverride>>,
}

/// Parameters of a portal create.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct PortalCreateParams {
    /// Account to create the portal in; defaults to the client's `accountId`.
    #[serde(default, skip_serializing_if = "never_in_body")]
    #[tsify(optional)]
    pub account_id: Option<String>,
    /// Unique identifier: 1–32 characters, lowercase letters, digits, `_`, single `-` between them.
    pub id: String,
    /// Bare host name, like `mcp.example.com` (no scheme, path or port).
    pub hostname: String,
    /// Display name, at most 350 characters.
    pub name: String,
    /// Deprecated: send `code_mode` instead; when both are sent they must agree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub allow_code_mode: Option<bool>,
    /// Code Mode policy (the API defaults to `opt_in`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "KnownCodeMode")]
    pub code_mode: Option<CodeMode>,
    /// Description, at most 512 characters (not `null`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "not_null"
    )]
    #[tsify(optional)]
    pub description: Option<String>,
    /// Route outbound MCP traffic through Zero Trust Secure Web Gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub secure_web_gateway: Option<bool>,
    /// The servers to link, at most 40, each once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub servers: Option<Vec<PortalServerLink>>,
}

/// Parameters of a portal update. Only the fields you set are sent; `servers`, when sent,
/// replaces the whole mapping (start from `portal_to_update_params`). `id` cannot change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct PortalUpdateParams {
    /// Account of the portal; defaults to the client's `accountId`.
    #[serde(default, skip_serializing_if = "never_in_body")]
    #[tsify(optional)]
    pub account_id: Option<String>,
    /// Bare host name, like `mcp.example.com` (no scheme, path or port).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub hostname: Option<String>,
    /// Display name, at most 350 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub name: Option<String>,
    /// Deprecated: send `code_mode` instead; when both are sent they must agree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub allow_code_mode: Option<bool>,
    /// Code Mode policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "KnownCodeMode")]
    pub code_mode: Option<CodeMode>,
    /// Description, at most 512 characters (not `null`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "not_null"
    )]
    #[tsify(optional)]
    pub description: Option<String>,
    /// Route outbound MCP traffic through Zero Trust Secure Web Gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub secure_web_gateway: Option<bool>,
    /// The servers to link, at most 40, each once; replaces the current mapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub servers: Option<Vec<PortalServerLink>>,
}

/// A portal's description is a string or absent, never `null` (unlike a server's).
fn not_null<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        Some(text) => Ok(Some(text)),
        None => Err(serde::de::Error::custom(
            "description of a portal cannot be null: send a string, or leave it out",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_response_without_server_id_decodes_leniently() {
        // Shape of the cf-terraforming cassette: no server_id, deprecated description, odd dates.
        let portal: McpPortal = serde_json::from_str(
            r#"{"id":"p","hostname":"mcp.example.com","name":"P","created_at":"2026-03-11 15:00:58",
                "code_mode":"sometimes","servers":[{"id":"github","name":"GitHub","auth_type":"oauth",
                "hostname":"https://gh.example/mcp","tools":[],"prompts":[],"default_disabled":false,
                "updated_tools":[{"name":"list_issues","enabled":true,"description":"Issues"}]}]}"#,
        )
        .unwrap();
        assert_eq!(
            portal.portal.created_at.as_deref(),
            Some("2026-03-11 15:00:58")
        );
        assert_eq!(
            portal.portal.code_mode,
            Some(CodeMode::Other("sometimes".into()))
        );
        let entry = &portal.servers[0];
        assert_eq!(entry.server_id(), "github");
        let tools = entry.updated_tools.as_deref().unwrap();
        assert_eq!(tools[0].description.as_deref(), Some("Issues"));
        // The portal overrides are the entry's, not read as server-level ones.
        assert_eq!(entry.server.updated_tools, None);
        let back = serde_json::to_value(&portal).unwrap();
        assert_eq!(
            back["servers"][0]["updated_tools"][0]["description"],
            "Issues"
        );
        assert_eq!(back["servers"][0]["auth_type"], "oauth");
    }

    #[test]
    fn requests_carry_only_what_was_set_and_refuse_null_descriptions() {
        let params: PortalUpdateParams = serde_json::from_str(
            r#"{"servers":[{"server_id":"a","updated_tools":[{"name":"t","alias":"x"}]}]}"#,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_string(&params).unwrap(),
            r#"{"servers":[{"server_id":"a","updated_tools":[{"name":"t","alias":"x"}]}]}"#
        );
        let err = serde_json::from_str::<PortalUpdateParams>(r#"{"description":null}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("cannot be null"), "{err}");
        // The docs' example writes `id` in a link; the API wants `server_id`.
        let err = serde_json::from_str::<PortalUpdateParams>(r#"{"servers":[{"id":"a"}]}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("`id`"), "{err}");
        let err = serde_json::from_str::<PortalUpdateParams>(r#"{"id":"b"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("`id`"), "{err}");
    }

    #[test]
    fn code_mode_maps_onto_the_deprecated_boolean() {
        assert!(!CodeMode::Off.allows_code());
        for mode in ["opt_in", "default_on", "enforced"] {
            assert!(CodeMode::from(mode).allows_code(), "{mode}");
        }
        assert_eq!(CodeMode::KNOWN, ["off", "opt_in", "default_on", "enforced"]);
    }
}
