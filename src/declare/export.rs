//! State → configuration: what a file must say for `plan` to find nothing to do.

use super::state::{Resource, State};
use super::value::Value;

/// What `export` writes besides the writable fields.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExportOptions {
    /// Write each server's current tools and prompts as approved digests (`catalogue`), so a
    /// later plan reports what upstream changed since.
    pub catalogue: bool,
}

/// The environment variable `export` names for a server's secret: the id and the field,
/// uppercased, every character but letters and digits as `_` (`internal-wiki`'s
/// `auth_credentials` is `INTERNAL_WIKI_AUTH_CREDENTIALS`); `MCP_` first when the id starts
/// with a digit.
pub fn secret_env_name(id: &str, field: &str) -> String {
    let mut name = String::with_capacity(id.len() + field.len() + 5);
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        name.push_str("MCP_");
    }
    for part in [id, "_", field] {
        name.extend(part.chars().map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        }));
    }
    name
}

fn digests(pairs: &[(String, String)]) -> Value {
    Value::Object(
        pairs
            .iter()
            .map(|(n, d)| (n.clone(), Value::text(d)))
            .collect(),
    )
}

fn server(s: &Resource, options: ExportOptions) -> Value {
    let mut out = vec![("id".to_owned(), Value::text(&s.id))];
    out.extend(s.fields.members().unwrap_or_default().iter().cloned());
    let mut entry = Value::Object(out);
    let bearer = s.fields.get("auth_type").and_then(Value::str) == Some("bearer");
    for (field, stored) in [
        ("auth_credentials", bearer),
        ("client_secret", s.has_client_secret),
    ] {
        if stored {
            let env = Value::object(vec![("env", Value::String(secret_env_name(&s.id, field)))]);
            entry.set(field, env);
        }
    }
    if let Some(snapshot) = s.snapshot.as_ref().filter(|_| options.catalogue) {
        entry.set(
            "catalogue",
            Value::object(vec![
                ("tools", digests(&snapshot.tools.0)),
                ("prompts", digests(&snapshot.prompts.0)),
            ]),
        );
    }
    entry
}

fn portal(p: &Resource) -> Value {
    let mut out = vec![("id".to_owned(), Value::text(&p.id))];
    out.extend(p.fields.members().unwrap_or_default().iter().cloned());
    Value::Object(out)
}

/// The configuration of an account: every server and portal with every writable field,
/// secrets as `{ "env": NAME }` placeholders (see [`secret_env_name`]), portal links with
/// their portal-level settings only.
pub fn export(state: &State, options: ExportOptions) -> Value {
    Value::object(vec![
        (
            "servers",
            Value::Array(state.servers.iter().map(|s| server(s, options)).collect()),
        ),
        (
            "portals",
            Value::Array(state.portals.iter().map(portal).collect()),
        ),
    ])
}
