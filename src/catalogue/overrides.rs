//! The edits behind pinning, quarantine and approval: read-modify-write of a server's
//! `updated_tools` / `updated_prompts` that touches only the capabilities named and keeps every
//! other override as it was.

use crate::json::Json;
use crate::models::CapabilityOverride;
use wasm_bindgen::prelude::wasm_bindgen;

/// Tools or prompts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// `tools`, overridden by `updated_tools`.
    Tools,
    /// `prompts`, overridden by `updated_prompts`.
    Prompts,
}

impl Which {
    /// The catalogue's key.
    pub fn list_key(self) -> &'static str {
        match self {
            Self::Tools => "tools",
            Self::Prompts => "prompts",
        }
    }
    /// One of them, for messages: `tool`, `prompt`.
    pub fn one(self) -> &'static str {
        match self {
            Self::Tools => "tool",
            Self::Prompts => "prompt",
        }
    }
    /// The key of its overrides.
    pub fn overrides_key(self) -> &'static str {
        match self {
            Self::Tools => "updated_tools",
            Self::Prompts => "updated_prompts",
        }
    }
}

/// Names of tools and of prompts.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, tsify::Tsify)]
pub struct CapabilityNames {
    /// Tool names.
    pub tools: Vec<String>,
    /// Prompt names.
    pub prompts: Vec<String>,
}

impl CapabilityNames {
    /// The names of one kind.
    pub fn of(&self, which: Which) -> &[String] {
        match which {
            Which::Tools => &self.tools,
            Which::Prompts => &self.prompts,
        }
    }
    /// Whether no name is selected.
    pub fn is_empty(&self) -> bool {
        self.tools.is_empty() && self.prompts.is_empty()
    }
}

/// A server's overrides of one kind as the API returned them. Items without a string `name`
/// cannot be written back and are left out (the API never returns such).
pub fn read<J: Json>(server: &J, which: Which) -> Vec<CapabilityOverride> {
    let items = server
        .get(which.overrides_key())
        .and_then(|list| list.items())
        .unwrap_or_default();
    items
        .iter()
        .filter_map(|item| {
            Some(CapabilityOverride {
                name: item.get("name")?.as_string()?,
                alias: item.get("alias").and_then(|v| v.as_string()),
                description: item.get("description").and_then(|v| v.as_string()),
                enabled: item.get("enabled").and_then(|v| v.as_bool()),
            })
        })
        .collect()
}

/// `list` with `edit` applied to the override of `name`, added at the end when there is none.
pub fn edit(
    list: &mut Vec<CapabilityOverride>,
    name: &str,
    edit: impl FnOnce(&mut CapabilityOverride),
) {
    if let Some(found) = list.iter_mut().find(|o| o.name == name) {
        edit(found);
    } else {
        let mut fresh = CapabilityOverride {
            name: name.to_owned(),
            ..CapabilityOverride::default()
        };
        edit(&mut fresh);
        list.push(fresh);
    }
}

#[cfg(test)]
mod tests {
    use super::{edit, read, Which};
    use crate::models::CapabilityOverride;
    use serde_json::json;

    #[test]
    fn an_edit_touches_only_its_own_override() {
        let server = json!({ "updated_tools": [
            { "name": "a", "alias": "aa", "enabled": false },
            { "name": "b", "description": "mine" },
            { "alias": "no-name" }
        ] });
        let mut list = read(&server, Which::Tools);
        edit(&mut list, "b", |o| o.enabled = Some(false));
        edit(&mut list, "c", |o| o.description = Some("pinned".into()));
        assert_eq!(
            list,
            [
                CapabilityOverride {
                    name: "a".into(),
                    alias: Some("aa".into()),
                    enabled: Some(false),
                    description: None
                },
                CapabilityOverride {
                    name: "b".into(),
                    description: Some("mine".into()),
                    enabled: Some(false),
                    alias: None
                },
                CapabilityOverride {
                    name: "c".into(),
                    description: Some("pinned".into()),
                    ..Default::default()
                },
            ]
        );
        assert!(read(&server, Which::Prompts).is_empty());
    }
}
