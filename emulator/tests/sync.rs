//! Sync against real MCP servers: the built-in demo, server-everything (npm), and failures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use common::*;
use serde_json::{json, Value};

async fn sync(http: &reqwest::Client, emulator: &Emulator, id: &str) -> Value {
    let (status, body) = send(authed(
        http.post(format!("{}/{id}/sync", emulator.servers(ACCOUNT))),
    ))
    .await;
    assert_eq!(status, 200, "sync is 200 either way: {body}");
    assert_eq!(body["success"], true);
    body["result"].clone()
}

async fn read(http: &reqwest::Client, emulator: &Emulator, id: &str) -> Value {
    let (status, body) = send(authed(
        http.get(format!("{}/{id}", emulator.servers(ACCOUNT))),
    ))
    .await;
    assert_eq!(status, 200);
    body["result"].clone()
}

fn server(id: &str, hostname: &str) -> Value {
    let mut body = server_body(id);
    body["hostname"] = json!(hostname);
    body
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_built_in_demo_server_syncs_with_every_page_of_tools_and_prompts() {
    let emulator = Emulator::start(&[]);
    let http = client();
    create(
        &http,
        &emulator,
        server("demo", &format!("{}/demo-mcp", emulator.base)),
    )
    .await;
    assert_eq!(read(&http, &emulator, "demo").await["status"], "waiting");
    let result = sync(&http, &emulator, "demo").await;
    assert_eq!(result, json!({"status": "ready"}));
    let server = read(&http, &emulator, "demo").await;
    assert_eq!(server["status"], "ready");
    // The demo serves two per page: all five tools means the cursors were followed.
    assert_eq!(
        names(&server["tools"]),
        ["echo", "add", "current_time", "roll_dice", "list_issues"]
    );
    assert_eq!(
        names(&server["prompts"]),
        ["greeting", "summarize", "code_review"]
    );
    assert_eq!(
        server["tools"][0]["inputSchema"]["required"],
        json!(["message"])
    );
    assert!(server["last_synced"].is_string());
    assert_eq!(server["last_successful_sync"], server["last_synced"]);
    assert!(server.get("error").is_none());
}

#[tokio::test]
async fn server_everything_syncs_its_tools_and_prompts() {
    let (_node, port) = start_server_everything();
    let emulator = Emulator::start(&[]);
    let http = client();
    create(
        &http,
        &emulator,
        server("everything", &format!("http://127.0.0.1:{port}/mcp")),
    )
    .await;
    let result = sync(&http, &emulator, "everything").await;
    assert_eq!(result["status"], "ready", "{result}");
    let server = read(&http, &emulator, "everything").await;
    let tools = names(&server["tools"]);
    assert!(tools.contains(&"echo".to_owned()), "{tools:?}");
    assert!(tools.len() >= 5, "{tools:?}");
    assert!(
        !server["prompts"].as_array().unwrap().is_empty(),
        "{}",
        server["prompts"]
    );
}

#[tokio::test]
async fn an_unreachable_server_is_an_error_that_is_not_upstream() {
    let emulator = Emulator::start(&[]);
    let http = client();
    let port = free_port();
    create(
        &http,
        &emulator,
        server("gone", &format!("http://127.0.0.1:{port}/mcp")),
    )
    .await;
    let result = sync(&http, &emulator, "gone").await;
    assert_eq!(result["status"], "error");
    assert!(
        result["error"]
            .as_str()
            .unwrap()
            .contains("could not reach"),
        "{result}"
    );
    assert_eq!(result["error_details"]["is_upstream"], false);
    assert_eq!(result["error_details"]["retryable"], true);
    assert!(result["error_details"].get("status_code").is_none());
    let server = read(&http, &emulator, "gone").await;
    assert_eq!(server["status"], "error");
    assert_eq!(server["error"], result["error"]);
    assert_eq!(server["error_details"], result["error_details"]);
    assert!(server["last_synced"].is_string());
    assert!(server.get("last_successful_sync").is_none());
}

/// A local HTTP server that records request headers and answers every POST with 401.
async fn recording_401_server() -> (String, Arc<Mutex<Vec<HeaderMap>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let app = Router::new().route(
        "/mcp",
        post(move |headers: HeaderMap| {
            let record = record.clone();
            async move {
                record.lock().unwrap().push(headers);
                (StatusCode::UNAUTHORIZED, "Unauthorized")
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/mcp", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, seen)
}

#[tokio::test]
async fn a_401_upstream_is_an_upstream_error_with_its_status_code() {
    let (url, _seen) = recording_401_server().await;
    let emulator = Emulator::start(&[]);
    let http = client();
    create(&http, &emulator, server("locked", &url)).await;
    let result = sync(&http, &emulator, "locked").await;
    assert_eq!(result["status"], "error");
    assert_eq!(result["error_details"]["is_upstream"], true, "{result}");
    assert_eq!(result["error_details"]["status_code"], 401.0);
    assert_eq!(result["error_details"]["retryable"], false);
    assert!(result["error"].as_str().unwrap().contains("401"));
}

#[tokio::test]
async fn bearer_tokens_and_json_headers_reach_the_upstream() {
    let (url, seen) = recording_401_server().await;
    let emulator = Emulator::start(&[]);
    let http = client();
    let mut token = server("token", &url);
    token["auth_type"] = json!("bearer");
    token["auth_credentials"] = json!("sk-upstream-token");
    create(&http, &emulator, token).await;
    let mut headers = server("headers", &url);
    headers["auth_type"] = json!("bearer");
    headers["auth_credentials"] = json!(
        json!({"headers": {"cf-access-client-id": "id-1", "cf-access-client-secret": "secret-2"}})
            .to_string()
    );
    create(&http, &emulator, headers).await;
    let mut unauthenticated = server("plain", &url);
    unauthenticated["auth_credentials"] = json!("not-sent");
    create(&http, &emulator, unauthenticated).await;

    sync(&http, &emulator, "token").await;
    let first = seen.lock().unwrap().last().cloned().unwrap();
    assert_eq!(first["authorization"], "Bearer sk-upstream-token");

    sync(&http, &emulator, "headers").await;
    let second = seen.lock().unwrap().last().cloned().unwrap();
    assert_eq!(second["cf-access-client-id"], "id-1");
    assert_eq!(second["cf-access-client-secret"], "secret-2");
    assert!(!second.contains_key("authorization"));

    let result = sync(&http, &emulator, "plain").await;
    let third = seen.lock().unwrap().last().cloned().unwrap();
    assert!(
        !third.contains_key("authorization"),
        "unauthenticated servers get no credentials"
    );
    assert!(!result.to_string().contains("not-sent"));
}

#[tokio::test]
async fn broken_json_credentials_fail_the_sync_without_echoing_them() {
    let emulator = Emulator::start(&[]);
    let http = client();
    let mut body = server("broken", "http://127.0.0.1:9/mcp");
    body["auth_type"] = json!("bearer");
    body["auth_credentials"] = json!(r#"{"headers": "hunter2"}"#);
    create(&http, &emulator, body).await;
    let result = sync(&http, &emulator, "broken").await;
    assert_eq!(result["status"], "error");
    assert!(
        result["error"]
            .as_str()
            .unwrap()
            .contains("auth_credentials"),
        "{result}"
    );
    assert!(!result.to_string().contains("hunter2"));
}

#[tokio::test]
async fn an_oauth_server_needs_an_administrator_first() {
    let emulator = Emulator::start(&[]);
    let http = client();
    let mut body = server("gh", &format!("{}/demo-mcp", emulator.base));
    body["auth_type"] = json!("oauth");
    create(&http, &emulator, body).await;
    let result = sync(&http, &emulator, "gh").await;
    assert_eq!(result["status"], "error");
    assert!(
        result["error"].as_str().unwrap().contains("authentication"),
        "{result}"
    );
    let server = read(&http, &emulator, "gh").await;
    assert_eq!(server["authentication_status"], "required");
    assert_eq!(server["status"], "error");
    assert_eq!(server["tools"], json!([]), "no fake success");
}

#[tokio::test]
async fn a_failed_sync_after_a_good_one_keeps_the_tools_and_the_last_success() {
    let upstream = Emulator::start(&[]);
    let emulator = Emulator::start(&[]);
    let http = client();
    create(
        &http,
        &emulator,
        server("demo", &format!("{}/demo-mcp", upstream.base)),
    )
    .await;
    assert_eq!(sync(&http, &emulator, "demo").await["status"], "ready");
    let good = read(&http, &emulator, "demo").await;
    upstream.stop();
    let result = sync(&http, &emulator, "demo").await;
    assert_eq!(result["status"], "error");
    assert_eq!(result["error_details"]["is_upstream"], false);
    let after = read(&http, &emulator, "demo").await;
    assert_eq!(after["status"], "error");
    assert_eq!(after["tools"], good["tools"]);
    assert_eq!(after["last_successful_sync"], good["last_successful_sync"]);
    assert_ne!(after["last_synced"], good["last_synced"]);
}
