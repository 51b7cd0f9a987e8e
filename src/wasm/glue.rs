//! Bindings to `glue.js`, the JavaScript the wasm module carries with it.

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use web_sys::{AbortController, AbortSignal};

use super::call::ServerPager;

#[wasm_bindgen(module = "/src/wasm/glue.js")]
extern "C" {
    /// A `McpServersError` with the given message and fields (a JSON object).
    #[wasm_bindgen(js_name = makeError)]
    pub fn make_error(message: &str, fields: &js_sys::Object) -> JsValue;

    /// `Json::conforms` for a JavaScript value, with the schema `js_json::schema` made.
    pub fn conforms(value: &JsValue, schema: &JsValue) -> bool;

    /// The kind of a value as a code of `json::Kind` (0 null … 6 other).
    #[wasm_bindgen(js_name = kindOf)]
    pub fn kind_of(value: &JsValue) -> i32;

    /// `object[key]`, or `None` when it is `null` or `undefined`, `object` is not an object, or
    /// its getter throws.
    pub fn member(object: &JsValue, key: &JsValue) -> Option<JsValue>;

    /// The kind code of `object[key]`, or -1 when it is absent (see `member`).
    #[wasm_bindgen(js_name = memberKind)]
    pub fn member_kind(object: &JsValue, key: &JsValue) -> i32;

    /// A response's body: `[value]` when it is JSON, else its text (see glue.js).
    #[wasm_bindgen(js_name = readBody, catch)]
    pub fn read_body(response: &web_sys::Response) -> Result<js_sys::Promise, JsValue>;

    /// `JSON.parse(text)`, or `undefined` when the text is not JSON.
    #[wasm_bindgen(js_name = parseJson)]
    pub fn parse_json(text: &JsValue) -> JsValue;

    /// `fetch(url, init)` with the caller's fetch or the global one; `headers` is `name:value`
    /// lines. Throws what fetch throws, or, when the runtime refuses a header, an error naming
    /// the header but never its value.
    #[wasm_bindgen(catch)]
    pub fn send(
        fetch: Option<&Function>,
        url: &str,
        method: &str,
        headers: &str,
        body: Option<&str>,
        signal: &AbortSignal,
    ) -> Result<JsValue, JsValue>;

    /// An async iterable over the items of every page the pager yields.
    #[wasm_bindgen(js_name = pagesToItems)]
    pub fn pages_to_items(pager: ServerPager) -> JsValue;

    /// Aborts `controller` after `ms`; returns the timer.
    #[wasm_bindgen(js_name = armTimeout)]
    pub fn arm_timeout(controller: &AbortController, ms: f64) -> JsValue;

    /// Cancels a timer from `arm_timeout`.
    pub fn disarm(timer: &JsValue);

    /// Whether `controller` was aborted by its timer.
    #[wasm_bindgen(js_name = timedOut)]
    pub fn timed_out(controller: &AbortController) -> bool;

    /// Resolves after `ms`, or when `signal` (if any) aborts.
    pub fn sleep(ms: f64, signal: Option<&AbortSignal>) -> Promise;

    /// Resolves when `signal` aborts; aborting `release` drops the listener.
    #[wasm_bindgen(js_name = whenAborted)]
    pub fn when_aborted(signal: &AbortSignal, release: &AbortController) -> Promise;

    /// The environment variable `name`, where the entry gave a reader (Node, Deno, Bun).
    #[wasm_bindgen(js_name = envVar)]
    pub fn env_var(name: &str) -> Option<String>;

    /// `logger[level](line)` (`console` when `logger` is `None`); never throws.
    pub fn log(logger: Option<&JsValue>, level: &str, line: &str);

    /// `{ data, response }` for `withResponse()`; `remaining` `None`: no rate limit reported.
    #[wasm_bindgen(js_name = withResponse)]
    #[allow(clippy::too_many_arguments)]
    // one crossing instead of an object built field by field
    pub fn with_response(
        data: &JsValue,
        status: u16,
        retries: u32,
        headers: &str,
        ray_id: Option<&str>,
        policy: Option<&str>,
        remaining: Option<f64>,
        reset: Option<f64>,
        limit: Option<f64>,
        window: Option<f64>,
    ) -> JsValue;

    /// Every header of `headers` as `name:value` lines.
    #[wasm_bindgen(js_name = headerLines)]
    pub fn header_lines(headers: &web_sys::Headers) -> String;
}

#[wasm_bindgen(typescript_custom_section)]
const ERROR_TYPES: &str = r#"
/** What kind of failure a `McpServersError` reports. */
export type McpServersErrorKind = 'validation' | 'api' | 'network' | 'timeout' | 'aborted' | 'decode';

/** Every failure of the client rejects with this (a real `Error` subclass). */
export declare class McpServersError extends Error {
  readonly name: 'McpServersError';
  /** 'validation': bad parameters, nothing sent; 'api': the API answered with an error;
   * 'network', 'timeout', 'aborted': no response; 'decode': a 2xx response of the wrong shape. */
  readonly kind: McpServersErrorKind;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** Cloudflare's error items, or the validation problems (`path` names the field). */
  readonly errors: ErrorItem[];
  /** The first Cloudflare error code (7001 input validation, 7002 not found, …). */
  readonly code?: number;
  /** Whether trying again later may succeed (the client already retried what was safe). */
  readonly retryable: boolean;
  /** Cloudflare's ray id (`cf-ray`), for support requests. */
  readonly rayId?: string;
  /** Set on a failed `create`: whether the server may exist anyway (an attempt got no
   * answer or a 5xx, so it may have landed). Read it back before creating it again. Also
   * `true` on a `delete` that found nothing (404) after such an attempt, which may have
   * deleted it. */
  readonly mayHaveApplied?: boolean;
  toJSON(): { name: string; message: string; kind: McpServersErrorKind; status?: number; errors: ErrorItem[]; code?: number; retryable: boolean; rayId?: string; mayHaveApplied?: boolean };
}
"#;
