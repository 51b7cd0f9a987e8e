//! Handlers of `/accounts/{account_id}/access/ai-controls/mcp/portals[/{id}]`: list, create,
//! read, update, delete. Validation is the client's own (`cf_mcp_servers::portals::validate`).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Extension;
use cf_mcp_servers::portals::{validate as portal_validate, PortalServerLink};

use super::body;
use super::portal_records::{apply_portal_update, new_portal, portal_as_read};
use super::servers::{check_path, list_query, page_of, problems_to_error};
use crate::auth::Actor;
use crate::clock;
use crate::envelope::{
    field_path, success, success_with_info, ApiError, CODE_DUPLICATE, CODE_IN_USE, CODE_NOT_FOUND,
};
use crate::state::AppState;
use crate::store::{Data, PortalRecord};

type Result<T = Response> = std::result::Result<T, ApiError>;

fn not_found(id: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        CODE_NOT_FOUND,
        format!("Not Found: no MCP portal with id \"{id}\" in this account"),
    )
}

/// Every link must name a server of the account (the API's error shape here is unknown: the
/// emulator answers with an input validation error on each such `server_id`).
fn check_links_exist(data: &Data, account_id: &str, links: &[PortalServerLink]) -> Result<()> {
    let servers = data.accounts.get(account_id);
    let problems: Vec<_> = links
        .iter()
        .enumerate()
        .filter(|(_, link)| !servers.is_some_and(|s| s.contains_key(&link.server_id)))
        .map(|(i, link)| {
            let field = format!("servers[{i}].server_id");
            (
                format!(
                    "{field} names no MCP server in this account (\"{}\"): create the server first",
                    link.server_id
                ),
                field_path("body", &field),
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid_all(problems))
    }
}

/// The ids of the portals of `account_id` that link server `server_id`.
pub fn portals_using(data: &Data, account_id: &str, server_id: &str) -> Vec<String> {
    data.portals
        .get(account_id)
        .map(|portals| {
            portals
                .values()
                .filter(|p| p.servers.iter().any(|l| l.server_id == server_id))
                .map(|p| p.portal.id.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// Deleting a server a portal links would leave the portal pointing at nothing; the reference
/// is silent on what the API does, so the emulator refuses and names the portals.
pub fn refuse_if_linked(data: &Data, account_id: &str, server_id: &str) -> Result<()> {
    let users = portals_using(data, account_id, server_id);
    if users.is_empty() {
        return Ok(());
    }
    let names = users
        .iter()
        .map(|id| format!("\"{id}\""))
        .collect::<Vec<_>>()
        .join(", ");
    Err(ApiError::new(
        StatusCode::CONFLICT,
        CODE_IN_USE,
        format!("MCP server \"{server_id}\" is linked in portal(s) {names}: remove it from their servers first, then delete it"),
    ))
}

fn hostname_taken(
    portals: Option<&BTreeMap<String, PortalRecord>>,
    id: &str,
    hostname: &str,
) -> Result<()> {
    let clash = portals
        .into_iter()
        .flat_map(BTreeMap::values)
        .find(|p| p.portal.id != id && p.portal.hostname.eq_ignore_ascii_case(hostname));
    match clash {
        Some(other) => Err(ApiError::new(
            StatusCode::CONFLICT,
            CODE_DUPLICATE,
            format!(
                "Portal \"{}\" already serves hostname \"{hostname}\": a hostname belongs to one portal",
                other.portal.id
            ),
        )),
        None => Ok(()),
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
            let servers = data.accounts.get(&account_id);
            data.portals
                .get(&account_id)
                .into_iter()
                .flat_map(BTreeMap::values)
                .filter(|r| {
                    let p = &r.portal;
                    [&p.id, &p.name, &p.hostname]
                        .iter()
                        .any(|text| text.to_lowercase().contains(&needle))
                })
                .map(|r| portal_as_read(r, servers))
                .collect()
        })
        .await;
    let (items, info) = page_of(matching, &params);
    Ok(success_with_info(StatusCode::OK, items, Some(info)))
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    Extension(actor): Extension<Actor>,
    Path(account_id): Path<String>,
    headers: HeaderMap,
    request_body: Body,
) -> Result {
    check_path(&account_id, None)?;
    let params: cf_mcp_servers::portals::PortalCreateParams =
        body::json(&headers, request_body).await?;
    problems_to_error("body", portal_validate::create_params(&params))?;
    // Checked as written: the record holds them in canonical order, so indexes would shift.
    let links = params.servers.clone().unwrap_or_default();
    let record = new_portal(params, &actor.0, &clock::now());
    let created = state
        .store
        .write(|data| {
            check_links_exist(data, &account_id, &links)?;
            let id = record.portal.id.clone();
            hostname_taken(data.portals.get(&account_id), &id, &record.portal.hostname)?;
            let portals = data.portals.entry(account_id.clone()).or_default();
            if portals.contains_key(&id) {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    CODE_DUPLICATE,
                    format!("An MCP portal with id \"{id}\" already exists in this account: choose another id, or update that portal"),
                ));
            }
            portals.insert(id, record.clone());
            Ok(portal_as_read(&record, data.accounts.get(&account_id)))
        })
        .await?;
    Ok(success(StatusCode::CREATED, created))
}

pub async fn read(
    State(state): State<Arc<AppState>>,
    Path((account_id, id)): Path<(String, String)>,
) -> Result {
    check_path(&account_id, Some(&id))?;
    let portal = state
        .store
        .read(|data| {
            let record = data.portals.get(&account_id)?.get(&id)?;
            Some(portal_as_read(record, data.accounts.get(&account_id)))
        })
        .await
        .ok_or_else(|| not_found(&id))?;
    Ok(success(StatusCode::OK, portal))
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    Extension(actor): Extension<Actor>,
    Path((account_id, id)): Path<(String, String)>,
    headers: HeaderMap,
    request_body: Body,
) -> Result {
    check_path(&account_id, Some(&id))?;
    let params: cf_mcp_servers::portals::PortalUpdateParams =
        body::json(&headers, request_body).await?;
    problems_to_error("body", portal_validate::update_params(&params))?;
    let now = clock::now();
    let updated = state
        .store
        .write(|data| {
            if !data
                .portals
                .get(&account_id)
                .is_some_and(|p| p.contains_key(&id))
            {
                return Err(not_found(&id));
            }
            if let Some(links) = &params.servers {
                check_links_exist(data, &account_id, links)?;
            }
            if let Some(hostname) = &params.hostname {
                hostname_taken(data.portals.get(&account_id), &id, hostname)?;
            }
            let record = data
                .portals
                .get_mut(&account_id)
                .and_then(|p| p.get_mut(&id))
                .ok_or_else(|| not_found(&id))?;
            apply_portal_update(record, params, &actor.0, &now);
            let record = record.clone();
            Ok(portal_as_read(&record, data.accounts.get(&account_id)))
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
            data.portals
                .get_mut(&account_id)
                .and_then(|p| p.remove(&id))
                .map(|r| r.portal)
                .ok_or_else(|| not_found(&id))
        })
        .await?;
    Ok(success(StatusCode::OK, deleted))
}
