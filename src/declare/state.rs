//! An account's state (every server and every portal, as the API returns them) reduced to what
//! a configuration can say: the writable fields, each portal link with only its portal-level
//! settings. What the API fills in (timestamps, status, tools, errors, …) is set aside; the
//! current tools and prompts are kept as digests, for catalogue drift.

use super::fields::problem;
use super::value::Value;
use crate::catalogue::{self, Canonical, Snapshot};
use crate::text::cat;
use crate::validate::Problem;

/// Server fields a configuration can write and the API returns.
pub(crate) const SERVER_VIEW: &[&str] = &[
    "name",
    "hostname",
    "auth_type",
    "description",
    "is_shared_oauth_callback_enabled",
    "secure_web_gateway",
    "updated_tools",
    "updated_prompts",
];

/// Server fields the API fills in: never compared, never written.
const SERVER_FILLED: &[&str] = &[
    "id",
    "tools",
    "prompts",
    "status",
    "error",
    "error_details",
    "created_at",
    "created_by",
    "modified_at",
    "modified_by",
    "last_synced",
    "last_successful_sync",
    "auth_config_summary",
    "authentication_status",
];

/// Portal fields a configuration can write (`servers` reduced to links).
pub(crate) const PORTAL_VIEW: &[&str] = &[
    "name",
    "hostname",
    "description",
    "code_mode",
    "secure_web_gateway",
    "servers",
];

const PORTAL_FILLED: &[&str] = &[
    "id",
    "allow_code_mode",
    "created_at",
    "created_by",
    "modified_at",
    "modified_by",
];

/// One server or portal of the account.
#[derive(Clone, Debug)]
pub(crate) struct Resource {
    pub id: String,
    /// The writable fields, as a configuration would write them.
    pub fields: Value,
    /// Fields this version does not know.
    pub unknown: Vec<String>,
    /// Servers: the digests of the current tools and prompts.
    pub snapshot: Option<Snapshot>,
    /// Servers: whether a client secret is stored (from `auth_config_summary`).
    pub has_client_secret: bool,
}

/// An account's servers and portals, as `client.state()` reads them.
#[derive(Clone, Debug, Default)]
pub struct State {
    pub(crate) servers: Vec<Resource>,
    pub(crate) portals: Vec<Resource>,
}

fn view(item: &Value, keep: &[&str], filled: &[&str]) -> (Value, Vec<String>) {
    let mut fields = Vec::new();
    let mut unknown = Vec::new();
    for (key, value) in item.members().unwrap_or_default() {
        if keep.contains(&key.as_str()) {
            if !matches!(value, Value::Null) {
                fields.push((key.clone(), value.clone()));
            }
        } else if !filled.contains(&key.as_str()) {
            unknown.push(key.clone());
        }
    }
    (Value::Object(fields), unknown)
}

/// Whether the server-level overrides of `server` disable `name`.
fn server_disables(server: Option<&Value>, which: &str, name: &str) -> bool {
    server
        .and_then(|s| s.get(which))
        .and_then(Value::list)
        .unwrap_or_default()
        .iter()
        .any(|o| {
            o.get("name").and_then(Value::str) == Some(name)
                && o.get("enabled") == Some(&Value::Bool(false))
        })
}

/// A link's overrides as a configuration writes them: the portal-level part of what the
/// API shows (`portal_alias` → `alias`, `portal_description` → `description`), without an
/// `enabled: false` that only repeats the server's own (responses show it on the portal too).
pub(crate) fn portal_level(items: &[Value], server: Option<&Value>, which: &str) -> Vec<Value> {
    items
        .iter()
        .filter_map(|item| {
            let name = item.get("name")?.str()?;
            let pick = |a: &str, b: &str| item.get(a).or_else(|| item.get(b)).cloned();
            let alias = pick("portal_alias", "alias");
            // Responses from before the portal/server split carry it as `description` alone.
            let description = item.get("portal_description").cloned().or_else(|| {
                item.get("description")
                    .filter(|_| item.get("server_description").is_none())
                    .cloned()
            });
            let enabled = item.get("enabled").cloned().filter(|e| {
                alias.is_some()
                    || description.is_some()
                    || *e != Value::Bool(false)
                    || !server_disables(server, which, name)
            });
            let mut out = vec![("name", Value::text(name))];
            for (key, v) in [
                ("alias", alias),
                ("description", description),
                ("enabled", enabled),
            ] {
                if let Some(v) = v {
                    out.push((key, v));
                }
            }
            (out.len() > 1).then(|| Value::object(out))
        })
        .collect()
}

/// A portal's link as a configuration writes it.
pub(crate) fn link(entry: &Value, server: Option<&Value>) -> Value {
    let id = entry
        .get("server_id")
        .or_else(|| entry.get("id"))
        .cloned()
        .unwrap_or(Value::Null);
    let mut out = vec![("server_id", id)];
    for key in ["default_disabled", "on_behalf"] {
        if let Some(v) = entry.get(key) {
            out.push((key, v.clone()));
        }
    }
    for which in ["updated_tools", "updated_prompts"] {
        let items = portal_level(
            entry.get(which).and_then(Value::list).unwrap_or_default(),
            server,
            which,
        );
        if !items.is_empty() {
            out.push((which, Value::Array(items)));
        }
    }
    Value::object(out)
}

fn list<'a>(state: &'a Value, key: &str, problems: &mut Vec<Problem>) -> &'a [Value] {
    match state.get(key) {
        None => &[],
        Some(v) => v.list().unwrap_or_else(|| {
            problems.push(problem(&cat!("state.", key), "must be an array"));
            &[]
        }),
    }
}

fn id_of(item: &Value, at: &str, problems: &mut Vec<Problem>) -> String {
    let id = item.str_at("id");
    if id.is_empty() {
        problems.push(problem(
            &cat!(at, ".id"),
            "must be a string: each item is a server or portal as the API returns it",
        ));
    }
    id.to_owned()
}

impl State {
    /// Reads `{ servers: McpServer[], portals: McpPortal[] }` as `client.state()` gives it.
    pub fn read<J: Canonical>(state: &J) -> Result<Self, Vec<Problem>> {
        let whole = Value::read(state);
        let mut problems = Vec::new();
        if whole.members().is_none() {
            return Err(vec![problem(
                "state",
                "must be { servers, portals } as client.state() returns it",
            )]);
        }
        let raw_servers = state
            .get("servers")
            .and_then(|s| s.items())
            .unwrap_or_default();
        let servers_v = list(&whole, "servers", &mut problems);
        let mut servers = Vec::with_capacity(servers_v.len());
        for (i, item) in servers_v.iter().enumerate() {
            let at = cat!("state.servers[", i, "]");
            let id = id_of(item, &at, &mut problems);
            let (fields, unknown) = view(item, SERVER_VIEW, SERVER_FILLED);
            let snapshot = raw_servers
                .get(i)
                .and_then(|raw| catalogue::snapshot(raw).ok());
            let has_client_secret = item
                .get("auth_config_summary")
                .and_then(|s| s.get("has_client_secret"))
                == Some(&Value::Bool(true));
            servers.push(Resource {
                id,
                fields,
                unknown,
                snapshot,
                has_client_secret,
            });
        }
        let mut portals = Vec::new();
        for (i, item) in list(&whole, "portals", &mut problems).iter().enumerate() {
            let at = cat!("state.portals[", i, "]");
            let id = id_of(item, &at, &mut problems);
            let (mut fields, unknown) = view(item, PORTAL_VIEW, PORTAL_FILLED);
            let links: Vec<Value> = item
                .get("servers")
                .and_then(Value::list)
                .unwrap_or_default()
                .iter()
                .map(|entry| {
                    let sid = entry
                        .get("server_id")
                        .or_else(|| entry.get("id"))
                        .and_then(Value::str);
                    let server = servers
                        .iter()
                        .find(|s| Some(s.id.as_str()) == sid)
                        .map(|s| &s.fields);
                    link(entry, server)
                })
                .collect();
            fields.set("servers", Value::Array(links));
            if fields.get("code_mode").is_none() {
                // Only the deprecated boolean: `false` is `off`; `true` says too little.
                if item.get("allow_code_mode") == Some(&Value::Bool(false)) {
                    fields.set("code_mode", Value::text("off"));
                }
            }
            portals.push(Resource {
                id,
                fields,
                unknown,
                snapshot: None,
                has_client_secret: false,
            });
        }
        if problems.is_empty() {
            Ok(Self { servers, portals })
        } else {
            Err(problems)
        }
    }

    pub(crate) fn server(&self, id: &str) -> Option<&Resource> {
        self.servers.iter().find(|s| s.id == id)
    }

    pub(crate) fn portal(&self, id: &str) -> Option<&Resource> {
        self.portals.iter().find(|s| s.id == id)
    }
}
