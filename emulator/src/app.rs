//! The whole HTTP surface: API (or proxy), demo MCP server, portal MCP endpoints, static files.

use std::sync::Arc;

use axum::routing::{any, get, post};
use axum::{middleware, Router};

use crate::faults::{self, FaultSpec};
use crate::state::AppState;
use crate::{api, demo_mcp, portal_mcp, proxy, seed, static_files};

pub fn build(state: Arc<AppState>, faults: Option<FaultSpec>) -> Router {
    let api = if state.proxy_to.is_some() {
        Router::new()
            .route("/", any(proxy::forward))
            .route("/{*rest}", any(proxy::forward))
    } else {
        api::router(state.clone())
    };
    let api = match faults {
        Some(spec) => api.layer(middleware::from_fn_with_state(
            Arc::new(spec),
            faults::inject,
        )),
        None => api,
    };
    Router::new()
        .nest("/client/v4", api)
        .route(
            "/demo-mcp",
            post(demo_mcp::post)
                .get(demo_mcp::other)
                .delete(demo_mcp::other),
        )
        .route("/portals/{id}/mcp", any(portal_mcp::serve))
        .route(
            "/demo-mcp/catalogue",
            get(demo_mcp::variant).post(demo_mcp::set_variant),
        )
        .route("/demo.json", get(seed::demo_json))
        .fallback(static_files::serve)
        .with_state(state)
}
