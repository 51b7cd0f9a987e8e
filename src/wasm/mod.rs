//! What JavaScript sees. Each exported method converts its arguments, calls the Rust core,
//! and converts the answer back; no API logic lives here.

mod call;
#[cfg(feature = "full")]
mod canonical;
#[cfg(feature = "full")]
mod catalogue;
mod convert;
#[cfg(feature = "full")]
mod declare;
mod error;
mod fetch;
mod glue;
mod js_json;
mod options;
mod portals;
mod response;
mod servers;
mod signal;
mod validators;

pub use call::ServerPager;
#[cfg(feature = "full")]
pub use catalogue::{capability_digest, catalogue_snapshot, diff_catalogue, effective_catalogue};
#[cfg(feature = "full")]
pub use declare::{export_config, plan_config, validate_config};
pub use fetch::{FetchTransport, KeepHeaders};
pub use options::{ClientOptions, RequestOptions};
pub use portals::{effective_portal_view, portal_to_update_params, McpPortalsClient};
pub use servers::McpServersClient;
pub use validators::{
    validate_portal_create_params, validate_portal_id, validate_portal_list_params,
    validate_portal_update_params, validate_server_create_params, validate_server_id,
    validate_server_list_params, validate_server_update_params,
};

/// See the `small-allocator` feature in Cargo.toml.
#[cfg(feature = "small-allocator")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());
