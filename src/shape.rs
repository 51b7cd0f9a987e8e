//! The shape the API promises for its results, checked on parsed JSON before anyone relies on
//! it: a missing required field is a decode error naming its path (`result[3].name`), while
//! unknown fields and new enum values pass through untouched.

use crate::json::Json;

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

/// Checks `result` against `shape`; the error names the path of the first mismatch.
pub fn check<J: Json>(result: &J, shape: Shape) -> Result<(), String> {
    match shape {
        Shape::Server => server(result, "result"),
        Shape::Servers => {
            let items = result.items().ok_or_else(|| {
                format!(
                    "result: expected an array of servers, got {}",
                    result.describe()
                )
            })?;
            items
                .iter()
                .enumerate()
                .try_for_each(|(i, item)| server(item, &format!("result[{i}]")))
        }
        Shape::SyncResult if result.is_object() => Ok(()),
        Shape::SyncResult => Err(format!(
            "result: expected an object, got {}",
            result.describe()
        )),
    }
}

/// The fields the API marks required on a server, with their JSON types.
fn server<J: Json>(value: &J, path: &str) -> Result<(), String> {
    if !value.is_object() {
        return Err(format!(
            "{path}: expected a server object, got {}",
            value.describe()
        ));
    }
    for key in ["id", "name", "hostname", "auth_type"] {
        match value.get(key) {
            Some(v) if v.is_string() => {}
            Some(v) => {
                return Err(format!(
                    "{path}.{key}: expected a string, got {}",
                    v.describe()
                ))
            }
            None => return Err(format!("{path}.{key}: missing")),
        }
    }
    for key in ["tools", "prompts"] {
        let Some(list) = value.get(key) else {
            return Err(format!("{path}.{key}: missing"));
        };
        match list.first_non_object() {
            None => {
                return Err(format!(
                    "{path}.{key}: expected an array, got {}",
                    list.describe()
                ))
            }
            Some(Some(i)) => return Err(format!("{path}.{key}[{i}]: expected an object")),
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
