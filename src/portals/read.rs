//! Reading a portal's create and update parameters from parsed JSON into their Rust types,
//! checked through the portal's table (`super::fields::PORTAL`): every field's type and
//! constraints, unknown fields refused, every problem reported at once.

use super::fields::PORTAL;
use super::models::{PortalCreateParams, PortalUpdateParams};
use crate::json::Json;
use crate::params::{self, Op};
use crate::validate::Problem;

/// Reads portal `create` parameters.
pub fn create_params<J: Json>(value: Option<&J>) -> Result<PortalCreateParams, Vec<Problem>> {
    params::read(&PORTAL, Op::Create, value)
}

/// Reads portal `update` parameters; `id` is refused with a hint.
pub fn update_params<J: Json>(value: Option<&J>) -> Result<PortalUpdateParams, Vec<Problem>> {
    params::read(&PORTAL, Op::Update, value)
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
        let problems = create_params(Some(&value)).unwrap_err();
        assert_eq!(
            fields(&problems),
            [
                "id",
                "hostname",
                "name",
                "code_mode",
                "description",
                "servers[0].server_id",
                "servers[0].id",
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
