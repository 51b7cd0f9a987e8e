//! MCP servers (`/accounts/{account_id}/access/ai-controls/mcp/servers`): the upstream MCP
//! endpoints the gateway syncs tools and prompts from.
//!
//! [`models`] are the wire types, [`validate`] the API's constraints, [`read`] and [`write`]
//! the parameters from JSON and the request bodies, and `calls` the six operations on
//! [`crate::Client`].

mod calls;
pub mod models;
pub mod read;
pub mod validate;
pub mod write;

pub(crate) use calls::Item;
pub use calls::{ListAll, Pages};
