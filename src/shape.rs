//! The shape the API promises for its results, checked on parsed JSON before anyone relies on
//! it: every documented field, required or optional, must have its JSON type, and a mismatch is
//! a decode error naming its path (`result[3].status: expected a string, got a number`). An
//! optional field may be absent or `null`; unknown fields and new enum values pass untouched.
//!
//! The schema is data ([`Type`]), so a whole result is confirmed in one pass
//! ([`Json::conforms`]: in wasm, one call into JavaScript). Only a result that fails is walked
//! again here, field by field, to name what is wrong.

use crate::envelope::Success;
use crate::json::{Json, Kind};
use crate::text::cat;

/// What the `result` of a call must look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One server (create, read, update, delete).
    Server,
    /// An array of servers (list), and its `result_info`.
    Servers,
    /// A sync outcome.
    SyncResult,
    /// One portal (create, read, update).
    Portal,
    /// An array of portals (list), and its `result_info`.
    Portals,
    /// A portal without `servers` (delete).
    PortalSummary,
}

/// A JSON type a documented field has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// A string (enums included: an unknown value is still a string).
    String,
    /// `true` or `false`.
    Bool,
    /// A finite number.
    Number,
    /// Any object (tools and prompts are free-form).
    AnyObject,
    /// An object whose documented members have their types; other members pass.
    Object(&'static [Member]),
    /// An object with the members of both lists (a resource's fields shared with another).
    Both(&'static [Member], &'static [Member]),
    /// An array whose every element has this type.
    Array(&'static Type),
}

/// A documented member of an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    /// Its name.
    pub key: &'static str,
    /// Its type.
    pub ty: Type,
    /// Whether it must be present (and not `null`).
    pub required: bool,
}

impl Type {
    /// The documented members of an object type, in order (none for other types).
    pub fn members(&self) -> impl Iterator<Item = &'static Member> {
        let (first, second): (&'static [Member], &'static [Member]) = match *self {
            Type::Object(members) => (members, &[]),
            Type::Both(first, second) => (first, second),
            _ => (&[], &[]),
        };
        first.iter().chain(second)
    }
}

const fn req(key: &'static str, ty: Type) -> Member {
    Member {
        key,
        ty,
        required: true,
    }
}

const fn opt(key: &'static str, ty: Type) -> Member {
    Member {
        key,
        ty,
        required: false,
    }
}

use Type::{AnyObject, Array, Bool, Both, Number, Object, String as Str};

const OVERRIDE: &[Member] = &[
    req("name", Str),
    opt("alias", Str),
    opt("description", Str),
    opt("enabled", Bool),
];
const OVERRIDES: Type = Array(&Object(OVERRIDE));
const ERROR_DETAILS: Type = Object(&[
    opt("cause", Str),
    opt("is_upstream", Bool),
    opt("mcp_code", Number),
    opt("retryable", Bool),
    opt("status_code", Number),
]);
const AUTH_CONFIG_SUMMARY: Type = Object(&[
    opt("auth_mode", Str),
    opt("client_secret_version", Number),
    opt(
        "config",
        Object(&[
            opt("authorization_endpoint", Str),
            opt("issuer", Str),
            opt("resource", Str),
            opt("revocation_endpoint", Str),
            opt("token_endpoint", Str),
        ]),
    ),
    opt("has_client_secret", Bool),
    opt(
        "registration_info",
        Object(&[
            opt("client_id", Str),
            opt("redirect_uris", Array(&Str)),
            opt("scope", Str),
            opt("token_endpoint_auth_method", Str),
        ]),
    ),
]);

/// A server's fields but its overrides, which a portal's server entry shares.
const SERVER_FIELDS: &[Member] = &[
    req("id", Str),
    req("name", Str),
    req("hostname", Str),
    req("auth_type", Str),
    req("tools", Array(&AnyObject)),
    req("prompts", Array(&AnyObject)),
    opt("auth_config_summary", AUTH_CONFIG_SUMMARY),
    opt("authentication_status", Str),
    opt("created_at", Str),
    opt("created_by", Str),
    opt("description", Str),
    opt("error", Str),
    opt("error_details", ERROR_DETAILS),
    opt("is_shared_oauth_callback_enabled", Bool),
    opt("last_successful_sync", Str),
    opt("last_synced", Str),
    opt("modified_at", Str),
    opt("modified_by", Str),
    opt("secure_web_gateway", Bool),
    opt("status", Str),
];
/// An MCP server, as `McpServer` in the `.d.ts` declares it.
pub const SERVER: Type = Both(
    SERVER_FIELDS,
    &[
        opt("updated_prompts", OVERRIDES),
        opt("updated_tools", OVERRIDES),
    ],
);
/// A page of servers.
pub const SERVERS: Type = Array(&SERVER);
/// A sync outcome.
pub const SYNC_RESULT: Type = Object(&[
    opt("error", Str),
    opt("error_details", ERROR_DETAILS),
    opt("status", Str),
]);
/// A portal's own fields, which are all that delete returns.
const PORTAL_FIELDS: &[Member] = &[
    req("id", Str),
    req("hostname", Str),
    req("name", Str),
    opt("allow_code_mode", Bool),
    opt("code_mode", Str),
    opt("description", Str),
    opt("secure_web_gateway", Bool),
    opt("created_at", Str),
    opt("created_by", Str),
    opt("modified_at", Str),
    opt("modified_by", Str),
];
/// A portal's override as responses show it, the portal's and the server's side by side.
const PORTAL_OVERRIDES: Type = Array(&Object(&[
    req("name", Str),
    opt("enabled", Bool),
    opt("portal_alias", Str),
    opt("portal_description", Str),
    opt("server_alias", Str),
    opt("server_description", Str),
    opt("description", Str),
]));
/// A server as a portal returns it: the server's fields (its overrides being the portal's)
/// and the link's. `server_id` is optional: the real API has sent only `id`.
const PORTAL_SERVER: Type = Both(
    SERVER_FIELDS,
    &[
        opt("server_id", Str),
        opt("default_disabled", Bool),
        opt("on_behalf", Bool),
        opt("updated_prompts", PORTAL_OVERRIDES),
        opt("updated_tools", PORTAL_OVERRIDES),
    ],
);
/// What a portal delete returns: the portal without `servers`.
pub const PORTAL_SUMMARY: Type = Object(PORTAL_FIELDS);
/// An MCP portal, as `McpPortal` in the `.d.ts` declares it.
pub const PORTAL: Type = Both(PORTAL_FIELDS, &[req("servers", Array(&PORTAL_SERVER))]);
/// A page of portals.
pub const PORTALS: Type = Array(&PORTAL);
/// A list's `result_info`.
pub const RESULT_INFO: Type = Object(&[
    opt("page", Number),
    opt("per_page", Number),
    opt("count", Number),
    opt("total_count", Number),
    opt("total_pages", Number),
]);

/// Checks a response's `result` (and a list's `result_info`) against `shape`; the error names
/// the path of the first mismatch.
pub fn check<J: Json>(success: &Success<J>, shape: Shape) -> Result<(), std::string::String> {
    let ty = match shape {
        Shape::Server => &SERVER,
        Shape::Servers => &SERVERS,
        Shape::SyncResult => &SYNC_RESULT,
        Shape::Portal => &PORTAL,
        Shape::Portals => &PORTALS,
        Shape::PortalSummary => &PORTAL_SUMMARY,
    };
    value(&success.result, ty, "result")?;
    match (&success.result_info_json, shape) {
        (Some(info), Shape::Servers | Shape::Portals) => value(info, &RESULT_INFO, "result_info"),
        _ => Ok(()),
    }
}

/// One look when the value is right, as nearly all are; a walk naming the fault otherwise.
fn value<J: Json>(json: &J, ty: &'static Type, root: &str) -> Result<(), std::string::String> {
    if json.conforms(ty) {
        return Ok(());
    }
    walk(json, ty).map_err(|m| m.at(root))
}

/// What is wrong, and where below the value that was checked.
#[derive(Debug)]
pub struct Mismatch {
    /// `.key` and `[index]` steps, innermost first (written only on failure).
    steps: Vec<Step>,
    /// The type expected; `None` for a missing member.
    expected: Option<Type>,
    /// What was found.
    got: Kind,
}

#[derive(Debug)]
enum Step {
    Key(&'static str),
    Index(usize),
}

impl Mismatch {
    fn at(self, root: &str) -> std::string::String {
        let mut out = cat!(root);
        for step in self.steps.iter().rev() {
            match step {
                Step::Key(key) => out = cat!(out, ".", key),
                Step::Index(i) => out = cat!(out, "[", i, "]"),
            }
        }
        match self.expected {
            None => cat!(out, ": missing"),
            Some(ty) => cat!(
                out,
                ": expected ",
                describe(ty),
                ", got ",
                self.got.describe()
            ),
        }
    }

    fn within(mut self, step: Step) -> Self {
        self.steps.push(step);
        self
    }
}

fn describe(ty: Type) -> &'static str {
    match ty {
        Type::String => "a string",
        Type::Bool => "a boolean",
        Type::Number => "a number",
        Type::AnyObject | Type::Object(_) | Type::Both(..) => "an object",
        Type::Array(_) => "an array",
    }
}

/// Whether a value of this kind has this type, its members aside.
fn kind_fits(kind: Kind, ty: Type) -> bool {
    matches!(
        (kind, ty),
        (Kind::String, Type::String)
            | (Kind::Bool, Type::Bool)
            | (Kind::Number, Type::Number)
            | (
                Kind::Object,
                Type::AnyObject | Type::Object(_) | Type::Both(..)
            )
            | (Kind::Array, Type::Array(_))
    )
}

/// Checks `json` against `ty` member by member; the reference the one-look checks agree with.
pub fn walk<J: Json>(json: &J, ty: &Type) -> Result<(), Mismatch> {
    let kind = json.kind();
    if !kind_fits(kind, *ty) {
        return Err(Mismatch {
            steps: Vec::new(),
            expected: Some(*ty),
            got: kind,
        });
    }
    match ty {
        Type::Object(_) | Type::Both(..) => {
            for member in ty.members() {
                match json.get(member.key) {
                    Some(inner) => walk(&inner, &member.ty),
                    None if member.required => Err(match json.kind_of(member.key) {
                        Some(got) => Mismatch {
                            steps: Vec::new(),
                            expected: Some(member.ty),
                            got,
                        },
                        None => Mismatch {
                            steps: Vec::new(),
                            expected: None,
                            got: Kind::Null,
                        },
                    }),
                    None => Ok(()),
                }
                .map_err(|m| m.within(Step::Key(member.key)))?;
            }
            Ok(())
        }
        Type::Array(element) => json
            .items()
            .unwrap_or_default()
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| walk(item, element).map_err(|m| m.within(Step::Index(i)))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn good(id: &str) -> Value {
        json!({"id": id, "name": "n", "hostname": "https://h/mcp", "auth_type": "bearer",
               "tools": [{"name": "t"}], "prompts": [], "status": "paused", "new_field": 1,
               "description": null, "error_details": {"retryable": true, "extra": "x"},
               "updated_tools": [{"name": "t", "enabled": false}],
               "auth_config_summary": {"config": {"issuer": "https://i"},
                                       "registration_info": {"redirect_uris": ["https://r"]}}})
    }

    fn success(result: Value, info: Option<Value>) -> Success<Value> {
        Success {
            result,
            result_info: None,
            result_info_json: info,
            response: Default::default(),
        }
    }

    fn check_one(result: Value) -> Result<(), std::string::String> {
        check(&success(result, None), Shape::Server)
    }

    #[test]
    fn unknown_fields_values_and_null_optionals_pass() {
        assert_eq!(check_one(good("a")), Ok(()));
        let page = success(
            json!([good("a"), good("b")]),
            Some(json!({"page": 1, "total_pages": 3, "cursor": "x"})),
        );
        assert_eq!(check(&page, Shape::Servers), Ok(()));
        assert_eq!(check(&success(json!({}), None), Shape::SyncResult), Ok(()));
    }

    #[test]
    fn every_documented_field_has_its_type_wherever_it_is() {
        let cases = [
            ("status", json!(42), "result.status: expected a string, got a number"),
            ("last_synced", json!({}), "result.last_synced: expected a string, got an object"),
            ("secure_web_gateway", json!("yes"), "result.secure_web_gateway: expected a boolean, got a string"),
            ("error_details", json!({"mcp_code": "7"}), "result.error_details.mcp_code: expected a number, got a string"),
            ("updated_tools", json!([{"name": "a"}, {"enabled": true}]), "result.updated_tools[1].name: missing"),
            ("auth_config_summary", json!({"registration_info": {"redirect_uris": ["a", 3]}}),
             "result.auth_config_summary.registration_info.redirect_uris[1]: expected a string, got a number"),
            ("tools", json!([{"name": "ok"}, 3]), "result.tools[1]: expected an object, got a number"),
            ("tools", json!(null), "result.tools: expected an array, got null"),
            ("id", json!(7), "result.id: expected a string, got a number"),
        ];
        for (key, bad, message) in cases {
            let mut server = good("a");
            server[key] = bad;
            assert_eq!(check_one(server.clone()), Err(message.into()), "{key}");
            let page = json!([good("a"), good("b"), good("c"), server]);
            let listed = check(&success(page, None), Shape::Servers).unwrap_err();
            assert_eq!(listed, message.replacen("result", "result[3]", 1));
        }
        let mut missing = good("a");
        missing.as_object_mut().unwrap().remove("name");
        assert_eq!(check_one(missing), Err("result.name: missing".into()));
        let info = success(json!([]), Some(json!({"page": "2"})));
        assert_eq!(
            check(&info, Shape::Servers),
            Err("result_info.page: expected a number, got a string".into())
        );
        let sync = success(json!({"status": 1}), None);
        assert_eq!(
            check(&sync, Shape::SyncResult),
            Err("result.status: expected a string, got a number".into())
        );
        assert_eq!(
            check(&success(json!({"id": "x"}), None), Shape::Servers),
            Err("result: expected an array, got an object".into())
        );
    }

    #[test]
    fn the_one_look_check_agrees_with_the_walk() {
        let mut bad = good("a");
        bad["error"] = json!(false);
        for value in [good("a"), bad, json!(null), json!([]), json!("s")] {
            for ty in [
                &SERVER,
                &SERVERS,
                &SYNC_RESULT,
                &PORTAL,
                &PORTALS,
                &PORTAL_SUMMARY,
            ] {
                assert_eq!(value.conforms(ty), walk(&value, ty).is_ok(), "{value}");
            }
        }
    }
}
