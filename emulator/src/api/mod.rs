//! The endpoints under `/client/v4/accounts/{account_id}/access/ai-controls/mcp/`: six for
//! servers, five for portals.

mod body;
pub mod portal_records;
pub mod portals;
pub mod records;
pub mod servers;

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Router};

use crate::auth;
use crate::envelope::{ApiError, CODE_METHOD, CODE_NO_ROUTE};
use crate::state::AppState;

const SERVERS: &str = "/accounts/{account_id}/access/ai-controls/mcp/servers";
const PORTALS: &str = "/accounts/{account_id}/access/ai-controls/mcp/portals";

/// The emulated API, to be nested under `/client/v4`.
pub fn router(state: Arc<AppState>) -> Router<Arc<AppState>> {
    Router::new()
        .route(SERVERS, get(servers::list).post(servers::create))
        .route(
            &format!("{SERVERS}/{{id}}"),
            get(servers::read)
                .put(servers::update)
                .delete(servers::delete),
        )
        .route(&format!("{SERVERS}/{{id}}/sync"), post(servers::sync))
        .route(PORTALS, get(portals::list).post(portals::create))
        .route(
            &format!("{PORTALS}/{{id}}"),
            get(portals::read)
                .put(portals::update)
                .delete(portals::delete),
        )
        .fallback(no_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state, auth::require))
}

async fn no_route() -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        CODE_NO_ROUTE,
        "No route for that URI: this emulator serves /accounts/{account_id}/access/ai-controls/mcp/servers",
    )
    .into_response()
}

async fn method_not_allowed() -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        CODE_METHOD,
        "Method not allowed on this route",
    )
    .into_response()
}
