//! The client through its public API over a scripted transport: what is sent, how retries
//! behave, how pages are walked. (The same rules over real HTTP are in tests/js.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::disallowed_macros,
    missing_docs
)]

use std::cell::RefCell;
use std::collections::VecDeque;

use serde_json::Value;

use cf_mcp_servers::{
    AccountParams, AuthType, Client, ClientConfig, ErrorKind, HttpRequest, HttpResponse, Method,
    RequestOptions, ServerCreateParams, ServerListParams, ServerUpdateParams, Transport,
    TransportError, TransportErrorKind,
};

type Reply = Result<HttpResponse<Value>, TransportErrorKind>;

/// Answers with the scripted replies in order and records every request and wait.
#[derive(Default)]
struct Script {
    replies: RefCell<VecDeque<Reply>>,
    sent: RefCell<Vec<HttpRequest>>,
    slept: RefCell<Vec<u64>>,
}

impl Transport for &Script {
    type Json = Value;

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse<Value>, TransportError> {
        self.sent.borrow_mut().push(request);
        match self
            .replies
            .borrow_mut()
            .pop_front()
            .expect("an unexpected extra request")
        {
            Ok(response) => Ok(response),
            Err(kind) => Err(TransportError {
                kind,
                message: "connection refused".into(),
            }),
        }
    }
    async fn sleep(&self, ms: u64) {
        self.slept.borrow_mut().push(ms);
    }
}

fn reply(status: u16, headers: &[(&str, &str)], body: &str) -> Reply {
    Ok(HttpResponse::from_text(
        status,
        headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        body,
    ))
}

fn server_json(id: &str) -> String {
    format!(
        r#"{{"id":"{id}","name":"{id}","hostname":"https://h/mcp","auth_type":"bearer","tools":[],"prompts":[]}}"#
    )
}

fn ok(result: &str) -> Reply {
    reply(
        200,
        &[],
        &format!(r#"{{"success":true,"errors":[],"messages":[],"result":{result}}}"#),
    )
}

fn script(replies: Vec<Reply>) -> Script {
    Script {
        replies: RefCell::new(replies.into()),
        ..Script::default()
    }
}

fn client(script: &Script) -> Client<&Script> {
    let config = ClientConfig {
        account_id: Some("acc".into()),
        base_url: "http://127.0.0.1:9/client/v4/".into(),
        ..ClientConfig::with_token("tok")
    };
    Client::new(config, script)
}

fn create_params() -> ServerCreateParams {
    ServerCreateParams {
        account_id: None,
        id: "new".into(),
        name: "New".into(),
        hostname: "https://new.example/mcp".into(),
        auth_type: AuthType::Bearer,
        auth_credentials: Some("upstream-secret".into()),
        client_secret: None,
        description: Some(None),
        is_shared_oauth_callback_enabled: None,
        secure_web_gateway: Some(true),
        updated_prompts: None,
        updated_tools: None,
    }
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}

#[test]
fn create_sends_exactly_the_given_fields_with_json_headers() {
    let s = script(vec![reply(
        201,
        &[],
        &format!(r#"{{"success":true,"result":{}}}"#, server_json("new")),
    )]);
    let server = block_on(client(&s).create(&create_params(), &RequestOptions::default())).unwrap();
    assert_eq!(server.id, "new");
    let sent = s.sent.borrow();
    assert_eq!(sent[0].method, Method::Post);
    assert_eq!(
        sent[0].url,
        "http://127.0.0.1:9/client/v4/accounts/acc/access/ai-controls/mcp/servers"
    );
    assert_eq!(
        sent[0].body.as_deref(),
        Some(
            r#"{"id":"new","name":"New","hostname":"https://new.example/mcp","auth_type":"bearer","auth_credentials":"upstream-secret","description":null,"secure_web_gateway":true}"#
        )
    );
    assert_eq!(sent[0].header("content-type"), Some("application/json"));
    assert_eq!(sent[0].header("authorization"), Some("Bearer tok"));
    // Debug output of a request never shows header values.
    assert!(!format!("{:?}", sent[0]).contains("Bearer tok"));
}

#[test]
fn create_and_update_go_to_the_account_their_params_name() {
    let s = script(vec![ok(&server_json("new")), ok(&server_json("new"))]);
    let c = client(&s);
    let o = RequestOptions::default();
    let create = ServerCreateParams {
        account_id: Some("other".into()),
        ..create_params()
    };
    let update = ServerUpdateParams {
        account_id: Some("other".into()),
        name: Some("Renamed".into()),
        ..Default::default()
    };
    block_on(async {
        c.create(&create, &o).await.unwrap();
        c.update("new", &update, &o).await.unwrap();
    });
    let sent = s.sent.borrow();
    for request in sent.iter() {
        assert!(request.url.contains("/accounts/other/"), "{}", request.url);
        assert!(!request
            .body
            .as_deref()
            .unwrap_or_default()
            .contains("other"));
    }
    assert_eq!(sent[1].body.as_deref(), Some(r#"{"name":"Renamed"}"#));
}

#[test]
fn read_delete_and_sync_send_no_body() {
    let s = script(vec![
        ok(&server_json("a")),
        ok(&server_json("a")),
        ok(r#"{"status":"ready"}"#),
    ]);
    let c = client(&s);
    let p = AccountParams {
        account_id: Some("other".into()),
    };
    let o = RequestOptions::default();
    block_on(async {
        c.read("a", &p, &o).await.unwrap();
        c.delete("a", &p, &o).await.unwrap();
        c.sync("a", &p, &o).await.unwrap();
    });
    let sent = s.sent.borrow();
    let calls: Vec<(Method, &str)> = sent
        .iter()
        .map(|r| (r.method, r.url.rsplit("/servers").next().unwrap()))
        .collect();
    assert_eq!(
        calls,
        [
            (Method::Get, "/a"),
            (Method::Delete, "/a"),
            (Method::Post, "/a/sync")
        ]
    );
    assert!(sent
        .iter()
        .all(|r| r.body.is_none() && r.header("content-type").is_none()));
    assert!(sent.iter().all(|r| r.url.contains("/accounts/other/")));
}

#[test]
fn list_puts_paging_and_search_in_the_query() {
    let s = script(vec![ok("[]")]);
    let params = ServerListParams {
        page: Some(2),
        per_page: Some(50),
        search: Some("git hub".into()),
        account_id: None,
    };
    block_on(client(&s).list(&params, &RequestOptions::default())).unwrap();
    assert!(s.sent.borrow()[0]
        .url
        .ends_with("/servers?page=2&per_page=50&search=git%20hub"));
}

#[test]
fn rate_limits_are_waited_out_as_the_server_asks() {
    let s = script(vec![
        reply(429, &[("retry-after", "2")], ""),
        reply(503, &[("retry-after-ms", "10")], "<html>busy</html>"),
        ok(&server_json("a")),
    ]);
    let server =
        block_on(client(&s).read("a", &AccountParams::default(), &RequestOptions::default()))
            .unwrap();
    assert_eq!(server.id, "a");
    assert_eq!(*s.slept.borrow(), [2000, 10]);
}

#[test]
fn retries_stop_at_max_retries_with_the_last_error() {
    let s = script(vec![
        reply(500, &[], ""),
        reply(502, &[], ""),
        reply(503, &[("cf-ray", "r1")], ""),
    ]);
    let err = block_on(client(&s).read("a", &AccountParams::default(), &RequestOptions::default()))
        .unwrap_err();
    assert_eq!(
        (err.kind, err.status, err.retryable),
        (ErrorKind::Api, Some(503), true)
    );
    assert_eq!(err.ray_id.as_deref(), Some("r1"));
    assert_eq!(s.sent.borrow().len(), 3);
    let once = script(vec![reply(500, &[], "")]);
    let options = RequestOptions {
        max_retries: Some(0),
        ..RequestOptions::default()
    };
    block_on(client(&once).read("a", &AccountParams::default(), &options)).unwrap_err();
    assert_eq!(once.sent.borrow().len(), 1);
}

#[test]
fn a_wait_longer_than_the_cap_fails_at_once() {
    let s = script(vec![reply(429, &[("retry-after", "600")], "")]);
    let err = block_on(client(&s).read("a", &AccountParams::default(), &RequestOptions::default()))
        .unwrap_err();
    assert_eq!((err.status, err.retryable), (Some(429), true));
    assert!(s.slept.borrow().is_empty());
}

fn created(id: &str) -> Reply {
    reply(
        201,
        &[],
        &format!(
            r#"{{"success":true,"result":{}}}"#,
            server_json_named(id, "New")
        ),
    )
}

/// A server as `create_params()` describes it, with `name`.
fn server_json_named(id: &str, name: &str) -> String {
    format!(
        r#"{{"id":"{id}","name":"{name}","hostname":"https://new.example/mcp","auth_type":"bearer","tools":[],"prompts":[]}}"#
    )
}

fn taken() -> Reply {
    reply(
        409,
        &[],
        r#"{"success":false,"errors":[{"code":7005,"message":"An MCP server with id \"new\" already exists"}]}"#,
    )
}

#[test]
fn a_create_is_retried_after_a_5xx_or_silence_and_a_duplicate_on_the_retry_is_read_back() {
    for failure in [
        reply(500, &[], ""),
        Err(TransportErrorKind::Timeout),
        Err(TransportErrorKind::Network),
    ] {
        // The first attempt landed but its answer was lost; the retry meets the server it made.
        let s = script(vec![failure, taken(), ok(&server_json_named("new", "New"))]);
        let server =
            block_on(client(&s).create(&create_params(), &RequestOptions::default())).unwrap();
        assert_eq!(server.name, "New");
        let sent = s.sent.borrow();
        let calls: Vec<(Method, &str)> = sent
            .iter()
            .map(|r| (r.method, r.url.rsplit("/mcp/").next().unwrap()))
            .collect();
        assert_eq!(
            calls,
            [
                (Method::Post, "servers"),
                (Method::Post, "servers"),
                (Method::Get, "servers/new")
            ]
        );
    }
    let s = script(vec![reply(503, &[], ""), created("new")]);
    block_on(client(&s).create(&create_params(), &RequestOptions::default())).unwrap();
    assert_eq!(s.sent.borrow().len(), 2);
}

#[test]
fn a_duplicate_that_differs_is_a_real_conflict_and_a_first_attempt_duplicate_is_not_read_back() {
    let s = script(vec![
        reply(502, &[], ""),
        taken(),
        ok(&server_json_named("new", "Someone else's")),
    ]);
    let err =
        block_on(client(&s).create(&create_params(), &RequestOptions::default())).unwrap_err();
    assert_eq!((err.status, err.may_have_applied), (Some(409), Some(false)));
    assert!(err.message.contains("real conflict"), "{}", err.message);
    let s = script(vec![taken()]);
    let err =
        block_on(client(&s).create(&create_params(), &RequestOptions::default())).unwrap_err();
    assert_eq!((err.status, err.may_have_applied), (Some(409), Some(false)));
    assert_eq!(s.sent.borrow().len(), 1);
}

#[test]
fn a_delete_that_finds_nothing_after_a_lost_answer_says_it_may_have_deleted_it() {
    let o = RequestOptions::default();
    let p = AccountParams::default();
    let s = script(vec![Err(TransportErrorKind::Network), reply(404, &[], "")]);
    let err = block_on(client(&s).delete("a", &p, &o)).unwrap_err();
    assert_eq!((err.status, err.may_have_applied), (Some(404), Some(true)));
    assert!(
        err.message.contains("may have deleted it"),
        "{}",
        err.message
    );
    // A 404 at the first attempt is a plain not-found.
    let s = script(vec![reply(404, &[], "")]);
    let err = block_on(client(&s).delete("a", &p, &o)).unwrap_err();
    assert_eq!((err.status, err.may_have_applied), (Some(404), None));
    assert!(!err.message.contains("may have"), "{}", err.message);
}

#[test]
fn a_create_that_finally_fails_says_whether_it_may_have_been_applied() {
    let s = script(vec![
        reply(429, &[("retry-after", "0")], ""),
        Err(TransportErrorKind::Network),
        reply(503, &[], ""),
    ]);
    let err =
        block_on(client(&s).create(&create_params(), &RequestOptions::default())).unwrap_err();
    assert_eq!(err.may_have_applied, Some(true));
    assert!(
        err.message.contains("may have been created"),
        "{}",
        err.message
    );
    let s = script(vec![
        reply(429, &[("retry-after", "0")], ""),
        reply(429, &[("retry-after", "0")], ""),
        reply(429, &[("retry-after", "0")], ""),
    ]);
    let err =
        block_on(client(&s).create(&create_params(), &RequestOptions::default())).unwrap_err();
    assert_eq!(err.may_have_applied, Some(false));
    // Other calls do not carry the field.
    let s = script(vec![reply(404, &[], "")]);
    let o = RequestOptions::default();
    let err = block_on(client(&s).read("a", &AccountParams::default(), &o)).unwrap_err();
    assert_eq!(err.may_have_applied, None);
}

#[test]
fn network_failures_and_timeouts_are_retried_then_reported() {
    let s = script(vec![
        Err(TransportErrorKind::Timeout),
        Err(TransportErrorKind::Timeout),
        Err(TransportErrorKind::Timeout),
    ]);
    let options = RequestOptions {
        timeout_ms: Some(250),
        ..RequestOptions::default()
    };
    let err = block_on(client(&s).read("a", &AccountParams::default(), &options)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Timeout);
    assert_eq!(err.message, "GET /accounts/acc/access/ai-controls/mcp/servers/a: timed out after 250 ms (after 3 attempts)");
    assert!(s.sent.borrow().iter().all(|r| r.timeout_ms == 250));
    let refused = script(vec![Err(TransportErrorKind::Network)]);
    let options = RequestOptions {
        max_retries: Some(0),
        ..RequestOptions::default()
    };
    let err =
        block_on(client(&refused).read("a", &AccountParams::default(), &options)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Network);
    assert!(err.message.ends_with("network error: connection refused"));
}

#[test]
fn list_all_walks_45_servers_in_3_requests() {
    let page = |ids: std::ops::Range<usize>| {
        let items: Vec<String> = ids.map(|i| server_json(&format!("s{i}"))).collect();
        ok(&format!("[{}]", items.join(",")))
    };
    let s = script(vec![page(0..20), page(20..40), page(40..45)]);
    let c = client(&s);
    let mut all = c.list_all(ServerListParams {
        per_page: Some(20),
        ..ServerListParams::default()
    });
    let mut ids = Vec::new();
    block_on(async {
        while let Some(server) = all.next(&RequestOptions::default()).await.unwrap() {
            ids.push(server.id);
        }
    });
    assert_eq!(ids.len(), 45);
    assert_eq!(ids[44], "s44");
    let urls: Vec<String> = s
        .sent
        .borrow()
        .iter()
        .map(|r| r.url.rsplit('?').next().unwrap().to_owned())
        .collect();
    assert_eq!(
        urls,
        ["per_page=20", "page=2&per_page=20", "page=3&per_page=20"]
    );
}

#[test]
fn invalid_parameters_send_nothing() {
    let s = script(vec![]);
    let c = client(&s);
    let o = RequestOptions::default();
    let update = ServerUpdateParams {
        name: Some("n".repeat(351)),
        ..ServerUpdateParams::default()
    };
    block_on(async {
        assert_eq!(
            c.update("ok", &update, &o).await.unwrap_err().kind,
            ErrorKind::Validation
        );
        assert_eq!(
            c.read("../x", &AccountParams::default(), &o)
                .await
                .unwrap_err()
                .kind,
            ErrorKind::Validation
        );
        let bad_account = AccountParams {
            account_id: Some("a/b".into()),
        };
        assert_eq!(
            c.sync("ok", &bad_account, &o).await.unwrap_err().kind,
            ErrorKind::Validation
        );
        let mut no_creds = ClientConfig {
            account_id: Some("acc".into()),
            ..ClientConfig::default()
        };
        no_creds.base_url = "http://127.0.0.1:9".into();
        let err = Client::new(no_creds, &s)
            .read("ok", &AccountParams::default(), &o)
            .await
            .unwrap_err();
        assert!(err.message.contains("no credentials"));
    });
    assert!(s.sent.borrow().is_empty());
}

const TOKEN: &str = "tok-SECRET-0123456789";

/// Clients for every auth scheme, and the secrets each sends.
fn clients_by_scheme(s: &Script) -> Vec<(Client<&Script>, Vec<&'static str>)> {
    let base = ClientConfig {
        account_id: Some("acc".into()),
        base_url: "http://127.0.0.1:9/client/v4".into(),
        ..ClientConfig::default()
    };
    vec![
        (
            Client::new(
                ClientConfig {
                    api_token: Some(TOKEN.into()),
                    ..base.clone()
                },
                s,
            ),
            vec![TOKEN],
        ),
        (
            Client::new(
                ClientConfig {
                    api_email: Some("ops@example.com".into()),
                    api_key: Some("key-SECRET-abcdef".into()),
                    ..base.clone()
                },
                s,
            ),
            vec!["key-SECRET-abcdef"],
        ),
        (
            Client::new(
                ClientConfig {
                    user_service_key: Some("v1.0-SECRET-usk".into()),
                    ..base.clone()
                },
                s,
            ),
            vec!["v1.0-SECRET-usk"],
        ),
        (
            Client::new(
                ClientConfig {
                    api_token: Some("tok-other-0123456789".into()),
                    default_headers: vec![(
                        "CF-Access-Client-Secret".into(),
                        "svc-SECRET-hdr".into(),
                    )],
                    ..base
                },
                s,
            ),
            vec!["svc-SECRET-hdr"],
        ),
    ]
}

/// Every text of an error, as `JSON.stringify(err)` would show them.
fn all_text(err: &cf_mcp_servers::Error) -> String {
    let mut text = format!("{} {:?} {:?}", err.message, err.ray_id, err.errors);
    text.push_str(&err.to_string());
    text
}

/// Responses that echo what was sent, in every shape an API, a proxy or an edge page uses.
fn echoes(secret: &str) -> Vec<Reply> {
    let json = |status: u16, errors: String| {
        reply(
            status,
            &[],
            &format!(
                r#"{{"success":false,"errors":{errors},"messages":["{secret}"],"result":null}}"#
            ),
        )
    };
    vec![
        reply(
            500,
            &[],
            &format!(
                "<html><pre>Authorization: Bearer {secret}\nX-Auth-Key: {secret}</pre></html>"
            ),
        ),
        json(
            401,
            format!(r#"[{{"code":10000,"message":"bad token {secret}"}}]"#),
        ),
        json(
            400,
            format!(r#"[{{"code":7001,"message":"invalid","path":["body","{secret}"]}}]"#),
        ),
        json(
            200,
            format!(r#"[{{"code":1,"message":"{secret}"}}, "{secret}"]"#),
        ),
        reply(200, &[], &format!("not json {secret}")),
    ]
}

#[test]
fn no_credential_comes_back_in_an_error_whatever_echoes_it() {
    let probe = script(vec![]);
    for (i, (_, secrets)) in clients_by_scheme(&probe).into_iter().enumerate() {
        for secret in secrets {
            for echo in echoes(secret) {
                let s = script(vec![echo]);
                let (c, _) = clients_by_scheme(&s).swap_remove(i);
                let o = RequestOptions {
                    max_retries: Some(0),
                    ..RequestOptions::default()
                };
                let err = block_on(c.read("a", &AccountParams::default(), &o)).unwrap_err();
                let text = all_text(&err);
                assert!(!text.contains("SECRET"), "{text}");
                assert!(text.contains("[redacted]"), "{text}");
            }
        }
    }
}

#[test]
fn body_secrets_are_redacted_after_retries() {
    let params = ServerCreateParams {
        auth_credentials: Some(r#"{"headers":{"X-Upstream-Key":"up-SECRET-xyz"}}"#.into()),
        client_secret: Some("cs-SECRET-123".into()),
        ..create_params()
    };
    let s = script(vec![
        reply(503, &[], "<h1>busy</h1> cs-SECRET-123"),
        reply(
            500,
            &[],
            r#"{"errors":[{"message":"upstream said up-SECRET-xyz"}]}"#,
        ),
        reply(
            502,
            &[],
            r#"<pre>{"auth_credentials":"{\"headers\":{\"X-Upstream-Key\":\"up-SECRET-xyz\"}}"}</pre>"#,
        ),
    ]);
    let err = block_on(client(&s).create(&params, &RequestOptions::default())).unwrap_err();
    assert_eq!(s.sent.borrow().len(), 3);
    let text = all_text(&err);
    assert!(!text.contains("SECRET"), "{text}");
}

#[test]
fn list_all_errors_are_redacted_too() {
    let s = script(vec![
        ok(&format!(
            "[{}]",
            (0..20)
                .map(|i| server_json(&format!("s{i}")))
                .collect::<Vec<_>>()
                .join(",")
        )),
        reply(
            401,
            &[],
            r#"{"success":false,"errors":[{"message":"token tok is not valid here"}]}"#,
        ),
    ]);
    let config = ClientConfig {
        account_id: Some("acc".into()),
        ..ClientConfig::with_token("tok-SECRET-list")
    };
    let c = Client::new(config, &s);
    let mut all = c.list_all(ServerListParams::default());
    let o = RequestOptions::default();
    let err = block_on(async {
        loop {
            match all.next(&o).await {
                Ok(Some(_)) => continue,
                Ok(None) => panic!("the walk should fail"),
                Err(e) => break e,
            }
        }
    });
    assert_eq!(err.status, Some(401));
    // `tok` alone is too short to be searched for, but the full token is.
    let s = script(vec![reply(401, &[], "echo: Bearer tok-SECRET-list")]);
    let c = Client::new(
        ClientConfig {
            account_id: Some("acc".into()),
            ..ClientConfig::with_token("tok-SECRET-list")
        },
        &s,
    );
    let mut all = c.list_all(ServerListParams::default());
    let err = block_on(all.next(&o)).unwrap_err();
    assert!(!all_text(&err).contains("SECRET"), "{}", err.message);
}

#[test]
fn a_megabyte_message_is_capped_but_every_item_is_kept() {
    let huge = "x".repeat(1_000_000);
    let s = script(vec![reply(
        400,
        &[],
        &format!(
            r#"{{"success":false,"errors":[{{"message":"{huge}"}},{{"code":2,"message":"second"}}]}}"#
        ),
    )]);
    let err = block_on(client(&s).read("a", &AccountParams::default(), &RequestOptions::default()))
        .unwrap_err();
    assert_eq!(err.message.chars().count(), 1025);
    assert!(err.message.ends_with("x…"));
    assert_eq!(err.errors.len(), 2);
    assert_eq!(err.errors[0].message.chars().count(), 1025);
    assert_eq!(err.errors[1].message, "second");
}

#[test]
fn list_all_stops_at_max_pages_with_the_count_walked() {
    // An API that always reports more pages, each with fresh items.
    let page = |n: usize| {
        let items: Vec<String> = (0..20).map(|i| server_json(&format!("p{n}-{i}"))).collect();
        reply(
            200,
            &[],
            &format!(
                r#"{{"success":true,"result":[{}],"result_info":{{"page":{n},"per_page":20,"total_pages":{}}}}}"#,
                items.join(","),
                n + 10
            ),
        )
    };
    let s = script((1..=5).map(page).collect());
    let c = client(&s);
    let mut all = c.list_all(ServerListParams::default());
    let o = RequestOptions {
        max_pages: Some(5),
        ..RequestOptions::default()
    };
    let mut seen = 0;
    let err = block_on(async {
        loop {
            match all.next(&o).await {
                Ok(Some(_)) => seen += 1,
                Ok(None) => panic!("the walk should be stopped"),
                Err(e) => break e,
            }
        }
    });
    assert_eq!(seen, 100);
    assert_eq!(s.sent.borrow().len(), 5);
    assert!(
        err.message
            .contains("stopped after 5 pages (maxPages 5), 100 servers walked so far"),
        "{}",
        err.message
    );
    assert_eq!(ClientConfig::default().max_pages, 1000);
}

#[test]
fn optional_fields_of_the_wrong_type_are_decode_errors_naming_the_path() {
    let mut bad = serde_json::from_str::<Value>(&server_json("a")).unwrap();
    bad["status"] = serde_json::json!(42);
    let good = server_json("b");
    let s = script(vec![
        ok(&format!("[{good},{good},{good},{bad}]")),
        reply(
            200,
            &[],
            r#"{"success":true,"result":[],"result_info":{"page":"2"}}"#,
        ),
    ]);
    let c = client(&s);
    let o = RequestOptions::default();
    let err = block_on(c.list(&ServerListParams::default(), &o)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Decode);
    assert!(
        err.message
            .ends_with("result[3].status: expected a string, got a number"),
        "{}",
        err.message
    );
    let err = block_on(c.list(&ServerListParams::default(), &o)).unwrap_err();
    assert!(
        err.message
            .ends_with("result_info.page: expected a number, got a string"),
        "{}",
        err.message
    );
}

fn portal_json(id: &str, name: &str) -> String {
    format!(r#"{{"id":"{id}","name":"{name}","hostname":"{id}.example.com","servers":[]}}"#)
}

fn portal_params() -> cf_mcp_servers::portals::PortalCreateParams {
    cf_mcp_servers::portals::PortalCreateParams {
        id: "new".into(),
        hostname: "new.example.com".into(),
        name: "New".into(),
        ..Default::default()
    }
}

#[test]
fn a_portal_create_whose_retry_finds_its_id_taken_settles_by_reading_back() {
    let taken = || {
        reply(
            409,
            &[],
            r#"{"success":false,"errors":[{"code":7005,"message":"A portal with id \"new\" already exists"}]}"#,
        )
    };
    let s = script(vec![
        Err(TransportErrorKind::Timeout),
        taken(),
        ok(&portal_json("new", "New")),
    ]);
    let portal = block_on(
        client(&s)
            .portals()
            .create(&portal_params(), &RequestOptions::default()),
    )
    .unwrap();
    assert_eq!(portal.portal.name, "New");
    let calls: Vec<(Method, String)> = s
        .sent
        .borrow()
        .iter()
        .map(|r| (r.method, r.url.rsplit("/mcp/").next().unwrap().to_owned()))
        .collect();
    assert_eq!(
        calls,
        [
            (Method::Post, "portals".into()),
            (Method::Post, "portals".into()),
            (Method::Get, "portals/new".into())
        ]
    );
    // Someone else's portal under that id is a real conflict.
    let s = script(vec![
        reply(500, &[], ""),
        taken(),
        ok(&portal_json("new", "Theirs")),
    ]);
    let err = block_on(
        client(&s)
            .portals()
            .create(&portal_params(), &RequestOptions::default()),
    )
    .unwrap_err();
    assert_eq!(err.may_have_applied, Some(false));
    assert!(
        err.message
            .contains("the portal with this id has another name"),
        "{}",
        err.message
    );
}

#[test]
fn portal_results_are_checked_against_their_shapes() {
    let s = script(vec![
        ok(r#"{"id":"p","name":"P","hostname":"p.example.com"}"#),
        ok(r#"{"id":"p","name":"P","hostname":"p.example.com"}"#),
        ok(
            r#"[{"id":"p","name":"P","hostname":"p.example.com","servers":[{"id":"s","name":"S","hostname":"https://s/mcp","auth_type":"oauth","tools":[],"prompts":[],"updated_tools":[{"enabled":true}]}]}]"#,
        ),
    ]);
    let c = client(&s);
    let (a, o) = (AccountParams::default(), RequestOptions::default());
    block_on(async {
        // Delete answers without `servers`; a read must have them.
        let gone = c.portals().delete("p", &a, &o).await.unwrap();
        assert_eq!(gone.hostname, "p.example.com");
        let err = c.portals().read("p", &a, &o).await.unwrap_err();
        assert_eq!(err.kind, ErrorKind::Decode);
        assert!(
            err.message.contains("result.servers: missing"),
            "{}",
            err.message
        );
        let err = c.portals().list(&Default::default(), &o).await.unwrap_err();
        assert!(
            err.message
                .contains("result[0].servers[0].updated_tools[0].name: missing"),
            "{}",
            err.message
        );
    });
    let methods: Vec<Method> = s.sent.borrow().iter().map(|r| r.method).collect();
    assert_eq!(methods, [Method::Delete, Method::Get, Method::Get]);
}
