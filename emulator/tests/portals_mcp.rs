//! Each portal as an MCP endpoint (`/portals/{id}/mcp`), seen through rmcp's client as an agent
//! sees it: prefixed names, aliases, hidden tools, allowlists, calls forwarded upstream, and the
//! errors for a bad token, an unknown portal, a hidden tool and a server that is down.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use rmcp::model::{CallToolRequestParams, GetPromptRequestParams};
use rmcp::service::{RunningService, ServiceError};
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::{RoleClient, ServiceExt};
use serde_json::{json, Map, Value};

async fn agent(emulator: &Emulator, portal: &str) -> RunningService<RoleClient, ()> {
    let config = StreamableHttpClientTransportConfig::with_uri(format!(
        "{}/portals/{portal}/mcp",
        emulator.base
    ))
    .auth_header(TOKEN);
    let transport = StreamableHttpClientTransport::with_client(client(), config);
    ().serve(transport).await.unwrap()
}

async fn sync(http: &reqwest::Client, emulator: &Emulator, id: &str) {
    let (_, body) = send(authed(
        http.post(format!("{}/{id}/sync", emulator.servers(ACCOUNT))),
    ))
    .await;
    assert_eq!(body["result"]["status"], "ready", "{body}");
}

fn args(value: Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}

async fn call(
    agent: &RunningService<RoleClient, ()>,
    name: &str,
    arguments: Value,
) -> Result<String, String> {
    let params = CallToolRequestParams::new(name.to_owned()).with_arguments(args(arguments));
    match agent.call_tool(params).await {
        Ok(result) => {
            let value = serde_json::to_value(result).unwrap();
            Ok(value["content"][0]["text"]
                .as_str()
                .unwrap_or_default()
                .to_owned())
        }
        Err(ServiceError::McpError(error)) => Err(error.message.to_string()),
        Err(other) => panic!("not an MCP error: {other}"),
    }
}

async fn tool_names(agent: &RunningService<RoleClient, ()>) -> Vec<String> {
    let tools = agent.list_all_tools().await.unwrap();
    tools.iter().map(|t| t.name.to_string()).collect()
}

#[tokio::test]
async fn an_agent_sees_the_effective_view_and_calls_reach_the_upstream_servers() {
    let (node, port) = start_server_everything();
    let emulator = Emulator::start(&[]);
    let http = client();
    let mut demo = server_body("demo");
    demo["hostname"] = json!(format!("{}/demo-mcp", emulator.base));
    demo["updated_tools"] =
        json!([{"name": "roll_dice", "alias": "dice", "description": "Server-level dice"}]);
    create(&http, &emulator, demo).await;
    let mut everything = server_body("everything");
    everything["hostname"] = json!(format!("http://127.0.0.1:{port}/mcp"));
    create(&http, &emulator, everything).await;
    sync(&http, &emulator, "demo").await;
    sync(&http, &emulator, "everything").await;
    let (status, body) = send(authed(http.post(emulator.portals(ACCOUNT))).json(&json!({
        "id": "team", "name": "Team", "hostname": "team.example.com",
        "servers": [
            {"server_id": "everything", "default_disabled": true,
             "updated_tools": [{"name": "echo", "enabled": true, "alias": "say"}]},
            {"server_id": "demo",
             "updated_tools": [
                {"name": "list_issues", "alias": "issues", "description": "Portal-level issues"},
                {"name": "current_time", "enabled": false},
             ],
             "updated_prompts": [{"name": "code_review", "enabled": false}]},
        ],
    })))
    .await;
    assert_eq!(status, 201, "{body}");

    let agent = agent(&emulator, "team").await;
    let tools = agent.list_all_tools().await.unwrap();
    let names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    assert_eq!(
        names,
        [
            "demo_echo",
            "demo_add",
            "demo_dice",
            "demo_issues",
            "everything_say"
        ]
    );
    let described = |name: &str| {
        tools
            .iter()
            .find(|t| t.name == name)
            .and_then(|t| t.description.as_deref().map(str::to_owned))
    };
    assert_eq!(
        described("demo_issues").as_deref(),
        Some("Portal-level issues")
    );
    assert_eq!(described("demo_dice").as_deref(), Some("Server-level dice"));
    assert_eq!(described("demo_add").as_deref(), Some("Adds two numbers."));
    let schema = &tools
        .iter()
        .find(|t| t.name == "demo_add")
        .unwrap()
        .input_schema;
    assert_eq!(
        schema["required"],
        json!(["a", "b"]),
        "the upstream schema comes through"
    );
    let prompts = agent.list_all_prompts().await.unwrap();
    let prompt_names: Vec<&str> = prompts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(prompt_names, ["demo_greeting", "demo_summarize"]);

    assert_eq!(
        call(&agent, "demo_add", json!({"a": 2, "b": 3}))
            .await
            .unwrap(),
        "5"
    );
    assert_eq!(
        call(&agent, "demo_issues", json!({})).await.unwrap(),
        "#1 Sync shows stale tools\n#2 Add dark mode"
    );
    let echoed = call(
        &agent,
        "everything_say",
        json!({"message": "through the portal"}),
    )
    .await
    .unwrap();
    assert!(echoed.contains("through the portal"), "{echoed}");
    let prompt = agent
        .get_prompt(
            GetPromptRequestParams::new("demo_greeting")
                .with_arguments(args(json!({"name": "Ada"}))),
        )
        .await
        .unwrap();
    let prompt = serde_json::to_value(prompt).unwrap();
    assert!(
        prompt["messages"][0]["content"]["text"]
            .as_str()
            .unwrap()
            .contains("Ada"),
        "{prompt}"
    );

    for hidden in ["demo_current_time", "everything_get-sum", "demo_nope"] {
        let error = call(&agent, hidden, json!({})).await.unwrap_err();
        assert!(error.contains(&format!("\"{hidden}\"")), "{error}");
    }

    // The upstream goes away: its calls fail naming it, the other server's keep working.
    drop(node);
    let error = call(&agent, "everything_say", json!({"message": "x"}))
        .await
        .unwrap_err();
    assert!(
        error.contains("MCP server \"everything\" failed"),
        "{error}"
    );
    assert_eq!(
        call(&agent, "demo_add", json!({"a": 1, "b": 1}))
            .await
            .unwrap(),
        "2"
    );
    let still = tool_names(&agent).await;
    assert!(
        still.contains(&"everything_say".to_owned()),
        "listed from the last sync: {still:?}"
    );
    let _ = agent.cancel().await;
}

#[tokio::test]
async fn the_endpoint_wants_the_token_and_a_known_portal() {
    let emulator = Emulator::start(&[]);
    let http = client();
    let (status, _) = send(authed(http.post(emulator.portals(ACCOUNT))).json(&json!({
        "id": "p", "name": "P", "hostname": "p.example.com",
    })))
    .await;
    assert_eq!(status, 201);
    let initialize = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}});
    let post = |path: &str| {
        http.post(format!("{}{path}", emulator.base))
            .header("accept", "application/json, text/event-stream")
            .json(&initialize)
    };
    let status = |request: reqwest::RequestBuilder| async move {
        request.send().await.unwrap().status().as_u16()
    };
    assert_eq!(status(post("/portals/p/mcp")).await, 401, "no token");
    assert_eq!(
        status(post("/portals/p/mcp").bearer_auth("wrong")).await,
        401,
        "wrong token"
    );
    assert_eq!(status(authed(post("/portals/nope/mcp"))).await, 404);
    let response = authed(post("/portals/p/mcp")).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let body = response.text().await.unwrap();
    assert!(body.contains("cf-mcp-emulator portal p"), "{body}");
}

#[tokio::test]
async fn the_seeded_demo_portal_serves_the_synced_demo_server() {
    let emulator = Emulator::start(&["--seed-demo"]);
    assert!(
        emulator
            .banner
            .iter()
            .any(|l| l.contains("/portals/demo-portal/mcp")),
        "{:?}",
        emulator.banner
    );
    let account = "0123456789abcdef0123456789abcdef";
    let http = client();
    let url = format!("{}/demo-portal", emulator.portals(account));
    // The demo server is synced in the background once the emulator serves.
    let mut tools = Value::Null;
    for _ in 0..50 {
        let (_, body) = send(authed(http.get(&url))).await;
        tools = body["result"]["servers"][0]["tools"].clone();
        if tools.as_array().is_some_and(|t| !t.is_empty()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(tools.as_array().map(Vec::len), Some(5), "{tools}");
    let agent = agent(&emulator, "demo-portal").await;
    let names = tool_names(&agent).await;
    assert_eq!(names, ["demo_echo", "demo_add", "demo_dice", "demo_issues"]);
    let _ = agent.cancel().await;
}
