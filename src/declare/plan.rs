//! `plan`: the ordered steps that make an account what its file says, pure and deterministic.
//!
//! Order: portals that must let go of a server being replaced are unlinked first, then portal
//! deletes, then server creates, updates and replacements (file order), then portal creates and
//! updates (file order; a portal that was unlinked gets its links back here), then server
//! deletes. A server the API would refuse to delete while a portal links it (409, code 7006)
//! is thereby never deleted while linked.

use super::config::{self, Entry, SECRET_FIELDS};
use super::diff::{diff, merge, FieldChange};
use super::fields::{joined, problem};
use super::state::{self, Resource, State};
use super::value::Value;
use crate::catalogue::Snapshot;
use crate::text::cat;
use crate::validate::Problem;

/// What a step does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Creates the server or portal.
    Create,
    /// Updates fields in place.
    Update,
    /// Deletes, then creates again: for fields the API cannot update (`hostname`, `auth_type`).
    Replace,
    /// Deletes it.
    Delete,
}

impl Action {
    /// As written in a plan: `create`, `update`, `replace`, `delete`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Replace => "replace",
            Self::Delete => "delete",
        }
    }
}

/// What a step is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A server.
    Server,
    /// A portal.
    Portal,
}

impl Kind {
    /// As written in a plan: `server`, `portal`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Server => "server",
            Self::Portal => "portal",
        }
    }
}

/// One step of a plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// What it does.
    pub action: Action,
    /// To a server or a portal.
    pub kind: Kind,
    /// The id of that server or portal.
    pub id: String,
    /// The fields it changes. A secret shows as its `{ "env": NAME }` placeholder.
    pub changes: Vec<FieldChange>,
    /// Why it will not run (which option allows it); `None` when it will.
    pub refused: Option<String>,
    /// What `apply` sends (create, update and replace), secrets as `{ "env": NAME }`.
    pub params: Option<Value>,
}

/// Something the plan tells without a step.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// `catalogue-drift`, `unknown-field` or `secret-not-compared`.
    pub kind: String,
    /// The server or portal it is about.
    pub id: String,
    /// What it means.
    pub message: String,
}

/// The steps that make the account what the file says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// The file's `account_id`: where `apply` sends the steps (else the client's account).
    pub account_id: Option<String>,
    /// The steps, in the order `apply` runs them.
    pub steps: Vec<Step>,
    /// What the plan found that is not a step.
    pub notes: Vec<Note>,
    /// Whether the account differs from the file: any step, refused ones included.
    pub changes: bool,
}

/// What `plan` may do beyond creates and updates.
#[derive(Clone, Copy, Debug, Default)]
pub struct PlanOptions {
    /// Delete servers and portals the file does not name.
    pub prune: bool,
    /// Replace a server whose `hostname` or `auth_type` changes (delete, then create).
    pub allow_replace: bool,
}

/// Server fields the API cannot update.
const CREATE_ONLY: &[&str] = &["hostname", "auth_type"];

fn step(
    action: Action,
    kind: Kind,
    id: &str,
    changes: Vec<FieldChange>,
    params: Option<Value>,
) -> Step {
    Step {
        action,
        kind,
        id: id.to_owned(),
        changes,
        refused: None,
        params,
    }
}

fn note(notes: &mut Vec<Note>, kind: &str, id: &str, message: String) {
    notes.push(Note {
        kind: kind.to_owned(),
        id: id.to_owned(),
        message,
    });
}

/// Every field of a create, as added.
fn all_added(fields: &Value) -> Vec<FieldChange> {
    fields
        .members()
        .unwrap_or_default()
        .iter()
        .filter(|(k, v)| k != "id" && !matches!(v, Value::Null))
        .map(|(k, v)| FieldChange {
            path: k.clone(),
            before: None,
            after: Some(v.clone()),
        })
        .collect()
}

/// The changes to `have`'s fields, per top-level field of `want` (but `id` and secrets).
fn field_changes(want: &Value, have: &Value) -> Vec<(String, Vec<FieldChange>)> {
    want.members()
        .unwrap_or_default()
        .iter()
        .filter(|(k, _)| k != "id" && !SECRET_FIELDS.contains(&k.as_str()))
        .filter_map(|(k, w)| {
            let mut out = Vec::new();
            diff(k, w, have.get(k), &mut out);
            (!out.is_empty()).then(|| (k.clone(), out))
        })
        .collect()
}

fn names(list: &[String]) -> String {
    joined(list, ", ")
}

/// The note for a server whose tools or prompts differ from the file's approved digests.
fn drift(id: &str, approved: &Value, now: &Snapshot, notes: &mut Vec<Note>) {
    let mut parts: Vec<String> = Vec::new();
    for (which, current) in [("tools", &now.tools), ("prompts", &now.prompts)] {
        let file = approved
            .get(which)
            .and_then(Value::members)
            .unwrap_or_default();
        let file_digest = |name: &str| {
            file.iter()
                .find(|(n, _)| n == name)
                .and_then(|(_, d)| d.str())
        };
        let mut added = Vec::new();
        let mut changed = Vec::new();
        for (name, digest) in &current.0 {
            match file_digest(name) {
                None => added.push(name.clone()),
                Some(d) if d != digest => changed.push(name.clone()),
                Some(_) => {}
            }
        }
        let removed: Vec<String> = file
            .iter()
            .filter(|(n, _)| current.get(n).is_none())
            .map(|(n, _)| n.clone())
            .collect();
        for (what, list) in [("changed", changed), ("added", added), ("removed", removed)] {
            if !list.is_empty() {
                parts.push(cat!(which, " ", what, ": ", names(&list)));
            }
        }
    }
    if !parts.is_empty() {
        note(
            notes,
            "catalogue-drift",
            id,
            cat!(
                "server ",
                id,
                ": upstream differs from the catalogue approved in the file (",
                joined(&parts, "; "),
                ")"
            ),
        );
    }
}

fn unknown(kind: Kind, r: &Resource, notes: &mut Vec<Note>) {
    if !r.unknown.is_empty() {
        note(
            notes,
            "unknown-field",
            &r.id,
            cat!(
                kind.as_str(),
                " ",
                r.id,
                " has fields this version does not know (",
                names(&r.unknown),
                "): kept as they are, never sent"
            ),
        );
    }
}

/// The step for one server of the file.
fn server_step(
    d: &Entry,
    state: &State,
    options: PlanOptions,
    notes: &mut Vec<Note>,
) -> Option<Step> {
    let Some(s) = state.server(&d.id) else {
        return Some(step(
            Action::Create,
            Kind::Server,
            &d.id,
            all_added(&d.fields),
            Some(d.fields.clone()),
        ));
    };
    unknown(Kind::Server, s, notes);
    if let (Some(approved), Some(now)) = (&d.catalogue, &s.snapshot) {
        drift(&d.id, approved, now, notes);
    }
    let changed = field_changes(&d.fields, &s.fields);
    let blocked: Vec<String> = changed
        .iter()
        .map(|(k, _)| k.clone())
        .filter(|k| CREATE_ONLY.contains(&k.as_str()))
        .collect();
    if !blocked.is_empty() {
        let mut replace = step(
            Action::Replace,
            Kind::Server,
            &d.id,
            changed.into_iter().flat_map(|(_, c)| c).collect(),
            Some(d.fields.clone()),
        );
        if !options.allow_replace {
            replace.refused = Some(cat!(
                joined(&blocked, " and "),
                " cannot be updated: replacing the server (delete, then create) needs allowReplace (--allow-replace)"
            ));
        }
        return Some(replace);
    }
    for key in SECRET_FIELDS.iter().filter(|k| d.fields.get(k).is_some()) {
        note(
            notes,
            "secret-not-compared",
            &d.id,
            cat!(
                "server ",
                d.id,
                ": ",
                key,
                " is write-only (the API never returns it), so it is not compared and not sent to the existing server; it is sent when the server is created or replaced"
            ),
        );
    }
    if changed.is_empty() {
        return None;
    }
    let params = Value::Object(
        changed
            .iter()
            .filter_map(|(k, _)| d.fields.members()?.iter().find(|(m, _)| m == k).cloned())
            .collect(),
    );
    let changes = changed.into_iter().flat_map(|(_, c)| c).collect();
    Some(step(
        Action::Update,
        Kind::Server,
        &d.id,
        changes,
        Some(params),
    ))
}

/// A portal's fields from the file with its links as the API will show them (an override's
/// `enabled: false` that repeats the server's own is left out, as `State` leaves it out).
fn portal_fields(d: &Entry, desired: &config::Desired, state: &State) -> Value {
    let mut fields = d.fields.clone();
    if let Some(links) = d.fields.get("servers").and_then(Value::list) {
        let links = links
            .iter()
            .map(|link| {
                let id = link.str_at("server_id");
                let server = desired
                    .servers
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| &s.fields)
                    .or_else(|| state.server(id).map(|s| &s.fields));
                state::link(link, server)
            })
            .collect();
        fields.set("servers", Value::Array(links));
    }
    fields
}

fn with_id(id: &str, fields: &Value) -> Value {
    let mut out = vec![("id".to_owned(), Value::text(id))];
    out.extend(
        fields
            .members()
            .unwrap_or_default()
            .iter()
            .filter(|(k, _)| k != "id")
            .cloned(),
    );
    Value::Object(out)
}

fn links_of(fields: &Value) -> &[Value] {
    fields
        .get("servers")
        .and_then(Value::list)
        .unwrap_or_default()
}

fn refuse_unless(prune: bool, mut s: Step, what: &str) -> Step {
    if !prune {
        s.refused = Some(cat!(
            what,
            " is not in the file: deleting it needs prune (--prune)"
        ));
    }
    s
}

/// Plans the steps that make the account in `state` what `config` says. Fails with the
/// configuration's problems (JSON paths) when it is not valid, or when a portal links a
/// server that is neither in the file nor kept in the account.
pub fn plan(config: &Value, state: &State, options: PlanOptions) -> Result<Plan, Vec<Problem>> {
    let (desired, problems) = config::read(config);
    if !problems.is_empty() {
        return Err(problems);
    }
    let in_file = |id: &str| desired.servers.iter().any(|s| s.id == id);
    let mut problems = Vec::new();
    for (i, p) in desired.portals.iter().enumerate() {
        for (j, link) in links_of(&p.fields).iter().enumerate() {
            let id = link.str_at("server_id");
            let why = if in_file(id) {
                continue;
            } else if state.server(id).is_none() {
                "is neither in the file nor in the account"
            } else if options.prune {
                "is not in the file, so prune would delete it"
            } else {
                continue;
            };
            problems.push(problem(
                &cat!("portals[", i, "].servers[", j, "].server_id"),
                &cat!("links server \"", id, "\", which ", why),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut notes = Vec::new();
    let server_steps: Vec<Step> = desired
        .servers
        .iter()
        .filter_map(|d| server_step(d, state, options, &mut notes))
        .collect();
    let replaced: Vec<&str> = server_steps
        .iter()
        .filter(|s| s.action == Action::Replace && s.refused.is_none())
        .map(|s| s.id.as_str())
        .collect();
    let portal_in_file = |id: &str| desired.portals.iter().any(|p| p.id == id);

    let mut steps = Vec::new();
    // Portals that link a server about to be replaced let go of it first.
    let mut current: Vec<(String, Value)> = state
        .portals
        .iter()
        .map(|p| (p.id.clone(), p.fields.clone()))
        .collect();
    for (id, fields) in &mut current {
        let kept = portal_in_file(id) || !options.prune;
        let is_gone = |l: &Value| replaced.contains(&l.str_at("server_id"));
        let links = links_of(fields);
        let gone: Vec<Value> = links.iter().filter(|l| is_gone(l)).cloned().collect();
        let rest: Vec<Value> = links.iter().filter(|l| !is_gone(l)).cloned().collect();
        if !kept || gone.is_empty() {
            continue;
        }
        let changes = gone
            .into_iter()
            .map(|l| FieldChange {
                path: cat!("servers[", l.str_at("server_id"), "]"),
                before: Some(l),
                after: None,
            })
            .collect();
        fields.set("servers", Value::Array(rest));
        steps.push(step(
            Action::Update,
            Kind::Portal,
            id,
            changes,
            Some(with_id(id, fields)),
        ));
    }
    let mut deleted_portals: Vec<&Resource> = state
        .portals
        .iter()
        .filter(|p| !portal_in_file(&p.id))
        .collect();
    crate::catalogue::sort_by(&mut deleted_portals, |a, b| a.id.cmp(&b.id));
    for p in &deleted_portals {
        unknown(Kind::Portal, p, &mut notes);
        let s = step(Action::Delete, Kind::Portal, &p.id, Vec::new(), None);
        steps.push(refuse_unless(options.prune, s, "portal"));
    }
    steps.extend(server_steps);

    // Then the file's portals, and those unlinked above that the file does not name (their
    // links come back). An update sends the portal as the account had it before any unlink,
    // with the file's fields over it, and shows what that changes from now.
    let empty = Value::Object(Vec::new());
    let kept_unmanaged = current
        .iter()
        .filter(|(id, now)| {
            !portal_in_file(id) && state.portal(id).is_some_and(|p| p.fields != *now)
        })
        .map(|(id, _)| (id.as_str(), empty.clone()));
    let wanted: Vec<(&str, Value)> = desired
        .portals
        .iter()
        .map(|d| (d.id.as_str(), portal_fields(d, &desired, state)))
        .chain(kept_unmanaged)
        .collect();
    for (id, want) in &wanted {
        let Some((_, have)) = current.iter().find(|(c, _)| c == id) else {
            let params = Some(with_id(id, want));
            steps.push(step(
                Action::Create,
                Kind::Portal,
                id,
                all_added(want),
                params,
            ));
            continue;
        };
        let before = state.portal(id).map_or(have, |p| &p.fields);
        if portal_in_file(id) {
            if let Some(p) = state.portal(id) {
                unknown(Kind::Portal, p, &mut notes);
            }
        }
        let merged = merge(before, want);
        let changes: Vec<FieldChange> = field_changes(&merged, have)
            .into_iter()
            .flat_map(|(_, c)| c)
            .collect();
        if !changes.is_empty() {
            let params = Some(with_id(id, &merged));
            steps.push(step(Action::Update, Kind::Portal, id, changes, params));
        }
    }

    let mut deleted_servers: Vec<&Resource> =
        state.servers.iter().filter(|s| !in_file(&s.id)).collect();
    crate::catalogue::sort_by(&mut deleted_servers, |a, b| a.id.cmp(&b.id));
    for s in deleted_servers {
        unknown(Kind::Server, s, &mut notes);
        steps.push(refuse_unless(
            options.prune,
            step(Action::Delete, Kind::Server, &s.id, Vec::new(), None),
            "server",
        ));
    }
    Ok(Plan {
        account_id: desired.account_id,
        changes: !steps.is_empty(),
        steps,
        notes,
    })
}
