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
#[wasm_bindgen(js_name = validateServerCreateParams, unchecked_return_type = "Problem[]")]
pub fn validate_server_create_params(
    #[wasm_bindgen(unchecked_param_type = "Partial<ServerCreateParams>")] params: JsValue,
) -> JsValue {
    problems_to_js(
        match convert::from_js::<ServerCreateParams>("params", &params) {
            Ok(params) => validate::create_params(&params),
            Err(problems) => problems,
        },
    )
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
