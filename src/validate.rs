//! The API's documented constraints as pure functions, checked before anything is sent.
//!
//! Each problem names the field it is about (`updated_tools[2].alias`) and says what is wrong in
//! words an admin can act on. The admin page shows these very messages next to its form fields.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::models::ServerListParams;
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

pub(crate) fn check_name(field: &str, name: &str, problems: &mut Vec<Problem>) {
    if name.trim().is_empty() {
        problems.push(Problem::new(field, "is required and must not be empty"));
    }
    check_max_len(field, name, MAX_NAME_LEN, problems);
}

/// A description: at most 512 characters.
pub(crate) fn description(field: &str, text: &str, problems: &mut Vec<Problem>) {
    check_max_len(field, text, MAX_DESCRIPTION_LEN, problems);
}

/// One of the values an enum has.
pub(crate) fn one_of(field: &str, value: &str, values: &[&str], problems: &mut Vec<Problem>) {
    if !values.contains(&value) {
        let mut listed = String::new();
        for (i, v) in values.iter().enumerate() {
            listed.push_str(if i == 0 { "must be one of \"" } else { ", \"" });
            listed.push_str(v);
            listed.push('"');
        }
        problems.push(Problem::new(field, listed));
    }
}

/// `prefix.key`, or `key` at the top: the path of a field inside an object at `prefix`.
pub(crate) fn path(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        cat!(prefix, ".", key)
    }
}

/// `field repeats "value": why`, for a value that must be unique in its list.
pub(crate) fn repeats(field: String, value: &str, why: &str) -> Problem {
    Problem::new(field, cat!("repeats \"", value, "\": ", why))
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
