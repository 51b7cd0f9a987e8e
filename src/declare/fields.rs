//! Reading typed fields out of a [`Value`] object, every problem named by its JSON path
//! (`portals[1].servers[0].on_behalf`), and the portal parameters the declarative layer sends.

use super::value::Value;
use crate::models::{AuthType, CapabilityOverride, ServerCreateParams};
use crate::portals::{CodeMode, PortalCreateParams, PortalServerLink};
use crate::text::cat;
use crate::validate::Problem;

/// A problem at `field` (a JSON path); the message starts with the path.
pub(crate) fn problem(field: &str, what: &str) -> Problem {
    Problem {
        field: field.to_owned(),
        message: cat!(field, " ", what),
    }
}

/// `items` with `sep` between them (written out: `join` costs a kilobyte of wasm).
pub(crate) fn joined<S: AsRef<str>>(items: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item.as_ref());
    }
    out
}

/// `prefix.key`, or `key` at the top.
pub(crate) fn path(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        cat!(prefix, ".", key)
    }
}

/// A problem found on parameters (fields relative to them), moved under `prefix`.
pub(crate) fn under(prefix: &str, p: Problem) -> Problem {
    let field = path(prefix, &p.field);
    let rest = p
        .message
        .strip_prefix(p.field.as_str())
        .unwrap_or(&p.message);
    Problem {
        message: cat!(field, rest),
        field,
    }
}

/// The members of one object, read with their paths.
pub(crate) struct Fields<'a> {
    pub value: &'a Value,
    pub at: &'a str,
    pub problems: &'a mut Vec<Problem>,
}

impl Fields<'_> {
    /// Checks that the value is an object with no key outside `allowed`; `what` names it
    /// (`a server`). `false` when it is not an object.
    pub fn start(&mut self, what: &str, allowed: &[&str]) -> bool {
        let Some(members) = self.value.members() else {
            let got = self.value.describe();
            self.problems.push(problem(
                self.at,
                &cat!("must be ", what, " object (got ", got, ")"),
            ));
            return false;
        };
        for (key, _) in members {
            if !allowed.contains(&key.as_str()) {
                let list = joined(allowed, ", ");
                self.problems.push(problem(
                    &path(self.at, key),
                    &cat!("is not a field of ", what, " (", list, ")"),
                ));
            }
        }
        true
    }

    fn mistyped(&mut self, key: &str, want: &str, got: &Value) {
        let got = got.describe();
        self.problems.push(problem(
            &path(self.at, key),
            &cat!("must be ", want, " (got ", got, ")"),
        ));
    }

    /// A string member (absent or `null`: `None`).
    pub fn string(&mut self, key: &str) -> Option<String> {
        let v = self.value.get(key)?;
        let s = v.str().map(str::to_owned);
        if s.is_none() {
            self.mistyped(key, "a string", v);
        }
        s
    }

    /// A required string member.
    pub fn required(&mut self, key: &str) -> String {
        if self.value.get(key).is_none() {
            self.problems
                .push(problem(&path(self.at, key), "is required"));
        }
        self.string(key).unwrap_or_default()
    }

    /// A boolean member.
    pub fn boolean(&mut self, key: &str) -> Option<bool> {
        let v = self.value.get(key)?;
        let b = match v {
            Value::Bool(b) => Some(*b),
            _ => None,
        };
        if b.is_none() {
            self.mistyped(key, "true or false", v);
        }
        b
    }

    /// An array member, each element read by `each` with its path.
    pub fn list<T>(
        &mut self,
        key: &str,
        mut each: impl FnMut(&Value, &str, &mut Vec<Problem>) -> T,
    ) -> Option<Vec<T>> {
        let v = self.value.get(key)?;
        let Some(items) = v.list() else {
            self.mistyped(key, "an array", v);
            return None;
        };
        let base = path(self.at, key);
        Some(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| each(item, &cat!(base, "[", i, "]"), self.problems))
                .collect(),
        )
    }

    /// A list of tool or prompt overrides.
    pub fn overrides(&mut self, key: &str) -> Option<Vec<CapabilityOverride>> {
        self.list(key, |item, at, problems| {
            let mut f = Fields {
                value: item,
                at,
                problems,
            };
            f.start("an override", &["name", "alias", "description", "enabled"]);
            CapabilityOverride {
                name: f.required("name"),
                alias: f.string("alias"),
                description: f.string("description"),
                enabled: f.boolean("enabled"),
            }
        })
    }
}

/// Keys of a portal's server link.
pub(crate) const LINK_FIELDS: &[&str] = &[
    "server_id",
    "default_disabled",
    "on_behalf",
    "updated_tools",
    "updated_prompts",
];

fn link(value: &Value, at: &str, problems: &mut Vec<Problem>) -> PortalServerLink {
    let mut f = Fields {
        value,
        at,
        problems,
    };
    f.start("a server link", LINK_FIELDS);
    PortalServerLink {
        server_id: f.required("server_id"),
        default_disabled: f.boolean("default_disabled"),
        on_behalf: f.boolean("on_behalf"),
        updated_prompts: f.overrides("updated_prompts"),
        updated_tools: f.overrides("updated_tools"),
    }
}

/// The writable fields of a portal, in the configuration and in the steps of a plan.
pub(crate) const PORTAL_FIELDS: &[&str] = &[
    "id",
    "name",
    "hostname",
    "description",
    "code_mode",
    "secure_web_gateway",
    "servers",
];

/// A portal's create parameters from a configuration entry or a step (types checked here,
/// the API's rules by `portals::validate`).
pub(crate) fn portal_create(
    value: &Value,
    at: &str,
    problems: &mut Vec<Problem>,
) -> PortalCreateParams {
    let mut f = Fields {
        value,
        at,
        problems,
    };
    if !f.start("a portal", PORTAL_FIELDS) {
        return PortalCreateParams::default();
    }
    PortalCreateParams {
        account_id: None,
        id: f.required("id"),
        name: f.required("name"),
        hostname: f.required("hostname"),
        allow_code_mode: None,
        code_mode: f.string("code_mode").map(|m| CodeMode::from(m.as_str())),
        description: f.string("description"),
        secure_web_gateway: f.boolean("secure_web_gateway"),
        servers: f.list("servers", link),
    }
}

/// The writable fields of a server (in a configuration, and in the steps of a plan with its
/// secrets resolved).
pub(crate) const SERVER_FIELDS: &[&str] = &[
    "id",
    "name",
    "hostname",
    "auth_type",
    "description",
    "auth_credentials",
    "client_secret",
    "is_shared_oauth_callback_enabled",
    "secure_web_gateway",
    "updated_tools",
    "updated_prompts",
];

impl Fields<'_> {
    /// `description`: `Some(None)` for an explicit `null` (clear it).
    fn nullable(&mut self, key: &str) -> Option<Option<String>> {
        if self.value.has(key) && self.value.get(key).is_none() {
            return Some(None);
        }
        self.string(key).map(Some)
    }
}

/// A server's create parameters (types checked here, the API's rules by `validate`).
pub(crate) fn server_create(
    value: &Value,
    at: &str,
    problems: &mut Vec<Problem>,
) -> ServerCreateParams {
    let mut f = Fields {
        value,
        at,
        problems,
    };
    f.start("a server", SERVER_FIELDS);
    ServerCreateParams {
        account_id: None,
        id: f.required("id"),
        name: f.required("name"),
        hostname: f.required("hostname"),
        auth_type: AuthType::from(f.required("auth_type").as_str()),
        auth_credentials: f.string("auth_credentials"),
        client_secret: f.string("client_secret"),
        description: f.nullable("description"),
        is_shared_oauth_callback_enabled: f.boolean("is_shared_oauth_callback_enabled"),
        secure_web_gateway: f.boolean("secure_web_gateway"),
        updated_prompts: f.overrides("updated_prompts"),
        updated_tools: f.overrides("updated_tools"),
    }
}
