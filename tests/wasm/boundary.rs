//! The JavaScript boundary, exercised from inside wasm: options, conversions, errors and the
//! fetch transport, with a custom `fetch` that answers like the API (shared by the Node and
//! browser suites).

use std::cell::RefCell;
use std::rc::Rc;

use cf_mcp_servers::wasm::McpServersClient;
use js_sys::{Array, Function, Object, Promise, Reflect, JSON};
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Request, RequestInit, Response, ResponseInit};

fn obj(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

/// A fetch, called as `fetch(url, init)`, that records each request and answers `status`
/// with `body`.
fn scripted_fetch(status: u16, body: &'static str, seen: Rc<RefCell<Vec<Request>>>) -> Function {
    let closure = Closure::<dyn Fn(String, RequestInit) -> Promise>::new(
        move |url: String, init: RequestInit| {
            seen.borrow_mut()
                .push(Request::new_with_str_and_init(&url, &init).unwrap());
            let init = ResponseInit::new();
            init.set_status(status);
            let headers = web_sys::Headers::new().unwrap();
            headers.set("cf-ray", "7a1b2c3d4e5f-LHR").unwrap();
            init.set_headers(&headers);
            let response: JsValue = Response::new_with_opt_str_and_init(Some(body), &init)
                .unwrap()
                .into();
            Promise::resolve(&response)
        },
    );
    closure.into_js_value().unchecked_into()
}

fn client(fetch: &Function) -> McpServersClient {
    let options = obj(
        r#"{"apiToken":"tok-SECRET","accountId":"acc","baseURL":"https://api.example.test/client/v4","maxRetries":0}"#,
    );
    Reflect::set(&options, &JsValue::from_str("fetch"), fetch).unwrap();
    McpServersClient::new(Some(Ts::new_unchecked(options))).unwrap()
}

const SERVER: &str = r#"{"success":true,"result":{"id":"github","name":"GitHub","hostname":"https://gh.example/mcp","auth_type":"bearer","tools":[{"name":"list_issues","inputSchema":{"type":"object"}}],"prompts":[],"status":"future_state","extra":1}}"#;

#[wasm_bindgen_test]
async fn read_goes_through_the_custom_fetch_and_returns_plain_objects() {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let client = client(&scripted_fetch(200, SERVER, seen.clone()));
    let server = JsFuture::from(client.read("github".into(), None, None))
        .await
        .unwrap();
    assert_eq!(get(&server, "id"), "github");
    assert_eq!(get(&server, "status"), "future_state");
    let tools: Array = get(&server, "tools").unchecked_into();
    assert_eq!(get(&get(&tools.get(0), "inputSchema"), "type"), "object");
    assert_eq!(
        Object::get_prototype_of(&server),
        Object::get_prototype_of(&Object::new())
    );
    let requests = seen.borrow();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method(), "GET");
    assert_eq!(
        requests[0].url(),
        "https://api.example.test/client/v4/accounts/acc/access/ai-controls/mcp/servers/github"
    );
    assert_eq!(
        requests[0]
            .headers()
            .get("authorization")
            .unwrap()
            .as_deref(),
        Some("Bearer tok-SECRET")
    );
}

#[wasm_bindgen_test]
async fn api_errors_reject_with_an_error_subclass_that_holds_no_secret() {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let body = r#"{"success":false,"errors":[{"code":7002,"message":"Not Found"}]}"#;
    let client = client(&scripted_fetch(404, body, seen));
    let err = JsFuture::from(client.read("gone".into(), None, None))
        .await
        .unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "name"), "McpServersError");
    assert_eq!(get(&err, "kind"), "api");
    assert_eq!(get(&err, "status").as_f64(), Some(404.0));
    assert_eq!(get(&err, "code").as_f64(), Some(7002.0));
    assert_eq!(get(&err, "rayId"), "7a1b2c3d4e5f-LHR");
    let message: String = get(&err, "message").as_string().unwrap();
    assert_eq!(
        message,
        "GET /accounts/acc/access/ai-controls/mcp/servers/gone: 404 [7002] Not Found"
    );
    let json = JSON::stringify(&err).unwrap().as_string().unwrap();
    let stack = get(&err, "stack").as_string().unwrap_or_default();
    assert!(!json.contains("SECRET") && !stack.contains("SECRET") && !message.contains("SECRET"));
}

#[wasm_bindgen_test]
async fn invalid_input_is_refused_before_fetch_is_called() {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let client = client(&scripted_fetch(200, SERVER, seen.clone()));
    for id in ["../admin", "a/b", "", "UPPER"] {
        let err = JsFuture::from(client.read(id.into(), None, None))
            .await
            .unwrap_err();
        assert_eq!(get(&err, "kind"), "validation", "{id}");
    }
    let err = JsFuture::from(client.update(
        "ok".into(),
        Ts::new_unchecked(obj(r#"{"hostname":"https://x"}"#)),
        None,
    ))
    .await
    .unwrap_err();
    assert!(get(&err, "message")
        .as_string()
        .unwrap()
        .contains("hostname is not a parameter"));
    assert!(seen.borrow().is_empty());
}

#[wasm_bindgen_test]
async fn a_fetch_that_returns_junk_is_a_network_error_not_a_crash() {
    let junk = Closure::<dyn Fn(JsValue) -> JsValue>::new(|_| JsValue::from_str("not a response"));
    let client = client(&junk.into_js_value().unchecked_into());
    let err = JsFuture::from(client.read("x".into(), None, None))
        .await
        .unwrap_err();
    assert_eq!(get(&err, "kind"), "network");
    // The instance survives: the next call still works as a call.
    let again = JsFuture::from(client.read("x".into(), None, None))
        .await
        .unwrap_err();
    assert_eq!(get(&again, "kind"), "network");
}

#[wasm_bindgen_test]
fn bad_options_throw_a_validation_error() {
    let err = McpServersClient::new(Some(Ts::new_unchecked(obj(r#"{"apitoken":"x"}"#))))
        .err()
        .unwrap();
    assert_eq!(get(&err, "kind"), "validation");
    assert!(get(&err, "message")
        .as_string()
        .unwrap()
        .contains("apitoken"));
    let err = McpServersClient::new(Some(Ts::new_unchecked(obj(r#"{"timeout":-5}"#))))
        .err()
        .unwrap();
    assert!(get(&err, "message")
        .as_string()
        .unwrap()
        .contains("timeout"));
}

#[wasm_bindgen_test]
fn validators_report_every_problem_with_the_clients_words() {
    let problems = cf_mcp_servers::wasm::validate_server_create_params(obj(
        r#"{"id":"Bad Id","hostname":"example.com"}"#,
    ));
    let problems: Array = problems.unchecked_into();
    let fields: Vec<String> = problems
        .iter()
        .map(|p| get(&p, "field").as_string().unwrap())
        .collect();
    assert_eq!(fields, ["id", "name", "hostname", "auth_type"]);
}

#[wasm_bindgen_test]
fn json_reads_javascript_values_in_place_as_serde_json_reads_text() {
    use cf_mcp_servers::json::{Json, Kind};
    let value = obj(r#"{"s":"x","n":1.5,"b":false,"z":null,"a":[{},[]],"o":{"k":1}}"#);
    let kinds: Vec<Option<Kind>> = ["s", "n", "b", "z", "a", "o", "missing"]
        .iter()
        .map(|k| value.kind_of(k))
        .collect();
    use Kind::*;
    assert_eq!(
        kinds,
        [
            Some(String),
            Some(Number),
            Some(Bool),
            Some(Null),
            Some(Array),
            Some(Object),
            None
        ]
    );
    // `get` treats null like absence, as it does for serde_json values; `kind_of` tells them apart.
    assert!(value.get("z").is_none() && value.get("missing").is_none());
    assert_eq!(
        value.get("s").and_then(|s| s.as_string()).as_deref(),
        Some("x")
    );
    // Asking twice reuses the cached key and still reads the right member.
    assert_eq!(value.get("n").and_then(|n| n.as_number()), Some(1.5));
    assert_eq!(value.get("n").and_then(|n| n.as_number()), Some(1.5));
    // What JSON cannot hold is `Other`, and undefined reads as null.
    assert_eq!(JsValue::from_f64(f64::NAN).kind(), Other);
    assert_eq!(Function::new_no_args("").kind(), Other);
    assert_eq!(JsValue::UNDEFINED.kind(), Null);
    // A getter that throws (a caller's Proxy, say) reads as absent instead of unwinding wasm.
    let hostile = js_sys::eval("({ get id() { throw new Error('boom') } })").unwrap();
    assert!(hostile.get("id").is_none() && hostile.kind_of("id").is_none());
}

#[wasm_bindgen_test]
#[allow(clippy::disallowed_macros)] // tests may format
fn the_one_look_check_agrees_with_the_walk_over_serde_json() {
    use cf_mcp_servers::json::Json;
    use cf_mcp_servers::shape::{walk, SERVER, SERVERS, SYNC_RESULT};
    let server =
        r#"{"id":"a","name":"n","hostname":"h","auth_type":"bearer","tools":[{}],"prompts":[]"#;
    let texts = [
        "[]".to_owned(),
        format!("[{server}}}, {server},\"status\":null,\"error_details\":{{\"cause\":\"c\"}}}}]"),
        format!("[{server},\"tools\":[{{}}, null]}}]"),
        format!("[{server},\"name\":7}}]"),
        format!("[{server},\"status\":42}}]"),
        format!("[{server},\"last_synced\":{{}}}}]"),
        format!("[{server},\"updated_tools\":[{{\"enabled\":true}}]}}]"),
        format!("[{server},\"auth_config_summary\":{{\"registration_info\":{{\"redirect_uris\":[1]}}}}}}]"),
        format!("{server}}}"),
        r#"[{"id":"a","tools":[]}]"#.to_owned(),
        "[null]".to_owned(),
        r#"{"status":"ready","error":3}"#.to_owned(),
        r#""text""#.to_owned(),
    ];
    for text in &texts {
        let native: serde_json::Value = serde_json::from_str(text).unwrap();
        for ty in [&SERVER, &SERVERS, &SYNC_RESULT] {
            assert_eq!(obj(text).conforms(ty), walk(&native, ty).is_ok(), "{text}");
            // The walk over JavaScript values finds what the walk over serde_json finds.
            assert_eq!(
                walk(&obj(text), ty).is_ok(),
                walk(&native, ty).is_ok(),
                "{text}"
            );
        }
    }
    // Asked twice, the cached schema still gives the same answer.
    let page = obj(&format!("[{server}}}]"));
    assert!(page.conforms(&SERVERS) && page.conforms(&SERVERS));
}

#[wasm_bindgen_test]
async fn the_transport_refuses_a_header_that_would_split_in_two_without_sending() {
    use cf_mcp_servers::wasm::FetchTransport;
    use cf_mcp_servers::{HttpRequest, Method, Transport, TransportErrorKind};
    let seen = Rc::new(RefCell::new(Vec::new()));
    let fetch = scripted_fetch(200, r#"{"success":true,"result":{}}"#, seen.clone());
    let transport = FetchTransport::new(Some(fetch));
    let request = |headers: Vec<(String, String)>| HttpRequest {
        method: Method::Get,
        url: "https://api.example/x".into(),
        headers,
        body: None,
        timeout_ms: 5_000,
    };
    let split = vec![("Authorization".into(), "Bearer secret\nX-Evil: 1".into())];
    let error = transport.send(request(split)).await.unwrap_err();
    assert_eq!(error.kind, TransportErrorKind::Network);
    assert!(error.message.contains("Authorization") && !error.message.contains("secret"));
    assert!(seen.borrow().is_empty(), "nothing was sent");
    // A header the Client would send goes through as one header.
    let fine = vec![("Authorization".into(), "Bearer a:b".into())];
    assert_eq!(transport.send(request(fine)).await.unwrap().status, 200);
    assert_eq!(seen.borrow().len(), 1);
}
