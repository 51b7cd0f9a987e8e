//! `McpPortalsClient`, the class JavaScript uses for portals, and the portal free functions:
//! `validatePortal*`, `portalToUpdateParams` and `effectivePortalView`.

use std::rc::Rc;

use js_sys::{Array, Object, Promise};
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::client::Call;
use crate::error::Error;
use crate::models::ServerListParams;
use crate::pages::Pages;
use crate::portals::{self, Exposed, PortalCreateParams, PortalUpdateParams};
use crate::read;
use crate::request::Resource;

use super::call::{self, inputs, optional, run, with_id, Answer, Core};
use super::convert::set;
use super::glue;
use super::options::{ClientOptions, RequestOptions};

/// A client of the Cloudflare Zero Trust Access AI Controls MCP portals API, with the very
/// same options as `McpServersClient`.
///
/// ```ts
/// const portals = new McpPortalsClient({ apiToken, accountId });
/// const portal = await portals.read('my-portal');
/// ```
#[wasm_bindgen]
pub struct McpPortalsClient {
    core: Rc<Core>,
    /// Calls resolve to `{ data, response }` (the view `withResponse()` returns).
    raw: bool,
}

#[wasm_bindgen]
impl McpPortalsClient {
    /// Creates a client. Throws a `McpServersError` (kind `'validation'`) for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<ClientOptions>>) -> Result<McpPortalsClient, JsValue> {
        Ok(Self {
            core: call::core_from(&optional(options), None)?,
            raw: false,
        })
    }

    /// A new client with some options changed, as `McpServersClient.withOptions`.
    #[wasm_bindgen(js_name = withOptions)]
    pub fn with_options(&self, options: Ts<ClientOptions>) -> Result<McpPortalsClient, JsValue> {
        Ok(Self {
            core: call::core_from(&options.into(), Some(&self.core))?,
            raw: false,
        })
    }

    /// The same client, but each call resolves to `{ data, response }`, as
    /// `McpServersClient.withResponse`.
    #[wasm_bindgen(
        js_name = withResponse,
        unchecked_return_type = "McpPortalsClientWithResponse"
    )]
    pub fn with_response(&self) -> McpPortalsClient {
        Self {
            core: call::raw_core(&self.core),
            raw: true,
        }
    }

    /// Lists one page of portals: `{ result, result_info? }` (`search` matches id, name and
    /// hostname).
    #[wasm_bindgen(unchecked_return_type = "Promise<PortalListPage>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "PortalListParams | null")] params: Option<
            Ts<ServerListParams>,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions | null")] options: Option<
            Ts<RequestOptions>,
        >,
    ) -> Promise {
        let start = inputs(read::list_params, optional(params), options.map(Into::into)).and_then(
            |(params, opts, signal)| Ok((self.core.portals().list_call(&params)?, opts, signal)),
        );
        self.run_call("list", start, Answer::Page)
    }

    /// Every portal of the account, page by page, as an async iterable.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "AsyncIterable<McpPortal>")]
    pub fn list_all(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "PortalListParams | null")] params: Option<
            Ts<ServerListParams>,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions | null")] options: Option<
            Ts<RequestOptions>,
        >,
    ) -> JsValue {
        glue::pages_to_items(call::pager(
            &self.core,
            read::list_params,
            Pages::portals,
            optional(params),
            options,
        ))
    }

    /// Creates a portal.
    #[wasm_bindgen(unchecked_return_type = "Promise<McpPortal>")]
    pub fn create(
        &self,
        params: Ts<PortalCreateParams>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        let start = call::params_call(&self.core, Resource::Portals, None, params.into(), options);
        self.run_call("create", start, Answer::Result)
    }

    /// Reads one portal, with its servers.
    #[wasm_bindgen(unchecked_return_type = "Promise<McpPortal>")]
    pub fn read(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PortalReadParams | null")] params: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions | null")] options: Option<
            Ts<RequestOptions>,
        >,
    ) -> Promise {
        self.item(false, id, params, options)
    }

    /// Updates a portal; only the fields you set are sent, and `servers` replaces the whole
    /// mapping (start from `portalToUpdateParams(portal)`).
    #[wasm_bindgen(unchecked_return_type = "Promise<McpPortal>")]
    pub fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        params: Ts<PortalUpdateParams>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        let start = call::params_call(
            &self.core,
            Resource::Portals,
            Some(&id),
            params.into(),
            options,
        );
        self.run_call("update", start, Answer::Result)
    }

    /// Deletes a portal; resolves to the portal as it was, without `servers`.
    #[wasm_bindgen(unchecked_return_type = "Promise<PortalSummary>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PortalDeleteParams | null")] params: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions | null")] options: Option<
            Ts<RequestOptions>,
        >,
    ) -> Promise {
        self.item(true, id, params, options)
    }
}

impl McpPortalsClient {
    fn item(
        &self,
        delete: bool,
        id: JsValue,
        params: Option<JsValue>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        let start = with_id(read::account_params, &id, params, options.map(Into::into)).and_then(
            |(id, (params, opts, signal))| {
                Ok((
                    self.core.portals().item_call(delete, &id, &params)?,
                    opts,
                    signal,
                ))
            },
        );
        let name = if delete { "delete" } else { "read" };
        self.run_call(name, start, Answer::Result)
    }

    fn run_call(
        &self,
        name: &'static str,
        start: Result<call::Inputs<Call>, Error>,
        answer: Answer,
    ) -> Promise {
        run(&self.core, self.raw, name, start, answer)
    }
}

/// The update parameters that leave `portal` (as read) unchanged: every field, and each
/// server link with the portal's own overrides (`portal_alias` → `alias`,
/// `portal_description` → `description`; the `server_*` ones dropped). Change one thing in
/// them and `update` keeps everything else.
#[wasm_bindgen(js_name = portalToUpdateParams, unchecked_return_type = "PortalUpdateParams")]
pub fn portal_to_update_params(
    #[wasm_bindgen(unchecked_param_type = "McpPortal")] portal: JsValue,
) -> JsValue {
    glue::parse_json(&JsValue::from_str(&portals::round_trip::update_body_of(
        &portal,
    )))
}

fn capabilities(list: Vec<Exposed<JsValue>>) -> JsValue {
    let out = Array::new();
    for item in list {
        let name = JsValue::from_str(&item.name);
        let description = item.description.as_deref().map(JsValue::from_str);
        // A copy of the upstream definition with what agents see written in.
        let definition = Object::assign(&Object::new(), item.upstream.unchecked_ref());
        set(&definition, "name", &name);
        let o = Object::new();
        set(&o, "name", &name);
        if let Some(text) = &description {
            set(&definition, "description", text);
            set(&o, "description", text);
        }
        set(&o, "server_id", &JsValue::from_str(&item.server_id));
        set(&o, "upstream_name", &JsValue::from_str(&item.upstream_name));
        set(&o, "definition", &definition);
        out.push(&o);
    }
    out.into()
}

/// What an agent connected to `portal` sees: its servers' tools and prompts (from their last
/// sync) named `{server_id}_{alias or name}`, with aliases and descriptions portal first, then
/// server, then upstream, and hidden ones left out. The emulator's portal endpoint lists the
/// very same (one function in the Rust core).
#[wasm_bindgen(js_name = effectivePortalView, unchecked_return_type = "EffectiveView")]
pub fn effective_portal_view(
    #[wasm_bindgen(unchecked_param_type = "McpPortal")] portal: JsValue,
) -> JsValue {
    let (tools, prompts) = portals::exposed(&portal);
    let o = Object::new();
    set(&o, "tools", &capabilities(tools));
    set(&o, "prompts", &capabilities(prompts));
    o.into()
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** The official SDK's names for the portal types, so code moves over unchanged. */
export type PortalListParams = ServerListParams;
export type PortalReadParams = AccountParams;
export type PortalDeleteParams = AccountParams;
export type PortalCreateResponse = McpPortal;
export type PortalReadResponse = McpPortal;
export type PortalUpdateResponse = McpPortal;
export type PortalListResponse = McpPortal;
export type PortalDeleteResponse = PortalSummary;
/** The calls of `portals.withResponse()`: the same parameters, each resolving to `{ data, response }`. */
export type McpPortalsClientWithResponse = {
  [K in 'list' | 'create' | 'read' | 'update' | 'delete']: (
    ...args: Parameters<McpPortalsClient[K]>
  ) => Promise<WithResponse<Awaited<ReturnType<McpPortalsClient[K]>>>>;
} & Pick<McpPortalsClient, 'free'>;
"#;
