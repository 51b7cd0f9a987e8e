//! Reading call parameters from parsed JSON (a JavaScript object, or `serde_json::Value`):
//! every field checked for its type, unknown fields refused, and every problem reported at
//! once with the field it concerns. The resources' own readers are `servers::read` and
//! `portals::read`; list and account parameters, the same for both, are here.

/// The servers' readers, where they were before the resources had their own folders.
pub use crate::servers::read::{create_draft, create_params, update_params};

use crate::json::{Json, Kind};
use crate::models::{AccountParams, CapabilityOverride, ServerListParams};
use crate::text::cat;
use crate::validate::Problem;

/// Fields an update refuses because they cannot change (even when `allowed` lists them, so
/// create and update share one list), and what to re-create instead.
pub(crate) type Immutable = Option<(&'static str, &'static [&'static str])>;

/// Reads the fields of one JSON object, collecting problems.
pub(crate) struct Reader<'a, J> {
    object: Option<&'a J>,
    /// The keys present, so absent fields cost no lookup.
    present: Vec<String>,
    /// The value was not an object: already reported, so its fields are not.
    refused: bool,
    prefix: String,
    problems: &'a mut Vec<Problem>,
}

impl<'a, J: Json> Reader<'a, J> {
    /// Starts on `value` (absent or `null` read as `{}`), refusing keys not in `allowed`
    /// (with a hint for the `immutable` ones).
    pub(crate) fn new(
        value: Option<&'a J>,
        prefix: &str,
        allowed: &[&str],
        immutable: Immutable,
        problems: &'a mut Vec<Problem>,
    ) -> Self {
        let object = value.filter(|v| !v.is_null());
        let mut reader = Self {
            object,
            present: Vec::new(),
            refused: false,
            prefix: prefix.to_owned(),
            problems,
        };
        match object.map(|o| o.keys()) {
            None => {}
            Some(None) => {
                let field = if prefix.is_empty() { "params" } else { prefix };
                reader.problem(field.to_owned(), "must be an object".into());
                reader.object = None;
                reader.refused = true;
            }
            Some(Some(keys)) => {
                for key in keys {
                    let fixed = immutable.filter(|(_, keys)| keys.contains(&key.as_str()));
                    if fixed.is_none() && allowed.contains(&key.as_str()) {
                        reader.present.push(key);
                        continue;
                    }
                    let hint = match fixed {
                        Some((noun, _)) => cat!(
                            " (it cannot be updated: delete and re-create the ",
                            noun,
                            " to change it)"
                        ),
                        None => String::new(),
                    };
                    let field = reader.field(&key);
                    reader.problem(field, cat!("is not a parameter of this call", hint));
                }
            }
        }
        reader
    }

    fn field(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_owned()
        } else {
            cat!(self.prefix, ".", key)
        }
    }

    fn problem(&mut self, field: String, what: String) {
        let message = cat!(field, " ", what);
        self.problems.push(Problem { field, message });
    }

    /// The member, treating `null` like absence.
    fn member(&self, key: &'static str) -> Option<J> {
        if !self.present.iter().any(|k| k == key) {
            return None;
        }
        self.object?.get(key)
    }

    fn mistyped(&mut self, key: &'static str, want: &str, got: &J) {
        let field = self.field(key);
        let got = got.describe();
        self.problem(field, cat!("must be ", want, " (got ", got, ")"));
    }

    pub(crate) fn string(&mut self, key: &'static str) -> Option<String> {
        let value = self.member(key)?;
        self.string_of(key, &value)
    }

    /// `value`, the member `key`, as a string, or a problem saying it is not one.
    fn string_of(&mut self, key: &'static str, value: &J) -> Option<String> {
        let text = value.as_string();
        if text.is_none() {
            self.mistyped(key, "a string", value);
        }
        text
    }

    pub(crate) fn required_string(&mut self, key: &'static str) -> String {
        if self.refused {
            return String::new();
        }
        let Some(value) = self.member(key) else {
            let field = self.field(key);
            self.problem(field, "is required".into());
            return String::new();
        };
        self.string_of(key, &value).unwrap_or_default()
    }

    /// `Some(None)` for an explicit `null`: the caller wants the value cleared.
    pub(crate) fn nullable_string(&mut self, key: &'static str) -> Option<Option<String>> {
        if self.is_null(key) {
            return Some(None);
        }
        self.string(key).map(Some)
    }

    /// Whether the member `key` is given as `null`.
    fn is_null(&self, key: &'static str) -> bool {
        self.present.iter().any(|k| k == key)
            && self.object.and_then(|o| o.kind_of(key)) == Some(Kind::Null)
    }

    pub(crate) fn boolean(&mut self, key: &'static str) -> Option<bool> {
        let value = self.member(key)?;
        let flag = value.as_bool();
        if flag.is_none() {
            self.mistyped(key, "true or false", &value);
        }
        flag
    }

    pub(crate) fn whole_number(&mut self, key: &'static str) -> Option<u32> {
        let value = self.member(key)?;
        match value.as_number() {
            Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => {
                Some(n as u32)
            }
            _ => {
                self.mistyped(key, "a whole number", &value);
                None
            }
        }
    }

    /// An array of objects, each read by `item` with a reader that allows `allowed`.
    pub(crate) fn objects<T>(
        &mut self,
        key: &'static str,
        allowed: &[&str],
        mut item: impl FnMut(&mut Reader<'_, J>) -> T,
    ) -> Option<Vec<T>> {
        let mut list = Vec::new();
        self.each(key, allowed, &mut |r| list.push(item(r)))?;
        Some(list)
    }

    /// Reads each object of the array `key` with `item` (one copy for every item type).
    fn each(
        &mut self,
        key: &'static str,
        allowed: &[&str],
        item: &mut dyn FnMut(&mut Reader<'_, J>),
    ) -> Option<()> {
        let value = self.member(key)?;
        let Some(items) = value.items() else {
            self.mistyped(key, "an array", &value);
            return None;
        };
        let base = self.field(key);
        for (i, value) in items.iter().enumerate() {
            let at = cat!(base, "[", i, "]");
            item(&mut Reader::new(
                Some(value),
                &at,
                allowed,
                None,
                self.problems,
            ));
        }
        Some(())
    }

    pub(crate) fn overrides(&mut self, key: &'static str) -> Option<Vec<CapabilityOverride>> {
        self.objects(key, &["name", "alias", "description", "enabled"], |r| {
            CapabilityOverride {
                name: r.required_string("name"),
                alias: r.string("alias"),
                description: r.string("description"),
                enabled: r.boolean("enabled"),
            }
        })
    }

    /// A string that may be absent but not `null` (a portal's description).
    pub(crate) fn non_null_string(&mut self, key: &'static str) -> Option<String> {
        if self.is_null(key) {
            let field = self.field(key);
            self.problem(
                field,
                "cannot be null: send a string, or leave it out".into(),
            );
            return None;
        }
        self.string(key)
    }
}

pub(crate) fn finish<T>(value: T, problems: Vec<Problem>) -> Result<T, Vec<Problem>> {
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}

/// Reads `list` parameters.
pub fn list_params<J: Json>(value: Option<&J>) -> Result<ServerListParams, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut r = Reader::new(
        value,
        "",
        &["account_id", "page", "per_page", "search"],
        None,
        &mut problems,
    );
    let params = ServerListParams {
        account_id: r.string("account_id"),
        page: r.whole_number("page"),
        per_page: r.whole_number("per_page"),
        search: r.string("search"),
    };
    finish(params, problems)
}

/// Reads the `{ account_id? }` parameters of read, delete and sync.
pub fn account_params<J: Json>(value: Option<&J>) -> Result<AccountParams, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut r = Reader::new(value, "", &["account_id"], None, &mut problems);
    let params = AccountParams {
        account_id: r.string("account_id"),
    };
    finish(params, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn fields(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn absent_params_read_as_empty_and_non_objects_are_refused() {
        assert_eq!(
            list_params::<Value>(None).unwrap(),
            ServerListParams::default()
        );
        assert_eq!(
            list_params(Some(&Value::Null)).unwrap(),
            ServerListParams::default()
        );
        assert_eq!(
            fields(&list_params(Some(&json!("x"))).unwrap_err()),
            ["params"]
        );
        assert_eq!(
            fields(&list_params(Some(&json!({"page": 1.5}))).unwrap_err()),
            ["page"]
        );
        assert_eq!(
            fields(&list_params(Some(&json!({"per_page": "20"}))).unwrap_err()),
            ["per_page"]
        );
    }
}
