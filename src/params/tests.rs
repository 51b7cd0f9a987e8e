//! The interpreter against serde: the body it writes is the one serde_json writes for the
//! typed parameters, and what it refuses is named.

use serde_json::{json, Value};

use super::{check, to_json, Op};
use crate::models::{AuthType, CapabilityOverride, ServerCreateParams, ServerUpdateParams};
use crate::portals::fields::PORTAL;
use crate::portals::PortalCreateParams;
use crate::servers::fields::SERVER;

fn overrides() -> Option<Vec<CapabilityOverride>> {
    Some(vec![
        CapabilityOverride {
            name: "list_issues".into(),
            alias: Some("issues".into()),
            description: Some("Lists \"open\" issues\n\ttab \u{1}\u{8} \\ é 🦀".into()),
            enabled: Some(true),
        },
        CapabilityOverride {
            name: "delete_repo".into(),
            enabled: Some(false),
            ..Default::default()
        },
    ])
}

#[test]
fn a_create_body_is_serde_jsons_byte_for_byte_without_the_account() {
    let create = ServerCreateParams {
        account_id: Some("acc".into()),
        id: "gh".into(),
        name: "Git\"Hub\"".into(),
        hostname: "https://gh.example/mcp".into(),
        auth_type: AuthType::Bearer,
        auth_credentials: Some("{\"headers\":{\"X-Key\":\"v\"}}".into()),
        client_secret: Some("s".into()),
        description: Some(None),
        is_shared_oauth_callback_enabled: Some(false),
        secure_web_gateway: Some(true),
        updated_prompts: Some(vec![]),
        updated_tools: overrides(),
    };
    let checked = check(&SERVER, Op::Create, Some(&to_json(&create).unwrap()));
    assert_eq!(checked.problems, []);
    assert_eq!(checked.body, serde_json::to_string(&create).unwrap());
    assert_eq!(checked.text("hostname"), Some("https://gh.example/mcp"));

    let portal: PortalCreateParams = serde_json::from_value(json!({
        "id": "p", "hostname": "example.com", "name": "P", "allow_code_mode": true,
        "code_mode": "opt_in", "description": "d", "secure_web_gateway": false,
        "servers": [{"server_id": "gh", "default_disabled": true, "on_behalf": true,
                     "updated_prompts": [], "updated_tools": [{"name": "x", "alias": "y"}]}],
    }))
    .unwrap();
    let checked = check(&PORTAL, Op::Create, Some(&to_json(&portal).unwrap()));
    assert_eq!(checked.problems, []);
    assert_eq!(checked.body, serde_json::to_string(&portal).unwrap());
}

#[test]
fn an_update_body_has_only_what_is_set_and_null_clears() {
    let update = ServerUpdateParams {
        description: Some(None),
        updated_tools: overrides(),
        ..Default::default()
    };
    let body = check(&SERVER, Op::Update, Some(&to_json(&update).unwrap())).body;
    let sent: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(sent, to_json(&update).unwrap());
    assert_eq!(sent["description"], Value::Null);
    let empty = check(&SERVER, Op::Update, None::<&Value>);
    assert_eq!((empty.body.as_str(), empty.problems.len()), ("{}", 0));
}

#[test]
fn repeated_names_aliases_and_links_are_named_once_each() {
    let value = json!({"id": "p", "hostname": "example.com", "name": "P", "servers": [
        {"server_id": "a", "updated_tools": [{"name": "t", "alias": "x"}, {"name": "t"}, {"name": "u", "alias": "x"}]},
        {"server_id": "a"},
    ]});
    let problems = check(&PORTAL, Op::Create, Some(&value)).problems;
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "servers[0].updated_tools[1].name repeats \"t\": give each capability one override",
            "servers[0].updated_tools[2].alias repeats \"x\": two capabilities cannot share an alias",
            "servers[1].server_id repeats \"a\": a portal links each server once",
        ]
    );
}

#[test]
fn types_nesting_and_fixed_fields_are_reported_with_their_paths() {
    let value =
        json!({"servers": [7, {"server_id": 1, "updated_tools": {}}], "id": "p", "account_id": 3});
    let problems = check(&PORTAL, Op::Update, Some(&value)).problems;
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "account_id",
            "servers[0]",
            "servers[1].server_id",
            "servers[1].updated_tools",
            "id"
        ]
    );
    assert_eq!(
        problems[4].message,
        "id is not a parameter of this call (it cannot be updated: delete and re-create the portal to change it)"
    );
    let not_object = check(&SERVER, Op::Create, Some(&json!([1])));
    assert_eq!(not_object.problems.len(), 1);
    assert_eq!(not_object.problems[0].message, "params must be an object");
}
