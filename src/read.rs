//! Reading call parameters from parsed JSON (a JavaScript object, or `serde_json::Value`):
//! every field checked for its type, unknown fields refused, and every problem reported at
//! once with the field it concerns. The resources' create and update parameters are read by
//! `servers::read` and `portals::read`; list and account parameters, the same for both, are
//! here. All of them go through the tables of `crate::params`.

/// The servers' readers, where they were before the resources had their own folders.
pub use crate::servers::read::{create_params, update_params};

use crate::json::Json;
use crate::models::{AccountParams, ServerListParams};
use crate::params::{check, Checked, Field, Kind, Model, Op};
use crate::validate::Problem;

/// A page of a list: its number, its size and a search.
static LIST: Model = Model {
    noun: "list",
    fields: &[
        Field::plain("page", Kind::Whole),
        Field::plain("per_page", Kind::Whole),
        Field::plain("search", Kind::Text),
    ],
    across: None,
};

/// Only the account.
static ACCOUNT: Model = Model {
    noun: "call",
    fields: &[],
    across: None,
};

fn checked<J: Json>(model: &Model, value: Option<&J>) -> Result<Checked, Vec<Problem>> {
    let checked = check(model, Op::Create, value);
    if checked.problems.is_empty() {
        Ok(checked)
    } else {
        Err(checked.problems)
    }
}

/// Reads `list` parameters (their bounds are [`crate::validate::list_params`]' job).
pub fn list_params<J: Json>(value: Option<&J>) -> Result<ServerListParams, Vec<Problem>> {
    let c = checked(&LIST, value)?;
    Ok(ServerListParams {
        page: c.whole("page"),
        per_page: c.whole("per_page"),
        search: c.text("search").map(str::to_owned),
        account_id: c.account_id,
    })
}

/// Reads the `{ account_id? }` parameters of read, delete and sync.
pub fn account_params<J: Json>(value: Option<&J>) -> Result<AccountParams, Vec<Problem>> {
    let c = checked(&ACCOUNT, value)?;
    Ok(AccountParams {
        account_id: c.account_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn fields(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn absent_params_read_as_empty_and_non_objects_are_refused() {
        assert_eq!(
            list_params::<Value>(None).unwrap(),
            ServerListParams::default()
        );
        assert_eq!(
            list_params(Some(&Value::Null)).unwrap(),
            ServerListParams::default()
        );
        assert_eq!(
            fields(&list_params(Some(&json!("x"))).unwrap_err()),
            ["params"]
        );
        assert_eq!(
            fields(&list_params(Some(&json!({"page": 1.5}))).unwrap_err()),
            ["page"]
        );
        assert_eq!(
            fields(&list_params(Some(&json!({"per_page": "20"}))).unwrap_err()),
            ["per_page"]
        );
    }
}
