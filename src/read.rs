//! Reading call parameters from parsed JSON (a JavaScript object, or `serde_json::Value`):
//! every field checked for its type, unknown fields refused, and every problem reported at
//! once with the field it concerns.

use crate::json::{Json, Kind};
use crate::models::{
    AccountParams, AuthType, CapabilityOverride, ServerCreateParams, ServerListParams,
    ServerUpdateParams,
};
use crate::text::cat;
use crate::validate::Problem;

/// Reads the fields of one JSON object, collecting problems.
struct Reader<'a, J> {
    object: Option<&'a J>,
    /// The keys present, so absent fields cost no lookup.
    present: Vec<String>,
    /// The value was not an object: already reported, so its fields are not.
    refused: bool,
    prefix: String,
    problems: &'a mut Vec<Problem>,
}

impl<'a, J: Json> Reader<'a, J> {
    /// Starts on `value` (absent or `null` read as `{}`), refusing keys not in `allowed`.
    fn new(
        value: Option<&'a J>,
        prefix: &str,
        allowed: &[&str],
        immutable: &[&str],
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
                    if allowed.contains(&key.as_str()) {
                        reader.present.push(key);
                        continue;
                    }
                    let hint = if immutable.contains(&key.as_str()) {
                        " (it cannot be updated: delete and re-create the server to change it)"
                    } else {
                        ""
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

    fn string(&mut self, key: &'static str) -> Option<String> {
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

    fn required_string(&mut self, key: &'static str) -> String {
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
    fn nullable_string(&mut self, key: &'static str) -> Option<Option<String>> {
        if !self.present.iter().any(|k| k == key) {
            return None;
        }
        if self.object?.kind_of(key) == Some(Kind::Null) {
            return Some(None);
        }
        self.string(key).map(Some)
    }

    fn boolean(&mut self, key: &'static str) -> Option<bool> {
        let value = self.member(key)?;
        let flag = value.as_bool();
        if flag.is_none() {
            self.mistyped(key, "true or false", &value);
        }
        flag
    }

    fn whole_number(&mut self, key: &'static str) -> Option<u32> {
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

    fn overrides(&mut self, key: &'static str) -> Option<Vec<CapabilityOverride>> {
        let value = self.member(key)?;
        let Some(items) = value.items() else {
            self.mistyped(key, "an array", &value);
            return None;
        };
        let base = self.field(key);
        let list = items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let mut r = Reader::new(
                    Some(item),
                    &cat!(base, "[", i, "]"),
                    &["name", "alias", "description", "enabled"],
                    &[],
                    self.problems,
                );
                CapabilityOverride {
                    name: r.required_string("name"),
                    alias: r.string("alias"),
                    description: r.string("description"),
                    enabled: r.boolean("enabled"),
                }
            })
            .collect();
        Some(list)
    }
}

const CREATE_FIELDS: &[&str] = &[
    "account_id",
    "id",
    "name",
    "hostname",
    "auth_type",
    "auth_credentials",
    "client_secret",
    "description",
    "is_shared_oauth_callback_enabled",
    "secure_web_gateway",
    "updated_prompts",
    "updated_tools",
];

const UPDATE_FIELDS: &[&str] = &[
    "account_id",
    "auth_credentials",
    "client_secret",
    "description",
    "is_shared_oauth_callback_enabled",
    "name",
    "secure_web_gateway",
    "updated_prompts",
    "updated_tools",
];

const IMMUTABLE: &[&str] = &["id", "hostname", "auth_type"];

fn finish<T>(value: T, problems: Vec<Problem>) -> Result<T, Vec<Problem>> {
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}

/// The create parameters as far as they could be read, and the problems reading them
/// (missing fields read as empty), so a form can show every problem at once.
pub fn create_draft<J: Json>(value: Option<&J>) -> (ServerCreateParams, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut r = Reader::new(value, "", CREATE_FIELDS, &[], &mut problems);
    let params = ServerCreateParams {
        account_id: r.string("account_id"),
        id: r.required_string("id"),
        name: r.required_string("name"),
        hostname: r.required_string("hostname"),
        // A missing or mistyped value reads as "" (reported once here; the draft's
        // validator skips fields already reported).
        auth_type: AuthType::from(r.required_string("auth_type").as_str()),
        auth_credentials: r.string("auth_credentials"),
        client_secret: r.string("client_secret"),
        description: r.nullable_string("description"),
        is_shared_oauth_callback_enabled: r.boolean("is_shared_oauth_callback_enabled"),
        secure_web_gateway: r.boolean("secure_web_gateway"),
        updated_prompts: r.overrides("updated_prompts"),
        updated_tools: r.overrides("updated_tools"),
    };
    (params, problems)
}

/// Reads `create` parameters.
pub fn create_params<J: Json>(value: Option<&J>) -> Result<ServerCreateParams, Vec<Problem>> {
    let (params, problems) = create_draft(value);
    finish(params, problems)
}

/// Reads `update` parameters; `id`, `hostname` and `auth_type` are refused with a hint.
pub fn update_params<J: Json>(value: Option<&J>) -> Result<ServerUpdateParams, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut r = Reader::new(value, "", UPDATE_FIELDS, IMMUTABLE, &mut problems);
    let params = ServerUpdateParams {
        account_id: r.string("account_id"),
        auth_credentials: r.string("auth_credentials"),
        client_secret: r.string("client_secret"),
        description: r.nullable_string("description"),
        is_shared_oauth_callback_enabled: r.boolean("is_shared_oauth_callback_enabled"),
        name: r.string("name"),
        secure_web_gateway: r.boolean("secure_web_gateway"),
        updated_prompts: r.overrides("updated_prompts"),
        updated_tools: r.overrides("updated_tools"),
    };
    finish(params, problems)
}

/// Reads `list` parameters.
pub fn list_params<J: Json>(value: Option<&J>) -> Result<ServerListParams, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut r = Reader::new(
        value,
        "",
        &["account_id", "page", "per_page", "search"],
        &[],
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
    let mut r = Reader::new(value, "", &["account_id"], &[], &mut problems);
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
    fn create_reads_what_serde_reads() {
        let value = json!({
            "id": "gh", "name": "GitHub", "hostname": "https://gh.example/mcp", "auth_type": "bearer",
            "auth_credentials": "tok", "description": null, "secure_web_gateway": true,
            "updated_tools": [{"name": "list_issues", "alias": "issues", "enabled": false}]
        });
        let ours = create_params(Some(&value)).unwrap();
        let serde: ServerCreateParams = serde_json::from_value(value).unwrap();
        assert_eq!(ours, serde);
        assert_eq!(ours.description, Some(None));
    }

    #[test]
    fn every_missing_or_mistyped_field_is_reported_at_once() {
        let value = json!({"name": 3, "auth_type": "bearer", "secure_web_gateway": "yes",
                           "updated_tools": [{"alias": "x"}, 7], "extra": 1});
        let (_, problems) = create_draft(Some(&value));
        assert_eq!(
            fields(&problems),
            [
                "extra",
                "id",
                "name",
                "hostname",
                "secure_web_gateway",
                "updated_tools[0].name",
                "updated_tools[1]"
            ]
        );
        assert_eq!(problems[2].message, "name must be a string (got a number)");
        assert_eq!(problems[0].message, "extra is not a parameter of this call");
    }

    #[test]
    fn update_refuses_immutable_fields_with_a_hint() {
        let err = update_params(Some(&json!({"hostname": "https://x"}))).unwrap_err();
        assert_eq!(
            err[0].message,
            "hostname is not a parameter of this call (it cannot be updated: delete and re-create the server to change it)"
        );
        let ok = update_params(Some(&json!({"description": null, "name": "n"}))).unwrap();
        assert_eq!(
            (ok.description, ok.name.as_deref()),
            (Some(None), Some("n"))
        );
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
