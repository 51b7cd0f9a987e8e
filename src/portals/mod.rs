//! MCP portals (`/accounts/{account_id}/access/ai-controls/mcp/portals`): the one MCP endpoint
//! agents connect to, aggregating the tools and prompts of the servers it links.
//!
//! [`models`] are the wire types, [`validate`] the API's constraints, [`effective`] what an agent
//! connected to a portal sees, and [`round_trip`] the read → update helper a PUT needs.

pub mod effective;
pub mod models;
pub mod round_trip;
pub mod validate;

pub use effective::{effective_view, EffectiveCapability, EffectiveView};
pub use models::*;
pub use round_trip::portal_to_update_params;
