//! A portal's parameters, and those of each server it links, as tables for [`crate::params`]:
//! each field once, in the API's order.

use super::validate::{
    check_portal_hostname, check_portal_id, code_mode, code_mode_agrees, MAX_PORTAL_SERVERS,
};
use crate::params::{overrides, Field, Kind, Model};
use crate::validate::{check_name, check_server_id, description};

/// One linked server in a request: `server_id` once per portal, and its portal-level settings.
pub(crate) static LINK: Model = Model {
    noun: "server link",
    fields: &[
        Field::plain("server_id", Kind::Text)
            .required()
            .rule(check_server_id)
            .once("a portal links each server once"),
        Field::plain("default_disabled", Kind::Flag),
        Field::plain("on_behalf", Kind::Flag),
        overrides("updated_prompts"),
        overrides("updated_tools"),
    ],
    across: None,
};

/// The create and update parameters of a portal (only `id` is fixed once created).
pub(crate) static PORTAL: Model = Model {
    noun: "portal",
    fields: &[
        Field::plain("id", Kind::Text).fixed().rule(check_portal_id),
        Field::plain("hostname", Kind::Text)
            .required()
            .rule(check_portal_hostname),
        Field::plain("name", Kind::Text).required().rule(check_name),
        Field::plain("allow_code_mode", Kind::Flag),
        Field::plain("code_mode", Kind::Text).rule(code_mode),
        Field::plain("description", Kind::NotNull).rule(description),
        Field::plain("secure_web_gateway", Kind::Flag),
        Field::plain(
            "servers",
            Kind::List(
                &LINK,
                Some((MAX_PORTAL_SERVERS, "may link at most 40 servers")),
            ),
        ),
    ],
    across: Some(code_mode_agrees),
};
