//! A portal's create and update bodies, written with the shared [`crate::write`] machinery:
//! exactly the fields that are set, in the API's documented order (create's, for an update
//! too), which serde also writes.

use super::models::{PortalCreateParams, PortalServerLink, PortalUpdateParams};
use crate::write::Object;

fn links(o: &mut Object, servers: &Option<Vec<PortalServerLink>>) {
    o.objects("servers", servers, |o, link| {
        o.string("server_id", Some(&link.server_id));
        o.boolean("default_disabled", link.default_disabled);
        o.boolean("on_behalf", link.on_behalf);
        o.overrides("updated_prompts", &link.updated_prompts);
        o.overrides("updated_tools", &link.updated_tools);
    });
}

/// The body of a portal create (the account goes in the path, not here).
pub fn create_body(p: &PortalCreateParams) -> String {
    let mut o = Object::new();
    o.string("id", Some(&p.id));
    o.string("hostname", Some(&p.hostname));
    o.string("name", Some(&p.name));
    o.boolean("allow_code_mode", p.allow_code_mode);
    o.string("code_mode", p.code_mode.as_ref().map(|m| m.as_str()));
    o.string("description", p.description.as_deref());
    o.boolean("secure_web_gateway", p.secure_web_gateway);
    links(&mut o, &p.servers);
    o.finish()
}

/// The body of a portal update: only the fields that are set (`servers` replaces the mapping).
pub fn update_body(p: &PortalUpdateParams) -> String {
    let mut o = Object::new();
    o.string("hostname", p.hostname.as_deref());
    o.string("name", p.name.as_deref());
    o.boolean("allow_code_mode", p.allow_code_mode);
    o.string("code_mode", p.code_mode.as_ref().map(|m| m.as_str()));
    o.string("description", p.description.as_deref());
    o.boolean("secure_web_gateway", p.secure_web_gateway);
    links(&mut o, &p.servers);
    o.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::CapabilityOverride;
    use crate::portals::CodeMode;

    #[test]
    fn bodies_match_serde_json_byte_for_byte() {
        let item = CapabilityOverride {
            name: "name".into(),
            alias: Some("my-custom-alias".into()),
            description: Some("a \"quoted\"\ndescription é".into()),
            enabled: Some(true),
        };
        let link = PortalServerLink {
            server_id: "my-mcp-server".into(),
            default_disabled: Some(true),
            on_behalf: Some(false),
            updated_prompts: Some(vec![]),
            updated_tools: Some(vec![item]),
        };
        let create = PortalCreateParams {
            account_id: Some("acc".into()),
            id: "my-mcp-portal".into(),
            hostname: "example.com".into(),
            name: "My MCP Portal".into(),
            allow_code_mode: Some(true),
            code_mode: Some(CodeMode::OptIn),
            description: Some("d".into()),
            secure_web_gateway: Some(false),
            servers: Some(vec![link.clone(), PortalServerLink::default()]),
        };
        assert_eq!(
            create_body(&create),
            serde_json::to_string(&create).unwrap()
        );
        let update = PortalUpdateParams {
            name: Some("n".into()),
            servers: Some(vec![link]),
            ..Default::default()
        };
        assert_eq!(
            update_body(&update),
            serde_json::to_string(&update).unwrap()
        );
        assert_eq!(update_body(&PortalUpdateParams::default()), "{}");
        let cleared = PortalUpdateParams {
            servers: Some(vec![]),
            ..Default::default()
        };
        assert_eq!(update_body(&cleared), r#"{"servers":[]}"#);
    }
}
