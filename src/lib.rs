//! Client for Cloudflare Zero Trust Access "AI Controls" MCP servers and portals
//! (`/accounts/{account_id}/access/ai-controls/mcp/servers` and `…/portals`, the latter through
//! [`Client::portals`]), for Rust and, compiled to WebAssembly, for JavaScript (the npm package
//! `cf-mcp-servers`).
//!
//! The core is plain Rust and does no I/O of its own: [`Client`] runs over a [`Transport`],
//! which the wasm build implements with the runtime's `fetch`. Operations check the API's
//! documented constraints before anything is sent, retry like the official SDK (with a cap on
//! server-requested waits), and fail with one typed [`Error`].
//!
//! ```no_run
//! # async fn demo<T: cf_mcp_servers::Transport>(transport: T) -> cf_mcp_servers::Result<()> {
//! use cf_mcp_servers::{AccountParams, Client, ClientConfig, RequestOptions};
//! let client = Client::new(
//!     ClientConfig {
//!         account_id: Some("a86a8f5c339544d7bdc89926de14fb8c".into()),
//!         ..ClientConfig::with_token("my-api-token")
//!     },
//!     transport,
//! );
//! let server = client.read("github", &AccountParams::default(), &RequestOptions::default()).await?;
//! println!("{} is {:?}", server.name, server.status);
//! # Ok(()) }
//! ```

pub mod catalogue;
pub mod client;
pub mod config;
mod create;
pub mod declare;
pub mod env;
pub mod envelope;
pub mod error;
pub mod http;
pub mod json;
pub mod log;
pub mod page;
pub mod pages;
mod params;
pub mod portals;
pub mod ratelimit;
pub mod read;
pub mod redact;
mod request;
pub mod response;
pub mod retry;
pub mod servers;
pub mod shape;
mod text;
pub mod validate;
mod write;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use client::Client;
pub use config::{ClientConfig, RequestOptions, DEFAULT_BASE_URL};
pub use envelope::Success;
pub use error::{Error, ErrorItem, ErrorKind, PathSegment, Result};
pub use http::{
    Body, HttpRequest, HttpResponse, Method, Transport, TransportError, TransportErrorKind,
};
pub use json::Json;
pub use log::LogLevel;
pub use pages::{ListAll, Pages};
pub use ratelimit::RateLimit;
pub use response::ResponseMeta;
pub use retry::RetryPolicy;
/// The servers' models, at the crate root as before the resources had their own folders.
pub use servers::models;
pub use servers::models::*;
pub use validate::Problem;
