//! The core's validators for JavaScript, so a form shows the very messages the client gives.

use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::models::{ServerCreateParams, ServerListParams, ServerUpdateParams};
use crate::validate::{self, Problem};

use super::convert;

fn problems_to_js(problems: Vec<Problem>) -> JsValue {
    convert::to_js(&problems).unwrap_or_else(|_| js_sys::Array::new().into())
}

/// Every problem with `create` parameters (`[]` when valid), e.g.
/// `[{ field: 'hostname', message: 'hostname must be an absolute http(s) URL …' }]`.
/// Missing required fields are reported together with every other problem, so a form can
/// mark all its fields at once.
#[wasm_bindgen(js_name = validateServerCreateParams, unchecked_return_type = "Problem[]")]
pub fn validate_server_create_params(
    #[wasm_bindgen(unchecked_param_type = "Partial<ServerCreateParams>")] params: JsValue,
) -> JsValue {
    problems_to_js(create_problems(&params).unwrap_or_else(|problems| problems))
}

/// Required fields of a create, in form order, with a stand-in that passes every check.
const REQUIRED: [(&str, &str); 4] = [
    ("id", "x"),
    ("name", "x"),
    ("hostname", "https://x"),
    ("auth_type", "unauthenticated"),
];

fn create_problems(params: &JsValue) -> Result<Vec<Problem>, Vec<Problem>> {
    let mut draft =
        convert::from_js::<serde_json::Map<String, serde_json::Value>>("params", params)?;
    let mut missing = Vec::new();
    for (field, stand_in) in REQUIRED {
        if draft.get(field).is_none_or(serde_json::Value::is_null) {
            missing.push(field);
            draft.insert(field.to_owned(), stand_in.into());
        }
    }
    let draft = serde_json::Value::Object(draft).to_string();
    let parsed: ServerCreateParams = convert::from_json(&draft)?;
    let mut problems: Vec<Problem> = missing
        .iter()
        .map(|field| Problem {
            field: (*field).to_owned(),
            message: format!("{field} is required"),
        })
        .collect();
    problems.extend(validate::create_params(&parsed));
    let rank = |p: &Problem| {
        REQUIRED
            .iter()
            .position(|(f, _)| p.field == *f)
            .unwrap_or(REQUIRED.len())
    };
    problems.sort_by_key(rank);
    Ok(problems)
}

/// Every problem with `update` parameters (`[]` when valid).
#[wasm_bindgen(js_name = validateServerUpdateParams, unchecked_return_type = "Problem[]")]
pub fn validate_server_update_params(params: Ts<ServerUpdateParams>) -> JsValue {
    problems_to_js(
        match convert::from_js::<ServerUpdateParams>("params", &params.into()) {
            Ok(params) => validate::update_params(&params),
            Err(problems) => problems,
        },
    )
}

/// Every problem with `list` parameters (`[]` when valid).
#[wasm_bindgen(js_name = validateServerListParams, unchecked_return_type = "Problem[]")]
pub fn validate_server_list_params(params: Ts<ServerListParams>) -> JsValue {
    problems_to_js(
        match convert::from_js::<ServerListParams>("params", &params.into()) {
            Ok(params) => validate::list_params(&params),
            Err(problems) => problems,
        },
    )
}

/// Problems with a server id (`[]` when valid).
#[wasm_bindgen(js_name = validateServerId, unchecked_return_type = "Problem[]")]
pub fn validate_server_id(id: &str) -> JsValue {
    let mut problems = Vec::new();
    validate::check_server_id("id", id, &mut problems);
    problems_to_js(problems)
}
