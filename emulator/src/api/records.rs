//! Turning requests into stored records: the fields the server computes.

use cf_mcp_servers::models::{
    AuthConfigSummary, AuthConfigSummaryConfig, AuthConfigSummaryRegistrationInfo, AuthMode,
    AuthType, AuthenticationStatus, McpServer, ServerCreateParams, ServerStatus,
    ServerUpdateParams,
};
use serde_json::Value;

use crate::store::Record;

/// A new server as the API returns it right after create: `waiting` until its first sync.
pub fn new_record(params: ServerCreateParams, actor: &str, now: &str) -> Record {
    let oauth = params.auth_type == AuthType::Oauth;
    let mut record = Record {
        server: McpServer {
            id: params.id,
            auth_type: params.auth_type,
            hostname: params.hostname,
            name: params.name,
            prompts: Vec::new(),
            tools: Vec::new(),
            auth_config_summary: None,
            authentication_status: Some(if oauth {
                AuthenticationStatus::Required
            } else {
                AuthenticationStatus::NotRequired
            }),
            created_at: Some(now.to_owned()),
            created_by: Some(actor.to_owned()),
            description: params.description,
            error: None,
            error_details: None,
            is_shared_oauth_callback_enabled: Some(
                params.is_shared_oauth_callback_enabled.unwrap_or(false),
            ),
            last_successful_sync: None,
            last_synced: None,
            modified_at: Some(now.to_owned()),
            modified_by: Some(actor.to_owned()),
            secure_web_gateway: Some(params.secure_web_gateway.unwrap_or(false)),
            status: Some(ServerStatus::Waiting),
            updated_prompts: params.updated_prompts,
            updated_tools: params.updated_tools,
        },
        auth_credentials: params.auth_credentials,
        client_secret: params.client_secret,
    };
    refresh_auth_summary(&mut record, None);
    record
}

/// Applies an update: fields left out keep their value; `description: null` clears it.
pub fn apply_update(record: &mut Record, params: ServerUpdateParams, actor: &str, now: &str) {
    let server = &mut record.server;
    if let Some(name) = params.name {
        server.name = name;
    }
    if params.description.is_some() {
        server.description = params.description;
    }
    if let Some(value) = params.is_shared_oauth_callback_enabled {
        server.is_shared_oauth_callback_enabled = Some(value);
    }
    if let Some(value) = params.secure_web_gateway {
        server.secure_web_gateway = Some(value);
    }
    if params.updated_tools.is_some() {
        server.updated_tools = params.updated_tools;
    }
    if params.updated_prompts.is_some() {
        server.updated_prompts = params.updated_prompts;
    }
    if params.auth_credentials.is_some() {
        record.auth_credentials = params.auth_credentials;
    }
    let previous_version = record
        .server
        .auth_config_summary
        .as_ref()
        .and_then(|s| s.client_secret_version);
    let secret_changed = params.client_secret.is_some();
    if secret_changed {
        record.client_secret = params.client_secret;
    }
    record.server.modified_at = Some(now.to_owned());
    record.server.modified_by = Some(actor.to_owned());
    let version = match (secret_changed, previous_version) {
        (true, Some(v)) => Some(v + 1.0),
        (_, v) => v,
    };
    refresh_auth_summary(record, version);
}

/// For oauth servers, the safe subset of the OAuth configuration; never the secret itself.
fn refresh_auth_summary(record: &mut Record, secret_version: Option<f64>) {
    if record.server.auth_type != AuthType::Oauth {
        record.server.auth_config_summary = None;
        return;
    }
    // auth_credentials of an oauth server may be a JSON object ({"auth_mode": "manual", "client_id": …}).
    let config: Option<Value> = record
        .auth_credentials
        .as_deref()
        .and_then(|c| serde_json::from_str(c).ok());
    let text = |key: &str| {
        config
            .as_ref()
            .and_then(|c| c.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let has_secret = record.client_secret.is_some();
    let auth_mode = match text("auth_mode") {
        Some(mode) => AuthMode::from(mode.as_str()),
        None if has_secret => AuthMode::Manual,
        None => AuthMode::Dcr,
    };
    let registration_info = text("client_id").map(|client_id| AuthConfigSummaryRegistrationInfo {
        client_id: Some(client_id),
        scope: text("scope"),
        ..Default::default()
    });
    record.server.auth_config_summary = Some(AuthConfigSummary {
        auth_mode: Some(auth_mode),
        client_secret_version: has_secret.then_some(secret_version.unwrap_or(1.0)),
        config: Some(AuthConfigSummaryConfig {
            resource: Some(record.server.hostname.clone()),
            ..Default::default()
        }),
        has_client_secret: Some(has_secret),
        registration_info,
    });
}
