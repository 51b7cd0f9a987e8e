//! Reading a server's create and update parameters from parsed JSON into their Rust types,
//! checked through the server's table (`super::fields::SERVER`): every field's type and
//! constraints, unknown fields refused, every problem reported at once.

use super::fields::SERVER;
use crate::json::Json;
use crate::models::{ServerCreateParams, ServerUpdateParams};
use crate::params::{self, Op};
use crate::validate::Problem;

/// Reads `create` parameters.
pub fn create_params<J: Json>(value: Option<&J>) -> Result<ServerCreateParams, Vec<Problem>> {
    params::read(&SERVER, Op::Create, value)
}

/// Reads `update` parameters; `id`, `hostname` and `auth_type` are refused with a hint.
pub fn update_params<J: Json>(value: Option<&J>) -> Result<ServerUpdateParams, Vec<Problem>> {
    params::read(&SERVER, Op::Update, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn create_reads_what_serde_reads() {
        let value = json!({
            "id": "gh", "name": "GitHub", "hostname": "https://gh.example/mcp", "auth_type": "bearer",
            "auth_credentials": "tok", "description": null, "secure_web_gateway": true,
            "updated_tools": [{"name": "list_issues", "alias": "issues", "enabled": false}]
        });
        let ours = create_params(Some(&value)).unwrap();
        let serde: ServerCreateParams = serde_json::from_value(value).unwrap();
        assert_eq!(ours, serde);
        assert_eq!(ours.description, Some(None));
    }

    #[test]
    fn every_missing_or_mistyped_field_is_reported_at_once() {
        let value = json!({"name": 3, "auth_type": "bearer", "secure_web_gateway": "yes",
                           "updated_tools": [{"alias": "x"}, 7], "extra": 1});
        let problems = create_params(Some(&value)).unwrap_err();
        assert_eq!(
            fields(&problems),
            [
                "id",
                "name",
                "hostname",
                "secure_web_gateway",
                "updated_tools[0].name",
                "updated_tools[1]",
                "extra"
            ]
        );
        assert_eq!(problems[1].message, "name must be a string (got a number)");
        assert!(problems[6]
            .message
            .starts_with("extra is not a field of a server (account_id, id, name,"));
    }

    #[test]
    fn update_refuses_immutable_fields_with_a_hint() {
        let err = update_params(Some(&json!({"hostname": "https://x"}))).unwrap_err();
        assert_eq!(
            err[0].message,
            "hostname is not a parameter of this call (it cannot be updated: delete and re-create the server to change it)"
        );
        let ok = update_params(Some(&json!({"description": null, "name": "n"}))).unwrap();
        assert_eq!(
            (ok.description, ok.name.as_deref()),
            (Some(None), Some("n"))
        );
    }
}
