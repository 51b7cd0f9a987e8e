//! Around the API: persistence, the corrupt-file refusal, seeding, faults, the proxy, --help.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn a_restart_finds_everything() {
    let dir = TempDir::new();
    let data = dir.file("nested/data.json");
    let data_arg = data.to_str().unwrap();
    let http = client();
    let emulator = Emulator::start(&["--data", data_arg]);
    let mut body = server_body("kept");
    body["auth_type"] = json!("bearer");
    body["auth_credentials"] = json!("stored-token");
    let created = create(&http, &emulator, body).await;
    create(&http, &emulator, server_body("deleted")).await;
    let (status, _) = send(authed(
        http.delete(format!("{}/deleted", emulator.servers(ACCOUNT))),
    ))
    .await;
    assert_eq!(status, 200);
    // Killed, not stopped politely: every change must already be on disk.
    emulator.stop();
    let emulator = Emulator::start(&["--data", data_arg]);
    let (_, list) = send(authed(http.get(emulator.servers(ACCOUNT)))).await;
    assert_eq!(list["result"], json!([created]));
    let stored = std::fs::read_to_string(&data).unwrap();
    assert!(
        stored.contains("stored-token"),
        "credentials are kept for sync"
    );
    let leftovers: Vec<_> = std::fs::read_dir(data.parent().unwrap()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temp files left behind");
}

#[tokio::test]
async fn a_corrupt_data_file_stops_the_start_and_is_left_untouched() {
    let dir = TempDir::new();
    let data = dir.file("data.json");
    let corrupt = "{\"accounts\": {\"a\": [oops";
    std::fs::write(&data, corrupt).unwrap();
    let Err(failed) = Emulator::try_start(&["--data", data.to_str().unwrap(), "--seed-demo"])
    else {
        panic!("the emulator started on a corrupt file");
    };
    assert_ne!(failed.code, Some(0));
    assert!(
        failed.stderr.contains(data.to_str().unwrap()),
        "names the file: {}",
        failed.stderr
    );
    assert_eq!(std::fs::read_to_string(&data).unwrap(), corrupt);

    let dir_as_file = dir.file("a-directory");
    std::fs::create_dir_all(&dir_as_file).unwrap();
    let Err(failed) = Emulator::try_start(&["--data", dir_as_file.to_str().unwrap()]) else {
        panic!("the emulator started on an unreadable file");
    };
    assert!(failed.stderr.contains("a-directory"), "{}", failed.stderr);
}

#[tokio::test]
async fn seed_demo_creates_a_demo_account_once_whose_demo_server_syncs() {
    let dir = TempDir::new();
    let data = dir.file("data.json");
    let args = ["--data", data.to_str().unwrap(), "--seed-demo"];
    let emulator = Emulator::start(&args);
    let account = "0123456789abcdef0123456789abcdef";
    assert!(
        emulator.banner.iter().any(|l| l.contains(account)),
        "{:?}",
        emulator.banner
    );
    let http = client();
    let (_, list) = send(authed(http.get(emulator.servers(account)))).await;
    let servers = list["result"].as_array().unwrap();
    assert!(servers.len() >= 3);
    let demo = servers.iter().find(|s| s["id"] == "demo").unwrap();
    assert_eq!(demo["hostname"], format!("{}/demo-mcp", emulator.base));
    let (_, synced) = send(authed(
        http.post(format!("{}/demo/sync", emulator.servers(account))),
    ))
    .await;
    assert_eq!(synced["result"]["status"], "ready");
    let (status, _) = send(authed(
        http.delete(format!("{}/github", emulator.servers(account))),
    ))
    .await;
    assert_eq!(status, 200);
    emulator.stop();
    // Not empty any more: no reseeding over the user's changes.
    let emulator = Emulator::start(&args);
    assert!(!emulator.banner.iter().any(|l| l.contains("seeded")));
    let (status, _) = send(authed(
        http.get(format!("{}/github", emulator.servers(account))),
    ))
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn faults_inject_429_with_retry_after_and_5xx() {
    let emulator = Emulator::start(&["--faults", "429=0.5,503=0.5"]);
    let http = client();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..40 {
        let response = authed(http.get(emulator.servers(ACCOUNT)))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        if status == 429 {
            assert_eq!(response.headers()["retry-after"], "1");
        }
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["success"], false);
        seen.insert(status);
    }
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), [429, 503]);
    // Static files are not disturbed.
    assert_eq!(
        http.get(format!("{}/", emulator.base))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn faults_drop_connections_and_add_latency() {
    let emulator = Emulator::start(&["--faults", "drop=1"]);
    let result = authed(client().get(emulator.servers(ACCOUNT))).send().await;
    assert!(
        result.is_err(),
        "expected a dropped connection, got {result:?}"
    );
    drop(emulator);
    let emulator = Emulator::start(&["--faults", "latency=300ms"]);
    let start = std::time::Instant::now();
    let (status, _) = send(authed(client().get(emulator.servers(ACCOUNT)))).await;
    assert_eq!(status, 200);
    assert!(start.elapsed() >= std::time::Duration::from_millis(300));
}

#[test]
fn bad_fault_specs_are_refused_at_start() {
    let Err(failed) = Emulator::try_start(&["--faults", "404=0.5"]) else {
        panic!("started with a bad --faults");
    };
    assert!(failed.stderr.contains("404"), "{}", failed.stderr);
}

#[tokio::test]
async fn the_proxy_forwards_method_body_query_and_credentials() {
    let real = Emulator::start(&["--token", "real-token"]);
    let proxy = Emulator::start(&["--proxy-to", &format!("{}/client/v4", real.base)]);
    let http = client();
    let via_proxy = proxy.servers(ACCOUNT);
    let (status, created) = send(
        http.post(&via_proxy)
            .bearer_auth("real-token")
            .json(&server_body("through")),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let (status, list) = send(
        http.get(&via_proxy)
            .bearer_auth("real-token")
            .query(&[("search", "through"), ("per_page", "5")]),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(list["result_info"]["per_page"], 5);
    assert_eq!(list["result"][0]["id"], "through");
    let (status, _) = send(
        http.get(&via_proxy)
            .header("x-auth-email", "me@example.com")
            .header("x-auth-key", "real-token"),
    )
    .await;
    assert_eq!(status, 200, "email + key pass through too");
    let (status, denied) = send(http.get(&via_proxy).bearer_auth("wrong")).await;
    assert_eq!(status, 403, "the real API decides: {denied}");
    let (status, _) = send(http.get(&via_proxy)).await;
    assert_eq!(status, 401);
    // Straight to the real one: the server is there.
    let (status, _) = send(
        http.get(format!("{}/through", real.servers(ACCOUNT)))
            .bearer_auth("real-token"),
    )
    .await;
    assert_eq!(status, 200);
}

#[test]
fn help_explains_every_flag_and_the_fault_spec() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_cf-mcp-emulator"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for flag in [
        "--listen",
        "--token",
        "--data",
        "--seed-demo",
        "--www",
        "--pkg",
        "--proxy-to",
        "--faults",
        "429=0.2",
        "latency=200ms",
    ] {
        assert!(help.contains(flag), "--help lacks {flag}");
    }
}

#[tokio::test]
async fn the_demo_tells_the_admin_page_its_account_and_token() {
    let http = client();
    let demo = Emulator::start(&["--seed-demo"]);
    let (status, body) = send(http.get(format!("{}/demo.json", demo.base))).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({"accountId": "0123456789abcdef0123456789abcdef", "token": TOKEN})
    );
    // The advertised pair really connects.
    let (status, list) = send(
        http.get(demo.servers("0123456789abcdef0123456789abcdef"))
            .bearer_auth(TOKEN),
    )
    .await;
    assert_eq!(status, 200);
    assert!(!list["result"].as_array().unwrap().is_empty());
    // Without --seed-demo the path is an ordinary static file, and no token is handed out.
    let plain = Emulator::start(&["--www", "/nonexistent-www-dir"]);
    let response = http
        .get(format!("{}/demo.json", plain.base))
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    assert!(!text.contains(TOKEN), "{text}");
}
