//! The six endpoints over HTTP: envelope, validation, errors, auth, paging, concurrency, static files.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn create_read_update_list_delete_round_trip() {
    let emulator = Emulator::start(&[]);
    let http = client();
    let mut body = server_body("my-mcp-server");
    body["auth_type"] = json!("bearer");
    body["auth_credentials"] = json!("sk-secret-token");
    body["description"] = json!("One remote MCP server");
    body["updated_tools"] = json!([{"name": "list_issues", "alias": "issues", "enabled": true}]);
    let (status, created) = send(authed(http.post(emulator.servers(ACCOUNT))).json(&body)).await;
    assert_eq!(status, 201);
    assert_eq!(created["success"], true);
    assert_eq!(created["errors"], json!([]));
    assert_eq!(created["messages"], json!([]));
    let server = &created["result"];
    assert_eq!(server["id"], "my-mcp-server");
    assert_eq!(server["status"], "waiting");
    assert_eq!(server["tools"], json!([]));
    assert_eq!(server["prompts"], json!([]));
    assert_eq!(server["secure_web_gateway"], false);
    assert_eq!(server["is_shared_oauth_callback_enabled"], false);
    assert_eq!(server["authentication_status"], "not_required");
    assert_eq!(server["updated_tools"][0]["alias"], "issues");
    assert_eq!(server["created_by"], "api-token");
    let created_at = server["created_at"].as_str().unwrap();
    assert!(
        created_at.ends_with('Z') && created_at.contains('T'),
        "{created_at}"
    );
    assert_eq!(server["modified_at"], server["created_at"]);
    assert!(!created.to_string().contains("sk-secret-token"));
    assert!(server.get("auth_credentials").is_none());

    let one = format!("{}/my-mcp-server", emulator.servers(ACCOUNT));
    let (status, read) = send(authed(http.get(&one))).await;
    assert_eq!(status, 200);
    assert_eq!(read["result"], created["result"]);

    let (status, updated) = send(
        authed(http.put(&one))
            .json(&json!({"name": "Renamed", "description": null, "secure_web_gateway": true})),
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    let server = &updated["result"];
    assert_eq!(server["name"], "Renamed");
    assert_eq!(server["description"], Value::Null);
    assert_eq!(server["secure_web_gateway"], true);
    assert_eq!(server["hostname"], "https://example.com/mcp");
    assert_eq!(
        server["updated_tools"][0]["name"], "list_issues",
        "omitted fields are kept"
    );
    assert_eq!(server["created_at"], created["result"]["created_at"]);
    assert!(server["modified_at"].as_str().unwrap() >= created_at);

    let (status, list) = send(authed(http.get(emulator.servers(ACCOUNT)))).await;
    assert_eq!(status, 200);
    assert_eq!(list["result"].as_array().unwrap().len(), 1);
    assert_eq!(list["result"][0]["name"], "Renamed");

    let (status, deleted) = send(authed(http.delete(&one))).await;
    assert_eq!(status, 200);
    assert_eq!(deleted["result"]["id"], "my-mcp-server");
    assert_eq!(deleted["result"]["name"], "Renamed");
    let (status, gone) = send(authed(http.get(&one))).await;
    assert_eq!(status, 404);
    assert_eq!(first_error(&gone)["code"], 7002);
}

#[tokio::test]
async fn every_operation_on_a_missing_server_is_404_with_code_7002() {
    let emulator = Emulator::start(&[]);
    let http = client();
    let one = format!("{}/nope", emulator.servers(ACCOUNT));
    for request in [
        http.get(&one),
        http.put(&one).json(&json!({"name": "x"})),
        http.delete(&one),
        http.post(format!("{one}/sync")),
    ] {
        let (status, body) = send(authed(request)).await;
        assert_eq!(status, 404, "{body}");
        let error = first_error(&body);
        assert_eq!(error["code"], 7002);
        assert!(
            error["message"].as_str().unwrap().contains("nope"),
            "{error}"
        );
    }
}

async fn create_error(emulator: &Emulator, body: Value) -> Vec<(i64, Value)> {
    let (status, response) =
        send(authed(client().post(emulator.servers(ACCOUNT))).json(&body)).await;
    assert_eq!(status, 400, "{response}");
    first_error(&response);
    response["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{e}");
            (e["code"].as_i64().unwrap(), e["path"].clone())
        })
        .collect()
}

#[tokio::test]
async fn invalid_input_is_400_with_code_7001_and_the_path_of_each_field() {
    let emulator = Emulator::start(&[]);
    let with = |key: &str, value: Value| {
        let mut body = server_body("ok");
        body[key] = value;
        body
    };
    let cases = [
        (with("id", json!("Bad_ID")), json!(["body", "id"])),
        (with("id", json!("a--b")), json!(["body", "id"])),
        (with("id", json!("a".repeat(33))), json!(["body", "id"])),
        (with("id", json!("")), json!(["body", "id"])),
        (
            with("name", json!("n".repeat(351))),
            json!(["body", "name"]),
        ),
        (
            with("description", json!("d".repeat(513))),
            json!(["body", "description"]),
        ),
        (
            with("hostname", json!("example.com/mcp")),
            json!(["body", "hostname"]),
        ),
        (
            with("hostname", json!("ftp://example.com")),
            json!(["body", "hostname"]),
        ),
        (
            with("auth_type", json!("basic")),
            json!(["body", "auth_type"]),
        ),
        (with("name", json!(42)), json!(["body", "name"])),
        (with("surprise", json!(1)), json!(["body", "surprise"])),
        (
            with(
                "updated_tools",
                json!([{"name": "a", "alias": "bad alias"}]),
            ),
            json!(["body", "updated_tools", 0, "alias"]),
        ),
        (
            with(
                "updated_prompts",
                json!([{"name": "a", "alias": "a".repeat(41)}]),
            ),
            json!(["body", "updated_prompts", 0, "alias"]),
        ),
        (
            with(
                "updated_tools",
                json!([{"name": "a", "alias": "x"}, {"name": "b", "alias": "x"}]),
            ),
            json!(["body", "updated_tools", 1, "alias"]),
        ),
    ];
    for (body, path) in cases {
        let errors = create_error(&emulator, body.clone()).await;
        assert_eq!(errors, vec![(7001, path)], "{body}");
    }
    // A missing required field names it.
    let mut missing = server_body("ok");
    missing.as_object_mut().unwrap().remove("hostname");
    assert_eq!(
        create_error(&emulator, missing).await,
        vec![(7001, json!(["body", "hostname"]))]
    );
    // Limits are inclusive.
    let mut edge = server_body(&"a".repeat(32));
    edge["name"] = json!("n".repeat(350));
    edge["description"] = json!("d".repeat(512));
    create(&client(), &emulator, edge).await;
    // Several problems are all reported.
    let errors = create_error(
        &emulator,
        json!({"id": "A", "name": "", "hostname": "x", "auth_type": "unauthenticated"}),
    )
    .await;
    assert_eq!(errors.len(), 3, "{errors:?}");
}

#[tokio::test]
async fn update_refuses_immutable_and_unknown_fields_and_checks_limits() {
    let emulator = Emulator::start(&[]);
    let http = client();
    create(&http, &emulator, server_body("srv")).await;
    let one = format!("{}/srv", emulator.servers(ACCOUNT));
    for (body, path, says) in [
        (
            json!({"hostname": "https://other/mcp"}),
            json!(["body", "hostname"]),
            "cannot be changed",
        ),
        (
            json!({"id": "other"}),
            json!(["body", "id"]),
            "cannot be changed",
        ),
        (
            json!({"auth_type": "bearer"}),
            json!(["body", "auth_type"]),
            "cannot be changed",
        ),
        (
            json!({"colour": "red"}),
            json!(["body", "colour"]),
            "not a known field",
        ),
        (
            json!({"name": "n".repeat(351)}),
            json!(["body", "name"]),
            "350",
        ),
        (
            json!({"updated_tools": [{"alias": "x"}]}),
            json!(["body", "updated_tools", 0, "name"]),
            "required",
        ),
    ] {
        let (status, response) = send(authed(http.put(&one)).json(&body)).await;
        assert_eq!(status, 400, "{body}: {response}");
        let error = first_error(&response);
        assert_eq!(error["code"], 7001);
        assert_eq!(error["path"], path, "{body}");
        assert!(error["message"].as_str().unwrap().contains(says), "{error}");
    }
    let (_, read) = send(authed(http.get(&one))).await;
    assert_eq!(
        read["result"]["name"], "Server srv",
        "failed updates change nothing"
    );
    let (status, _) = send(authed(http.put(&one)).json(&json!({}))).await;
    assert_eq!(status, 200, "an empty update is valid");
}

#[tokio::test]
async fn malformed_json_wrong_content_type_and_big_bodies_are_400_envelopes() {
    let emulator = Emulator::start(&[]);
    let http = client();
    let url = emulator.servers(ACCOUNT);
    let (status, body) = send(
        authed(http.post(&url))
            .header("content-type", "application/json")
            .body("{\"id\": \"x\","),
    )
    .await;
    assert_eq!(status, 400);
    let error = first_error(&body);
    assert_eq!(error["code"], 7001);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("not valid JSON"),
        "{error}"
    );

    let (status, body) = send(
        authed(http.post(&url))
            .header("content-type", "text/plain")
            .body(server_body("x").to_string()),
    )
    .await;
    assert_eq!(status, 400);
    assert!(first_error(&body)["message"]
        .as_str()
        .unwrap()
        .contains("Content-Type must be application/json"));

    let (status, body) = send(authed(http.post(&url)).body(server_body("x").to_string())).await;
    assert_eq!(status, 400, "no content type: {body}");

    let mut big = server_body("x");
    big["description"] = json!("d".repeat(2 * 1024 * 1024));
    let (status, body) = send(authed(http.post(&url)).json(&big)).await;
    assert_eq!(status, 400);
    assert!(
        first_error(&body)["message"]
            .as_str()
            .unwrap()
            .contains("larger than"),
        "{body}"
    );

    let (status, body) = send(authed(http.post(&url)).json(&json!([1, 2]))).await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = send(
        authed(http.post(&url))
            .header("content-type", "application/json; charset=utf-8")
            .body(server_body("x").to_string()),
    )
    .await;
    assert_eq!(status, 201, "charset parameter is fine: {body}");
    let (_, list) = send(authed(http.get(&url))).await;
    assert_eq!(
        list["result"].as_array().unwrap().len(),
        1,
        "only the good create stored anything"
    );
}

#[tokio::test]
async fn a_duplicate_id_is_409_with_a_clear_message() {
    let emulator = Emulator::start(&[]);
    let http = client();
    create(&http, &emulator, server_body("dup")).await;
    let (status, body) =
        send(authed(http.post(emulator.servers(ACCOUNT))).json(&server_body("dup"))).await;
    assert_eq!(status, 409);
    let message = first_error(&body)["message"].as_str().unwrap();
    assert!(message.contains("\"dup\" already exists"), "{message}");
    // The same id in another account is a different server.
    let (status, _) = send(
        authed(http.post(emulator.servers("0000000000000000000000000000000b")))
            .json(&server_body("dup")),
    )
    .await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn credentials_missing_is_401_and_wrong_is_403() {
    let emulator = Emulator::start(&[]);
    let http = client();
    let url = emulator.servers(ACCOUNT);
    let (status, body) = send(http.get(&url)).await;
    assert_eq!(status, 401);
    assert_eq!(first_error(&body)["code"], 10000);
    let (status, _) = send(http.get(&url).header("authorization", "Basic abc")).await;
    assert_eq!(status, 401);
    let (status, _) = send(http.get(&url).header("x-auth-email", "me@example.com")).await;
    assert_eq!(status, 401);
    let (status, body) = send(http.get(&url).bearer_auth("wrong")).await;
    assert_eq!(status, 403);
    let error = first_error(&body);
    assert!(
        !error.to_string().contains("wrong"),
        "the token is not echoed"
    );
    let (status, _) = send(
        http.get(&url)
            .header("x-auth-email", "me@example.com")
            .header("x-auth-key", "wrong"),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = send(
        http.post(&url)
            .json(&server_body("by-key"))
            .header("x-auth-email", "me@example.com")
            .header("x-auth-key", TOKEN),
    )
    .await;
    assert_eq!(status, 201);
    let (_, read) = send(authed(http.get(format!("{url}/by-key")))).await;
    assert_eq!(read["result"]["created_by"], "me@example.com");
    // Unauthenticated requests change nothing.
    let (status, _) = send(http.post(&url).json(&server_body("sneaky"))).await;
    assert_eq!(status, 401);
    let (status, _) = send(authed(http.get(format!("{url}/sneaky")))).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn without_a_configured_token_any_credentials_work() {
    let emulator = Emulator::start(&["--token", ""]);
    let (status, _) = send(
        client()
            .get(emulator.servers(ACCOUNT))
            .bearer_auth("anything"),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = send(client().get(emulator.servers(ACCOUNT))).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn list_pages_searches_and_reports_result_info() {
    let emulator = Emulator::start(&[]);
    let http = client();
    for i in (0..25).rev() {
        let mut body = server_body(&format!("srv-{i:02}"));
        if i == 7 {
            body["name"] = json!("The GitHub Bridge");
        }
        create(&http, &emulator, body).await;
    }
    let url = emulator.servers(ACCOUNT);
    let (status, first) = send(authed(http.get(&url))).await;
    assert_eq!(status, 200);
    assert_eq!(
        first["result_info"],
        json!({"page": 1, "per_page": 20, "count": 20, "total_count": 25, "total_pages": 2})
    );
    let ids: Vec<_> = first["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "sorted by id");
    assert_eq!(ids[0], "srv-00");

    let (_, page3) = send(authed(http.get(&url)).query(&[("page", "3"), ("per_page", "10")])).await;
    assert_eq!(page3["result"].as_array().unwrap().len(), 5);
    assert_eq!(page3["result"][0]["id"], "srv-20");
    assert_eq!(page3["result_info"]["total_pages"], 3);
    let (_, past) = send(authed(http.get(&url)).query(&[("page", "4"), ("per_page", "10")])).await;
    assert_eq!(past["result"], json!([]), "past the end is empty");

    let (_, found) = send(authed(http.get(&url)).query(&[("search", "github")])).await;
    assert_eq!(
        found["result"].as_array().unwrap().len(),
        1,
        "name, case-insensitive"
    );
    assert_eq!(found["result"][0]["id"], "srv-07");
    let (_, found) = send(authed(http.get(&url)).query(&[("search", "SRV-1")])).await;
    assert_eq!(found["result_info"]["total_count"], 10, "id substring");

    for (key, value) in [
        ("per_page", "0"),
        ("per_page", "101"),
        ("page", "0"),
        ("page", "two"),
    ] {
        let (status, body) = send(authed(http.get(&url)).query(&[(key, value)])).await;
        assert_eq!(status, 400, "{key}={value}");
        let error = first_error(&body);
        assert_eq!(error["code"], 7001);
        assert_eq!(error["path"], json!(["query", key]));
    }
    let (_, max) = send(authed(http.get(&url)).query(&[("per_page", "100")])).await;
    assert_eq!(max["result"].as_array().unwrap().len(), 25);
}

#[tokio::test]
async fn accounts_are_isolated() {
    let emulator = Emulator::start(&[]);
    let http = client();
    create(&http, &emulator, server_body("mine")).await;
    let other = emulator.servers("ffffffffffffffffffffffffffffffff");
    let (_, list) = send(authed(http.get(&other))).await;
    assert_eq!(list["result"], json!([]));
    let (status, _) = send(authed(http.get(format!("{other}/mine")))).await;
    assert_eq!(status, 404);
    let (status, _) = send(authed(http.delete(format!("{other}/mine")))).await;
    assert_eq!(status, 404);
    let (status, _) = send(authed(
        http.get(format!("{}/mine", emulator.servers(ACCOUNT))),
    ))
    .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn path_ids_are_checked_and_unknown_routes_get_an_envelope() {
    let emulator = Emulator::start(&[]);
    let http = client();
    let (status, body) = send(authed(
        http.get(format!("{}/Not_Valid", emulator.servers(ACCOUNT))),
    ))
    .await;
    assert_eq!(status, 400);
    assert_eq!(first_error(&body)["path"], json!(["path", "id"]));
    let (status, body) = send(authed(
        http.get(format!("{}/client/v4/zones", emulator.base)),
    ))
    .await;
    assert_eq!(status, 404);
    first_error(&body);
    let (status, body) = send(authed(http.patch(emulator.servers(ACCOUNT)))).await;
    assert_eq!(status, 405);
    first_error(&body);
}

#[tokio::test]
async fn secrets_are_stored_but_never_returned() {
    let emulator = Emulator::start(&[]);
    let http = client();
    let mut body = server_body("gh");
    body["auth_type"] = json!("oauth");
    body["client_secret"] = json!("very-secret-client");
    body["auth_credentials"] = json!(r#"{"auth_mode":"manual","client_id":"cid-1"}"#);
    let created = create(&http, &emulator, body).await;
    assert_eq!(created["authentication_status"], "required");
    let summary = &created["auth_config_summary"];
    assert_eq!(summary["auth_mode"], "manual");
    assert_eq!(summary["has_client_secret"], true);
    assert_eq!(summary["client_secret_version"], 1.0);
    assert_eq!(summary["registration_info"]["client_id"], "cid-1");
    let url = format!("{}/gh", emulator.servers(ACCOUNT));
    let (_, updated) =
        send(authed(http.put(&url)).json(&json!({"client_secret": "rotated-secret"}))).await;
    assert_eq!(
        updated["result"]["auth_config_summary"]["client_secret_version"],
        2.0
    );
    for response in [
        send(authed(http.get(&url))).await.1,
        send(authed(http.get(emulator.servers(ACCOUNT)))).await.1,
        updated,
    ] {
        let text = response.to_string();
        assert!(
            !text.contains("secret-client") && !text.contains("rotated-secret"),
            "{text}"
        );
        assert!(
            !text.contains("auth_credentials") && !text.contains("\"client_secret\""),
            "{text}"
        );
    }
}

#[tokio::test]
async fn fifty_concurrent_creates_all_land() {
    let dir = TempDir::new();
    let data = dir.file("data.json");
    let emulator = Emulator::start(&["--data", data.to_str().unwrap()]);
    let http = client();
    let mut tasks = Vec::new();
    for i in 0..50 {
        let request =
            authed(http.post(emulator.servers(ACCOUNT))).json(&server_body(&format!("c-{i}")));
        tasks.push(tokio::spawn(async move {
            request.send().await.unwrap().status().as_u16()
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), 201);
    }
    let (_, list) =
        send(authed(http.get(emulator.servers(ACCOUNT))).query(&[("per_page", "100")])).await;
    assert_eq!(list["result_info"]["total_count"], 50);
    let stored: Value = serde_json::from_slice(&std::fs::read(&data).unwrap()).unwrap();
    assert_eq!(stored["accounts"][ACCOUNT].as_object().unwrap().len(), 50);
}

#[tokio::test]
async fn static_files_carry_the_csp_and_the_right_types() {
    let dir = TempDir::new();
    let www = dir.file("www");
    let pkg = dir.file("pkg");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    let http = client();
    // Without index.html: a placeholder that says the admin page is coming.
    let emulator = Emulator::start(&[
        "--www",
        www.to_str().unwrap(),
        "--pkg",
        pkg.to_str().unwrap(),
    ]);
    let response = http
        .get(format!("{}/", emulator.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(
        csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"));
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("admin page is coming"));

    std::fs::write(www.join("index.html"), "<h1>admin</h1>").unwrap();
    std::fs::write(www.join("app.js"), "export {}").unwrap();
    std::fs::write(pkg.join("cf_mcp_servers_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let get = |path: &str| http.get(format!("{}{path}", emulator.base)).send();
    let index = get("/").await.unwrap();
    assert!(index.headers().contains_key("content-security-policy"));
    assert_eq!(index.text().await.unwrap(), "<h1>admin</h1>");
    let js = get("/app.js").await.unwrap();
    assert!(js.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    let wasm = get("/pkg/cf_mcp_servers_bg.wasm").await.unwrap();
    assert_eq!(wasm.status(), 200);
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert!(wasm.headers().contains_key("content-security-policy"));
    for missing in [
        "/nothing.js",
        "/../Cargo.toml",
        "/pkg/../../etc/passwd",
        "/.hidden",
    ] {
        assert_eq!(get(missing).await.unwrap().status(), 404, "{missing}");
    }
}
