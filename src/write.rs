//! Request bodies as JSON text: exactly the fields that are set, in the API's order,
//! `null` for a cleared description. Written by hand so the wasm build needs no serializer;
//! the tests hold it to serde_json's output.

use crate::models::CapabilityOverride;

pub(crate) struct Object {
    out: String,
    empty: bool,
}

impl Object {
    pub(crate) fn new() -> Self {
        Self {
            out: String::from("{"),
            empty: true,
        }
    }

    pub(crate) fn key(&mut self, key: &str) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        push_string(&mut self.out, key);
        self.out.push(':');
    }

    pub(crate) fn string(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.key(key);
            push_string(&mut self.out, value);
        }
    }

    pub(crate) fn nullable(&mut self, key: &str, value: &Option<Option<String>>) {
        match value {
            Some(Some(text)) => self.string(key, Some(text)),
            Some(None) => {
                self.key(key);
                self.out.push_str("null");
            }
            None => {}
        }
    }

    pub(crate) fn boolean(&mut self, key: &str, value: Option<bool>) {
        if let Some(value) = value {
            self.key(key);
            self.out.push_str(if value { "true" } else { "false" });
        }
    }

    /// An array of objects, each written by `item`.
    pub(crate) fn objects<T>(
        &mut self,
        key: &str,
        value: &Option<Vec<T>>,
        item: impl Fn(&mut Object, &T),
    ) {
        let Some(items) = value else { return };
        self.key(key);
        self.out.push('[');
        for (i, value) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            let mut o = Object::new();
            item(&mut o, value);
            self.out.push_str(&o.finish());
        }
        self.out.push(']');
    }

    pub(crate) fn overrides(&mut self, key: &str, value: &Option<Vec<CapabilityOverride>>) {
        self.objects(key, value, |o, item| {
            o.string("name", Some(&item.name));
            o.string("alias", item.alias.as_deref());
            o.string("description", item.description.as_deref());
            o.boolean("enabled", item.enabled);
        });
    }

    pub(crate) fn finish(mut self) -> String {
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

/// The servers' bodies, where they were before the resources had their own folders.
pub use crate::servers::write::{create_body, update_body};
