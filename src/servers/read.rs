//! Reading a server's create and update parameters from parsed JSON, with the shared
//! [`crate::read`] machinery.

use crate::json::Json;
use crate::models::{AuthType, ServerCreateParams, ServerUpdateParams};
use crate::read::{finish, Reader};
use crate::validate::Problem;

/// Every parameter of a server, once, in the API's order (create's).
const FIELDS: &[&str] = &[
    "account_id",
    "id",
    "name",
    "hostname",
    "auth_type",
    "auth_credentials",
    "client_secret",
    "description",
    "is_shared_oauth_callback_enabled",
    "secure_web_gateway",
    "updated_prompts",
    "updated_tools",
];

/// What only a create takes: an update refuses it with a hint.
const IMMUTABLE: &[&str] = &["id", "hostname", "auth_type"];

/// The create parameters as far as they could be read, and the problems reading them
/// (missing fields read as empty), so a form can show every problem at once.
pub fn create_draft<J: Json>(value: Option<&J>) -> (ServerCreateParams, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut r = Reader::new(value, "", FIELDS, None, &mut problems);
    let params = ServerCreateParams {
        account_id: r.string("account_id"),
        id: r.required_string("id"),
        name: r.required_string("name"),
        hostname: r.required_string("hostname"),
        // A missing or mistyped value reads as "" (reported once here; the draft's
        // validator skips fields already reported).
        auth_type: AuthType::from(r.required_string("auth_type").as_str()),
        auth_credentials: r.string("auth_credentials"),
        client_secret: r.string("client_secret"),
        description: r.nullable_string("description"),
        is_shared_oauth_callback_enabled: r.boolean("is_shared_oauth_callback_enabled"),
        secure_web_gateway: r.boolean("secure_web_gateway"),
        updated_prompts: r.overrides("updated_prompts"),
        updated_tools: r.overrides("updated_tools"),
    };
    (params, problems)
}

/// Reads `create` parameters.
pub fn create_params<J: Json>(value: Option<&J>) -> Result<ServerCreateParams, Vec<Problem>> {
    let (params, problems) = create_draft(value);
    finish(params, problems)
}

/// Reads `update` parameters; `id`, `hostname` and `auth_type` are refused with a hint.
pub fn update_params<J: Json>(value: Option<&J>) -> Result<ServerUpdateParams, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut r = Reader::new(
        value,
        "",
        FIELDS,
        Some(("server", IMMUTABLE)),
        &mut problems,
    );
    let params = ServerUpdateParams {
        account_id: r.string("account_id"),
        auth_credentials: r.string("auth_credentials"),
        client_secret: r.string("client_secret"),
        description: r.nullable_string("description"),
        is_shared_oauth_callback_enabled: r.boolean("is_shared_oauth_callback_enabled"),
        name: r.string("name"),
        secure_web_gateway: r.boolean("secure_web_gateway"),
        updated_prompts: r.overrides("updated_prompts"),
        updated_tools: r.overrides("updated_tools"),
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
        let (_, problems) = create_draft(Some(&value));
        assert_eq!(
            fields(&problems),
            [
                "extra",
                "id",
                "name",
                "hostname",
                "secure_web_gateway",
                "updated_tools[0].name",
                "updated_tools[1]"
            ]
        );
        assert_eq!(problems[2].message, "name must be a string (got a number)");
        assert_eq!(problems[0].message, "extra is not a parameter of this call");
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
