//! What changed between two catalogues, field by field, compared as canonical JSON.

use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::wasm_bindgen;

use super::{canonical, catalogue, Canonical};
use crate::validate::Problem;

/// What changed in a server's tools and prompts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Tsify)]
pub struct CatalogueDiff {
    /// Changes to the tools.
    pub tools: Changes,
    /// Changes to the prompts.
    pub prompts: Changes,
}

/// Added, removed and changed capabilities of one kind, each sorted by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Tsify)]
pub struct Changes {
    /// Names present only after.
    pub added: Vec<String>,
    /// Names present only before.
    pub removed: Vec<String>,
    /// Capabilities present in both whose JSON differs.
    pub changed: Vec<Changed>,
}

/// One capability that changed, and which of its fields did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
pub struct Changed {
    /// The capability's name.
    pub name: String,
    /// The fields that differ: `description`, `title`, `inputSchema`, `outputSchema`,
    /// `annotations`, `arguments` first in that order, then any other key, sorted.
    pub fields: Vec<String>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

impl CatalogueDiff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.tools.is_empty() && self.prompts.is_empty()
    }
}

/// The fields reviews care about, in the order they are listed.
const KNOWN: &[&str] = &[
    "description",
    "title",
    "inputSchema",
    "outputSchema",
    "annotations",
    "arguments",
];

/// What changed from `before` to `after` (each a server or any `{ tools, prompts }`).
/// Key order and whitespace never count as a change.
///
/// ```
/// use serde_json::json;
/// let before = json!({ "tools": [{ "name": "a", "description": "x" }, { "name": "b" }] });
/// let after = json!({ "tools": [{ "description": "y", "name": "a" }, { "name": "c" }] });
/// let d = cf_mcp_servers::catalogue::diff(&before, &after).unwrap();
/// assert_eq!(d.tools.added, ["c"]);
/// assert_eq!(d.tools.removed, ["b"]);
/// assert_eq!(d.tools.changed[0].fields, ["description"]);
/// ```
pub fn diff<J: Canonical>(before: &J, after: &J) -> Result<CatalogueDiff, Vec<Problem>> {
    let (old, new) = match (catalogue(before, "before"), catalogue(after, "after")) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            let mut problems = old.err().unwrap_or_default();
            problems.extend(new.err().unwrap_or_default());
            return Err(problems);
        }
    };
    let mut problems = Vec::new();
    let tools = changes(&old.tools, &new.tools, "tools", &mut problems);
    let prompts = changes(&old.prompts, &new.prompts, "prompts", &mut problems);
    if problems.is_empty() {
        Ok(CatalogueDiff { tools, prompts })
    } else {
        Err(problems)
    }
}

/// Both lists are sorted by name (see [`catalogue`]), so one merge walk pairs them.
fn changes<J: Canonical>(
    old: &[(String, J)],
    new: &[(String, J)],
    kind: &str,
    problems: &mut Vec<Problem>,
) -> Changes {
    let mut out = Changes::default();
    let (mut i, mut j) = (0, 0);
    loop {
        match (old.get(i), new.get(j)) {
            (None, None) => break,
            (Some((a, _)), None) => {
                out.removed.push(a.clone());
                i += 1;
            }
            (None, Some((b, _))) => {
                out.added.push(b.clone());
                j += 1;
            }
            (Some((a, x)), Some((b, y))) => match a.cmp(b) {
                std::cmp::Ordering::Less => {
                    out.removed.push(a.clone());
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.added.push(b.clone());
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    match fields(x, y, kind, a) {
                        Ok(fields) if fields.is_empty() => {}
                        Ok(fields) => out.changed.push(Changed {
                            name: a.clone(),
                            fields,
                        }),
                        Err(p) => problems.push(p),
                    }
                    i += 1;
                    j += 1;
                }
            },
        }
    }
    out
}

/// The fields of one capability that differ, in [`KNOWN`] order then sorted.
fn fields<J: Canonical>(x: &J, y: &J, kind: &str, name: &str) -> Result<Vec<String>, Problem> {
    let at = |side: &str, key: &str| crate::text::cat!(side, ".", kind, "[\"", name, "\"]", key);
    // The common case, nothing changed, costs one canonical text per side.
    if canonical(x, &at("before", ""))? == canonical(y, &at("after", ""))? {
        return Ok(Vec::new());
    }
    let texts = |side: &str, value: &J| -> Result<Vec<(String, String)>, Problem> {
        let mut out = Vec::new();
        for (key, member) in value.members().unwrap_or_default() {
            let text = canonical(&member, &at(side, &crate::text::cat!(".", key)))?;
            out.push((key, text));
        }
        Ok(out)
    };
    let (a, b) = (texts("before", x)?, texts("after", y)?);
    let text_of = |list: &[(String, String)], key: &str| {
        list.iter().find(|(k, _)| k == key).map(|(_, t)| t.clone())
    };
    let mut differing: Vec<String> = a
        .iter()
        .chain(b.iter())
        .map(|(k, _)| k.clone())
        .filter(|k| k != "name")
        .collect();
    let rank = |k: &String| {
        KNOWN
            .iter()
            .position(|known| *known == k.as_str())
            .unwrap_or(KNOWN.len())
    };
    super::order::sort_by(&mut differing, |p, q| rank(p).cmp(&rank(q)).then(p.cmp(q)));
    differing.dedup();
    differing.retain(|k| text_of(&a, k) != text_of(&b, k));
    Ok(differing)
}

#[cfg(test)]
mod tests {
    use super::diff;
    use serde_json::{json, Value};

    fn parse(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn every_kind_of_change_in_a_deterministic_order() {
        let before = json!({
            "tools": [
                { "name": "zeta", "description": "z" },
                { "name": "alpha", "description": "old", "inputSchema": { "type": "object", "properties": { "q": { "type": "string" } } } },
                { "name": "gone" },
                { "name": "same", "annotations": { "readOnlyHint": true, "title": "S" } }
            ],
            "prompts": [{ "name": "p", "arguments": [{ "name": "a" }] }]
        });
        let after = json!({
            "tools": [
                { "name": "same", "annotations": { "title": "S", "readOnlyHint": true } },
                { "name": "new_b" },
                { "name": "new_a" },
                { "name": "alpha", "inputSchema": { "properties": { "q": { "type": "number" } }, "type": "object" }, "description": "new", "x-extra": 1 },
                { "name": "zeta", "description": "z", "title": "Z" }
            ],
            "prompts": [{ "name": "p", "arguments": [{ "name": "a", "required": true }] }]
        });
        let d = diff(&before, &after).unwrap();
        assert_eq!(d.tools.added, ["new_a", "new_b"]);
        assert_eq!(d.tools.removed, ["gone"]);
        let changed: Vec<(&str, Vec<&str>)> = d
            .tools
            .changed
            .iter()
            .map(|c| {
                (
                    c.name.as_str(),
                    c.fields.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            changed,
            [
                ("alpha", vec!["description", "inputSchema", "x-extra"]),
                ("zeta", vec!["title"])
            ]
        );
        assert_eq!(d.prompts.changed[0].fields, ["arguments"]);
        assert!(d.prompts.added.is_empty() && d.prompts.removed.is_empty());
    }

    #[test]
    fn key_order_whitespace_and_number_spelling_are_not_changes() {
        let before = parse(
            r#"{"tools":[{"name":"a","inputSchema":{"type":"object","maximum":1.0,"enum":[1e2]}}]}"#,
        );
        let after = parse(
            r#"{ "tools" : [ { "inputSchema" : { "enum" : [ 100 ] , "maximum" : 1 , "type" : "object" } , "name" : "a" } ] }"#,
        );
        assert!(diff(&before, &after).unwrap().is_empty());
    }

    #[test]
    fn a_field_that_appears_or_vanishes_is_a_change() {
        let d = diff(
            &json!({ "tools": [{ "name": "a", "title": null }] }),
            &json!({ "tools": [{ "name": "a" }] }),
        )
        .unwrap();
        assert_eq!(d.tools.changed[0].fields, ["title"]);
    }

    #[test]
    fn both_sides_problems_are_reported() {
        let problems = diff(&json!({ "tools": 1 }), &json!({ "prompts": [{}] })).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["before.tools", "after.prompts[0].name"]);
    }
}
