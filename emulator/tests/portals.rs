//! The portals API of the emulator: envelope, codes, paging, search, set semantics, links to
//! servers, the server-delete guard, persistence, and the read → update round trip.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use cf_mcp_servers::portals::{portal_to_update_params, McpPortal};
use common::*;
use serde_json::{json, Value};

fn portal_body(id: &str, servers: &[&str]) -> Value {
    json!({
        "id": id,
        "name": format!("Portal {id}"),
        "hostname": format!("{id}.example.com"),
        "servers": servers.iter().map(|s| json!({"server_id": s})).collect::<Vec<_>>(),
    })
}

async fn create_portal(http: &reqwest::Client, emulator: &Emulator, body: Value) -> Value {
    let (status, response) = send(authed(http.post(emulator.portals(ACCOUNT))).json(&body)).await;
    assert_eq!(status, 201, "{response}");
    assert_eq!(response["success"], true);
    response["result"].clone()
}

fn ids(servers: &Value) -> Vec<&str> {
    servers
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["server_id"].as_str().unwrap())
        .collect()
}

/// Errors of a failed request as (code, path, message).
async fn errors(request: reqwest::RequestBuilder) -> (u16, Vec<(u64, Value, String)>) {
    let (status, body) = send(authed(request)).await;
    first_error(&body);
    let list = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["code"].as_u64().unwrap(),
                e["path"].clone(),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (status, list)
}

#[tokio::test]
async fn portals_are_created_read_listed_updated_and_deleted_with_servers_as_a_set() {
    let emulator = Emulator::start(&[]);
    let http = client();
    for id in ["zeta", "alpha", "mid"] {
        create(&http, &emulator, server_body(id)).await;
    }
    let created = create_portal(&http, &emulator, portal_body("team", &["zeta", "alpha"])).await;
    assert_eq!(
        ids(&created["servers"]),
        ["alpha", "zeta"],
        "canonical order, not write order"
    );
    let entry = &created["servers"][0];
    // The full server plus the link's settings, with their defaults.
    assert_eq!(entry["id"], "alpha");
    assert_eq!(entry["auth_type"], "unauthenticated");
    assert_eq!(entry["status"], "waiting");
    assert!(entry["tools"].is_array());
    assert_eq!(entry["default_disabled"], false);
    assert_eq!(entry["on_behalf"], true);
    assert_eq!(created["code_mode"], "opt_in");
    assert_eq!(created["allow_code_mode"], true);
    assert_eq!(created["secure_web_gateway"], false);
    assert!(created["created_at"].is_string());

    let (status, read) = send(authed(
        http.get(format!("{}/team", emulator.portals(ACCOUNT))),
    ))
    .await;
    assert_eq!(status, 200);
    assert_eq!(read["result"], created);

    let (status, updated) = send(
        authed(http.put(format!("{}/team", emulator.portals(ACCOUNT)))).json(&json!({
            "servers": [{"server_id": "zeta"}, {"server_id": "mid", "default_disabled": true}, {"server_id": "alpha"}],
            "code_mode": "off",
            "hostname": "renamed.example.com",
        })),
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    let updated = &updated["result"];
    assert_eq!(ids(&updated["servers"]), ["alpha", "mid", "zeta"]);
    assert_eq!(updated["servers"][1]["default_disabled"], true);
    assert_eq!(updated["allow_code_mode"], false);
    assert_eq!(
        updated["name"], "Portal team",
        "fields left out keep their value"
    );

    create_portal(&http, &emulator, portal_body("other", &[])).await;
    create_portal(&http, &emulator, portal_body("third", &["mid"])).await;
    let (_, found) = send(authed(
        http.get(emulator.portals(ACCOUNT))
            .query(&[("search", "RENAMED")]),
    ))
    .await;
    let found: Vec<_> = found["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].clone())
        .collect();
    assert_eq!(found, ["team"], "search matches the hostname");
    let (_, page) = send(authed(
        http.get(emulator.portals(ACCOUNT))
            .query(&[("per_page", "2"), ("page", "2")]),
    ))
    .await;
    assert_eq!(page["result"].as_array().unwrap().len(), 1);
    assert_eq!(
        page["result_info"],
        json!({"page": 2, "per_page": 2, "count": 1, "total_count": 3, "total_pages": 2})
    );

    let (status, deleted) = send(authed(
        http.delete(format!("{}/team", emulator.portals(ACCOUNT))),
    ))
    .await;
    assert_eq!(status, 200);
    assert_eq!(deleted["result"]["id"], "team");
    assert!(
        deleted["result"].get("servers").is_none(),
        "delete returns no servers"
    );
    let (status, gone) = send(authed(
        http.get(format!("{}/team", emulator.portals(ACCOUNT))),
    ))
    .await;
    assert_eq!(status, 404);
    assert_eq!(first_error(&gone)["code"], 7002);
    assert!(first_error(&gone)["message"]
        .as_str()
        .unwrap()
        .contains("portal"));
}

#[tokio::test]
async fn the_clients_validators_guard_the_emulator_with_paths() {
    let emulator = Emulator::start(&[]);
    let http = client();
    create(&http, &emulator, server_body("real")).await;
    let post = |body: Value| http.post(emulator.portals(ACCOUNT)).json(&body);

    let mut url = portal_body("p", &[]);
    url["hostname"] = json!("https://mcp.example.com/mcp");
    let (status, list) = errors(post(url)).await;
    assert_eq!(status, 400);
    assert_eq!(list[0].0, 7001);
    assert_eq!(list[0].1, json!(["body", "hostname"]));
    assert!(
        list[0].2.contains("not a URL") && list[0].2.contains("\"mcp.example.com\""),
        "{}",
        list[0].2
    );

    let many: Vec<String> = (0..41).map(|i| format!("s{i}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let (_, list) = errors(post(portal_body("p", &many))).await;
    assert_eq!(list[0].1, json!(["body", "servers"]));
    assert!(list[0].2.contains("40"));

    let (_, list) = errors(post(portal_body("p", &["real", "real"]))).await;
    assert_eq!(list[0].1, json!(["body", "servers", 1, "server_id"]));

    let (_, list) = errors(post(portal_body("p", &["real", "missing"]))).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].1, json!(["body", "servers", 1, "server_id"]));
    assert!(list[0].2.contains("\"missing\""), "{}", list[0].2);

    let mut conflict = portal_body("p", &[]);
    conflict["code_mode"] = json!("off");
    conflict["allow_code_mode"] = json!(true);
    let (_, list) = errors(post(conflict)).await;
    assert_eq!(list[0].1, json!(["body", "allow_code_mode"]));

    let mut null = portal_body("p", &[]);
    null["description"] = Value::Null;
    let (status, list) = errors(post(null)).await;
    assert_eq!(status, 400);
    assert!(list[0].2.contains("cannot be null"), "{}", list[0].2);

    let mut long = portal_body("p", &[]);
    long["name"] = json!("n".repeat(351));
    long["servers"] =
        json!([{"server_id": "real", "updated_tools": [{"name": "t", "alias": "bad alias"}]}]);
    let (_, list) = errors(post(long)).await;
    let paths: Vec<_> = list.iter().map(|e| e.1.clone()).collect();
    assert_eq!(
        paths,
        [
            json!(["body", "name"]),
            json!(["body", "servers", 0, "updated_tools", 0, "alias"])
        ]
    );

    create_portal(&http, &emulator, portal_body("p", &[])).await;
    let (status, list) = errors(post(portal_body("p", &[]))).await;
    assert_eq!(status, 409);
    assert!(list[0].2.contains("already exists"));
    let (status, _) = errors(
        http.put(format!("{}/p", emulator.portals(ACCOUNT)))
            .json(&json!({"id": "q"})),
    )
    .await;
    assert_eq!(status, 400, "id cannot change");
    let (status, _) = errors(
        http.put(format!("{}/nope", emulator.portals(ACCOUNT)))
            .json(&json!({"name": "x"})),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_server_linked_in_a_portal_cannot_be_deleted_until_it_is_unlinked() {
    let emulator = Emulator::start(&[]);
    let http = client();
    create(&http, &emulator, server_body("shared")).await;
    create_portal(&http, &emulator, portal_body("one", &["shared"])).await;
    create_portal(&http, &emulator, portal_body("two", &["shared"])).await;
    let delete = || http.delete(format!("{}/shared", emulator.servers(ACCOUNT)));
    let (status, list) = errors(delete()).await;
    assert_eq!(status, 409);
    assert!(
        list[0].2.contains("\"one\", \"two\"") && list[0].2.contains("shared"),
        "{}",
        list[0].2
    );
    for portal in ["one", "two"] {
        let (status, _) = send(
            authed(http.put(format!("{}/{portal}", emulator.portals(ACCOUNT))))
                .json(&json!({"servers": []})),
        )
        .await;
        assert_eq!(status, 200);
    }
    let (status, _) = send(authed(delete())).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn portals_persist_with_the_servers_and_a_read_sent_back_changes_nothing() {
    let dir = TempDir::new();
    let data = dir.file("data.json");
    let args = ["--data", data.to_str().unwrap()];
    let emulator = Emulator::start(&args);
    let http = client();
    let mut server = server_body("wiki");
    server["updated_tools"] =
        json!([{"name": "search", "alias": "find", "description": "Server-level"}]);
    create(&http, &emulator, server).await;
    let mut body = portal_body("kept", &["wiki"]);
    body["description"] = json!("Persisted");
    body["code_mode"] = json!("enforced");
    body["servers"] = json!([{
        "server_id": "wiki", "on_behalf": false,
        "updated_tools": [{"name": "search", "alias": "lookup", "enabled": true}, {"name": "edit", "enabled": false}],
        "updated_prompts": [{"name": "draft", "description": "Portal-level"}],
    }]);
    let created = create_portal(&http, &emulator, body).await;
    let tools = &created["servers"][0]["updated_tools"];
    assert_eq!(
        tools[0],
        json!({"name": "search", "enabled": true, "portal_alias": "lookup", "server_alias": "find", "server_description": "Server-level"})
    );
    emulator.stop();

    let emulator = Emulator::start(&args);
    let url = format!("{}/kept", emulator.portals(ACCOUNT));
    let (status, before) = send(authed(http.get(&url))).await;
    assert_eq!(status, 200, "the portal survived the restart");
    let before = before["result"].clone();
    assert_eq!(before["servers"][0]["updated_tools"], *tools);

    let portal: McpPortal = serde_json::from_value(before.clone()).unwrap();
    let params = portal_to_update_params(&portal);
    let (status, after) = send(authed(http.put(&url)).json(&params)).await;
    assert_eq!(status, 200, "{after}");
    let mut after = after["result"].clone();
    assert_ne!(after["modified_at"], Value::Null);
    after["modified_at"] = before["modified_at"].clone();
    assert_eq!(
        after, before,
        "read → portal_to_update_params → update is a no-op"
    );
}
