//! `McpServersClient`, the class JavaScript uses, and `ServerPager` behind `listAll`.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Promise;
use std::future::Future;
use std::pin::Pin;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::client::{Call, Client};
use crate::error::{Error, ErrorKind};
use crate::models::{AccountParams, ServerCreateParams, ServerListParams, ServerUpdateParams};
use crate::read;
use crate::servers::{Item, Pages};
use crate::validate::Problem;

use super::convert;
use super::error::to_js as error_to_js;
use super::fetch::{FetchTransport, KeepHeaders};
use super::glue;
use super::options::{self, ClientOptions, RequestOptions};
use super::response::with_response;
use super::signal::abortable;
use crate::envelope::Success;

type Core = Client<FetchTransport>;

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

/// A call's Promise. The future is boxed so that one copy of the promise machinery serves
/// every method (seven copies cost about 11 KB of wasm).
pub(super) fn spawn(call: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let call: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(call);
    future_to_promise(call)
}

pub(super) fn id_argument(id: &JsValue) -> Result<String, Error> {
    id.as_string().ok_or_else(|| {
        Error::validation(vec![Problem {
            field: "id".into(),
            message: "id must be a string (the server id)".into(),
        }])
    })
}

#[wasm_bindgen]
impl McpServersClient {
    /// Creates a client. Throws a `McpServersError` (kind `'validation'`) for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<ClientOptions>>) -> Result<McpServersClient, JsValue> {
        let raw = options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
        let (config, transport) = options::client_config(&raw, None).map_err(error_to_js)?;
        Ok(Self {
            core: Rc::new(Client::new(config, transport)),
            raw: false,
        })
    }

    /// A new client with some options changed, e.g. another account or a shorter timeout:
    /// `client.withOptions({ accountId: other, timeout: 5000 })`. Options not named keep this
    /// client's values (`null` clears a credential, `accountId`, or `baseURL` back to the
    /// default); the `fetch` and the logger are shared. Throws like the constructor.
    #[wasm_bindgen(js_name = withOptions)]
    pub fn with_options(&self, options: Ts<ClientOptions>) -> Result<McpServersClient, JsValue> {
        let base = (self.core.config(), self.core.transport());
        let (config, transport) =
            options::client_config(&options.into(), Some(base)).map_err(error_to_js)?;
        Ok(Self {
            core: Rc::new(Client::new(config, transport)),
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
        let transport = self.core.transport().keeping(KeepHeaders::All);
        Self {
            core: Rc::new(Client::new(self.core.config().clone(), transport)),
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
        self.run("list", start, Answer::Page)
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
        let start = inputs(read::create_params, params.into(), options.map(Into::into))
            .and_then(|(params, opts, signal)| Ok((self.core.create_call(&params)?, opts, signal)));
        self.run("create", start, Answer::Result)
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
        let start = with_id(
            read::update_params,
            &id,
            Some(params.into()),
            options.map(Into::into),
        )
        .and_then(|(id, (params, opts, signal))| {
            Ok((self.core.update_call(&id, &params)?, opts, signal))
        });
        self.run("update", start, Answer::Result)
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

/// The calls on one server that take only `{ account_id? }`.
/// What a call resolves to.
#[derive(Clone, Copy)]
enum Answer {
    /// The envelope's `result`.
    Result,
    /// `{ result, result_info }`.
    Page,
}

impl McpServersClient {
    /// The pages behind `listAll`, one `next()` at a time; `next()` resolves to `undefined` at
    /// the end. Not a JavaScript method: `listAll` is the documented way to walk pages.
    fn pages(
        &self,
        params: Option<Ts<ServerListParams>>,
        options: Option<Ts<RequestOptions>>,
    ) -> ServerPager {
        let state = inputs(read::list_params, optional(params), options.map(Into::into)).map(
            |(params, opts, signal)| PagerState {
                pages: Pages::new(params),
                opts,
                signal,
            },
        );
        // The walk's own transport also keeps `ratelimit` on pages, to pace itself by it.
        let transport = self.core.transport().keeping(KeepHeaders::RateLimit);
        ServerPager {
            core: Rc::new(Client::new(self.core.config().clone(), transport)),
            state: Rc::new(Cell::new(Some(state))),
        }
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
        self.run(name, start, Answer::Result)
    }

    /// Sends a checked request: one async path, so one copy of its state machine, serves
    /// every method.
    fn run(
        &self,
        name: &'static str,
        start: Result<Inputs<Call>, Error>,
        answer: Answer,
    ) -> Promise {
        let core = self.core.clone();
        let raw = self.raw;
        spawn(async move {
            let (call, opts, signal) = start.map_err(error_to_js)?;
            let mut success = abortable(signal, name, core.send(call, &opts))
                .await
                .map_err(error_to_js)?;
            let response = raw.then(|| std::mem::take(&mut success.response));
            let data = match answer {
                Answer::Result => success.result,
                Answer::Page => convert::page(success),
            };
            Ok(match response {
                Some(response) => with_response(data, &response),
                None => data,
            })
        })
    }
}

fn optional<T: tsify::Tsify>(value: Option<Ts<T>>) -> JsValue {
    value.map(JsValue::from).unwrap_or(JsValue::UNDEFINED)
}

type Inputs<P> = (
    P,
    crate::config::RequestOptions,
    Option<web_sys::AbortSignal>,
);

/// How a call's parameters are read (see [`crate::read`]).
type ReadParams<P> = fn(Option<&JsValue>) -> Result<P, Vec<Problem>>;

/// Reads a call's parameters and options, reporting every problem at once.
fn inputs<P>(
    read: ReadParams<P>,
    params: JsValue,
    options: Option<JsValue>,
) -> Result<Inputs<P>, Error> {
    let params = read(Some(&params)).map_err(Error::validation)?;
    let (opts, signal) = options::request_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    Ok((params, opts, signal))
}

fn with_id<P>(
    read: ReadParams<P>,
    id: &JsValue,
    params: Option<JsValue>,
    options: Option<JsValue>,
) -> Result<(String, Inputs<P>), Error> {
    let id = id_argument(id)?;
    Ok((
        id,
        inputs(read, params.unwrap_or(JsValue::UNDEFINED), options)?,
    ))
}

struct PagerState {
    pages: Pages,
    opts: crate::config::RequestOptions,
    signal: Option<web_sys::AbortSignal>,
}

/// [`Pages::next`]'s steps with the caller's signal. Written out rather than wrapping
/// `Pages::next` so the page goes through the very `abortable(send)` every method uses: one copy
/// of the request state machine in the wasm instead of two (0.3 KB gzipped).
async fn next_page(core: &Core, state: &mut PagerState) -> Result<Option<Success<JsValue>>, Error> {
    let Some(call) = state.pages.next_call(core, &state.opts)? else {
        return Ok(None);
    };
    if let Some(ms) = state.pages.take_wait(core) {
        // Ends early when the caller aborts; the send below then rejects at once.
        let _ = JsFuture::from(glue::sleep(ms as f64, state.signal.as_ref())).await;
    }
    let signal = state.signal.clone();
    let page = abortable(signal, "listAll", core.send(call, &state.opts)).await?;
    state.pages.record(core, &page)?;
    Ok(Some(page))
}

/// Walks the pages of a list, as `listAll` does; each `next()` resolves to the next page,
/// or to `undefined` after the last.
#[wasm_bindgen]
pub struct ServerPager {
    core: Rc<Core>,
    state: Rc<Cell<Option<Result<PagerState, Error>>>>,
}

#[wasm_bindgen]
impl ServerPager {
    /// The next page, or `undefined` when there are no more.
    #[wasm_bindgen(unchecked_return_type = "Promise<ServerListPage | undefined>")]
    pub fn next(&self) -> Promise {
        let core = self.core.clone();
        let slot = self.state.clone();
        spawn(async move {
            // Taken out while a page is in flight, so overlapping calls fail instead of racing.
            let taken = slot.take();
            let mut state = match taken {
                Some(Ok(state)) => state,
                Some(Err(e)) => return Err(error_to_js(e)),
                None => {
                    return Err(error_to_js(Error::new(
                        ErrorKind::Validation,
                        "pages.next(): the previous page has not arrived yet; await it first",
                    )))
                }
            };
            let result = next_page(&core, &mut state).await;
            slot.set(Some(Ok(state)));
            match result {
                Ok(Some(page)) => Ok(convert::page(page)),
                Ok(None) => Ok(JsValue::UNDEFINED),
                Err(e) => Err(error_to_js(e)),
            }
        })
    }
}
