//! The Rust client's portal calls (`client.portals()`) over real HTTP against the emulator:
//! create, read, list and list_all, update (the read → update round trip is a no-op), delete,
//! and validation that fails before anything is sent.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::cell::Cell;
use std::time::Duration;

use cf_mcp_servers::portals::{
    portal_to_update_params, CodeMode, PortalCreateParams, PortalListParams, PortalServerLink,
    PortalUpdateParams,
};
use cf_mcp_servers::{
    AccountParams, CapabilityOverride, Client, ClientConfig, ErrorKind, HttpRequest, HttpResponse,
    Method, RequestOptions, Transport, TransportError, TransportErrorKind,
};
use common::*;
use serde_json::Value;

/// The client's transport over reqwest, counting what it sends.
struct Http {
    http: reqwest::Client,
    sent: Cell<u32>,
}

impl Transport for Http {
    type Json = Value;

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse<Value>, TransportError> {
        self.sent.set(self.sent.get() + 1);
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self
            .http
            .request(method, &request.url)
            .timeout(Duration::from_millis(request.timeout_ms));
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        let response = builder.send().await.map_err(|e| TransportError {
            kind: TransportErrorKind::Network,
            message: e.to_string(),
        })?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_owned()))
            .collect();
        let text = response.text().await.unwrap_or_default();
        Ok(HttpResponse::from_text(status, headers, &text))
    }

    async fn sleep(&self, ms: u64) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}

fn portal_client(emulator: &Emulator) -> Client<Http> {
    let config = ClientConfig {
        account_id: Some(ACCOUNT.into()),
        base_url: format!("{}/client/v4", emulator.base),
        ..ClientConfig::with_token(TOKEN)
    };
    Client::new(
        config,
        Http {
            http: client(),
            sent: Cell::new(0),
        },
    )
}

fn create_params(id: &str, servers: &[&str]) -> PortalCreateParams {
    PortalCreateParams {
        id: id.into(),
        hostname: format!("{id}.example.com"),
        name: format!("Portal {id}"),
        servers: Some(
            servers
                .iter()
                .map(|s| PortalServerLink {
                    server_id: (*s).into(),
                    ..Default::default()
                })
                .collect(),
        ),
        ..Default::default()
    }
}

#[tokio::test]
async fn portals_round_trip_through_the_rust_client() {
    let emulator = Emulator::start(&[]);
    let http = client();
    create(&http, &emulator, server_body("alpha")).await;
    create(&http, &emulator, server_body("beta")).await;
    let c = portal_client(&emulator);
    let portals = c.portals();
    let o = RequestOptions::default();
    let account = AccountParams::default();

    let mut params = create_params("tools", &["beta", "alpha"]);
    params.code_mode = Some(CodeMode::DefaultOn);
    params.description = Some("Everything".into());
    params.servers.as_mut().unwrap()[0].updated_tools = Some(vec![CapabilityOverride {
        name: "search".into(),
        alias: Some("find".into()),
        ..Default::default()
    }]);
    let created = portals.create(&params, &o).await.unwrap();
    assert_eq!(created.portal.id, "tools");
    assert_eq!(created.portal.code_mode, Some(CodeMode::DefaultOn));
    let linked: Vec<&str> = created.servers.iter().map(|s| s.server_id()).collect();
    assert_eq!(linked.len(), 2);
    assert!(linked.contains(&"alpha") && linked.contains(&"beta"));

    let read = portals.read("tools", &account, &o).await.unwrap();
    assert_eq!(read, created);

    // Read → update params → update changes nothing.
    let unchanged = portals
        .update("tools", &portal_to_update_params(&read), &o)
        .await
        .unwrap();
    assert_eq!(unchanged.servers, read.servers);
    assert_eq!(unchanged.portal.description, read.portal.description);
    assert_eq!(
        portals.read("tools", &account, &o).await.unwrap().servers,
        read.servers
    );

    let renamed = portals
        .update(
            "tools",
            &PortalUpdateParams {
                name: Some("Renamed".into()),
                ..Default::default()
            },
            &o,
        )
        .await
        .unwrap();
    assert_eq!(renamed.portal.name, "Renamed");

    for id in ["p2", "p3"] {
        portals.create(&create_params(id, &[]), &o).await.unwrap();
    }
    let page = portals
        .list(
            &PortalListParams {
                search: Some("p3.example".into()),
                ..Default::default()
            },
            &o,
        )
        .await
        .unwrap();
    let found: Vec<&str> = page.result.iter().map(|p| p.portal.id.as_str()).collect();
    assert_eq!(found, ["p3"]);
    let mut all = portals.list_all(PortalListParams {
        per_page: Some(1),
        ..Default::default()
    });
    let mut walked = Vec::new();
    while let Some(portal) = all.next(&o).await.unwrap() {
        walked.push(portal.portal.id);
    }
    walked.sort();
    assert_eq!(walked, ["p2", "p3", "tools"]);

    let gone = portals.delete("tools", &account, &o).await.unwrap();
    assert_eq!((gone.id.as_str(), gone.name.as_str()), ("tools", "Renamed"));
    let err = portals.read("tools", &account, &o).await.unwrap_err();
    assert_eq!((err.kind, err.code), (ErrorKind::Api, Some(7002)));
    emulator.stop();
}

#[tokio::test]
async fn bad_portal_params_fail_before_anything_is_sent() {
    let emulator = Emulator::start(&[]);
    let c = portal_client(&emulator);
    let o = RequestOptions::default();
    let mut params = create_params("p", &["a", "a"]);
    params.hostname = "https://p.example.com/mcp".into();
    let err = c.portals().create(&params, &o).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Validation);
    let fields: Vec<_> = err
        .errors
        .iter()
        .map(|e| e.message.split(' ').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(fields, ["hostname", "servers[1].server_id"]);
    let update = PortalUpdateParams {
        code_mode: Some(CodeMode::Off),
        allow_code_mode: Some(true),
        ..Default::default()
    };
    let err = c.portals().update("p", &update, &o).await.unwrap_err();
    assert!(err.message.contains("allow_code_mode"), "{}", err.message);
    let err = c
        .portals()
        .read("Not An Id", &AccountParams::default(), &o)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Validation);
    assert_eq!(c.transport().sent.get(), 0);
    emulator.stop();
}
