//! MCP servers (`/accounts/{account_id}/access/ai-controls/mcp/servers`): the upstream MCP
//! endpoints the gateway syncs tools and prompts from.
//!
//! [`models`] are the wire types, [`validate`] the API's constraints, [`read`] and [`write`]
//! the parameters from JSON and the request bodies, and `calls` the six operations on
//! [`crate::Client`].

mod calls;
pub(crate) mod fields;
pub mod models;
pub mod read;
pub mod validate;

/// The page walk, where it was before portals shared it.
pub use crate::pages::{ListAll, Pages};
pub(crate) use calls::Item;
