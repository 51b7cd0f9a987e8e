//! Reading a portal's create and update parameters from parsed JSON, with the shared
//! [`crate::read`] machinery: every field checked for its type, unknown fields refused, every
//! problem reported at once.

use super::models::{CodeMode, PortalCreateParams, PortalServerLink, PortalUpdateParams};
use crate::json::Json;
use crate::read::{finish, Reader};
use crate::validate::Problem;

/// Every parameter of a portal, once, in the API's order (an update refuses `id`).
const FIELDS: &[&str] = &[
    "account_id",
    "id",
    "hostname",
    "name",
    "allow_code_mode",
    "code_mode",
    "description",
    "secure_web_gateway",
    "servers",
];

const LINK_FIELDS: &[&str] = &[
    "server_id",
    "default_disabled",
    "on_behalf",
    "updated_prompts",
    "updated_tools",
];

fn links<J: Json>(r: &mut Reader<'_, J>) -> Option<Vec<PortalServerLink>> {
    r.objects("servers", LINK_FIELDS, |link| PortalServerLink {
        server_id: link.required_string("server_id"),
        default_disabled: link.boolean("default_disabled"),
        on_behalf: link.boolean("on_behalf"),
        updated_prompts: link.overrides("updated_prompts"),
        updated_tools: link.overrides("updated_tools"),
    })
}

fn code_mode<J: Json>(r: &mut Reader<'_, J>) -> Option<CodeMode> {
    r.string("code_mode")
        .map(|mode| CodeMode::from(mode.as_str()))
}

/// The create parameters as far as they could be read, and the problems reading them
/// (missing fields read as empty), so a form can show every problem at once.
pub fn create_draft<J: Json>(value: Option<&J>) -> (PortalCreateParams, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut r = Reader::new(value, "", FIELDS, None, &mut problems);
    let params = PortalCreateParams {
        account_id: r.string("account_id"),
        id: r.required_string("id"),
        hostname: r.required_string("hostname"),
        name: r.required_string("name"),
        allow_code_mode: r.boolean("allow_code_mode"),
        code_mode: code_mode(&mut r),
        description: r.non_null_string("description"),
        secure_web_gateway: r.boolean("secure_web_gateway"),
        servers: links(&mut r),
    };
    (params, problems)
}

/// Reads portal `create` parameters.
pub fn create_params<J: Json>(value: Option<&J>) -> Result<PortalCreateParams, Vec<Problem>> {
    let (params, problems) = create_draft(value);
    finish(params, problems)
}

/// Reads portal `update` parameters; `id` is refused with a hint.
pub fn update_params<J: Json>(value: Option<&J>) -> Result<PortalUpdateParams, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut r = Reader::new(value, "", FIELDS, Some(("portal", &["id"])), &mut problems);
    let params = PortalUpdateParams {
        account_id: r.string("account_id"),
        allow_code_mode: r.boolean("allow_code_mode"),
        code_mode: code_mode(&mut r),
        description: r.non_null_string("description"),
        hostname: r.string("hostname"),
        name: r.string("name"),
        secure_web_gateway: r.boolean("secure_web_gateway"),
        servers: links(&mut r),
    };
    finish(params, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn the_sdk_test_body_reads_as_serde_reads_it() {
        let item = json!({"name": "name", "alias": "my-custom-alias", "description": "description", "enabled": true});
        let value = json!({
            "id": "my-mcp-portal", "hostname": "example.com", "name": "My MCP Portal",
            "allow_code_mode": true, "code_mode": "opt_in",
            "description": "This is my custom MCP Portal", "secure_web_gateway": false,
            "servers": [{"server_id": "my-mcp-server", "default_disabled": true, "on_behalf": true,
                         "updated_prompts": [item], "updated_tools": [item]}],
        });
        let ours = create_params(Some(&value)).unwrap();
        let serde: PortalCreateParams = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(ours, serde);
        let mut update = value;
        update.as_object_mut().unwrap().remove("id");
        let ours = update_params(Some(&update)).unwrap();
        let serde: PortalUpdateParams = serde_json::from_value(update).unwrap();
        assert_eq!(ours, serde);
    }

    #[test]
    fn every_problem_is_named_and_id_cannot_be_updated() {
        let value = json!({"name": 3, "description": null, "code_mode": 1,
                           "servers": [{"id": "a"}, {"server_id": "b", "on_behalf": "yes"}, 7]});
        let (_, problems) = create_draft(Some(&value));
        assert_eq!(
            fields(&problems),
            [
                "id",
                "hostname",
                "name",
                "code_mode",
                "description",
                "servers[0].id",
                "servers[0].server_id",
                "servers[1].on_behalf",
                "servers[2]"
            ]
        );
        assert_eq!(
            problems[4].message,
            "description cannot be null: send a string, or leave it out"
        );
        let err = update_params(Some(&json!({"id": "p"}))).unwrap_err();
        assert_eq!(
            err[0].message,
            "id is not a parameter of this call (it cannot be updated: delete and re-create the portal to change it)"
        );
    }
}
