//! The official SDK's conveniences through the Rust API: the log line per attempt, the raw
//! response, and a walk that waits out a spent rate-limit budget. (Over real HTTP and in workerd:
//! tests/js and tests/workers.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::disallowed_macros,
    missing_docs
)]

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use serde_json::Value;

use cf_mcp_servers::{
    AccountParams, Client, ClientConfig, HttpRequest, HttpResponse, LogLevel, RateLimit,
    RequestOptions, RetryPolicy, ServerListParams, Transport, TransportError,
};

/// Answers in order; records waits and log lines; each request takes 7 ms of its clock.
#[derive(Default)]
struct Scripted {
    replies: RefCell<VecDeque<HttpResponse<Value>>>,
    sent: Cell<usize>,
    slept: RefCell<Vec<u64>>,
    logged: RefCell<Vec<(LogLevel, String)>>,
    clock: Cell<f64>,
    clock_reads: Cell<u32>,
}

impl Transport for &Scripted {
    type Json = Value;

    async fn send(&self, _request: HttpRequest) -> Result<HttpResponse<Value>, TransportError> {
        self.sent.set(self.sent.get() + 1);
        self.clock.set(self.clock.get() + 7.0);
        Ok(self
            .replies
            .borrow_mut()
            .pop_front()
            .expect("an extra request"))
    }
    async fn sleep(&self, ms: u64) {
        self.slept.borrow_mut().push(ms);
    }
    fn now_ms(&self) -> Option<f64> {
        self.clock_reads.set(self.clock_reads.get() + 1);
        Some(self.clock.get())
    }
    fn log(&self, level: LogLevel, line: &str) {
        self.logged.borrow_mut().push((level, line.to_owned()));
    }
}

fn reply(status: u16, headers: &[(&str, &str)], result: &str) -> HttpResponse<Value> {
    let headers = headers
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    HttpResponse::from_text(
        status,
        headers,
        &format!(r#"{{"success":{},"result":{result}}}"#, status < 300),
    )
}

fn server(id: &str) -> String {
    format!(
        r#"{{"id":"{id}","name":"{id}","hostname":"https://h/mcp","auth_type":"bearer","tools":[],"prompts":[]}}"#
    )
}

fn scripted(replies: Vec<HttpResponse<Value>>) -> Scripted {
    Scripted {
        replies: RefCell::new(replies.into()),
        ..Scripted::default()
    }
}

fn client(s: &Scripted, log_level: LogLevel) -> Client<&Scripted> {
    let config = ClientConfig {
        account_id: Some("acc".into()),
        log_level,
        ..ClientConfig::with_token("tok-SECRET")
    };
    Client::new(config, s)
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}

#[test]
fn each_attempt_is_one_line_at_the_level_of_its_outcome() {
    let s = scripted(vec![
        reply(
            503,
            &[("retry-after-ms", "5"), ("cf-ray", "aaa-LHR")],
            "null",
        ),
        reply(200, &[("cf-ray", "bbb-LHR")], &server("x")),
    ]);
    block_on(client(&s, LogLevel::Info).read(
        "x",
        &AccountParams::default(),
        &RequestOptions::default(),
    ))
    .unwrap();
    let path = "/accounts/acc/access/ai-controls/mcp/servers/x";
    assert_eq!(
        *s.logged.borrow(),
        [
            (
                LogLevel::Warn,
                format!("cf-mcp-servers: GET {path} 503 in 7 ms, retry 0, ray aaa-LHR, retrying in 5 ms")
            ),
            (
                LogLevel::Info,
                format!("cf-mcp-servers: GET {path} 200 in 7 ms, retry 1, ray bbb-LHR")
            ),
        ]
    );
    assert!(s.logged.borrow().iter().all(|(_, l)| !l.contains("SECRET")));
}

#[test]
fn a_ray_id_that_echoes_the_token_is_redacted() {
    let s = scripted(vec![reply(200, &[("cf-ray", "tok-SECRET")], &server("x"))]);
    let options = RequestOptions::default();
    block_on(client(&s, LogLevel::Info).read("x", &AccountParams::default(), &options)).unwrap();
    let line = &s.logged.borrow()[0].1;
    assert!(line.ends_with("ray [redacted]"), "{line}");
}

#[test]
fn with_logging_off_no_clock_is_read_and_nothing_is_written() {
    let read_once = |level| {
        let s = scripted(vec![reply(200, &[], &server("x"))]);
        let options = RequestOptions::default();
        block_on(client(&s, level).read("x", &AccountParams::default(), &options)).unwrap();
        s
    };
    let off = read_once(LogLevel::Off);
    assert_eq!(off.clock_reads.get(), 0);
    assert!(off.logged.borrow().is_empty());
    let quiet = read_once(LogLevel::Error);
    assert!(
        quiet.logged.borrow().is_empty(),
        "a success is not an error"
    );
}

#[test]
fn a_page_comes_with_its_response() {
    let s = scripted(vec![
        reply(429, &[("retry-after", "0")], "null"),
        reply(
            200,
            &[
                ("cf-ray", "ccc-SJC"),
                ("ratelimit", r#""default";r=49;t=30"#),
                ("ratelimit-policy", r#""default";q=1200;w=300"#),
            ],
            &format!("[{}]", server("a")),
        ),
    ]);
    let page = block_on(
        client(&s, LogLevel::Off)
            .list_json(&ServerListParams::default(), &RequestOptions::default()),
    )
    .unwrap();
    let response = &page.response;
    assert_eq!((response.status, response.retries), (200, 1));
    assert_eq!(response.ray_id(), Some("ccc-SJC"));
    assert_eq!(
        response.rate_limit(),
        Some(RateLimit {
            policy: "default".into(),
            remaining: 49,
            reset_seconds: Some(30),
            limit: Some(1200),
            window_seconds: Some(300),
        })
    );
}

#[test]
fn list_all_waits_out_a_spent_budget_within_the_cap() {
    let pages = || {
        vec![
            reply(
                200,
                &[("ratelimit", r#""default";r=0;t=2"#)],
                &format!("[{},{}]", server("a"), server("b")),
            ),
            reply(200, &[], &format!("[{}]", server("c"))),
        ]
    };
    let walk = |s: &Scripted, cap_ms: u64| {
        let mut c = client(s, LogLevel::Off);
        c = c.with_config(ClientConfig {
            retry: RetryPolicy {
                max_retry_delay_ms: cap_ms,
                ..RetryPolicy::default()
            },
            ..c.config().clone()
        });
        let params = ServerListParams {
            per_page: Some(2),
            ..ServerListParams::default()
        };
        let mut all = c.list_all(params);
        let mut ids = Vec::new();
        while let Some(server) = block_on(all.next(&RequestOptions::default())).unwrap() {
            ids.push(server.id);
        }
        ids
    };
    let s = scripted(pages());
    assert_eq!(walk(&s, 60_000), ["a", "b", "c"]);
    assert_eq!(*s.slept.borrow(), [2000], "waited for the reset");
    let short = scripted(pages());
    assert_eq!(walk(&short, 1000), ["a", "b", "c"]);
    assert!(
        short.slept.borrow().is_empty(),
        "a reset past the cap is not waited for"
    );
}
