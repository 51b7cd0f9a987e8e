//! What agents are shown of each capability once the server's overrides apply, beside what
//! upstream says.

use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::wasm_bindgen;

use super::catalogue;
use super::overrides::{self, Which};
use crate::json::Json;
use crate::validate::Problem;

/// A server's capabilities as upstream describes them and as agents see them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Tsify)]
pub struct Effective {
    /// The tools, sorted by upstream name.
    pub tools: Vec<EffectiveCapability>,
    /// The prompts, sorted by upstream name.
    pub prompts: Vec<EffectiveCapability>,
}

/// One tool or prompt after overrides.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EffectiveCapability {
    /// The upstream name.
    pub name: String,
    /// The name agents see (the alias, when set).
    pub shown_name: String,
    /// The description agents see (the override, when set).
    #[tsify(optional)]
    pub description: Option<String>,
    /// The description upstream sends.
    #[tsify(optional)]
    pub upstream_description: Option<String>,
    /// Whether agents can use it (overrides default to enabled).
    pub enabled: bool,
    /// Whether a description override is set, so agents keep reading that text.
    pub pinned: bool,
    /// Whether upstream's description differs from the pinned one: "upstream changed this
    /// description" (or the override was written to differ).
    pub upstream_changed: bool,
}

/// The effective view of a server (or any `{ tools, prompts, updated_tools?, updated_prompts? }`).
pub fn effective<J: Json>(server: &J) -> Result<Effective, Vec<Problem>> {
    let c = catalogue(server, "server")?;
    let view = |which: Which, items: &[(String, J)]| -> Vec<EffectiveCapability> {
        let list = overrides::read(server, which);
        items
            .iter()
            .map(|(name, item)| {
                let upstream = item.get("description").and_then(|d| d.as_string());
                let o = list.iter().find(|o| &o.name == name);
                let pinned = o.and_then(|o| o.description.clone());
                EffectiveCapability {
                    name: name.clone(),
                    shown_name: o
                        .and_then(|o| o.alias.clone())
                        .unwrap_or_else(|| name.clone()),
                    upstream_changed: pinned.is_some() && pinned != upstream,
                    pinned: pinned.is_some(),
                    description: pinned.or_else(|| upstream.clone()),
                    upstream_description: upstream,
                    enabled: o.and_then(|o| o.enabled).unwrap_or(true),
                }
            })
            .collect()
    };
    Ok(Effective {
        tools: view(Which::Tools, &c.tools),
        prompts: view(Which::Prompts, &c.prompts),
    })
}

#[cfg(test)]
mod tests {
    use super::effective;
    use serde_json::json;

    #[test]
    fn overrides_apply_and_drift_shows() {
        let server = json!({
            "tools": [
                { "name": "a", "description": "upstream now" },
                { "name": "b", "description": "same" },
                { "name": "c" }
            ],
            "prompts": [],
            "updated_tools": [
                { "name": "a", "description": "approved", "alias": "alpha" },
                { "name": "b", "description": "same", "enabled": false }
            ]
        });
        let view = effective(&server).unwrap();
        let [a, b, c] = &view.tools[..] else { panic!() };
        assert_eq!(
            (a.shown_name.as_str(), a.description.as_deref()),
            ("alpha", Some("approved"))
        );
        assert_eq!(a.upstream_description.as_deref(), Some("upstream now"));
        assert!(a.pinned && a.upstream_changed && a.enabled);
        assert!(b.pinned && !b.upstream_changed && !b.enabled);
        assert!(!c.pinned && !c.upstream_changed && c.enabled && c.description.is_none());
    }
}
