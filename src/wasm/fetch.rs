//! The fetch transport: gloo-net builds the request and reads the response; the runtime's
//! global `fetch` (browsers, workers, Node ≥ 20, Deno, Cloudflare Workers) or the caller's own
//! `fetch` sends it. Nothing here touches `window`.

use gloo_net::http::{Request, RequestBuilder, Response};
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

use crate::http::{
    HttpRequest, HttpResponse, Method, Transport, TransportError, TransportErrorKind,
    RESPONSE_HEADERS,
};

use super::glue;
use super::signal::AbortOnDrop;

#[wasm_bindgen]
extern "C" {
    // The global `fetch`, whatever the global object is called in this runtime.
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(request: &web_sys::Request) -> Result<Promise, JsValue>;
}

/// Sends requests with `fetch`: the global one, or one the caller supplied (a Worker service
/// binding's, a test double, an instrumented one).
#[derive(Clone, Debug, Default)]
pub struct FetchTransport {
    fetch: Option<Function>,
}

impl FetchTransport {
    /// Uses `fetch` when given, else the global `fetch`.
    pub fn new(fetch: Option<Function>) -> Self {
        Self { fetch }
    }

    async fn exchange(
        &self,
        request: &HttpRequest,
        signal: &AbortSignal,
    ) -> Result<HttpResponse, JsValue> {
        let method = match request.method {
            Method::Get => gloo_net::http::Method::GET,
            Method::Post => gloo_net::http::Method::POST,
            Method::Put => gloo_net::http::Method::PUT,
            Method::Delete => gloo_net::http::Method::DELETE,
        };
        let mut builder = RequestBuilder::new(&request.url)
            .method(method)
            .abort_signal(Some(signal));
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let built: Result<Request, _> = match &request.body {
            Some(body) => builder.body(body.as_str()),
            None => builder.build(),
        };
        let raw: web_sys::Request = built.map_err(|e| JsValue::from_str(&e.to_string()))?.into();
        let pending = match &self.fetch {
            Some(fetch) => fetch.call1(&js_sys::global(), &raw)?,
            None => global_fetch(&raw)?.into(),
        };
        // `Promise.resolve` also accepts a thenable or a plain value from an odd custom fetch.
        let value = JsFuture::from(Promise::resolve(&pending)).await?;
        let response: Response = value
            .dyn_into::<web_sys::Response>()
            .map_err(|_| JsValue::from_str("fetch resolved to something that is not a Response"))?
            .into();
        let headers = response.headers();
        let headers = RESPONSE_HEADERS
            .iter()
            .filter_map(|name| headers.get(name).map(|value| ((*name).to_owned(), value)))
            .collect();
        let status = response.status();
        let body = response
            .text()
            .await
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

impl Transport for FetchTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let controller = AbortController::new().map_err(|e| network(&e))?;
        let timer = glue::arm_timeout(&controller, request.timeout_ms as f64);
        let _cancel = AbortOnDrop(controller.clone());
        let result = self.exchange(&request, &controller.signal()).await;
        glue::disarm(&timer);
        result.map_err(|e| {
            if glue::timed_out(&controller) {
                TransportError {
                    kind: TransportErrorKind::Timeout,
                    message: "timed out".into(),
                }
            } else {
                network(&e)
            }
        })
    }

    async fn sleep(&self, ms: u64) {
        if let Ok(controller) = AbortController::new() {
            let wait = JsFuture::from(glue::sleep(ms as f64, &controller.signal()));
            let _cancel = AbortOnDrop(controller);
            let _ = wait.await;
        }
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }

    fn now_ms(&self) -> Option<f64> {
        Some(js_sys::Date::now())
    }
}

/// The runtime's words for a failed fetch, with its cause (Node hides `ECONNREFUSED` there).
fn network(error: &JsValue) -> TransportError {
    let message_of = |value: &JsValue| {
        value
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| value.as_string())
    };
    let mut message = message_of(error).unwrap_or_else(|| "fetch failed".to_owned());
    if let Some(cause) = js_sys::Reflect::get(error, &JsValue::from_str("cause"))
        .ok()
        .as_ref()
        .and_then(message_of)
    {
        message = format!("{message} ({cause})");
    }
    TransportError {
        kind: TransportErrorKind::Network,
        message,
    }
}
