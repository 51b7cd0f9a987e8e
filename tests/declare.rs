//! `apply` through the public API over a scripted transport: the requests each step sends, in
//! order, with the secrets from the environment; a missing variable, a delete that finds
//! nothing, and a failure that stops the run. (The same over real HTTP, against the emulator,
//! is tests/js/declare.test.mjs.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::disallowed_macros,
    missing_docs
)]

use std::cell::RefCell;
use std::collections::VecDeque;

use serde_json::{json, Value};

use cf_mcp_servers::declare::{self, PlanOptions, State};
use cf_mcp_servers::{
    Client, ClientConfig, ErrorKind, HttpRequest, HttpResponse, RequestOptions, Transport,
    TransportError,
};

/// Answers with the scripted `(status, result)` replies in order and records every request.
#[derive(Default)]
struct Script {
    replies: RefCell<VecDeque<(u16, Value)>>,
    sent: RefCell<Vec<HttpRequest>>,
}

impl Transport for &Script {
    type Json = Value;

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse<Value>, TransportError> {
        self.sent.borrow_mut().push(request);
        let (status, result) = self
            .replies
            .borrow_mut()
            .pop_front()
            .expect("an unexpected extra request");
        let body = if status < 300 {
            json!({"success": true, "errors": [], "messages": [], "result": result})
        } else {
            json!({"success": false, "errors": [{"code": 7002, "message": "Not Found"}], "messages": [], "result": null})
        };
        Ok(HttpResponse::from_text(
            status,
            Vec::new(),
            &body.to_string(),
        ))
    }
    async fn sleep(&self, _ms: u64) {}
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}

fn server(id: &str, hostname: &str) -> Value {
    json!({"id": id, "name": id, "hostname": hostname, "auth_type": "bearer", "tools": [], "prompts": []})
}

fn portal(links: &[&str]) -> Value {
    let servers: Vec<Value> = links
        .iter()
        .map(|id| {
            let mut entry = server(id, "https://old.example/mcp");
            entry["server_id"] = json!(id);
            entry["on_behalf"] = json!(true);
            entry
        })
        .collect();
    json!({"id": "main", "name": "Main", "hostname": "mcp.example.com", "servers": servers})
}

fn state() -> Value {
    json!({"servers": [server("gh", "https://old.example/mcp")], "portals": [portal(&["gh"])]})
}

fn file() -> Value {
    json!({
        "servers": [{"id": "gh", "name": "gh", "hostname": "https://new.example/mcp", "auth_type": "bearer",
                     "auth_credentials": {"env": "GH_TOKEN"}}],
        "portals": [{"id": "main", "name": "Main", "hostname": "mcp.example.com", "servers": [{"server_id": "gh"}]}],
    })
}

fn plan() -> declare::Plan {
    let options = PlanOptions {
        prune: false,
        allow_replace: true,
    };
    declare::plan(
        &declare::Value::read(&file()),
        &State::read(&state()).unwrap(),
        options,
    )
    .unwrap()
}

fn client(script: &Script) -> Client<&Script> {
    let config = ClientConfig {
        account_id: Some("acc".into()),
        base_url: "http://127.0.0.1:9/client/v4".into(),
        ..ClientConfig::with_token("tok")
    };
    Client::new(config, script)
}

fn sent(script: &Script) -> Vec<String> {
    script
        .sent
        .borrow()
        .iter()
        .map(|r| {
            [
                r.method.as_str(),
                " ",
                r.url.trim_start_matches(
                    "http://127.0.0.1:9/client/v4/accounts/acc/access/ai-controls/mcp",
                ),
            ]
            .concat()
        })
        .collect()
}

#[test]
fn a_replacement_unlinks_deletes_creates_and_relinks_with_the_secret_from_the_environment() {
    let script = Script::default();
    script.replies.borrow_mut().extend([
        (200, portal(&[])),
        (404, Value::Null),
        (200, server("gh", "https://new.example/mcp")),
        (200, portal(&["gh"])),
    ]);
    let env = |name: &str| (name == "GH_TOKEN").then(|| "ghp-SECRET-123".to_owned());
    let report = block_on(client(&script).apply(&plan(), &env, &RequestOptions::default()));
    assert!(report.failed.is_none(), "{:?}", report.failed);
    assert_eq!(report.done.len(), 3);
    assert_eq!(
        sent(&script),
        [
            "PUT /portals/main",
            "DELETE /servers/gh",
            "POST /servers",
            "PUT /portals/main"
        ]
    );
    let bodies: Vec<Value> = script
        .sent
        .borrow()
        .iter()
        .map(|r| {
            r.body
                .as_deref()
                .map_or(Value::Null, |b| serde_json::from_str(b).unwrap())
        })
        .collect();
    assert_eq!(bodies[0]["servers"], json!([]));
    assert_eq!(bodies[2]["auth_credentials"], "ghp-SECRET-123");
    assert_eq!(bodies[2]["hostname"], "https://new.example/mcp");
    assert_eq!(
        bodies[3]["servers"],
        json!([{"server_id": "gh", "on_behalf": true}])
    );
}

#[test]
fn a_missing_variable_fails_its_step_before_anything_is_sent_and_stops_the_run() {
    let script = Script::default();
    script.replies.borrow_mut().push_back((200, portal(&[])));
    let env = |_: &str| None;
    let report = block_on(client(&script).apply(&plan(), &env, &RequestOptions::default()));
    // The unlink ran; the replacement failed before its delete was sent; the relink remains.
    assert_eq!(sent(&script), ["PUT /portals/main"]);
    let (step, error) = report.failed.unwrap();
    assert_eq!(step.id, "gh");
    assert_eq!(error.kind, ErrorKind::Validation);
    assert!(error.message.contains("GH_TOKEN"), "{}", error.message);
    assert_eq!(report.done.len(), 1);
    assert_eq!(report.remaining.len(), 1);
}
