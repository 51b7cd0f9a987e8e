//! `--seed-demo`: a demo account with sample servers and a portal, when the store is empty.

use std::sync::Arc;

use axum::extract::Path;
use axum::extract::State;
use axum::http::{Method, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cf_mcp_servers::models::{AuthType, CapabilityOverride, ServerCreateParams};
use cf_mcp_servers::portals::{PortalCreateParams, PortalServerLink};

use crate::api::portal_records::new_portal;
use crate::api::records::new_record;
use crate::clock;
use crate::state::AppState;
use crate::static_files;
use crate::store::Store;

/// Token the demo advertises when no `--token` was given (any token is accepted then).
const ANY_TOKEN: &str = "demo-token";

/// `GET /demo.json` in demo mode: what the admin page needs to connect to the demo account.
/// Outside demo mode the path is an ordinary static file lookup.
pub async fn demo_json(State(state): State<Arc<AppState>>, method: Method, uri: Uri) -> Response {
    if !state.demo {
        return static_files::serve(State(state), method, uri).await;
    }
    let token = state.token.clone().unwrap_or_else(|| ANY_TOKEN.to_owned());
    Json(serde_json::json!({ "accountId": DEMO_ACCOUNT, "token": token })).into_response()
}

/// The demo account's id.
pub const DEMO_ACCOUNT: &str = "0123456789abcdef0123456789abcdef";

fn params(id: &str, name: &str, hostname: &str, auth_type: AuthType) -> ServerCreateParams {
    ServerCreateParams {
        account_id: None,
        id: id.into(),
        name: name.into(),
        hostname: hostname.into(),
        auth_type,
        auth_credentials: None,
        client_secret: None,
        description: None,
        is_shared_oauth_callback_enabled: None,
        secure_web_gateway: None,
        updated_prompts: None,
        updated_tools: None,
    }
}

/// Seeds the demo account if nothing is stored yet; `base` is the emulator's own URL, so the
/// demo server entry points at the built-in `/demo-mcp`. Returns whether it seeded.
pub async fn seed(store: &Store, base: &str) -> Result<bool, String> {
    if !store.read(|data| data.is_empty()).await {
        return Ok(false);
    }
    let mut demo = params(
        "demo",
        "Built-in demo server",
        &format!("{base}/demo-mcp"),
        AuthType::Unauthenticated,
    );
    demo.description = Some(Some(
        "Served by the emulator itself: sync it to see its tools and prompts.".into(),
    ));
    demo.updated_tools = Some(vec![CapabilityOverride {
        name: "roll_dice".into(),
        alias: Some("dice".into()),
        description: None,
        enabled: Some(true),
    }]);
    let mut wiki = params(
        "internal-wiki",
        "Internal wiki",
        "https://wiki.example.com/mcp",
        AuthType::Bearer,
    );
    wiki.auth_credentials = Some("demo-wiki-token".into());
    wiki.description = Some(Some(
        "Bearer token example (the host does not exist).".into(),
    ));
    let mut github = params(
        "github",
        "GitHub MCP",
        "https://github-mcp.example.workers.dev/mcp",
        AuthType::Oauth,
    );
    github.description = Some(Some(
        "OAuth example: needs an administrator to authenticate before it can sync.".into(),
    ));
    let offline = params(
        "offline-server",
        "Offline server",
        "http://127.0.0.1:9/mcp",
        AuthType::Unauthenticated,
    );
    let now = clock::now();
    let records: Vec<_> = [demo, wiki, github, offline]
        .into_iter()
        .map(|p| new_record(p, "demo@example.com", &now))
        .collect();
    let portal = new_portal(demo_portal(), "demo@example.com", &now);
    store
        .write(|data| {
            let servers = data.accounts.entry(DEMO_ACCOUNT.to_owned()).or_default();
            for record in records {
                servers.insert(record.server.id.clone(), record);
            }
            data.portals
                .entry(DEMO_ACCOUNT.to_owned())
                .or_default()
                .insert(portal.portal.id.clone(), portal);
            Ok(())
        })
        .await
        .map_err(|e| {
            let reason = e
                .errors
                .first()
                .map(|i| i.message.clone())
                .unwrap_or_default();
            format!("could not seed the demo account: {reason}")
        })?;
    Ok(true)
}

/// The demo portal's id; agents connect to `/portals/demo-portal/mcp`.
pub const DEMO_PORTAL: &str = "demo-portal";

/// A portal over the demo server, with a portal-level alias and description beside the
/// server-level alias of `roll_dice`, and one tool hidden.
fn demo_portal() -> PortalCreateParams {
    let tool = |name: &str| CapabilityOverride {
        name: name.into(),
        ..Default::default()
    };
    PortalCreateParams {
        id: DEMO_PORTAL.into(),
        hostname: "mcp.demo.example.com".into(),
        name: "Demo portal".into(),
        description: Some(
            "The demo server through a portal: connect an MCP client to /portals/demo-portal/mcp on the emulator."
                .into(),
        ),
        servers: Some(vec![PortalServerLink {
            server_id: "demo".into(),
            updated_tools: Some(vec![
                CapabilityOverride {
                    alias: Some("issues".into()),
                    description: Some("Open issues of the demo project (portal-level description).".into()),
                    ..tool("list_issues")
                },
                CapabilityOverride {
                    enabled: Some(false),
                    ..tool("current_time")
                },
            ]),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

/// Syncs the seeded demo server once the emulator is serving, so the demo portal has tools to
/// show from the start. A failure leaves it `waiting`, as a real new server is.
pub async fn sync_demo(state: Arc<AppState>) {
    let _ = crate::api::servers::sync(
        State(state),
        Path((DEMO_ACCOUNT.to_owned(), "demo".to_owned())),
    )
    .await;
}
