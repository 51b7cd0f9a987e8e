//! Catalogue review for JavaScript: `diffCatalogue`, `capabilityDigest`, `catalogueSnapshot`,
//! `effectiveCatalogue`, and the client's `syncAndReview`, `review`, `pinDescriptions`,
//! `quarantine` and `approve`. Each converts its arguments, calls `crate::catalogue`, and
//! builds the plain objects the types below describe.

use js_sys::{Array, Object, Promise};
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::catalogue::{
    self, params, CapabilityNames, CatalogueDiff, Changes, Effective, Job, Outcome, Plan, Review,
    ReviewChanges, Snapshot, Step,
};
use crate::error::Error;
use crate::models::AccountParams;
use crate::read;
use crate::validate::Problem;

use super::call::{id_argument, spawn};
use super::convert::set;
use super::error::to_js as error_to_js;
use super::options::{self, RequestOptions};
use super::servers::McpServersClient;
use super::signal::abortable;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A server, or any object with `tools` and `prompts` lists. */
export type Catalogue = { tools?: Record<string, unknown>[] | null; prompts?: Record<string, unknown>[] | null };
/** Names of capabilities: an array (each the tool or prompt of that name), or per kind. */
export type CapabilitySelection = string[] | { tools?: string[]; prompts?: string[] };
/** `syncAndReview`'s parameters. */
export interface SyncReviewParams {
  /** Account, when not the client's `accountId`. */
  account_id?: string;
  /** Disable what the sync brought in: `'new'` added capabilities, `'changed'` added and changed ones. Default `'off'`. */
  quarantine?: 'new' | 'changed' | 'off';
}
/** What `syncAndReview` did. */
export interface SyncReview {
  /** The sync's outcome. */
  sync: SyncResult;
  /** The server after the sync (and the quarantine write, if any). */
  server: McpServer;
  /** What the sync changed. */
  changes: CatalogueDiff;
  /** What was disabled because of `quarantine`. */
  quarantined: CapabilityNames;
}
"#;

fn strings(list: &[String]) -> JsValue {
    list.iter()
        .map(|s| JsValue::from_str(s))
        .collect::<Array>()
        .into()
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (key, value) in pairs {
        set(&o, key, value);
    }
    o.into()
}

fn changes(c: &Changes) -> JsValue {
    let changed: Array = c
        .changed
        .iter()
        .map(|c| {
            object(&[
                ("name", JsValue::from_str(&c.name)),
                ("fields", strings(&c.fields)),
            ])
        })
        .collect();
    object(&[
        ("added", strings(&c.added)),
        ("removed", strings(&c.removed)),
        ("changed", changed.into()),
    ])
}

fn diff_js(d: &CatalogueDiff) -> JsValue {
    object(&[
        ("tools", changes(&d.tools)),
        ("prompts", changes(&d.prompts)),
    ])
}

fn names_js(n: &CapabilityNames) -> JsValue {
    object(&[
        ("tools", strings(&n.tools)),
        ("prompts", strings(&n.prompts)),
    ])
}

fn digests(map: &catalogue::Digests) -> JsValue {
    let o = Object::new();
    for (name, digest) in &map.0 {
        set(&o, name, &JsValue::from_str(digest));
    }
    o.into()
}

fn snapshot_js(s: &Snapshot) -> JsValue {
    object(&[
        ("tools", digests(&s.tools)),
        ("prompts", digests(&s.prompts)),
    ])
}

fn optional_text(text: &Option<String>) -> JsValue {
    text.as_deref()
        .map(JsValue::from_str)
        .unwrap_or(JsValue::UNDEFINED)
}

fn effective_js(e: &Effective) -> JsValue {
    let list = |items: &[catalogue::EffectiveCapability]| -> JsValue {
        items
            .iter()
            .map(|c| {
                object(&[
                    ("name", JsValue::from_str(&c.name)),
                    ("shownName", JsValue::from_str(&c.shown_name)),
                    ("description", optional_text(&c.description)),
                    (
                        "upstreamDescription",
                        optional_text(&c.upstream_description),
                    ),
                    ("enabled", JsValue::from_bool(c.enabled)),
                    ("pinned", JsValue::from_bool(c.pinned)),
                    ("upstreamChanged", JsValue::from_bool(c.upstream_changed)),
                ])
            })
            .collect::<Array>()
            .into()
    };
    object(&[("tools", list(&e.tools)), ("prompts", list(&e.prompts))])
}

fn review_changes(r: &ReviewChanges) -> JsValue {
    object(&[
        ("added", strings(&r.added)),
        ("removed", strings(&r.removed)),
        ("changed", strings(&r.changed)),
    ])
}

fn review_js(r: &Review) -> JsValue {
    object(&[
        ("tools", review_changes(&r.tools)),
        ("prompts", review_changes(&r.prompts)),
        ("snapshot", snapshot_js(&r.snapshot)),
        ("effective", effective_js(&r.effective)),
    ])
}

fn invalid(problems: Vec<Problem>) -> JsValue {
    error_to_js(Error::validation(problems))
}

/// What changed from `before` to `after` (each a server or any `{ tools, prompts }`): names
/// added and removed, and for each changed capability the fields that differ, compared as
/// canonical JSON (key order and whitespace never count). Throws a `McpServersError` (kind
/// `'validation'`) naming the position of anything that is not a catalogue.
#[wasm_bindgen(js_name = diffCatalogue)]
pub fn diff_catalogue(
    #[wasm_bindgen(unchecked_param_type = "Catalogue")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Catalogue")] after: JsValue,
) -> Result<Ts<CatalogueDiff>, JsValue> {
    let d = catalogue::diff(&before, &after).map_err(invalid)?;
    Ok(Ts::new_unchecked(diff_js(&d)))
}

/// The digest of one tool or prompt: SHA-256 of its RFC 8785 canonical JSON, as 64 lowercase
/// hex digits; the same value the Rust crate computes.
#[wasm_bindgen(js_name = capabilityDigest)]
pub fn capability_digest(
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] capability: JsValue,
) -> Result<String, JsValue> {
    catalogue::digest(&capability, "capability").map_err(|p| invalid(vec![p]))
}

/// The digests of a catalogue's tools and prompts by name: the compact "approved" snapshot to
/// keep and give to `review` later.
#[wasm_bindgen(js_name = catalogueSnapshot)]
pub fn catalogue_snapshot(
    #[wasm_bindgen(unchecked_param_type = "Catalogue")] catalogue: JsValue,
) -> Result<Ts<Snapshot>, JsValue> {
    let s = catalogue::snapshot(&catalogue).map_err(invalid)?;
    Ok(Ts::new_unchecked(snapshot_js(&s)))
}

/// Each tool and prompt of a server as upstream describes it and as agents see it after the
/// server's overrides (alias, description override, enabled).
#[wasm_bindgen(js_name = effectiveCatalogue)]
pub fn effective_catalogue(
    #[wasm_bindgen(unchecked_param_type = "McpServer")] server: JsValue,
) -> Result<Ts<Effective>, JsValue> {
    let e = catalogue::effective(&server).map_err(invalid)?;
    Ok(Ts::new_unchecked(effective_js(&e)))
}

/// What a review call writes.
#[derive(Clone, Copy)]
enum Edit {
    Pin,
    Quarantine,
    Approve,
}

#[wasm_bindgen]
impl McpServersClient {
    /// Reads the server, syncs it, reads it again and resolves to `{ sync, server, changes,
    /// quarantined }`. With `quarantine: 'new'` (or `'changed'`) what the sync added (or added
    /// and changed) is disabled in one update that keeps every other override.
    #[wasm_bindgen(js_name = syncAndReview, unchecked_return_type = "Promise<SyncReview>")]
    pub fn sync_and_review(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SyncReviewParams")] params: Option<JsValue>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        let start = id_argument(&id).and_then(|id| {
            let (account, mode) =
                params::sync_review_params(params.as_ref()).map_err(Error::validation)?;
            let plan = Plan::new(&id, &account, Job::SyncReview(mode));
            Ok((plan, request_options(options)?))
        });
        self.drive("syncAndReview", start)
    }

    /// A server as read now against an `approved` snapshot (from `catalogueSnapshot`, or the
    /// `snapshot` of an earlier review; `null` when nothing is approved yet): what was added,
    /// removed or changed since, the snapshot of now, and the effective view.
    #[wasm_bindgen(unchecked_return_type = "Review")]
    pub fn review(
        &self,
        #[wasm_bindgen(unchecked_param_type = "McpServer")] server: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Snapshot | null | undefined")] approved: JsValue,
    ) -> Result<JsValue, JsValue> {
        let r = catalogue::review(&server, Some(&approved)).map_err(invalid)?;
        Ok(review_js(&r))
    }

    /// Writes each named tool's or prompt's current upstream description (every one's when
    /// `names` is omitted) as its description override, in one update that keeps every other
    /// override; agents then keep seeing that text whatever upstream sends later.
    #[wasm_bindgen(js_name = pinDescriptions, unchecked_return_type = "Promise<McpServer>")]
    pub fn pin_descriptions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CapabilitySelection")] names: Option<JsValue>,
        params: Option<Ts<AccountParams>>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        self.edit(Edit::Pin, id, names, params, options)
    }

    /// Disables the named capabilities (`enabled: false`) in one update that keeps every other
    /// override.
    #[wasm_bindgen(unchecked_return_type = "Promise<McpServer>")]
    pub fn quarantine(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CapabilitySelection")] names: JsValue,
        params: Option<Ts<AccountParams>>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        self.edit(Edit::Quarantine, id, Some(names), params, options)
    }

    /// Approves the named capabilities as upstream describes them now: enables them and pins
    /// their descriptions, in one update that keeps every other override.
    #[wasm_bindgen(unchecked_return_type = "Promise<McpServer>")]
    pub fn approve(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CapabilitySelection")] names: JsValue,
        params: Option<Ts<AccountParams>>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        self.edit(Edit::Approve, id, Some(names), params, options)
    }
}

type Opts = (crate::config::RequestOptions, Option<web_sys::AbortSignal>);

fn request_options(options: Option<Ts<RequestOptions>>) -> Result<Opts, Error> {
    options::request_options(&options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED))
}

impl McpServersClient {
    fn edit(
        &self,
        edit: Edit,
        id: JsValue,
        names: Option<JsValue>,
        params: Option<Ts<AccountParams>>,
        options: Option<Ts<RequestOptions>>,
    ) -> Promise {
        let params = params.map(JsValue::from);
        let start = id_argument(&id).and_then(|id| {
            let names = params::names(names.as_ref(), matches!(edit, Edit::Pin))
                .map_err(Error::validation)?;
            let account = read::account_params(params.as_ref()).map_err(Error::validation)?;
            let call = match edit {
                Edit::Pin => catalogue::Edit::Pin,
                Edit::Quarantine => catalogue::Edit::Disable,
                Edit::Approve => catalogue::Edit::Approve,
            };
            Ok((
                Plan::new(&id, &account, Job::Edit(names, call)),
                request_options(options)?,
            ))
        });
        let what = match edit {
            Edit::Pin => "pinDescriptions",
            Edit::Quarantine => "quarantine",
            Edit::Approve => "approve",
        };
        self.drive(what, start)
    }

    /// Runs a review plan: one loop, one `send`, for every review method.
    fn drive(&self, what: &'static str, start: Result<(Plan<JsValue>, Opts), Error>) -> Promise {
        let core = self.core.clone();
        spawn(async move {
            let (mut plan, (opts, signal)) = start.map_err(error_to_js)?;
            let mut answer = None;
            loop {
                match plan.step(&core, answer.take()).map_err(error_to_js)? {
                    Step::Send(call) => {
                        let signal = signal.clone();
                        let success = abortable(signal, what, core.send(call, &opts))
                            .await
                            .map_err(error_to_js)?;
                        answer = Some(success.result);
                    }
                    Step::Done(Outcome::Server(server)) => return Ok(server),
                    Step::Done(Outcome::Reviewed(done)) => {
                        return Ok(object(&[
                            ("sync", done.sync),
                            ("server", done.server),
                            ("changes", diff_js(&done.changes)),
                            ("quarantined", names_js(&done.quarantined)),
                        ]))
                    }
                }
            }
        })
    }
}
