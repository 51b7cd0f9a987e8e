//! The core's validators for JavaScript, so a form shows the very messages the client gives.

use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::models::{ServerListParams, ServerUpdateParams};
use crate::read;
use crate::validate::{self, Problem};

use super::convert;

/// Every problem with `create` parameters (`[]` when valid), e.g.
/// `[{ field: 'hostname', message: 'hostname must be an absolute http(s) URL …' }]`.
/// Missing required fields are reported together with every other problem, so a form can
/// mark all its fields at once.
#[wasm_bindgen(js_name = validateServerCreateParams, unchecked_return_type = "Problem[]")]
pub fn validate_server_create_params(
    #[wasm_bindgen(unchecked_param_type = "Partial<ServerCreateParams>")] params: JsValue,
) -> JsValue {
    let (draft, mut problems) = read::create_draft(Some(&params));
    // A field already reported (missing, or of the wrong type) is not reported twice.
    let reported: Vec<String> = problems.iter().map(|p| p.field.clone()).collect();
    problems.extend(
        validate::create_params(&draft)
            .into_iter()
            .filter(|p| !reported.contains(&p.field)),
    );
    // Form order: the required fields first, as a create form lays them out.
    let required = ["id", "name", "hostname", "auth_type"];
    let mut ordered: Vec<Problem> = Vec::with_capacity(problems.len());
    for field in required {
        ordered.extend(problems.iter().filter(|p| p.field == field).cloned());
    }
    ordered.extend(
        problems
            .into_iter()
            .filter(|p| !required.contains(&p.field.as_str())),
    );
    convert::problems(&ordered)
}

fn problems_of<P>(read: Result<P, Vec<Problem>>, check: fn(&P) -> Vec<Problem>) -> JsValue {
    convert::problems(&match read {
        Ok(params) => check(&params),
        Err(problems) => problems,
    })
}

/// Every problem with `update` parameters (`[]` when valid).
#[wasm_bindgen(js_name = validateServerUpdateParams, unchecked_return_type = "Problem[]")]
pub fn validate_server_update_params(params: Ts<ServerUpdateParams>) -> JsValue {
    problems_of(
        read::update_params(Some(&JsValue::from(params))),
        validate::update_params,
    )
}

/// Every problem with `list` parameters (`[]` when valid).
#[wasm_bindgen(js_name = validateServerListParams, unchecked_return_type = "Problem[]")]
pub fn validate_server_list_params(params: Ts<ServerListParams>) -> JsValue {
    problems_of(
        read::list_params(Some(&JsValue::from(params))),
        validate::list_params,
    )
}

/// Problems with a server id (`[]` when valid).
#[wasm_bindgen(js_name = validateServerId, unchecked_return_type = "Problem[]")]
pub fn validate_server_id(id: &str) -> JsValue {
    let mut problems = Vec::new();
    validate::check_server_id("id", id, &mut problems);
    convert::problems(&problems)
}
