//! Each portal as a real MCP endpoint at `/portals/{id}/mcp` (Streamable HTTP, stateless, by
//! rmcp's server side): the tools and prompts of the portal's servers from their last sync, as
//! `cf_mcp_servers::portals::effective_view` says an agent sees them, with `tools/call` and
//! `prompts/get` forwarded to the upstream server with that server's credentials.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use cf_mcp_servers::models::AuthType;
use cf_mcp_servers::portals::{effective_view, EffectiveCapability, EffectiveView};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, GetPromptRequestParams, GetPromptResponse,
    Implementation, ListPromptsResult, ListToolsResult, PaginatedRequestParams, Prompt,
    ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::{RequestContext, ServiceError};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{ErrorData, RoleServer, ServerHandler};
use serde_json::{json, Value};

use crate::api::portal_records::portal_as_read;
use crate::state::AppState;
use crate::sync::{self, Failure, Upstream};

/// `/portals/{id}/mcp` (any method): the token check, the portal lookup, then rmcp.
/// `?account_id=` picks the account when two accounts have a portal of that id.
pub async fn serve(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    request: Request,
) -> Response {
    if let Some(expected) = state.token.as_deref() {
        let given = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or(v.strip_prefix("bearer ")))
            .map(str::trim);
        if given != Some(expected) {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer realm=\"cf-mcp-emulator\"")],
                "Unauthorized: send `Authorization: Bearer <token>` with the emulator's --token",
            )
                .into_response();
        }
    }
    let wanted = query.get("account_id").cloned();
    let accounts: Vec<String> = state
        .store
        .read(|data| {
            data.portals
                .iter()
                .filter(|(account, portals)| {
                    portals.contains_key(&id) && wanted.as_ref().is_none_or(|w| w == *account)
                })
                .map(|(account, _)| account.clone())
                .collect()
        })
        .await;
    let account_id = match accounts.as_slice() {
        [one] => one.clone(),
        [] => {
            return (
                StatusCode::NOT_FOUND,
                format!("No MCP portal with id \"{id}\""),
            )
                .into_response()
        }
        _ => {
            return (
                StatusCode::CONFLICT,
                format!(
                    "Several accounts have a portal \"{id}\": add ?account_id=<account> to the URL"
                ),
            )
                .into_response()
        }
    };
    let gateway = Gateway {
        state,
        account_id,
        portal_id: id,
    };
    // Stateless: every request is answered from the store as it is now, so an edit of the
    // portal shows on the agent's next list.
    let config = StreamableHttpServerConfig::default()
        .with_legacy_session_mode(false)
        .with_json_response(true);
    let service = StreamableHttpService::new(
        move || Ok(gateway.clone()),
        Arc::new(LocalSessionManager::default()),
        config,
    );
    service.handle(request).await.map(Body::new)
}

#[derive(Clone)]
struct Gateway {
    state: Arc<AppState>,
    account_id: String,
    portal_id: String,
}

/// Where a call goes: the upstream's URL and the credentials to send.
struct Target {
    hostname: String,
    auth_type: AuthType,
    credentials: Option<String>,
}

impl Gateway {
    async fn view(&self) -> Result<EffectiveView, ErrorData> {
        self.state
            .store
            .read(|data| {
                let record = data.portals.get(&self.account_id)?.get(&self.portal_id)?;
                Some(effective_view(&portal_as_read(
                    record,
                    data.accounts.get(&self.account_id),
                )))
            })
            .await
            .ok_or_else(|| {
                ErrorData::invalid_request(
                    format!("portal \"{}\" no longer exists", self.portal_id),
                    None,
                )
            })
    }

    /// The exposed capability called `name`, or an error naming it.
    async fn find(
        &self,
        kind: &str,
        name: &str,
        pick: impl Fn(&EffectiveView, &str) -> Option<EffectiveCapability>,
    ) -> Result<EffectiveCapability, ErrorData> {
        let view = self.view().await?;
        pick(&view, name).ok_or_else(|| {
            ErrorData::invalid_params(
                format!(
                    "unknown {kind} \"{name}\": portal \"{}\" does not expose it (no server has it, or the portal's overrides hide it)",
                    self.portal_id
                ),
                Some(json!({ "name": name })),
            )
        })
    }

    async fn connect(&self, server_id: &str) -> Result<Upstream, ErrorData> {
        let target = self
            .state
            .store
            .read(|data| {
                let record = data.accounts.get(&self.account_id)?.get(server_id)?;
                Some(Target {
                    hostname: record.server.hostname.clone(),
                    auth_type: record.server.auth_type.clone(),
                    credentials: record.auth_credentials.clone(),
                })
            })
            .await
            .ok_or_else(|| upstream_failed(server_id, "it no longer exists"))?;
        if target.auth_type == AuthType::Oauth {
            return Err(failed(server_id, &sync::oauth_not_authenticated()));
        }
        let bearer = (target.auth_type == AuthType::Bearer)
            .then_some(target.credentials)
            .flatten();
        sync::connect(&target.hostname, bearer.as_deref(), self.state.sync_timeout)
            .await
            .map_err(|failure| failed(server_id, &failure))
    }

    /// Runs `call` on a fresh session with the capability's server, within the sync timeout.
    async fn forward<T, F>(
        &self,
        target: &EffectiveCapability,
        during: &str,
        call: impl FnOnce(Upstream) -> F,
    ) -> Result<T, ErrorData>
    where
        F: std::future::Future<Output = (Upstream, Result<T, ServiceError>)>,
    {
        let server_id = &target.server_id;
        let work = async {
            let upstream = self.connect(server_id).await?;
            let (upstream, result) = call(upstream).await;
            // Closing is best effort: the answer is already in hand.
            let _ = upstream.cancel().await;
            result.map_err(|error| match error {
                // The upstream's own answer keeps its code; the message says whose it is.
                ServiceError::McpError(data) => ErrorData::new(
                    data.code,
                    format!("MCP server \"{server_id}\": {}", data.message),
                    data.data,
                ),
                other => failed(server_id, &sync::classify_service(&other, during)),
            })
        };
        match tokio::time::timeout(self.state.sync_timeout, work).await {
            Ok(result) => result,
            Err(_) => Err(upstream_failed(server_id, "it did not answer in time")),
        }
    }
}

fn upstream_failed(server_id: &str, why: &str) -> ErrorData {
    ErrorData::internal_error(
        format!("MCP server \"{server_id}\" failed: {why}"),
        Some(json!({ "server_id": server_id })),
    )
}

fn failed(server_id: &str, failure: &Failure) -> ErrorData {
    upstream_failed(server_id, &failure.error)
}

fn definitions<T: serde::de::DeserializeOwned>(items: &[EffectiveCapability]) -> Vec<T> {
    items
        .iter()
        .filter_map(|item| serde_json::from_value(Value::Object(item.definition.clone())).ok())
        .collect()
}

impl ServerHandler for Gateway {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_prompts()
                .build(),
        )
        .with_server_info(Implementation::new(
            format!("cf-mcp-emulator portal {}", self.portal_id),
            env!("CARGO_PKG_VERSION"),
        ))
        .with_instructions(format!(
            "MCP portal \"{}\" of the cf-mcp-emulator: the tools and prompts of its servers, named {{server_id}}_{{name}}.",
            self.portal_id
        ))
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        let tools: Vec<Tool> = definitions(&self.view().await?.tools);
        Ok(ListToolsResult::with_all_items(tools))
    }

    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, ErrorData> {
        let prompts: Vec<Prompt> = definitions(&self.view().await?.prompts);
        Ok(ListPromptsResult::with_all_items(prompts))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let tool = self
            .find("tool", &request.name, |v, n| v.tool(n).cloned())
            .await?;
        let mut params = CallToolRequestParams::new(tool.upstream_name.clone());
        params.arguments = request.arguments;
        self.forward(&tool, "tools/call", |upstream| async move {
            let result = upstream.call_tool_once(params).await;
            (upstream, result)
        })
        .await
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, ErrorData> {
        let prompt = self
            .find("prompt", &request.name, |v, n| v.prompt(n).cloned())
            .await?;
        let mut params = GetPromptRequestParams::new(prompt.upstream_name.clone());
        params.arguments = request.arguments;
        self.forward(&prompt, "prompts/get", |upstream| async move {
            let result = upstream.get_prompt_once(params).await;
            (upstream, result)
        })
        .await
    }
}
