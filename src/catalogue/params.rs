//! The arguments of the review calls, read from JSON (JavaScript objects in wasm) with
//! messages that name the field.

use super::{CapabilityNames, Names, QuarantineMode};
use crate::json::{Json, Kind};
use crate::models::AccountParams;
use crate::text::cat;
use crate::validate::Problem;

fn problem(field: &str, message: String) -> Vec<Problem> {
    vec![Problem {
        field: field.to_owned(),
        message,
    }]
}

/// `syncAndReview`'s parameters: `{ account_id?, quarantine?: 'new' | 'changed' | 'off' }`.
pub fn sync_review_params<J: Json>(
    value: Option<&J>,
) -> Result<(AccountParams, QuarantineMode), Vec<Problem>> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok((AccountParams::default(), QuarantineMode::Off));
    };
    if !value.is_object() {
        return Err(problem(
            "params",
            cat!("params must be an object, not ", value.describe()),
        ));
    }
    let mut problems = Vec::new();
    for key in value.keys().unwrap_or_default() {
        if key != "account_id" && key != "quarantine" {
            problems.push(Problem {
                message: cat!(
                    key,
                    " is not a parameter of syncAndReview (account_id, quarantine)"
                ),
                field: key,
            });
        }
    }
    let account_id = match value.get("account_id") {
        None => None,
        Some(v) => {
            let s = v.as_string();
            if s.is_none() {
                problems.extend(problem(
                    "account_id",
                    cat!("account_id must be a string, not ", v.describe()),
                ));
            }
            s
        }
    };
    let mode = match value.get("quarantine").map(|v| v.as_string()) {
        None => QuarantineMode::Off,
        Some(Some(s)) if s == "off" => QuarantineMode::Off,
        Some(Some(s)) if s == "new" => QuarantineMode::New,
        Some(Some(s)) if s == "changed" => QuarantineMode::Changed,
        Some(_) => {
            problems.extend(problem(
                "quarantine",
                "quarantine must be 'new', 'changed' or 'off'".into(),
            ));
            QuarantineMode::Off
        }
    };
    if problems.is_empty() {
        Ok((AccountParams { account_id }, mode))
    } else {
        Err(problems)
    }
}

fn strings<J: Json>(value: &J, field: &str, problems: &mut Vec<Problem>) -> Vec<String> {
    let Some(items) = value.items() else {
        problems.extend(problem(
            field,
            cat!(field, " must be an array of names, not ", value.describe()),
        ));
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item.as_string() {
            Some(s) => out.push(s),
            None => {
                let at = cat!(field, "[", i as u64, "]");
                problems.extend(problem(
                    &at,
                    cat!(at, " must be a string, not ", item.describe()),
                ));
            }
        }
    }
    out
}

/// Which capabilities an edit is for: an array of names (each the tool or prompt of that
/// name), `{ tools?, prompts? }`, or, where `all_when_absent`, nothing for all of them.
pub fn names<J: Json>(value: Option<&J>, all_when_absent: bool) -> Result<Names, Vec<Problem>> {
    let mut problems = Vec::new();
    let names = match value.filter(|v| !v.is_null()) {
        None if all_when_absent => Names::All,
        None => {
            return Err(problem(
                "names",
                "names is required: an array of names, or { tools, prompts }".into(),
            ));
        }
        Some(v) if v.kind() == Kind::Array => Names::Any(strings(v, "names", &mut problems)),
        Some(v) if v.is_object() => {
            let mut list = |key: &'static str| {
                v.get(key)
                    .map(|l| strings(&l, &cat!("names.", key), &mut problems))
                    .unwrap_or_default()
            };
            let (tools, prompts) = (list("tools"), list("prompts"));
            Names::Exact(CapabilityNames { tools, prompts })
        }
        Some(v) => {
            return Err(problem(
                "names",
                cat!(
                    "names must be an array of names or { tools, prompts }, not ",
                    v.describe()
                ),
            ));
        }
    };
    if problems.is_empty() {
        Ok(names)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::{names, sync_review_params};
    use crate::catalogue::{Names, QuarantineMode};
    use serde_json::json;

    #[test]
    fn quarantine_modes_and_mistakes() {
        assert_eq!(
            sync_review_params::<serde_json::Value>(None).unwrap().1,
            QuarantineMode::Off
        );
        let (account, mode) =
            sync_review_params(Some(&json!({ "quarantine": "changed", "account_id": "a" })))
                .unwrap();
        assert_eq!(
            (account.account_id.as_deref(), mode),
            (Some("a"), QuarantineMode::Changed)
        );
        let problems =
            sync_review_params(Some(&json!({ "quarantine": "all", "x": 1 }))).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["x", "quarantine"]);
    }

    #[test]
    fn names_in_each_form() {
        assert!(matches!(
            names::<serde_json::Value>(None, true),
            Ok(Names::All)
        ));
        assert!(names::<serde_json::Value>(None, false).is_err());
        assert!(matches!(names(Some(&json!(["a"])), false), Ok(Names::Any(v)) if v == ["a"]));
        assert!(
            matches!(names(Some(&json!({ "prompts": ["p"] })), false), Ok(Names::Exact(n)) if n.prompts == ["p"] && n.tools.is_empty())
        );
        let problems = names(Some(&json!(["a", 2])), false).unwrap_err();
        assert_eq!(
            problems[0].message,
            "names[1] must be a string, not a number"
        );
    }
}
