//! Handlers: list, create, read, update, delete, sync.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Extension;
use cf_mcp_servers::models::{
    AuthType, ServerCreateParams, ServerListParams, ServerStatus, ServerUpdateParams, SyncResult,
};
use cf_mcp_servers::validate::{self, Problem};
use serde_json::{json, Value};

use super::body;
use super::records::{apply_update, new_record};
use crate::auth::Actor;
use crate::clock;
use crate::envelope::{field_path, success, success_with_info, ApiError, CODE_DUPLICATE};
use crate::state::AppState;
use crate::store::Record;
use crate::sync;

type Result<T = Response> = std::result::Result<T, ApiError>;

pub(super) fn problems_to_error(prefix: &str, problems: Vec<Problem>) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    Err(ApiError::invalid_all(
        problems
            .into_iter()
            .map(|p| {
                let path = field_path(prefix, &p.field);
                (p.message, path)
            })
            .collect(),
    ))
}

pub(super) fn check_path(account_id: &str, id: Option<&str>) -> Result<()> {
    let mut problems = Vec::new();
    validate::check_account_id(Some(account_id), &mut problems);
    if let Some(id) = id {
        validate::check_server_id("id", id, &mut problems);
    }
    problems_to_error("path", problems)
}

fn parse_number(query: &HashMap<String, String>, key: &str) -> Result<Option<u32>> {
    match query.get(key) {
        None => Ok(None),
        Some(text) => text.trim().parse::<u32>().map(Some).map_err(|_| {
            ApiError::invalid(
                format!("{key} must be a whole number (got \"{text}\")"),
                field_path("query", key),
            )
        }),
    }
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    Path(account_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result {
    check_path(&account_id, None)?;
    let (params, needle) = list_query(&query)?;
    let matching: Vec<_> = state
        .store
        .read(|data| {
            data.accounts
                .get(&account_id)
                .map(|servers| {
                    servers
                        .values()
                        .filter(|r| {
                            needle.is_empty()
                                || r.server.id.to_lowercase().contains(&needle)
                                || r.server.name.to_lowercase().contains(&needle)
                        })
                        .map(|r| r.server.clone())
                        .collect()
                })
                .unwrap_or_default()
        })
        .await;
    let (items, info) = page_of(matching, &params);
    Ok(success_with_info(StatusCode::OK, items, Some(info)))
}

/// The list parameters of a query string, checked, and the search text in lower case.
pub(super) fn list_query(query: &HashMap<String, String>) -> Result<(ServerListParams, String)> {
    let params = ServerListParams {
        account_id: None,
        page: parse_number(query, "page")?,
        per_page: parse_number(query, "per_page")?,
        search: query.get("search").cloned(),
    };
    problems_to_error("query", validate::list_params(&params))?;
    let needle = params.search.clone().unwrap_or_default().to_lowercase();
    Ok((params, needle))
}

/// The requested page of `matching` (validated `page`/`per_page`, defaults 1 and 20) and its
/// `result_info`.
pub(super) fn page_of<T>(matching: Vec<T>, params: &ServerListParams) -> (Vec<T>, Value) {
    let page = params.page.unwrap_or(1);
    let per_page = params.per_page.unwrap_or(20);
    let total = matching.len();
    let per = per_page as usize;
    let skip = (page as usize).saturating_sub(1).saturating_mul(per);
    let items: Vec<_> = matching.into_iter().skip(skip).take(per).collect();
    let info = json!({
        "page": page,
        "per_page": per_page,
        "count": items.len(),
        "total_count": total,
        "total_pages": total.div_ceil(per.max(1)),
    });
    (items, info)
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    Extension(actor): Extension<Actor>,
    Path(account_id): Path<String>,
    headers: HeaderMap,
    request_body: Body,
) -> Result {
    check_path(&account_id, None)?;
    let params: ServerCreateParams = body::json(&headers, request_body).await?;
    problems_to_error("body", validate::create_params(&params))?;
    let record = new_record(params, &actor.0, &clock::now());
    let created = state
        .store
        .write(|data| {
            let servers = data.accounts.entry(account_id).or_default();
            let id = record.server.id.clone();
            if servers.contains_key(&id) {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    CODE_DUPLICATE,
                    format!("An MCP server with id \"{id}\" already exists in this account: choose another id, or update that server"),
                ));
            }
            let server = record.server.clone();
            servers.insert(id, record);
            Ok(server)
        })
        .await?;
    Ok(success(StatusCode::CREATED, created))
}

pub async fn read(
    State(state): State<Arc<AppState>>,
    Path((account_id, id)): Path<(String, String)>,
) -> Result {
    check_path(&account_id, Some(&id))?;
    let server = state
        .store
        .read(|data| {
            data.accounts
                .get(&account_id)
                .and_then(|s| s.get(&id))
                .map(|r| r.server.clone())
        })
        .await
        .ok_or_else(|| ApiError::not_found(&id))?;
    Ok(success(StatusCode::OK, server))
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    Extension(actor): Extension<Actor>,
    Path((account_id, id)): Path<(String, String)>,
    headers: HeaderMap,
    request_body: Body,
) -> Result {
    check_path(&account_id, Some(&id))?;
    let params: ServerUpdateParams = body::json(&headers, request_body).await?;
    problems_to_error("body", validate::update_params(&params))?;
    let now = clock::now();
    let updated = state
        .store
        .write(|data| {
            let record = find(data, &account_id, &id)?;
            apply_update(record, params, &actor.0, &now);
            Ok(record.server.clone())
        })
        .await?;
    Ok(success(StatusCode::OK, updated))
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    Path((account_id, id)): Path<(String, String)>,
) -> Result {
    check_path(&account_id, Some(&id))?;
    let deleted = state
        .store
        .write(|data| {
            super::portals::refuse_if_linked(data, &account_id, &id)?;
            data.accounts
                .get_mut(&account_id)
                .and_then(|s| s.remove(&id))
                .map(|r| r.server)
                .ok_or_else(|| ApiError::not_found(&id))
        })
        .await?;
    Ok(success(StatusCode::OK, deleted))
}

fn find<'a>(
    data: &'a mut crate::store::Data,
    account_id: &str,
    id: &str,
) -> Result<&'a mut Record> {
    data.accounts
        .get_mut(account_id)
        .and_then(|s| s.get_mut(id))
        .ok_or_else(|| ApiError::not_found(id))
}

/// Connects to the server's hostname as an MCP client (without holding the store), then records
/// what it found. An upstream failure is a 200 with `status: error`, as the API reports it.
pub async fn sync(
    State(state): State<Arc<AppState>>,
    Path((account_id, id)): Path<(String, String)>,
) -> Result {
    check_path(&account_id, Some(&id))?;
    let target = state
        .store
        .read(|data| {
            data.accounts
                .get(&account_id)
                .and_then(|s| s.get(&id))
                .map(|r| {
                    (
                        r.server.hostname.clone(),
                        r.server.auth_type.clone(),
                        r.auth_credentials.clone(),
                    )
                })
        })
        .await
        .ok_or_else(|| ApiError::not_found(&id))?;
    let (hostname, auth_type, credentials) = target;
    let outcome = if auth_type == AuthType::Oauth {
        Err(sync::oauth_not_authenticated())
    } else {
        let bearer = (auth_type == AuthType::Bearer)
            .then_some(credentials)
            .flatten();
        sync::run(&hostname, bearer.as_deref(), state.sync_timeout).await
    };
    let now = clock::now();
    let result = state
        .store
        .write(|data| {
            let server = &mut find(data, &account_id, &id)?.server;
            server.last_synced = Some(now.clone());
            let result = match outcome {
                Ok(found) => {
                    server.tools = found.tools;
                    server.prompts = found.prompts;
                    server.status = Some(ServerStatus::Ready);
                    server.error = None;
                    server.error_details = None;
                    server.last_successful_sync = Some(now.clone());
                    SyncResult {
                        status: Some(ServerStatus::Ready),
                        error: None,
                        error_details: None,
                    }
                }
                Err(failure) => {
                    // Tools and prompts of the last good sync stay, as the gateway keeps serving them.
                    server.status = Some(ServerStatus::Error);
                    server.error = Some(failure.error.clone());
                    server.error_details = Some(failure.details.clone());
                    SyncResult {
                        status: Some(ServerStatus::Error),
                        error: Some(failure.error),
                        error_details: Some(failure.details),
                    }
                }
            };
            Ok(result)
        })
        .await?;
    Ok(success(StatusCode::OK, result))
}
