//! A server's create and update bodies, written with the shared [`crate::write`] machinery.

use crate::models::{ServerCreateParams, ServerUpdateParams};
use crate::write::Object;

/// The body of a create (the account goes in the path, not here).
pub fn create_body(p: &ServerCreateParams) -> String {
    let mut o = Object::new();
    o.string("id", Some(&p.id));
    o.string("name", Some(&p.name));
    o.string("hostname", Some(&p.hostname));
    o.string("auth_type", Some(p.auth_type.as_str()));
    o.string("auth_credentials", p.auth_credentials.as_deref());
    o.string("client_secret", p.client_secret.as_deref());
    o.nullable("description", &p.description);
    o.boolean(
        "is_shared_oauth_callback_enabled",
        p.is_shared_oauth_callback_enabled,
    );
    o.boolean("secure_web_gateway", p.secure_web_gateway);
    o.overrides("updated_prompts", &p.updated_prompts);
    o.overrides("updated_tools", &p.updated_tools);
    o.finish()
}

/// The body of an update: only the fields that are set.
pub fn update_body(p: &ServerUpdateParams) -> String {
    let mut o = Object::new();
    o.string("auth_credentials", p.auth_credentials.as_deref());
    o.string("client_secret", p.client_secret.as_deref());
    o.nullable("description", &p.description);
    o.boolean(
        "is_shared_oauth_callback_enabled",
        p.is_shared_oauth_callback_enabled,
    );
    o.string("name", p.name.as_deref());
    o.boolean("secure_web_gateway", p.secure_web_gateway);
    o.overrides("updated_prompts", &p.updated_prompts);
    o.overrides("updated_tools", &p.updated_tools);
    o.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{AuthType, CapabilityOverride};

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
    fn bodies_match_serde_json_byte_for_byte() {
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
        assert_eq!(
            create_body(&create),
            serde_json::to_string(&create).unwrap()
        );
        let update = ServerUpdateParams {
            description: Some(Some("d".into())),
            updated_tools: overrides(),
            ..Default::default()
        };
        assert_eq!(
            update_body(&update),
            serde_json::to_string(&update).unwrap()
        );
        assert_eq!(update_body(&ServerUpdateParams::default()), "{}");
    }
}
