//! A server's parameters as a table for [`crate::params`]: each field once, in the API's order.

use super::validate::{auth_type, check_hostname};
use crate::params::{overrides, Field, Kind, Model};
use crate::validate::{check_name, check_server_id, description};

/// The create and update parameters of a server (`id`, `hostname` and `auth_type` are fixed
/// once created).
pub(crate) static SERVER: Model = Model {
    noun: "server",
    fields: &[
        Field::plain("id", Kind::Text).fixed().rule(check_server_id),
        Field::plain("name", Kind::Text).required().rule(check_name),
        Field::plain("hostname", Kind::Text)
            .fixed()
            .rule(check_hostname),
        Field::plain("auth_type", Kind::Text)
            .fixed()
            .rule(auth_type),
        Field::plain("auth_credentials", Kind::Text),
        Field::plain("client_secret", Kind::Text),
        Field::plain("description", Kind::Clearable).rule(description),
        Field::plain("is_shared_oauth_callback_enabled", Kind::Flag),
        Field::plain("secure_web_gateway", Kind::Flag),
        overrides("updated_prompts"),
        overrides("updated_tools"),
    ],
    across: None,
};
