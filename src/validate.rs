//! The API's documented constraints as pure functions, checked before anything is sent.
//!
//! Each problem names the field it is about (`updated_tools[2].alias`) and says what is wrong in
//! words an admin can act on. The admin page shows these very messages next to its form fields.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::models::{CapabilityOverride, ServerListParams};
use crate::text::cat;

/// Longest server id the API accepts.
pub const MAX_ID_LEN: usize = 32;
/// Longest server name the API accepts.
pub const MAX_NAME_LEN: usize = 350;
/// Longest description the API accepts.
pub const MAX_DESCRIPTION_LEN: usize = 512;
/// Longest tool or prompt alias the API accepts.
pub const MAX_ALIAS_LEN: usize = 40;
/// Largest `per_page` the API accepts.
pub const MAX_PER_PAGE: u32 = 100;

/// One broken constraint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
pub struct Problem {
    /// The field, as a path into the parameters: `id`, `updated_tools[0].alias`.
    pub field: String,
    /// What is wrong, naming the field.
    pub message: String,
}

impl Problem {
    pub(crate) fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::named(field.into(), &message.into())
    }

    /// The one copy of `new` behind its generic conversions.
    fn named(field: String, message: &str) -> Self {
        let message = cat!(field, " ", message);
        Self { field, message }
    }
}

/// The number of characters (Unicode scalar values) in `s`: bytes that do not continue a
/// UTF-8 sequence. Written out because `chars().count()` brings in a kilobyte of wasm.
pub(crate) fn char_count(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// Checks a server id (in a body or as the `id` path argument).
pub fn check_server_id(field: &str, id: &str, problems: &mut Vec<Problem>) {
    let before = problems.len();
    if id.is_empty() {
        problems.push(Problem::new(field, "is required and must not be empty"));
    } else {
        check_max_len(field, id, MAX_ID_LEN, problems);
        if problems.len() == before && !is_server_id(id) {
            problems.push(Problem::new(
                field,
                "may hold only lowercase letters, digits and '_', with single '-' between them (like \"my-server\")",
            ));
        }
    }
}

/// `^[a-z0-9_]+(?:-[a-z0-9_]+)*$`
fn is_server_id(id: &str) -> bool {
    id.split('-').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    })
}

/// `^[a-zA-Z0-9]+([_-][a-zA-Z0-9]+)*$`
fn is_alias(alias: &str) -> bool {
    alias
        .split(['-', '_'])
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Checks an account id: required, and safe to put in a URL path.
pub fn check_account_id(account_id: Option<&str>, problems: &mut Vec<Problem>) {
    match account_id {
        None => problems.push(Problem::new(
            "account_id",
            "is required: pass it in the parameters or set accountId on the client",
        )),
        Some("") => problems.push(Problem::new("account_id", "must not be empty")),
        Some(id)
            if !id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
        {
            problems.push(Problem::new(
                "account_id",
                "may hold only letters, digits, '-' and '_'",
            ))
        }
        Some(_) => {}
    }
}

pub(crate) fn check_max_len(field: &str, value: &str, max: usize, problems: &mut Vec<Problem>) {
    let len = char_count(value);
    if len > max {
        problems.push(Problem::new(
            field,
            cat!("must be at most ", max, " characters (got ", len, ")"),
        ));
    }
}

pub(crate) fn check_name(name: &str, problems: &mut Vec<Problem>) {
    if name.trim().is_empty() {
        problems.push(Problem::new("name", "is required and must not be empty"));
    }
    check_max_len("name", name, MAX_NAME_LEN, problems);
}

/// `field repeats "value": why`, for a value that must be unique in its list.
pub(crate) fn repeats(field: String, value: &str, why: &str) -> Problem {
    Problem::new(field, cat!("repeats \"", value, "\": ", why))
}

pub(crate) fn check_overrides(
    field: &str,
    overrides: &[CapabilityOverride],
    problems: &mut Vec<Problem>,
) {
    let mut names: Vec<&str> = Vec::with_capacity(overrides.len());
    let mut aliases: Vec<&str> = Vec::new();
    for (i, item) in overrides.iter().enumerate() {
        let at = cat!(field, "[", i, "]");
        if item.name.trim().is_empty() {
            problems.push(Problem::new(
                cat!(at, ".name"),
                "is required: name the upstream tool or prompt to override",
            ));
        } else if names.contains(&item.name.as_str()) {
            problems.push(repeats(
                cat!(at, ".name"),
                &item.name,
                "give each capability one override",
            ));
        } else {
            names.push(&item.name);
        }
        if let Some(alias) = &item.alias {
            let len = char_count(alias);
            if len == 0 || len > MAX_ALIAS_LEN {
                problems.push(Problem::new(
                    cat!(at, ".alias"),
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
                    cat!(at, ".alias"),
                    "may hold only letters and digits, with single '-' or '_' between them",
                ));
            } else if aliases.contains(&alias.as_str()) {
                problems.push(repeats(
                    cat!(at, ".alias"),
                    alias,
                    "two capabilities cannot share an alias",
                ));
            } else {
                aliases.push(alias);
            }
        }
    }
}

/// Every problem with the parameters of a list; empty when all is well.
pub fn list_params(params: &ServerListParams) -> Vec<Problem> {
    let mut problems = Vec::new();
    if params.page == Some(0) {
        problems.push(Problem::new(
            "page",
            "must be 1 or more (pages count from 1)",
        ));
    }
    if let Some(per_page) = params.per_page {
        if per_page == 0 || per_page > MAX_PER_PAGE {
            problems.push(Problem::new(
                "per_page",
                cat!("must be from 1 to ", MAX_PER_PAGE, " (got ", per_page, ")"),
            ));
        }
    }
    problems
}

/// The servers' validators, where they were before the resources had their own folders.
pub use crate::servers::validate::{check_hostname, create_params, update_params};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_characters_not_bytes() {
        for s in ["", "abc", "é", "日本語", "a🦀b", "\u{10FFFF}"] {
            assert_eq!(char_count(s), s.chars().count(), "{s:?}");
        }
        // 33 emoji are 132 bytes, and the message counts 33.
        let mut problems = Vec::new();
        check_server_id("id", &"🦀".repeat(33), &mut problems);
        assert_eq!(
            problems[0].message,
            "id must be at most 32 characters (got 33)"
        );
    }

    fn fields(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn paging_bounds() {
        let list = |page, per_page| ServerListParams {
            page,
            per_page,
            ..Default::default()
        };
        assert!(list_params(&list(Some(1), Some(100))).is_empty());
        assert!(list_params(&list(None, Some(1))).is_empty());
        assert_eq!(
            fields(&list_params(&list(Some(0), Some(101)))),
            ["page", "per_page"]
        );
        assert_eq!(fields(&list_params(&list(None, Some(0)))), ["per_page"]);
    }

    #[test]
    fn account_ids_must_be_path_safe() {
        let check = |id: Option<&str>| {
            let mut p = Vec::new();
            check_account_id(id, &mut p);
            p.len()
        };
        assert_eq!(check(Some("a86a8f5c339544d7bdc89926de14fb8c")), 0);
        assert_eq!(check(None), 1);
        assert_eq!(check(Some("")), 1);
        assert_eq!(check(Some("../admin")), 1);
        assert_eq!(check(Some("a?b")), 1);
    }
}
