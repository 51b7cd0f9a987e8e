//! Wire types of the MCP servers API, with the API's own field names.
//!
//! Responses decode leniently (unknown fields are ignored, unknown enum values are kept as
//! strings) and strictly where the API promises a field (a missing `id` is an error). Request
//! parameter types serialize exactly the fields that are set, so the JSON on the wire is what the
//! caller wrote, as with the official SDK.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use tsify::Tsify;
use wasm_bindgen::prelude::wasm_bindgen;

/// A free-form JSON object, as the API returns for tools and prompts.
pub type JsonObject = Map<String, Value>;

/// A string enum of the API. Rust keeps unknown values as `Other`; TypeScript gets the open
/// `Name` (known values offered by editors, any string accepted, so a value the API adds later
/// breaks no caller) and the closed `KnownName` that parameters use.
macro_rules! string_enum {
    ($(#[doc = $doc:literal])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version of the client does not know; kept so nothing is lost.
            Other(String),
        }

        impl $name {
            /// Every value the API documents, in its order.
            pub const KNOWN: &'static [&'static str] = &[$($wire),+];

            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Other(other) => other,
                }
            }

            /// Whether this is one of the documented values.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Other(_))
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)+
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }

        #[wasm_bindgen(typescript_custom_section)]
        const _: &str = concat!(
            "\n/**", $($doc, "\n",)* " */\nexport type ", stringify!($name), " = Known",
            stringify!($name), " | (string & {});\n/** The values of `", stringify!($name),
            "` this version knows: what parameters accept. */\nexport type Known",
            stringify!($name), " =", $(" | '", $wire, "'",)+ ";\n"
        );
    };
}
pub(crate) use string_enum;

string_enum! {
    /// How the gateway authenticates to the upstream MCP server.
    AuthType {
        /// OAuth, with an administrator authenticating in the dashboard.
        Oauth = "oauth",
        /// A static bearer token or static headers (`auth_credentials`).
        Bearer = "bearer",
        /// No authentication.
        Unauthenticated = "unauthenticated",
    }
}

string_enum! {
    /// Current sync state of a server.
    ServerStatus {
        /// Capabilities are being synchronized (the state of a new server).
        Waiting = "waiting",
        /// Synced; tools and prompts are available.
        Ready = "ready",
        /// OAuth credentials can no longer be refreshed; sync again after authenticating.
        Stale = "stale",
        /// The server was unreachable or answered with an error; see `error_details`.
        Error = "error",
    }
}

string_enum! {
    /// Whether administrative authentication is required before capabilities can be synced.
    AuthenticationStatus {
        /// The server needs no administrative authentication.
        NotRequired = "not_required",
        /// An administrator must authenticate before a sync can succeed.
        Required = "required",
        /// An administrator has authenticated.
        Connected = "connected",
        /// The stored authentication expired.
        Stale = "stale",
        /// Manual OAuth, managed by the user.
        Manual = "manual",
    }
}

string_enum! {
    /// How OAuth client credentials were obtained.
    AuthMode {
        /// Dynamic client registration.
        Dcr = "dcr",
        /// A pre-registered client with a `client_secret`.
        Manual = "manual",
    }
}

/// An override of one upstream tool or prompt: a new name, description, or hiding it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct CapabilityOverride {
    /// Name of the upstream tool or prompt this override applies to.
    pub name: String,
    /// Name to expose instead: 1–40 letters or digits, with single `-` or `_` between them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub alias: Option<String>,
    /// Description to expose instead of the upstream one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub description: Option<String>,
    /// Whether the capability is exposed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub enabled: Option<bool>,
}

/// Why the last sync failed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct ErrorDetails {
    /// Underlying error message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub cause: Option<String>,
    /// True when the MCP server answered with an error; false when it could not be reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub is_upstream: Option<bool>,
    /// MCP (JSON-RPC) error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub mcp_code: Option<f64>,
    /// Whether the error is transient and worth retrying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub retryable: Option<bool>,
    /// HTTP status code from the MCP server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub status_code: Option<f64>,
}

/// OAuth endpoints discovered for the server.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct AuthConfigSummaryConfig {
    /// OAuth authorization endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub authorization_endpoint: Option<String>,
    /// OAuth issuer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub issuer: Option<String>,
    /// Protected resource identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub resource: Option<String>,
    /// Token revocation endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub revocation_endpoint: Option<String>,
    /// Token endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub token_endpoint: Option<String>,
}

/// The OAuth client registration in use.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct AuthConfigSummaryRegistrationInfo {
    /// OAuth client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub client_id: Option<String>,
    /// Registered redirect URIs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub redirect_uris: Option<Vec<String>>,
    /// Requested scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub scope: Option<String>,
    /// How the client authenticates at the token endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub token_endpoint_auth_method: Option<String>,
}

/// The safe subset of a server's OAuth configuration; never includes the secret.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct AuthConfigSummary {
    /// Dynamic registration or a pre-registered client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "AuthMode")]
    pub auth_mode: Option<AuthMode>,
    /// Version of the stored client secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub client_secret_version: Option<f64>,
    /// OAuth endpoints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub config: Option<AuthConfigSummaryConfig>,
    /// Whether a client secret is stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub has_client_secret: Option<bool>,
    /// The client registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub registration_info: Option<AuthConfigSummaryRegistrationInfo>,
}

/// An MCP server registered with Cloudflare Zero Trust Access AI Controls.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct McpServer {
    /// Unique identifier (1–32 characters, lowercase letters, digits, `_`, single `-`).
    pub id: String,
    /// How the gateway authenticates upstream.
    #[tsify(type = "AuthType")]
    pub auth_type: AuthType,
    /// Full URL of the upstream MCP endpoint, e.g. `https://example.com/mcp`.
    pub hostname: String,
    /// Display name.
    pub name: String,
    /// Prompts discovered at the last sync.
    #[tsify(type = "Array<{ [key: string]: unknown }>")]
    pub prompts: Vec<JsonObject>,
    /// Tools discovered at the last sync.
    #[tsify(type = "Array<{ [key: string]: unknown }>")]
    pub tools: Vec<JsonObject>,
    /// The safe subset of the OAuth configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub auth_config_summary: Option<AuthConfigSummary>,
    /// Whether an administrator must authenticate before a sync can succeed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "AuthenticationStatus")]
    pub authentication_status: Option<AuthenticationStatus>,
    /// When the server was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub created_at: Option<String>,
    /// Who created the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub created_by: Option<String>,
    /// Description; `null` when cleared.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]
    #[tsify(optional, type = "string | null")]
    pub description: Option<Option<String>>,
    /// Text of the last sync error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub error: Option<String>,
    /// Structured detail of the last sync error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub error_details: Option<ErrorDetails>,
    /// Whether the shared OAuth callback URL is used for this server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub is_shared_oauth_callback_enabled: Option<bool>,
    /// When the last successful sync finished (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub last_successful_sync: Option<String>,
    /// When the last sync finished, successful or not (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub last_synced: Option<String>,
    /// When the server was last modified (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub modified_at: Option<String>,
    /// Who last modified the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub modified_by: Option<String>,
    /// Whether outbound traffic goes through Zero Trust Secure Web Gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub secure_web_gateway: Option<bool>,
    /// Current sync state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "ServerStatus")]
    pub status: Option<ServerStatus>,
    /// Server-wide prompt overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub updated_prompts: Option<Vec<CapabilityOverride>>,
    /// Server-wide tool overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub updated_tools: Option<Vec<CapabilityOverride>>,
}

/// The outcome of a sync. An unreachable or failing upstream is reported here
/// (`status: "error"` with `error_details`), not as a failed request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct SyncResult {
    /// Error text when the sync failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub error: Option<String>,
    /// Structured detail when the sync failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub error_details: Option<ErrorDetails>,
    /// Sync state after the sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "ServerStatus")]
    pub status: Option<ServerStatus>,
}

/// Pagination details of a list response, when the API sends them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct ResultInfo {
    /// The page number of this page (from 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub page: Option<u32>,
    /// The page size the API applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub per_page: Option<u32>,
    /// Number of items on this page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub count: Option<u32>,
    /// Number of items on all pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub total_count: Option<u32>,
    /// Number of pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub total_pages: Option<u32>,
}

/// One page of servers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct ServerListPage {
    /// The servers on this page.
    pub result: Vec<McpServer>,
    /// Pagination details, when the API sends them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub result_info: Option<ResultInfo>,
}

/// Parameters of `list`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct ServerListParams {
    /// Account to list; defaults to the client's `accountId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub account_id: Option<String>,
    /// Page number, from 1 (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub page: Option<u32>,
    /// Servers per page, 1–100 (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub per_page: Option<u32>,
    /// Only servers whose id or name contains this text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub search: Option<String>,
}

/// Parameters of `create`: the new server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct ServerCreateParams {
    /// Account to create the server in; defaults to the client's `accountId`.
    #[serde(default, skip_serializing_if = "never_in_body")]
    #[tsify(optional)]
    pub account_id: Option<String>,
    /// Unique identifier: 1–32 characters, lowercase letters, digits, `_`, single `-` between them.
    pub id: String,
    /// Display name, at most 350 characters.
    pub name: String,
    /// Full URL of the upstream MCP endpoint, e.g. `https://example.com/mcp`.
    pub hostname: String,
    /// How the gateway authenticates upstream.
    #[tsify(type = "KnownAuthType")]
    pub auth_type: AuthType,
    /// For `bearer`: a token, or a JSON string `{"headers": {...}}` of static headers. Never returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub auth_credentials: Option<String>,
    /// Pre-registered OAuth client secret (manual OAuth). Write-only: never returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub client_secret: Option<String>,
    /// Description, at most 512 characters, or `null`.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]
    #[tsify(optional, type = "string | null")]
    pub description: Option<Option<String>>,
    /// Use the shared OAuth callback URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub is_shared_oauth_callback_enabled: Option<bool>,
    /// Route outbound traffic through Zero Trust Secure Web Gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub secure_web_gateway: Option<bool>,
    /// Server-wide prompt overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub updated_prompts: Option<Vec<CapabilityOverride>>,
    /// Server-wide tool overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub updated_tools: Option<Vec<CapabilityOverride>>,
}

/// Parameters of `update`. Only the fields you set are sent; `id`, `hostname` and `auth_type`
/// cannot change (delete and re-create the server instead).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct ServerUpdateParams {
    /// Account of the server; defaults to the client's `accountId`.
    #[serde(default, skip_serializing_if = "never_in_body")]
    #[tsify(optional)]
    pub account_id: Option<String>,
    /// For `bearer`: a token, or a JSON string `{"headers": {...}}` of static headers. Never returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub auth_credentials: Option<String>,
    /// Pre-registered OAuth client secret (manual OAuth). Write-only: never returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub client_secret: Option<String>,
    /// Description, at most 512 characters; `null` clears it.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]
    #[tsify(optional, type = "string | null")]
    pub description: Option<Option<String>>,
    /// Use the shared OAuth callback URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub is_shared_oauth_callback_enabled: Option<bool>,
    /// Display name, at most 350 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub name: Option<String>,
    /// Route outbound traffic through Zero Trust Secure Web Gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub secure_web_gateway: Option<bool>,
    /// Server-wide prompt overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub updated_prompts: Option<Vec<CapabilityOverride>>,
    /// Server-wide tool overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub updated_tools: Option<Vec<CapabilityOverride>>,
}

/// Parameters of `read`, `delete` and `sync`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct AccountParams {
    /// Account of the server; defaults to the client's `accountId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub account_id: Option<String>,
}

#[wasm_bindgen(typescript_custom_section)]
const SDK_ALIASES: &str = r#"
/** The official SDK's names for the same types, so code moves over unchanged. */
export type ServerListResponse = McpServer;
export type ServerCreateResponse = McpServer;
export type ServerReadResponse = McpServer;
export type ServerUpdateResponse = McpServer;
export type ServerDeleteResponse = McpServer;
export type ServerSyncResponse = SyncResult;
export type UpdatedTool = CapabilityOverride;
export type UpdatedPrompt = CapabilityOverride;
export type ServerReadParams = AccountParams;
export type ServerDeleteParams = AccountParams;
export type ServerSyncParams = AccountParams;
"#;

/// The account goes in the URL path, never in the JSON body.
pub(crate) fn never_in_body(_: &Option<String>) -> bool {
    true
}

/// `Option<Option<T>>` that tells an absent field (`None`) from an explicit `null` (`Some(None)`).
mod nullable {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_enum_values_and_fields_survive_decoding() {
        let server: McpServer = serde_json::from_str(
            r#"{"id":"a","auth_type":"mtls","hostname":"https://x/mcp","name":"A",
                "tools":[{"name":"t","inputSchema":{"type":"object"}}],"prompts":[],
                "status":"paused","brand_new_field":42}"#,
        )
        .unwrap();
        assert_eq!(server.auth_type, AuthType::Other("mtls".into()));
        assert_eq!(server.status, Some(ServerStatus::Other("paused".into())));
        let back = serde_json::to_value(&server).unwrap();
        assert_eq!(back["status"], "paused");
        assert_eq!(back["tools"][0]["inputSchema"]["type"], "object");
    }

    #[test]
    fn description_null_is_kept_apart_from_absent() {
        let cleared: ServerUpdateParams = serde_json::from_str(r#"{"description":null}"#).unwrap();
        assert_eq!(cleared.description, Some(None));
        assert_eq!(
            serde_json::to_string(&cleared).unwrap(),
            r#"{"description":null}"#
        );
        let untouched: ServerUpdateParams = serde_json::from_str("{}").unwrap();
        assert_eq!(serde_json::to_string(&untouched).unwrap(), "{}");
    }

    #[test]
    fn account_id_never_goes_into_the_body() {
        let params = ServerUpdateParams {
            account_id: Some("acc".into()),
            name: Some("n".into()),
            ..Default::default()
        };
        assert_eq!(serde_json::to_string(&params).unwrap(), r#"{"name":"n"}"#);
    }

    #[test]
    fn update_refuses_immutable_fields() {
        let err = serde_json::from_str::<ServerUpdateParams>(r#"{"hostname":"https://x"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("hostname"), "{err}");
    }
}
