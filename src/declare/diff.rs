//! Field-level differences between what a file says and what the account has. A field the
//! file leaves out is left as it is; lists of links and of overrides are sets keyed by
//! `server_id` and by `name`, so their order never makes a difference.

use super::value::Value;
use crate::text::cat;

/// One field that changes: its path (`servers[github].updated_tools[list_issues]`), and its
/// value before and after (absent when there is none).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    /// Where, as a path into the server or portal.
    pub path: String,
    /// The value now; `None` when it is being added.
    pub before: Option<Value>,
    /// The value wanted; `None` when it is being removed.
    pub after: Option<Value>,
}

/// The key lists of this kind are matched by, if every item is an object that has it.
fn key_of(items: &[Value]) -> Option<&'static str> {
    ["server_id", "name"].into_iter().find(|key| {
        !items.is_empty()
            && items
                .iter()
                .all(|i| i.get(key).and_then(Value::str).is_some())
    })
}

fn keyed<'a>(items: &'a [Value], key: &str, id: &str) -> Option<&'a Value> {
    items
        .iter()
        .find(|i| i.get(key).and_then(Value::str) == Some(id))
}

fn change(out: &mut Vec<FieldChange>, path: String, before: Option<&Value>, after: Option<&Value>) {
    let some = |v: Option<&Value>| v.filter(|v| !v.is_empty()).cloned();
    out.push(FieldChange {
        path,
        before: some(before),
        after: some(after),
    });
}

/// What changes to make `have` what `want` says, appended to `out`.
pub(crate) fn diff(path: &str, want: &Value, have: Option<&Value>, out: &mut Vec<FieldChange>) {
    match (want, have) {
        (Value::Object(members), Some(have @ Value::Object(_))) => {
            for (key, w) in members {
                diff(&join(path, key), w, have.get(key), out);
            }
        }
        (Value::Array(items), have)
            if key_of(items).is_some()
                && have.is_none_or(|h| h.is_empty() || h.list().is_some()) =>
        {
            let key = key_of(items).unwrap_or("name");
            let had = have.and_then(Value::list).unwrap_or_default();
            for item in items {
                let id = item.get(key).and_then(Value::str).unwrap_or_default();
                let at = cat!(path, "[", id, "]");
                match keyed(had, key, id) {
                    // A link is compared field by field; an override as a whole, as it is sent.
                    Some(old) if key == "server_id" => diff(&at, item, Some(old), out),
                    Some(old) if old.same(item) => {}
                    old => change(out, at, old, Some(item)),
                }
            }
            for old in had {
                let id = old.get(key).and_then(Value::str).unwrap_or_default();
                if keyed(items, key, id).is_none() {
                    change(out, cat!(path, "[", id, "]"), Some(old), None);
                }
            }
        }
        (want, have) if want.same(have.unwrap_or(&Value::Null)) => {}
        (want, have) => change(out, path.to_owned(), have, Some(want)),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        cat!(path, ".", key)
    }
}

/// What a portal update sends: every field of the account's portal, with what the file says
/// over it (each link the file names merged over the account's link of that server).
pub(crate) fn merge(have: &Value, want: &Value) -> Value {
    let mut out = have.clone();
    for (key, w) in want.members().unwrap_or_default() {
        let merged = match (key.as_str(), w.list(), have.get(key).and_then(Value::list)) {
            ("servers", Some(links), Some(had)) => Value::Array(
                links
                    .iter()
                    .map(|link| {
                        let id = link.str_at("server_id");
                        keyed(had, "server_id", id)
                            .map_or_else(|| link.clone(), |old| merge(old, link))
                    })
                    .collect(),
            ),
            _ => w.clone(),
        };
        out.set(key, merged);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn changes(want: serde_json::Value, have: serde_json::Value) -> Vec<String> {
        let mut out = Vec::new();
        diff("", &Value::read(&want), Some(&Value::read(&have)), &mut out);
        out.into_iter().map(|c| c.path).collect()
    }

    #[test]
    fn sets_are_keyed_and_left_out_fields_are_kept() {
        let have = json!({"name": "P", "servers": [
            {"server_id": "a", "on_behalf": true, "updated_tools": [{"name": "t", "alias": "x"}, {"name": "u", "enabled": false}]},
            {"server_id": "b"}]});
        let reordered = json!({"servers": [
            {"server_id": "b"},
            {"server_id": "a", "updated_tools": [{"name": "u", "enabled": false}, {"name": "t", "alias": "x"}]}]});
        assert!(changes(reordered, have.clone()).is_empty());
        let edited = json!({"name": "Q", "servers": [
            {"server_id": "a", "on_behalf": false, "updated_tools": [{"name": "t", "alias": "y"}, {"name": "v", "enabled": true}]},
            {"server_id": "c"}]});
        assert_eq!(
            changes(edited, have),
            [
                "name",
                "servers[a].on_behalf",
                "servers[a].updated_tools[t]",
                "servers[a].updated_tools[v]",
                "servers[a].updated_tools[u]",
                "servers[c]",
                "servers[b]"
            ]
        );
        assert_eq!(
            changes(json!({"updated_tools": []}), json!({})),
            Vec::<String>::new()
        );
        assert_eq!(
            changes(json!({"description": null}), json!({"description": "d"})),
            ["description"]
        );
    }
}
