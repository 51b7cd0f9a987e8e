//! One `read`: a GET with a bearer token through the global `fetch`, the body parsed with
//! `JSON.parse`. No validation, retries, errors of our own or pagination: what any Rust
//! client on wasm-bindgen ships before it does anything of its own.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch, catch)]
    fn fetch(url: &str, init: &web_sys::RequestInit) -> Result<js_sys::Promise, JsValue>;
}

/// GETs `url` with `token` and resolves to the parsed body.
#[wasm_bindgen]
pub async fn read(url: String, token: String) -> Result<JsValue, JsValue> {
    let headers = web_sys::Headers::new()?;
    headers.set("Authorization", &(String::from("Bearer ") + &token))?;
    let init = web_sys::RequestInit::new();
    init.set_headers(&headers);
    let response: web_sys::Response = JsFuture::from(fetch(&url, &init)?).await?.dyn_into()?;
    let text = JsFuture::from(response.text()?).await?;
    js_sys::JSON::parse(&text.as_string().unwrap_or_default())
}
