//! Declarative configuration for JavaScript: `validateConfig`, `exportConfig`, `planConfig`,
//! and the client's `state()` and `apply()`. Each reads its arguments into the core's
//! `Value`, calls `crate::declare`, and writes plain objects back.

use js_sys::{Array, Function, Object, Promise, Reflect};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

use crate::declare::{self, ApplyReport, ExportOptions, Plan, PlanOptions, State, Step, Value};
use crate::error::Error;
use crate::json::Json;

use super::call::spawn;
use super::convert::{self, set};
use super::error::to_js as error_to_js;
use super::options::{self, RequestOptions};
use super::servers::McpServersClient;
use super::signal::abortable;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A secret in a configuration: the name of the environment variable that holds it. */
export interface EnvRef { env: string }
/** The approved catalogue of a server: tool and prompt names with their `capabilityDigest`. */
export interface CatalogueDigests { tools?: Record<string, string>; prompts?: Record<string, string> }
/** A server in a configuration file: every writable field, secrets as `{ env }`. */
export interface ServerConfig {
  id: string; name: string; hostname: string; auth_type: KnownAuthType;
  description?: string | null; auth_credentials?: EnvRef; client_secret?: EnvRef;
  is_shared_oauth_callback_enabled?: boolean; secure_web_gateway?: boolean;
  updated_tools?: CapabilityOverride[]; updated_prompts?: CapabilityOverride[];
  /** Approved digests; a plan notes where upstream now differs. */
  catalogue?: CatalogueDigests;
}
/** A portal in a configuration file: every writable field, links with portal-level settings. */
export interface PortalConfig {
  id: string; name: string; hostname: string; description?: string; code_mode?: KnownCodeMode;
  secure_web_gateway?: boolean; servers?: PortalServerLink[];
}
/** One account's servers and portals. A field left out is left as the account has it. */
export interface McpConfig {
  $schema?: string; account_id?: string; servers?: ServerConfig[]; portals?: PortalConfig[];
}
/** Every server and every portal of an account, as the API returns them. */
export interface AccountState { servers: McpServer[]; portals: McpPortal[] }
/** One field a step changes. Secrets show as their `{ env }` placeholder, never a value. */
export interface FieldChange { path: string; before?: unknown; after?: unknown }
/** One step of a plan. */
export interface Step {
  action: 'create' | 'update' | 'replace' | 'delete';
  kind: 'server' | 'portal';
  id: string;
  changes: FieldChange[];
  /** Why it will not run: which option allows it. */
  refused?: string;
  /** What apply sends (create, update, replace), secrets as `{ env }`. */
  params?: Record<string, unknown>;
}
/** What a plan found that is not a step. */
export interface Note {
  kind: 'catalogue-drift' | 'unknown-field' | 'secret-not-compared' | (string & {});
  id: string;
  message: string;
}
/** The steps that make an account what its file says, in the order apply runs them. */
export interface Plan {
  /** The file's account: apply sends the steps there. */
  account_id?: string;
  steps: Step[];
  notes: Note[];
  /** Whether the account differs from the file (any step, refused ones included). */
  changes: boolean;
}
/** Progress of `apply`: each step as it starts, and as it ends. */
export interface ApplyEvent {
  type: 'start' | 'done' | 'failed';
  step: Step;
  /** Position of the step among those apply runs, from 0. */
  index: number;
  total: number;
  error?: McpServersError;
}
/** What apply did: a second apply of a new plan finishes what is left. */
export interface ApplyReport {
  done: Step[];
  failed?: { step: Step; error: McpServersError };
  /** Steps not run (refused steps are never run and not listed). */
  remaining: Step[];
}
"#;

/// `exportConfig`'s options.
#[derive(Debug, Default, Tsify)]
pub struct ExportConfigOptions {
    /// Write each server's current tools and prompts as approved digests (`catalogue`).
    /// Default false.
    #[tsify(optional)]
    pub catalogue: Option<bool>,
}

/// `planConfig`'s options.
#[derive(Debug, Default, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PlanConfigOptions {
    /// Delete servers and portals the file does not name (else such deletes are refused).
    #[tsify(optional)]
    pub prune: Option<bool>,
    /// Replace (delete, then create) a server whose `hostname` or `auth_type` changes.
    #[tsify(optional)]
    pub allow_replace: Option<bool>,
}

/// `apply`'s options.
#[derive(Debug, Default, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ApplyOptions {
    /// Where `{ env: NAME }` secrets are read (e.g. `process.env`).
    #[tsify(optional, type = "Record<string, string | undefined>")]
    pub env: Option<JsValue>,
    /// Called as each step starts and ends; what it throws is ignored.
    #[tsify(optional, type = "(event: ApplyEvent) => void")]
    pub on_step: Option<JsValue>,
    /// Stops the run: the step in flight fails as `'aborted'`.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<JsValue>,
}

fn options_of<T: tsify::Tsify>(options: Option<Ts<T>>) -> JsValue {
    options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED)
}

/// A core value as a plain JavaScript value.
fn to_js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(*n),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(to_js).collect::<Array>().into(),
        Value::Object(members) => {
            let o = Object::new();
            for (k, v) in members {
                set(&o, k, &to_js(v));
            }
            o.into()
        }
    }
}

fn state_of(state: &JsValue) -> Result<State, JsValue> {
    State::read(state).map_err(|p| error_to_js(Error::validation(p)))
}

fn flag(options: &JsValue, key: &'static str) -> bool {
    options.get(key).and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Every problem with a configuration (`[]` when valid), each naming its JSON path:
/// `{ field: 'servers[2].hostname', message: 'servers[2].hostname must be …' }`. A secret
/// written in the file is a problem (write `{ "env": "NAME" }`), and so is an id twice.
#[wasm_bindgen(js_name = validateConfig, unchecked_return_type = "Problem[]")]
pub fn validate_config(
    #[wasm_bindgen(unchecked_param_type = "unknown")] config: JsValue,
) -> JsValue {
    convert::problems(&declare::validate_config(&Value::read(&config)))
}

/// The configuration of an account's state (from `client.state()`): every writable field,
/// secrets as `{ env: '<ID>_AUTH_CREDENTIALS' }` placeholders (the id uppercased, other
/// characters as `_`), portal links with their portal-level overrides.
#[wasm_bindgen(js_name = exportConfig, unchecked_return_type = "McpConfig")]
pub fn export_config(
    #[wasm_bindgen(unchecked_param_type = "AccountState")] state: JsValue,
    options: Option<Ts<ExportConfigOptions>>,
) -> Result<JsValue, JsValue> {
    let options = options_of(options);
    let options = ExportOptions {
        catalogue: flag(&options, "catalogue"),
    };
    Ok(to_js(&declare::export(&state_of(&state)?, options)))
}

/// The ordered steps that make the account in `state` what `desired` says, with notes. Pure:
/// nothing is sent. Throws a `McpServersError` (kind `'validation'`, each problem with its
/// JSON path) for a configuration that is not valid.
#[wasm_bindgen(js_name = planConfig, unchecked_return_type = "Plan")]
pub fn plan_config(
    #[wasm_bindgen(unchecked_param_type = "McpConfig")] desired: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AccountState")] state: JsValue,
    options: Option<Ts<PlanConfigOptions>>,
) -> Result<JsValue, JsValue> {
    let options = options_of(options);
    let options = PlanOptions {
        prune: flag(&options, "prune"),
        allow_replace: flag(&options, "allowReplace"),
    };
    let plan = declare::plan(&Value::read(&desired), &state_of(&state)?, options)
        .map_err(|p| error_to_js(Error::validation(p)))?;
    Ok(to_js(&plan.to_value()))
}

fn steps_js(steps: &[Step]) -> JsValue {
    steps
        .iter()
        .map(|s| to_js(&s.to_value()))
        .collect::<Array>()
        .into()
}

fn report_js(report: ApplyReport) -> JsValue {
    let o = Object::new();
    set(&o, "done", &steps_js(&report.done));
    if let Some((step, error)) = report.failed {
        let failed = Object::new();
        set(&failed, "step", &to_js(&step.to_value()));
        set(&failed, "error", &error_to_js(error));
        set(&o, "failed", &failed);
    }
    set(&o, "remaining", &steps_js(&report.remaining));
    o.into()
}

/// Calls `onStep`; what it throws is ignored (progress must not stop the run).
fn notify(
    on_step: Option<&Function>,
    kind: &str,
    step: &Step,
    index: usize,
    total: usize,
    error: Option<JsValue>,
) {
    let Some(f) = on_step else { return };
    let event = Object::new();
    set(&event, "type", &JsValue::from_str(kind));
    set(&event, "step", &to_js(&step.to_value()));
    set(&event, "index", &JsValue::from_f64(index as f64));
    set(&event, "total", &JsValue::from_f64(total as f64));
    if let Some(e) = error {
        set(&event, "error", &e);
    }
    let _ = f.call1(&JsValue::UNDEFINED, &event);
}

#[wasm_bindgen]
impl McpServersClient {
    /// Every server and every portal of the account, every page of each:
    /// `{ servers, portals }`, what `exportConfig` and `planConfig` take.
    #[wasm_bindgen(unchecked_return_type = "Promise<AccountState>")]
    pub fn state(&self, options: Option<Ts<RequestOptions>>) -> Promise {
        let core = self.core.clone();
        let options = options_of(options);
        spawn(async move {
            let (opts, signal) = options::request_options(&options).map_err(error_to_js)?;
            let (servers, portals) = abortable(signal, "state", core.state_json(None, &opts))
                .await
                .map_err(error_to_js)?;
            let o = Object::new();
            set(&o, "servers", &servers.into_iter().collect::<Array>());
            set(&o, "portals", &portals.into_iter().collect::<Array>());
            Ok(o.into())
        })
    }

    /// Runs a plan's steps that are not refused, in order, with the client's retries; secrets
    /// come from `env`. Stops at the first failure and resolves with what was done, what
    /// failed and what remains (it never rejects for a failed step): plan again and apply
    /// again to finish.
    #[wasm_bindgen(unchecked_return_type = "Promise<ApplyReport>")]
    pub fn apply(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
        options: Option<Ts<ApplyOptions>>,
    ) -> Promise {
        let core = self.core.clone();
        let options = options_of(options);
        spawn(async move {
            let plan =
                Plan::read(&Value::read(&plan)).map_err(|p| error_to_js(Error::validation(p)))?;
            let env = options.get("env");
            let on_step = options
                .get("onStep")
                .and_then(|f| f.dyn_into::<Function>().ok());
            let signal = options
                .get("signal")
                .and_then(|s| s.dyn_into::<AbortSignal>().ok());
            let lookup = |name: &str| -> Option<String> {
                let env = env.as_ref()?;
                Reflect::get(env, &JsValue::from_str(name))
                    .ok()?
                    .as_string()
            };
            let opts = crate::config::RequestOptions::default();
            let mut report = ApplyReport::start(&plan);
            let total = report.remaining.len();
            let mut index = 0;
            while let Some(step) = report.next().cloned() {
                notify(on_step.as_ref(), "start", &step, index, total, None);
                let run = core.apply_step(plan.account_id.as_deref(), &step, &lookup, &opts);
                let outcome = abortable(signal.clone(), "apply", run).await;
                match &outcome {
                    Ok(()) => notify(on_step.as_ref(), "done", &step, index, total, None),
                    Err(e) => notify(
                        on_step.as_ref(),
                        "failed",
                        &step,
                        index,
                        total,
                        Some(error_to_js(e.clone())),
                    ),
                }
                report.record(outcome);
                index += 1;
            }
            Ok(report_js(report))
        })
    }
}
