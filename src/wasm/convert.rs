//! Values cross the boundary as JSON text: `JSON.stringify` on the way in gives exactly the
//! JSON semantics callers expect (an `undefined` field is absent, `null` is null), and
//! `JSON.parse` on the way out gives plain objects that `JSON.stringify` round-trips.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::{Error, ErrorKind};
use crate::validate::Problem;

/// Reads `value` (a parameters object) as `T`; `undefined` or `null` read as `{}`.
pub fn from_js<T: DeserializeOwned>(name: &str, value: &JsValue) -> Result<T, Vec<Problem>> {
    let json = if value.is_undefined() || value.is_null() {
        "{}".to_owned()
    } else if !value.is_object() {
        return Err(vec![Problem {
            field: name.to_owned(),
            message: format!("{name} must be an object"),
        }]);
    } else {
        js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| {
                vec![Problem {
                    field: name.to_owned(),
                    message: format!("{name} cannot be read as JSON (a BigInt or a cycle?)"),
                }]
            })?
    };
    from_json(&json)
}

/// Reads JSON text as `T`, naming the field of any mismatch.
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, Vec<Problem>> {
    let mut de = serde_json::Deserializer::from_str(json);
    serde::Deserialize::deserialize(&mut de)
        .map_err(|e: serde_json::Error| vec![shape_problem(".", &e.to_string())])
}

/// Words for a parameter of the wrong shape, naming the field.
fn shape_problem(path: &str, serde_message: &str) -> Problem {
    let message = serde_message
        .rfind(" at line ")
        .and_then(|i| serde_message.get(..i))
        .unwrap_or(serde_message);
    let quoted = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_owned)
    };
    let under = |field: &str| match path {
        "." | "" => field.to_owned(),
        parent => format!("{parent}.{field}"),
    };
    if let Some(field) = quoted("missing field `") {
        let field = under(&field);
        return Problem {
            message: format!("{field} is required"),
            field,
        };
    }
    if let Some(field) = quoted("unknown field `") {
        let hint = if ["id", "hostname", "auth_type"].contains(&field.as_str()) {
            " (it cannot be updated: delete and re-create the server to change it)"
        } else {
            ""
        };
        let field = under(&field);
        return Problem {
            message: format!("{field} is not a parameter of this call{hint}"),
            field,
        };
    }
    Problem {
        field: path.to_owned(),
        message: format!("{path}: {message}"),
    }
}

/// `value` as a plain JavaScript value.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, Error> {
    let json =
        serde_json::to_string(value).map_err(|e| Error::new(ErrorKind::Decode, e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|_| {
        Error::new(
            ErrorKind::Decode,
            "JSON.parse refused the client's own output",
        )
    })
}
