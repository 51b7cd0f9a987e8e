//! `McpServersClient`, the class JavaScript uses for servers.

use std::rc::Rc;

use js_sys::Promise;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::models::{AccountParams, ServerCreateParams, ServerListParams, ServerUpdateParams};
use crate::read;
use crate::request::Resource;
use crate::servers::{Item, Pages};

use super::call::{self, inputs, optional, run, with_id, Answer, Core, ServerPager};
use super::glue;
use super::options::{ClientOptions, RequestOptions};

/// A client of the Cloudflare Zero Trust Access AI Controls MCP servers API.
///
/// ```ts
/// const client = new McpServersClient({ apiToken, accountId });
/// const server = await client.read('github');
/// ```
#[wasm_bindgen]
pub struct McpServersClient {
    pub(super) core: Rc<Core>,
    /// Calls resolve to `{ data, response }` (the view `withResponse()` returns).
    raw: bool,
}

#[wasm_bindgen]
impl McpServersClient {
    /// Creates a client. Throws a `McpServersError` (kind `'validation'`) for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<ClientOptions>>) -> Result<McpServersClient, JsValue> {
        Ok(Self {
            core: call::core_from(&optional(options), None)?,
            raw: false,
        })
    }

    /// A new client with some options changed, e.g. another account or a shorter timeout:
    /// `client.withOptions({ accountId: other, timeout: 5000 })`. Options not named keep this
    /// client's values (`null` clears a credential, `accountId`, or `baseURL` back to the
    /// default); the `fetch` and the logger are shared. Throws like the constructor.
    #[wasm_bindgen(js_name = withOptions)]
    pub fn with_options(&self, options: Ts<ClientOptions>) -> Result<McpServersClient, JsValue> {
        Ok(Self {
            core: call::core_from(&options.into(), Some(&self.core))?,
            raw: false,
        })
    }

    /// The same client, but each call resolves to `{ data, response }`, where `response` holds
    /// the status, every header, the ray id and the parsed rate limit:
    /// `const { data, response } = await client.withResponse().read('github')`.
    #[wasm_bindgen(
        js_name = withResponse,
        unchecked_return_type = "McpServersClientWithResponse"
    )]
    pub fn with_response(&self) -> McpServersClient {
        Self {
            core: call::raw_core(&self.core),
            raw: true,
        }
    }

    /// Lists one page of servers: `{ result, result_info? }`.
    #[wasm_bindgen(unchecked_return_type = "Promise<ServerListPage>")]
    pub fn list(
        &self,
        params: Option<Ts<ServerListParams>>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        let start = inputs(read::list_params, optional(params), options.map(Into::into))
            .and_then(|(params, opts, signal)| Ok((self.core.list_call(&params)?, opts, signal)));
        self.run_call("list", start, Answer::Page)
    }

    /// Every server of the account, page by page, as an async iterable:
    /// `for await (const server of client.listAll({ per_page: 100 })) { … }`.
    #[wasm_bindgen(js_name = listAll, unchecked_return_type = "AsyncIterable<McpServer>")]
    pub fn list_all(
        &self,
        params: Option<Ts<ServerListParams>>,
        options: Option<Ts<RequestOptions>>,
    ) -> JsValue {
        glue::pages_to_items(self.pages(params, options))
    }

    /// Creates a server.
    #[wasm_bindgen(unchecked_return_type = "Promise<McpServer>")]
    pub fn create(
        &self,
        params: Ts<ServerCreateParams>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        let start = call::params_call(&self.core, Resource::Servers, None, params.into(), options);
        self.run_call("create", start, Answer::Result)
    }

    /// Reads one server.
    #[wasm_bindgen(unchecked_return_type = "Promise<McpServer>")]
    pub fn read(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        params: Option<Ts<AccountParams>>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        self.item(Item::Read, id, params, options)
    }

    /// Updates a server; only the fields you set are sent.
    #[wasm_bindgen(unchecked_return_type = "Promise<McpServer>")]
    pub fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        params: Ts<ServerUpdateParams>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        let start = call::params_call(
            &self.core,
            Resource::Servers,
            Some(&id),
            params.into(),
            options,
        );
        self.run_call("update", start, Answer::Result)
    }

    /// Deletes a server; resolves to the server as it was.
    #[wasm_bindgen(unchecked_return_type = "Promise<McpServer>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        params: Option<Ts<AccountParams>>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        self.item(Item::Delete, id, params, options)
    }

    /// Syncs a server's tools and prompts from upstream now. An upstream failure resolves
    /// with `status: 'error'` and `error_details`; only API failures reject.
    #[wasm_bindgen(unchecked_return_type = "Promise<SyncResult>")]
    pub fn sync(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        params: Option<Ts<AccountParams>>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        self.item(Item::Sync, id, params, options)
    }
}

impl McpServersClient {
    /// The pages behind `listAll`, one `next()` at a time; `next()` resolves to `undefined` at
    /// the end. Not a JavaScript method: `listAll` is the documented way to walk pages.
    fn pages(
        &self,
        params: Option<Ts<ServerListParams>>,
        options: Option<Ts<RequestOptions>>,
    ) -> ServerPager {
        call::pager(
            &self.core,
            read::list_params,
            Pages::new,
            optional(params),
            options,
        )
    }

    fn item(
        &self,
        which: Item,
        id: JsValue,
        params: Option<Ts<AccountParams>>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        let start = with_id(
            read::account_params,
            &id,
            params.map(Into::into),
            options.map(Into::into),
        )
        .and_then(|(id, (params, opts, signal))| {
            Ok((self.core.item_call(which, &id, &params)?, opts, signal))
        });
        let name = match which {
            Item::Read => "read",
            Item::Delete => "delete",
            Item::Sync => "sync",
        };
        self.run_call(name, start, Answer::Result)
    }

    fn run_call(
        &self,
        name: &'static str,
        start: Result<call::Inputs<crate::client::Call>, crate::error::Error>,
        answer: Answer,
    ) -> Promise {
        run(&self.core, self.raw, name, start, answer)
    }
}
