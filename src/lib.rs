//! Client for Cloudflare Zero Trust Access "AI Controls" MCP servers
//! (`/accounts/{account_id}/access/ai-controls/mcp/servers`), for Rust and, compiled to
//! WebAssembly, for JavaScript (the npm package `cf-mcp-servers`).
//!
//! The core is plain Rust: [`models`] are the wire types, [`validate`] checks the API's
//! constraints before anything is sent. The only I/O goes through the transport seam.

pub mod models;
pub mod validate;

pub use models::*;
