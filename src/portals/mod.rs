//! MCP portals (`/accounts/{account_id}/access/ai-controls/mcp/portals`): the one MCP endpoint
//! agents connect to, aggregating the tools and prompts of the servers it links.
//!
//! [`models`] are the wire types, [`validate`] the API's constraints, [`read`] and [`write`]
//! the parameters from JSON and the request bodies, [`effective`] what an agent connected to a
//! portal sees, [`round_trip`] the read → update helper a PUT needs, and [`Portals`] the five
//! calls (`client.portals()`).

mod calls;
pub mod effective;
pub(crate) mod fields;
pub mod models;
pub mod read;
pub mod round_trip;
pub mod validate;

pub use calls::Portals;

pub use effective::{
    effective_view, exposed, EffectiveCapability, EffectiveView, Exposed, PortalCapability,
};
pub use models::*;
pub use round_trip::{portal_to_update_params, update_params_of};
