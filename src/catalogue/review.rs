//! Review against an approved snapshot: the digest of every tool and prompt by name, which a
//! caller keeps (a Worker in KV, a repository file) and compares with what a server says now.

use serde::ser::{Serialize, SerializeMap, Serializer};
use tsify::Tsify;
use wasm_bindgen::prelude::wasm_bindgen;

use super::{catalogue, digest, effective, Canonical, Catalogue, Effective};
use crate::json::Kind;
use crate::text::cat;
use crate::validate::Problem;

/// Digests by name: `{ tools: { name: digest }, prompts: { … } }`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, Tsify)]
pub struct Snapshot {
    /// Tool name → `capabilityDigest` of the tool.
    #[tsify(type = "Record<string, string>")]
    pub tools: Digests,
    /// Prompt name → `capabilityDigest` of the prompt.
    #[tsify(type = "Record<string, string>")]
    pub prompts: Digests,
}

/// `(name, digest)` pairs sorted by name, written as a JSON object. (A sorted `Vec` rather than a
/// `BTreeMap`: the same lookups here, 3 KB less wasm.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Digests(pub Vec<(String, String)>);

impl Digests {
    fn sorted(mut pairs: Vec<(String, String)>) -> Self {
        super::order::sort_by(&mut pairs, |(a, _), (b, _)| a.cmp(b));
        Self(pairs)
    }
    /// The digest of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .binary_search_by(|(n, _)| n.as_str().cmp(name))
            .ok()
            .and_then(|i| self.0.get(i))
            .map(|(_, d)| d.as_str())
    }
    /// The names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(n, _)| n)
    }
}

impl Serialize for Digests {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, digest) in &self.0 {
            map.serialize_entry(name, digest)?;
        }
        map.end()
    }
}

/// What differs from the approved snapshot, by name, each list sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, Tsify)]
pub struct ReviewChanges {
    /// Names not in the approved snapshot.
    pub added: Vec<String>,
    /// Approved names the server no longer has.
    pub removed: Vec<String>,
    /// Names whose digest differs from the approved one.
    pub changed: Vec<String>,
}

impl ReviewChanges {
    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// A server reviewed against an approved snapshot.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, Tsify)]
pub struct Review {
    /// Tools that differ from the snapshot.
    pub tools: ReviewChanges,
    /// Prompts that differ from the snapshot.
    pub prompts: ReviewChanges,
    /// The snapshot of the server as it is now: store it once the changes are approved.
    pub snapshot: Snapshot,
    /// What upstream says and what agents see, with pinned descriptions that upstream changed.
    pub effective: Effective,
}

impl Review {
    /// Whether the server is as approved.
    pub fn is_empty(&self) -> bool {
        self.tools.is_empty() && self.prompts.is_empty()
    }
}

fn digests<J: Canonical>(items: &[(String, J)], at: &str) -> Result<Digests, Vec<Problem>> {
    let mut out = Vec::with_capacity(items.len());
    let mut problems = Vec::new();
    for (name, item) in items {
        match digest(item, &cat!(at, "[\"", name, "\"]")) {
            Ok(d) => out.push((name.clone(), d)),
            Err(p) => problems.push(p),
        }
    }
    if problems.is_empty() {
        // `items` come from `catalogue`, sorted by name already.
        Ok(Digests(out))
    } else {
        Err(problems)
    }
}

fn of<J: Canonical>(c: &Catalogue<J>, at: &str) -> Result<Snapshot, Vec<Problem>> {
    Ok(Snapshot {
        tools: digests(&c.tools, &cat!(at, ".tools"))?,
        prompts: digests(&c.prompts, &cat!(at, ".prompts"))?,
    })
}

/// The snapshot of a catalogue (a server or any `{ tools, prompts }`).
pub fn snapshot<J: Canonical>(value: &J) -> Result<Snapshot, Vec<Problem>> {
    of(&catalogue(value, "catalogue")?, "catalogue")
}

/// Reads an approved snapshot; `null` or absent means nothing was approved yet.
fn approved<J: Canonical>(value: Option<&J>) -> Result<Snapshot, Vec<Problem>> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok(Snapshot::default());
    };
    let mut problems = Vec::new();
    let mut read = |key: &'static str| -> Digests {
        let field = cat!("approved.", key);
        let mut out = Vec::new();
        match value.get(key) {
            None => {}
            Some(map) if map.kind() == Kind::Object => {
                for (name, d) in map.members().unwrap_or_default() {
                    match d.as_string() {
                        Some(d) => out.push((name, d)),
                        None => problems.push(Problem {
                            message: cat!(
                                field,
                                "[\"",
                                name,
                                "\"] must be a digest (a string), not ",
                                d.describe()
                            ),
                            field: cat!(field, "[\"", name, "\"]"),
                        }),
                    }
                }
            }
            Some(other) => problems.push(Problem {
                message: cat!(
                    field,
                    " must be an object of digests by name, not ",
                    other.describe()
                ),
                field,
            }),
        }
        Digests::sorted(out)
    };
    let (tools, prompts) = (read("tools"), read("prompts"));
    if !value.is_object() {
        problems.push(Problem {
            field: "approved".into(),
            message: cat!(
                "approved must be a snapshot { tools, prompts }, not ",
                value.describe()
            ),
        });
    }
    if problems.is_empty() {
        Ok(Snapshot { tools, prompts })
    } else {
        Err(problems)
    }
}

fn compare(was: &Digests, now: &Digests) -> ReviewChanges {
    ReviewChanges {
        added: now
            .names()
            .filter(|k| was.get(k).is_none())
            .cloned()
            .collect(),
        removed: was
            .names()
            .filter(|k| now.get(k).is_none())
            .cloned()
            .collect(),
        changed: now
            .0
            .iter()
            .filter(|(k, d)| was.get(k).is_some_and(|w| w != d))
            .map(|(k, _)| k.clone())
            .collect(),
    }
}

/// `server` as it is now against the `approved` snapshot (`None` or `null`: nothing approved
/// yet, so everything is added).
pub fn review<J: Canonical>(
    server: &J,
    approved_snapshot: Option<&J>,
) -> Result<Review, Vec<Problem>> {
    let was = approved(approved_snapshot)?;
    let now = of(&catalogue(server, "server")?, "server")?;
    Ok(Review {
        tools: compare(&was.tools, &now.tools),
        prompts: compare(&was.prompts, &now.prompts),
        effective: effective(server)?,
        snapshot: now,
    })
}

#[cfg(test)]
mod tests {
    use super::{review, snapshot};
    use serde_json::{json, to_value};

    #[test]
    fn a_server_against_its_approved_snapshot() {
        let then = json!({ "tools": [{ "name": "a", "description": "x" }, { "name": "b" }], "prompts": [{ "name": "p" }] });
        let approved = to_value(snapshot(&then).unwrap()).unwrap();
        let now = json!({ "tools": [{ "name": "a", "description": "poisoned" }, { "name": "c" }], "prompts": [{ "name": "p" }] });
        let r = review(&now, Some(&approved)).unwrap();
        assert_eq!(
            (
                r.tools.added.as_slice(),
                r.tools.removed.as_slice(),
                r.tools.changed.as_slice()
            ),
            (
                &["c".to_string()][..],
                &["b".to_string()][..],
                &["a".to_string()][..]
            )
        );
        assert!(r.prompts.is_empty());
        assert!(review(&then, Some(&approved)).unwrap().is_empty());
        assert_eq!(review(&now, None).unwrap().tools.added, ["a", "c"]);
    }

    #[test]
    fn a_bad_snapshot_is_named() {
        let now = json!({ "tools": [] });
        let problems =
            review(&now, Some(&json!({ "tools": { "a": 1 }, "prompts": [] }))).unwrap_err();
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "approved.tools[\"a\"] must be a digest (a string), not a number",
                "approved.prompts must be an object of digests by name, not an array"
            ]
        );
    }
}
