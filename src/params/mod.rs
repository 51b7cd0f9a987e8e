//! Create and update parameters described as data. Each model's fields are written once, in a
//! table of name, kind and constraints ([`Field`]); one interpreter ([`check`]) reads them from
//! parsed JSON, checks them and writes the request body in one pass. The tables live with their
//! resources (`servers::fields`, `portals::fields`). The JavaScript client, the typed Rust
//! client, the form validators, the declarative layer and the emulator all go through here, so
//! a second resource costs a table, not another reader, validator and writer.

mod check;
mod overrides;
mod table;

pub(crate) use check::{check, Checked};
pub(crate) use overrides::overrides;
pub(crate) use table::{Field, Kind, Model, Need, Op};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::json::Json;
use crate::validate::Problem;

/// Typed parameters as JSON, for the interpreter (serializing these models cannot fail, but
/// a failure would still be a problem, not a panic).
pub(crate) fn to_json<T: Serialize>(params: &T) -> Result<serde_json::Value, Problem> {
    serde_json::to_value(params).map_err(|e| Problem::new("params", e.to_string()))
}

/// The problems of typed parameters, checked like any JSON.
pub(crate) fn typed<T: Serialize>(model: &Model, op: Op, params: &T) -> Vec<Problem> {
    match to_json(params) {
        Ok(value) => check(model, op, Some(&value)).problems,
        Err(problem) => vec![problem],
    }
}

/// Parameters as parsed JSON, checked, then as their Rust type.
pub(crate) fn read<T: DeserializeOwned, J: Json>(
    model: &Model,
    op: Op,
    value: Option<&J>,
) -> Result<T, Vec<Problem>> {
    let problems = check(model, op, value).problems;
    if !problems.is_empty() {
        return Err(problems);
    }
    let typed = match value.filter(|v| !v.is_null()) {
        Some(value) => value.deserialize(),
        None => serde_json::from_str("{}").map_err(|e| e.to_string()),
    };
    typed.map_err(|e| vec![Problem::new("params", e)])
}

#[cfg(test)]
mod tests;
