//! Declarative configuration: an account's servers and portals as one JSON file, and the
//! steps that make the account what the file says.
//!
//! [`export`] writes the file from an account's [`State`]; [`plan`] compares a file with a
//! state and lists the steps (pure and deterministic); `Client::apply` runs them. Everything is
//! read into [`Value`] first, so the same code runs natively over `serde_json::Value` and in
//! wasm over JavaScript values.
//!
//! A field the file leaves out is left as the account has it. Secrets are never in the file:
//! a credential is `{ "env": "NAME" }`, read from the environment by `apply`.

mod apply;
mod config;
mod diff;
mod export;
mod fields;
mod plan;
mod plan_json;
mod state;
mod value;

pub use apply::{ApplyReport, Env};
pub use config::{validate_config, SECRET_FIELDS};
pub use diff::FieldChange;
pub use export::{export, secret_env_name, ExportOptions};
pub use plan::{plan, Action, Kind, Note, Plan, PlanOptions, Step};
pub use state::State;
pub use value::Value;

#[cfg(test)]
mod tests;
