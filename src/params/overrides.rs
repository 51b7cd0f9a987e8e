//! The override of one upstream tool or prompt, a table both resources use (a server's own, and
//! a portal's per linked server).

use super::{Field, Kind, Model};
use crate::text::cat;
use crate::validate::{char_count, Problem, MAX_ALIAS_LEN};

fn name(field: &str, name: &str, problems: &mut Vec<Problem>) {
    if name.trim().is_empty() {
        problems.push(Problem::new(
            field,
            "is required: name the upstream tool or prompt to override",
        ));
    }
}

fn is_alias(alias: &str) -> bool {
    alias
        .split(['-', '_'])
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn alias(field: &str, alias: &str, problems: &mut Vec<Problem>) {
    let len = char_count(alias);
    if len == 0 || len > MAX_ALIAS_LEN {
        problems.push(Problem::new(
            field,
            cat!(
                "must be 1 to ",
                MAX_ALIAS_LEN,
                " characters (got ",
                len,
                ")"
            ),
        ));
    } else if !is_alias(alias) {
        problems.push(Problem::new(
            field,
            "may hold only letters and digits, with single '-' or '_' between them",
        ));
    }
}

/// `{ name, alias?, description?, enabled? }`: names and aliases each used once per list.
pub(crate) static OVERRIDE: Model = Model {
    noun: "override",
    fields: &[
        Field::plain("name", Kind::Text)
            .required()
            .rule(name)
            .once("give each capability one override"),
        Field::plain("alias", Kind::Text)
            .rule(alias)
            .once("two capabilities cannot share an alias"),
        Field::plain("description", Kind::Text),
        Field::plain("enabled", Kind::Flag),
    ],
    across: None,
};

/// An optional list of overrides under `key` (`updated_tools`, `updated_prompts`).
pub(crate) const fn overrides(key: &'static str) -> Field {
    Field::plain(key, Kind::List(&OVERRIDE, None))
}
