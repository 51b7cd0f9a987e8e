//! The configuration file: reading it, and every problem with it, each named by its JSON path
//! (`servers[2].hostname must be …`). Fields are checked by the very validators the client
//! uses; on top of them: secrets only as `{ "env": "NAME" }`, each id once, and catalogue
//! digests well formed.

use super::fields::{problem, under, Fields};
use super::value::Value;
use crate::params::{self, Model, Op};
use crate::portals::fields::PORTAL;
use crate::servers::fields::SERVER;
use crate::text::cat;
use crate::validate::{self, Problem};

/// The fields that hold secrets: write-only, never in a file, never in a plan.
pub const SECRET_FIELDS: &[&str] = &["auth_credentials", "client_secret"];

/// One server or portal of the file, as written (writable fields only).
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub id: String,
    /// The writable fields, secrets as `{ "env": NAME }`.
    pub fields: Value,
    /// The approved catalogue (`{ tools?, prompts? }` of digests), servers only.
    pub catalogue: Option<Value>,
}

/// A configuration read from its file.
#[derive(Clone, Debug, Default)]
pub(crate) struct Desired {
    pub account_id: Option<String>,
    pub servers: Vec<Entry>,
    pub portals: Vec<Entry>,
}

/// Whether `name` can be an environment variable's name: `[A-Za-z_][A-Za-z0-9_]*`.
fn is_env_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The variable a secret field names, checking that it is `{ "env": "NAME" }`. A literal is
/// refused without repeating it.
fn secret_ref(value: &Value, at: &str, problems: &mut Vec<Problem>) -> Option<String> {
    let name = match value {
        Value::Object(members) if members.len() == 1 => value.get("env").and_then(Value::str),
        _ => None,
    };
    match name {
        Some(name) if is_env_name(name) => Some(name.to_owned()),
        Some(_) => {
            problems.push(problem(
                &cat!(at, ".env"),
                "must name an environment variable: letters, digits and '_', not starting with a digit",
            ));
            None
        }
        None if value.str().is_some() => {
            problems.push(problem(
                at,
                "is a secret written in the file: write { \"env\": \"NAME\" } instead and set NAME in the environment of apply",
            ));
            None
        }
        None => {
            problems.push(problem(at, "must be { \"env\": \"NAME\" }, naming the environment variable that holds the secret"));
            None
        }
    }
}

/// Checks `{ tools?: { name: digest }, prompts?: … }`.
fn check_catalogue(value: &Value, at: &str, problems: &mut Vec<Problem>) {
    let mut f = Fields {
        value,
        at,
        problems,
    };
    if !f.start("a catalogue", &["tools", "prompts"]) {
        return;
    }
    for which in ["tools", "prompts"] {
        let Some(list) = value.get(which) else {
            continue;
        };
        let at = cat!(at, ".", which);
        let Some(members) = list.members() else {
            problems.push(problem(&at, "must be an object of names and digests"));
            continue;
        };
        for (name, digest) in members {
            let ok = digest.str().is_some_and(|d| {
                d.len() == 64
                    && d.bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            });
            if !ok {
                problems.push(problem(
                    &cat!(at, "[\"", name, "\"]"),
                    "must be a digest as capabilityDigest gives it: 64 lowercase hex digits",
                ));
            }
        }
    }
}

/// An entry with its `null`s made what they mean: `null` overrides are none (`[]`), a `null`
/// server description clears it, and any other `null` is as if left out (so a plan never
/// shows a change that no request can make).
fn without_nulls(value: &Value, keep: &str) -> Value {
    let Some(members) = value.members() else {
        return value.clone();
    };
    let kept = members.iter().filter_map(|(k, v)| {
        let v = match (k.as_str(), v) {
            ("updated_tools" | "updated_prompts", Value::Null) => Value::Array(Vec::new()),
            (k, Value::Null) if k != keep => return None,
            ("servers", Value::Array(links)) => {
                Value::Array(links.iter().map(|l| without_nulls(l, "")).collect())
            }
            _ => v.clone(),
        };
        Some((k.clone(), v))
    });
    Value::Object(kept.collect())
}

/// Checks an entry: that `entry` is an object of the fields of `model`'s table but those
/// `left_out` (named otherwise, with the list), then `values`, its fields as they will be sent,
/// through the table. `what` names the entry (`a server`).
fn check_entry(
    entry: &Value,
    values: &Value,
    (what, model, left_out): (&str, &Model, &[&str]),
    at: &str,
    problems: &mut Vec<Problem>,
) {
    let allowed: Vec<&str> = model
        .keys(Op::Create)
        .filter(|k| !left_out.contains(k))
        .collect();
    let mut f = Fields {
        value: entry,
        at,
        problems,
    };
    if f.start(what, &allowed) {
        let checked = params::check(model, Op::Create, Some(&values.only(&allowed)));
        problems.extend(checked.problems.into_iter().map(|p| under(at, p)));
    }
}

fn server(item: &Value, at: &str, problems: &mut Vec<Problem>) -> Option<Entry> {
    let mut fields = without_nulls(item, "description");
    let catalogue = fields.remove("catalogue");
    if let Some(c) = catalogue.as_ref().filter(|c| !matches!(c, Value::Null)) {
        check_catalogue(c, &cat!(at, ".catalogue"), problems);
    }
    // The table sees the file's entry with the secrets left out.
    let mut plain = fields.clone();
    for key in SECRET_FIELDS {
        if let Some(secret) = plain.remove(key).filter(|v| !matches!(v, Value::Null)) {
            secret_ref(&secret, &cat!(at, ".", key), problems);
        }
    }
    let kind = ("a server", &SERVER, &[][..]);
    check_entry(&plain, &plain, kind, at, problems);
    item.members().map(|_| Entry {
        id: plain.str_at("id").to_owned(),
        fields,
        catalogue: catalogue.filter(|c| !matches!(c, Value::Null)),
    })
}

fn portal(item: &Value, at: &str, problems: &mut Vec<Problem>) -> Option<Entry> {
    let fields = without_nulls(item, "");
    check_entry(
        item,
        &fields,
        // Not the deprecated `allow_code_mode`: a configuration says `code_mode`.
        ("a portal", &PORTAL, &["allow_code_mode"][..]),
        at,
        problems,
    );
    if item.has("description") && item.get("description").is_none() {
        problems.push(problem(
            &cat!(at, ".description"),
            "cannot be null for a portal: write a string, or leave it out",
        ));
    }
    item.members().map(|_| Entry {
        id: item.str_at("id").to_owned(),
        fields,
        catalogue: None,
    })
}

type ReadEntry = fn(&Value, &str, &mut Vec<Problem>) -> Option<Entry>;

fn entries(config: &Value, key: &str, read: ReadEntry, problems: &mut Vec<Problem>) -> Vec<Entry> {
    let Some(list) = config.get(key) else {
        return Vec::new();
    };
    let Some(items) = list.list() else {
        problems.push(problem(
            key,
            &cat!("must be an array (got ", list.describe(), ")"),
        ));
        return Vec::new();
    };
    let mut out: Vec<Entry> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = cat!(key, "[", i, "]");
        let Some(entry) = read(item, &at, problems) else {
            continue;
        };
        if let Some(first) = out
            .iter()
            .position(|e| e.id == entry.id && !e.id.is_empty())
        {
            problems.push(problem(
                &cat!(at, ".id"),
                &cat!(
                    "repeats \"",
                    entry.id,
                    "\" (",
                    key,
                    "[",
                    first,
                    "]): each id once"
                ),
            ));
            continue;
        }
        out.push(entry);
    }
    out
}

/// Reads a configuration; the problems are empty when it is valid.
pub(crate) fn read(config: &Value) -> (Desired, Vec<Problem>) {
    let mut problems = Vec::new();
    if config.members().is_none() {
        let got = config.describe();
        problems.push(problem(
            "config",
            &cat!(
                "must be a JSON object with servers and portals (got ",
                got,
                ")"
            ),
        ));
        return (Desired::default(), problems);
    }
    let mut f = Fields {
        value: config,
        at: "",
        problems: &mut problems,
    };
    f.start(
        "the configuration",
        &["$schema", "account_id", "servers", "portals"],
    );
    let account_id = f.string("account_id");
    if let Some(id) = &account_id {
        validate::check_account_id(Some(id), &mut problems);
    }
    let servers = entries(config, "servers", server, &mut problems);
    let portals = entries(config, "portals", portal, &mut problems);
    (
        Desired {
            account_id,
            servers,
            portals,
        },
        problems,
    )
}

/// Every problem with a configuration (`[]` when valid), each naming its JSON path.
pub fn validate_config(config: &Value) -> Vec<Problem> {
    read(config).1
}
