//! The core's validators for JavaScript, so a form shows the very messages the client gives.

use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::models::{ServerListParams, ServerUpdateParams};
use crate::params::{self, Model, Op};
use crate::portals::fields::PORTAL;
use crate::portals::{self, PortalUpdateParams};
use crate::read;
use crate::servers::fields::SERVER;
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
    checked(&SERVER, Op::Create, &params)
}

/// Every problem the table finds, in field order.
fn checked(model: &Model, op: Op, params: &JsValue) -> JsValue {
    convert::problems(&params::check(model, op, Some(params)).problems)
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
    checked(&SERVER, Op::Update, &params.into())
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

/// Every problem with portal `create` parameters (`[]` when valid), e.g.
/// `[{ field: 'hostname', message: 'hostname must be a bare host name like mcp.example.com, not a URL: …' }]`.
/// Missing required fields are reported with every other problem, so a form can mark all its
/// fields at once.
#[wasm_bindgen(js_name = validatePortalCreateParams, unchecked_return_type = "Problem[]")]
pub fn validate_portal_create_params(
    #[wasm_bindgen(unchecked_param_type = "Partial<PortalCreateParams>")] params: JsValue,
) -> JsValue {
    checked(&PORTAL, Op::Create, &params)
}

/// Every problem with portal `update` parameters (`[]` when valid).
#[wasm_bindgen(js_name = validatePortalUpdateParams, unchecked_return_type = "Problem[]")]
pub fn validate_portal_update_params(params: Ts<PortalUpdateParams>) -> JsValue {
    checked(&PORTAL, Op::Update, &params.into())
}

/// Every problem with portal `list` parameters (`[]` when valid).
#[wasm_bindgen(js_name = validatePortalListParams, unchecked_return_type = "Problem[]")]
pub fn validate_portal_list_params(
    #[wasm_bindgen(unchecked_param_type = "PortalListParams")] params: JsValue,
) -> JsValue {
    problems_of(read::list_params(Some(&params)), validate::list_params)
}

/// Problems with a portal id (`[]` when valid).
#[wasm_bindgen(js_name = validatePortalId, unchecked_return_type = "Problem[]")]
pub fn validate_portal_id(id: &str) -> JsValue {
    let mut problems = Vec::new();
    portals::validate::check_portal_id("id", id, &mut problems);
    convert::problems(&problems)
}
