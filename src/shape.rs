//! The shape the API promises for its results, checked on parsed JSON before anyone relies on
//! it: a missing required field is a decode error naming its path (`result[3].name`), while
//! unknown fields and new enum values pass through untouched.

use crate::json::{Json, Kind};
use crate::text::cat;

/// What the `result` of a call must look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One server (create, read, update, delete).
    Server,
    /// An array of servers (list).
    Servers,
    /// A sync outcome (an object; every field optional).
    SyncResult,
}

/// The members of a server that must be strings.
const STRINGS: &[&str] = &["id", "name", "hostname", "auth_type"];
/// The members of a server that must be arrays of objects.
const LISTS: &[&str] = &["tools", "prompts"];

/// Checks `result` against `shape`; the error names the path of the first mismatch.
pub fn check<J: Json>(result: &J, shape: Shape) -> Result<(), String> {
    match shape {
        Shape::Server => server(result).map_err(|e| e.at("result")),
        // A page that is right, as nearly all are, is confirmed in one look.
        Shape::Servers if result.all_have(STRINGS, LISTS) => Ok(()),
        Shape::Servers => {
            let items = result.items().ok_or_else(|| {
                cat!(
                    "result: expected an array of servers, got ",
                    result.describe()
                )
            })?;
            // The path is written only for the item that fails: a page of 100 servers
            // costs no strings.
            items
                .iter()
                .enumerate()
                .try_for_each(|(i, item)| server(item).map_err(|e| e.at(&cat!("result[", i, "]"))))
        }
        Shape::SyncResult if result.is_object() => Ok(()),
        Shape::SyncResult => Err(cat!("result: expected an object, got ", result.describe())),
    }
}

/// What is wrong with one server, before its path is known.
struct Mismatch {
    /// The member at fault (`name`, `tools`), or `None` when the server itself is.
    key: Option<&'static str>,
    /// The element of that member's array at fault.
    index: Option<usize>,
    /// `missing`, `expected a string, got `, ….
    what: &'static str,
    /// What was found instead, completing `what`.
    got: Option<Kind>,
}

impl Mismatch {
    fn at(self, path: &str) -> String {
        let mut out = cat!(path);
        if let Some(key) = self.key {
            out = cat!(out, ".", key);
        }
        if let Some(i) = self.index {
            out = cat!(out, "[", i, "]");
        }
        cat!(out, ": ", self.what, self.got.map_or("", Kind::describe))
    }
}

fn server<J: Json>(value: &J) -> Result<(), Mismatch> {
    let mismatch = |key, index, what, got| {
        Err(Mismatch {
            key,
            index,
            what,
            got,
        })
    };
    let kind = value.kind();
    if kind != Kind::Object {
        return mismatch(None, None, "expected a server object, got ", Some(kind));
    }
    for &key in STRINGS {
        match value.kind_of(key) {
            Some(Kind::String) => {}
            Some(other) => {
                return mismatch(Some(key), None, "expected a string, got ", Some(other))
            }
            None => return mismatch(Some(key), None, "missing", None),
        }
    }
    for &key in LISTS {
        let Some(list) = value.get(key) else {
            return match value.kind_of(key) {
                Some(kind) => mismatch(Some(key), None, "expected an array, got ", Some(kind)),
                None => mismatch(Some(key), None, "missing", None),
            };
        };
        match list.first_non_object() {
            None => {
                return mismatch(
                    Some(key),
                    None,
                    "expected an array, got ",
                    Some(list.kind()),
                )
            }
            Some(Some(i)) => return mismatch(Some(key), Some(i), "expected an object", None),
            Some(None) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn good(id: &str) -> serde_json::Value {
        json!({"id": id, "name": "n", "hostname": "https://h/mcp", "auth_type": "bearer",
               "tools": [{"name": "t"}], "prompts": [], "status": "paused", "new_field": 1})
    }

    #[test]
    fn unknown_fields_and_values_pass() {
        assert_eq!(check(&good("a"), Shape::Server), Ok(()));
        assert_eq!(
            check(&json!([good("a"), good("b")]), Shape::Servers),
            Ok(())
        );
        assert_eq!(check(&json!({}), Shape::SyncResult), Ok(()));
    }

    #[test]
    fn a_right_page_passes_in_one_look_and_any_mismatch_fails_it() {
        let page = json!([good("a"), good("b")]);
        assert!(page.all_have(STRINGS, LISTS));
        let mut cases = Vec::new();
        for key in ["id", "name", "hostname", "auth_type", "tools", "prompts"] {
            let mut missing = good("c");
            missing.as_object_mut().unwrap().remove(key);
            cases.push(missing);
            let mut wrong = good("c");
            wrong[key] = json!(7);
            cases.push(wrong);
        }
        let mut bad_tool = good("c");
        bad_tool["tools"] = json!([{}, null]);
        cases.extend([bad_tool, json!(null), json!([1])]);
        for case in cases {
            let page = json!([good("a"), case]);
            assert!(!page.all_have(STRINGS, LISTS), "{case}");
            // The slow path then names what is wrong.
            assert!(check(&page, Shape::Servers)
                .unwrap_err()
                .starts_with("result[1]"));
        }
        assert!(!json!({}).all_have(STRINGS, LISTS));
        assert!(json!([]).all_have(STRINGS, LISTS));
    }

    #[test]
    fn mismatches_name_their_path() {
        let mut missing = good("a");
        missing.as_object_mut().unwrap().remove("name");
        assert_eq!(
            check(&missing, Shape::Server),
            Err("result.name: missing".into())
        );
        let list = json!([good("a"), good("b"), good("c"), missing]);
        assert_eq!(
            check(&list, Shape::Servers),
            Err("result[3].name: missing".into())
        );
        let mut null_tools = good("a");
        null_tools["tools"] = json!(null);
        assert_eq!(
            check(&null_tools, Shape::Server),
            Err("result.tools: expected an array, got null".into())
        );
        let mut bad_tool = good("a");
        bad_tool["tools"] = json!([{"name": "ok"}, 3]);
        assert_eq!(
            check(&bad_tool, Shape::Server),
            Err("result.tools[1]: expected an object".into())
        );
        let mut number_id = good("a");
        number_id["id"] = json!(7);
        assert_eq!(
            check(&number_id, Shape::Server),
            Err("result.id: expected a string, got a number".into())
        );
        assert_eq!(
            check(&json!({"id": "x"}), Shape::Servers),
            Err("result: expected an array of servers, got an object".into())
        );
    }
}
