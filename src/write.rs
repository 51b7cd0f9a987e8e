//! Request bodies as JSON text: exactly the fields that are set, in the API's order,
//! `null` for a cleared description. Written by hand so the wasm build needs no serializer;
//! the tests hold it to serde_json's output.

use crate::models::{CapabilityOverride, ServerCreateParams, ServerUpdateParams};

struct Object {
    out: String,
    empty: bool,
}

impl Object {
    fn new() -> Self {
        Self {
            out: String::from("{"),
            empty: true,
        }
    }

    fn key(&mut self, key: &str) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        push_string(&mut self.out, key);
        self.out.push(':');
    }

    fn string(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.key(key);
            push_string(&mut self.out, value);
        }
    }

    fn nullable(&mut self, key: &str, value: &Option<Option<String>>) {
        match value {
            Some(Some(text)) => self.string(key, Some(text)),
            Some(None) => {
                self.key(key);
                self.out.push_str("null");
            }
            None => {}
        }
    }

    fn boolean(&mut self, key: &str, value: Option<bool>) {
        if let Some(value) = value {
            self.key(key);
            self.out.push_str(if value { "true" } else { "false" });
        }
    }

    fn overrides(&mut self, key: &str, value: &Option<Vec<CapabilityOverride>>) {
        let Some(items) = value else { return };
        self.key(key);
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            let mut o = Object::new();
            o.string("name", Some(&item.name));
            o.string("alias", item.alias.as_deref());
            o.string("description", item.description.as_deref());
            o.boolean("enabled", item.enabled);
            self.out.push_str(&o.finish());
        }
        self.out.push(']');
    }

    fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

/// Appends `value` as a JSON string literal.
pub(crate) fn push_string(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX.get(n >> 4).copied().unwrap_or(b'0')));
                out.push(char::from(HEX.get(n & 15).copied().unwrap_or(b'0')));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

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
    use crate::models::AuthType;

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
