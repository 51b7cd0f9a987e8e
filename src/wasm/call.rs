//! What the JavaScript client classes share: reading a call's inputs, the one async path that
//! sends every call, and `ServerPager`, the page walk behind every `listAll`.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use js_sys::Promise;
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::client::{Call, Client};
use crate::envelope::Success;
use crate::error::{Error, ErrorKind};
use crate::request::Resource;
use crate::servers::Pages;
use crate::validate::Problem;

use super::convert;
use super::error::to_js as error_to_js;
use super::fetch::{FetchTransport, KeepHeaders};
use super::glue;
use super::options::{self, RequestOptions};
use super::response::with_response;
use super::signal::abortable;

pub(super) type Core = Client<FetchTransport>;

/// A client's core from its options (`JsValue::UNDEFINED` for none), or, with `base`, from a
/// client whose options they change (`withOptions`). Throws like the constructors.
pub(super) fn core_from(options: &JsValue, base: Option<&Core>) -> Result<Rc<Core>, JsValue> {
    let base = base.map(|core| (core.config(), core.transport()));
    let (config, transport) = options::client_config(options, base).map_err(error_to_js)?;
    Ok(Rc::new(Client::new(config, transport)))
}

/// The core of a `withResponse()` view: the same settings, keeping every response header.
pub(super) fn raw_core(core: &Core) -> Rc<Core> {
    let transport = core.transport().keeping(KeepHeaders::All);
    Rc::new(Client::new(core.config().clone(), transport))
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
            message: "id must be a string".into(),
        }])
    })
}

/// What a call resolves to.
#[derive(Clone, Copy)]
pub(super) enum Answer {
    /// The envelope's `result`.
    Result,
    /// `{ result, result_info }`.
    Page,
}

/// Sends a checked request: one async path, so one copy of its state machine, serves every
/// method of every class. `raw`: resolve to `{ data, response }`.
pub(super) fn run(
    core: &Rc<Core>,
    raw: bool,
    name: &'static str,
    start: Result<Inputs<Call>, Error>,
    answer: Answer,
) -> Promise {
    let core = core.clone();
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

pub(super) fn optional<T: tsify::Tsify>(value: Option<Ts<T>>) -> JsValue {
    value.map(JsValue::from).unwrap_or(JsValue::UNDEFINED)
}

pub(super) type Inputs<P> = (
    P,
    crate::config::RequestOptions,
    Option<web_sys::AbortSignal>,
);

/// How a call's parameters are read (see [`crate::read`]).
pub(super) type ReadParams<P> = fn(Option<&JsValue>) -> Result<P, Vec<Problem>>;

/// Reads a call's parameters and options, reporting every problem at once.
pub(super) fn inputs<P>(
    read: ReadParams<P>,
    params: JsValue,
    options: Option<JsValue>,
) -> Result<Inputs<P>, Error> {
    let params = read(Some(&params)).map_err(Error::validation)?;
    let (opts, signal) = options::request_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    Ok((params, opts, signal))
}

pub(super) fn with_id<P>(
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

/// A create (`id` `None`) or an update: its request from the parameters as given, checked
/// through the resource's table, and the call's options.
pub(super) fn params_call(
    core: &Core,
    resource: Resource,
    id: Option<&JsValue>,
    params: JsValue,
    options: Option<Ts<RequestOptions>>,
) -> Result<Inputs<Call>, Error> {
    let id = id.map(id_argument).transpose()?;
    let call = core.params_request(resource, id.as_deref(), Some(&params), None)?;
    let options = options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
    let (opts, signal) = options::request_options(&options)?;
    Ok((call, opts, signal))
}

/// The pager behind `listAll`: `make` turns the list parameters into the walk.
pub(super) fn pager<P>(
    core: &Core,
    read: ReadParams<P>,
    make: fn(P) -> Pages,
    params: JsValue,
    options: Option<Ts<RequestOptions>>,
) -> ServerPager {
    let state =
        inputs(read, params, options.map(Into::into)).map(|(params, opts, signal)| PagerState {
            pages: make(params),
            opts,
            signal,
        });
    // The walk's own transport also keeps `ratelimit` on pages, to pace itself by it.
    let transport = core.transport().keeping(KeepHeaders::RateLimit);
    ServerPager {
        core: Rc::new(Client::new(core.config().clone(), transport)),
        state: Rc::new(Cell::new(Some(state))),
    }
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
