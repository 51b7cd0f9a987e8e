//! `withResponse()`: a result together with the response it came from.

use wasm_bindgen::prelude::*;

use crate::ratelimit::RateLimit;
use crate::response::ResponseMeta;

use super::glue;

/// `{ data, response: { status, headers, rayId?, rateLimit?, retries } }`, built by glue.js in
/// one call.
pub fn with_response(data: JsValue, meta: &ResponseMeta) -> JsValue {
    let mut lines = String::new();
    for (name, value) in &meta.headers {
        if !lines.is_empty() {
            lines.push('\n');
        }
        lines.push_str(name);
        lines.push(':');
        lines.push_str(value);
    }
    let limit = meta.rate_limit();
    let number =
        |field: fn(&RateLimit) -> Option<u64>| limit.as_ref().and_then(field).map(|n| n as f64);
    glue::with_response(
        &data,
        meta.status,
        meta.retries,
        &lines,
        meta.ray_id(),
        limit.as_ref().map(|l| l.policy.as_str()),
        number(|l| Some(l.remaining)),
        number(|l| l.reset_seconds),
        number(|l| l.limit),
        number(|l| l.window_seconds),
    )
}

#[wasm_bindgen(typescript_custom_section)]
const RESPONSE_TYPES: &str = r#"
/** A rate-limit budget as the API reported it (`Ratelimit: "default";r=50;t=30` and
 * `Ratelimit-Policy: "default";q=1200;w=300`). Of several policies, the one that binds first. */
export interface RateLimit {
  /** The policy's name, e.g. `'default'`. */
  policy: string;
  /** Requests left in the current window (`r`). */
  remaining: number;
  /** Seconds until the budget resets (`t`). */
  reset?: number;
  /** Requests allowed per window (`q`). */
  limit?: number;
  /** The window's length in seconds (`w`). */
  window?: number;
}

/** The response a result came from. */
export interface RawResponse {
  /** HTTP status of the final attempt. */
  status: number;
  /** Every response header. */
  headers: Headers;
  /** Cloudflare's ray id (`cf-ray`), for support requests. */
  rayId?: string;
  /** The rate-limit budget, when the response reported one. */
  rateLimit?: RateLimit;
  /** How many attempts came before the one that answered. */
  retries: number;
}

/** What a call of `withResponse()` resolves to. */
export interface WithResponse<T> {
  /** What the call resolves to without `withResponse()`. */
  data: T;
  /** The response it came from. */
  response: RawResponse;
}

/** The calls of `client.withResponse()`: the same parameters, each resolving to `{ data, response }`. */
export type McpServersClientWithResponse = {
  [K in 'list' | 'create' | 'read' | 'update' | 'delete' | 'sync']: (
    ...args: Parameters<McpServersClient[K]>
  ) => Promise<WithResponse<Awaited<ReturnType<McpServersClient[K]>>>>;
} & Pick<McpServersClient, 'free'>;

/** How much the client logs: `'off'` (the default), `'error'` failed calls, `'warn'` also retried
 * attempts, `'info'` and `'debug'` every attempt. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** A console-like logger; each line goes to the method of its level. */
export interface Logger {
  error(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  debug(message: string, ...rest: unknown[]): void;
}
"#;
