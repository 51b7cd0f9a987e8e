//! `apply`: runs a plan's steps in order with the client's retries, stops at the first
//! failure, and reports what was done, what failed and what remains, so that a new plan and a
//! second apply finish the work. Secrets are read from the environment only here, and a
//! missing variable fails its step before anything is sent.

use super::config::SECRET_FIELDS;
use super::plan::{Action, Kind, Plan, Step};
use super::value::Value;
use crate::client::{Call, Client};
use crate::config::RequestOptions;
use crate::error::Error;
use crate::http::Transport;
use crate::json::Json;
use crate::models::{AccountParams, ServerListParams};
use crate::pages::Pages;
use crate::params::{Model, Need, Op};
use crate::portals::fields::PORTAL;
use crate::request::Resource;
use crate::servers::fields::SERVER;
use crate::servers::Item;
use crate::text::cat;
use crate::validate::Problem;

/// Where `apply` reads the secrets a plan names.
pub trait Env {
    /// The value of the variable `name`, if it is set.
    fn var(&self, name: &str) -> Option<String>;
}

impl<F: Fn(&str) -> Option<String>> Env for F {
    fn var(&self, name: &str) -> Option<String> {
        self(name)
    }
}

/// What `apply` did.
#[derive(Debug)]
pub struct ApplyReport {
    /// The steps carried out, in order.
    pub done: Vec<Step>,
    /// The step that failed, and why; `None` when every step ran.
    pub failed: Option<(Step, Error)>,
    /// The steps not run because an earlier one failed (refused steps are never run and not
    /// listed).
    pub remaining: Vec<Step>,
}

impl ApplyReport {
    /// The report of a run over `plan` that has done nothing yet.
    pub fn start(plan: &Plan) -> Self {
        Self {
            done: Vec::new(),
            failed: None,
            remaining: plan
                .steps
                .iter()
                .filter(|s| s.refused.is_none())
                .cloned()
                .collect(),
        }
    }

    /// The next step to run, if the run goes on.
    pub fn next(&self) -> Option<&Step> {
        self.failed
            .is_none()
            .then(|| self.remaining.first())
            .flatten()
    }

    /// Records the outcome of the step [`ApplyReport::next`] gave.
    pub fn record(&mut self, outcome: Result<(), Error>) {
        let mut rest = std::mem::take(&mut self.remaining).into_iter();
        let Some(step) = rest.next() else { return };
        self.remaining = rest.collect();
        match outcome {
            Ok(()) => self.done.push(step),
            Err(e) => self.failed = Some((step, e)),
        }
    }
}

fn invalid(step: &Step, field: &str, message: String) -> Error {
    let what = cat!(step.kind.as_str(), " ", step.id, ": ");
    Error::validation(vec![Problem {
        field: field.to_owned(),
        message: cat!(what, message),
    }])
}

/// The step's parameters with each `{ "env": NAME }` replaced by the variable's value.
fn resolved(step: &Step, env: &dyn Env) -> Result<Value, Error> {
    let Some(mut params) = step.params.clone() else {
        return Err(invalid(
            step,
            "params",
            "the step has no params: make a new plan".into(),
        ));
    };
    for key in SECRET_FIELDS {
        let Some(secret) = params.get(key) else {
            continue;
        };
        let Some(name) = secret.get("env").and_then(Value::str).map(str::to_owned) else {
            return Err(invalid(
                step,
                key,
                cat!(key, " must be { env: NAME } in a plan"),
            ));
        };
        match env.var(&name).filter(|v| !v.is_empty()) {
            Some(value) => params.set(key, Value::String(value)),
            None => {
                return Err(invalid(
                    step,
                    key,
                    cat!(
                        key,
                        " needs the environment variable ",
                        name,
                        ", which is not set"
                    ),
                ))
            }
        }
    }
    Ok(params)
}

/// `entry` without the members an update of `model` refuses (they cannot change).
fn update_of(entry: &Value, model: &Model) -> Value {
    let mut update = entry.clone();
    for field in model.fields {
        if field.need(Op::Update) == Need::Fixed {
            update.remove(field.key);
        }
    }
    update
}

impl<T: Transport> Client<T> {
    /// Every server and every portal of the account (every page of each), as parsed JSON:
    /// the `state` that `plan` and `export` take.
    pub async fn state_json(
        &self,
        account_id: Option<&str>,
        options: &RequestOptions,
    ) -> Result<(Vec<T::Json>, Vec<T::Json>), Error> {
        let params = ServerListParams {
            account_id: account_id.map(str::to_owned),
            per_page: Some(100),
            ..Default::default()
        };
        let mut lists = [Vec::new(), Vec::new()];
        let walks = [Pages::new(params.clone()), Pages::portals(params)];
        for (mut pages, list) in walks.into_iter().zip(lists.iter_mut()) {
            while let Some(page) = pages.next(self, options).await? {
                list.extend(page.result.items().unwrap_or_default());
            }
        }
        let [servers, portals] = lists;
        Ok((servers, portals))
    }

    /// The requests of one step, in order (a replacement is a delete, then a create).
    fn step_calls(
        &self,
        account: &AccountParams,
        step: &Step,
        env: &dyn Env,
    ) -> Result<Vec<(Call, bool)>, Error> {
        if let Some(why) = &step.refused {
            return Err(invalid(step, "refused", why.clone()));
        }
        let portals = self.portals();
        let delete = match step.kind {
            Kind::Server => self.item_call(Item::Delete, &step.id, account)?,
            Kind::Portal => portals.item_call(true, &step.id, account)?,
        };
        if step.action == Action::Delete {
            return Ok(vec![(delete, true)]);
        }
        let params = resolved(step, env)?;
        let resource = match step.kind {
            Kind::Server => Resource::Servers,
            Kind::Portal => Resource::Portals,
        };
        // A step holds the whole entry; an update sends what its table lets change.
        let (id, params) = match (step.kind, step.action) {
            (_, Action::Create | Action::Replace) => (None, params),
            (Kind::Server, _) => (Some(step.id.as_str()), update_of(&params, &SERVER)),
            (Kind::Portal, _) => (Some(step.id.as_str()), update_of(&params, &PORTAL)),
        };
        let call = self
            .params_request(resource, id, Some(&params), account.account_id.as_deref())
            .map_err(|mut e| {
                e.message = cat!(step.kind.as_str(), " ", step.id, ": ", e.message);
                e
            })?;
        let mut calls = Vec::with_capacity(2);
        if step.action == Action::Replace {
            calls.push((delete, true));
        }
        calls.push((call, false));
        Ok(calls)
    }

    /// Runs one step of a plan (secrets from `env`), on `account_id` or the client's account.
    /// Every request is checked before the first is sent. A delete that finds nothing is done
    /// (an earlier attempt or run deleted it).
    pub async fn apply_step(
        &self,
        account_id: Option<&str>,
        step: &Step,
        env: &dyn Env,
        options: &RequestOptions,
    ) -> Result<(), Error> {
        let account = AccountParams {
            account_id: account_id.map(str::to_owned),
        };
        for (call, is_delete) in self.step_calls(&account, step, env)? {
            match self.send(call, options).await {
                Err(e) if is_delete && e.status == Some(404) => {}
                other => drop(other?),
            }
        }
        Ok(())
    }

    /// Runs the plan's steps that are not refused, in order, stopping at the first failure.
    /// Never fails itself: a failed step is in the report.
    pub async fn apply(&self, plan: &Plan, env: &dyn Env, options: &RequestOptions) -> ApplyReport {
        let mut report = ApplyReport::start(plan);
        while let Some(step) = report.next().cloned() {
            let outcome = self
                .apply_step(plan.account_id.as_deref(), &step, env, options)
                .await;
            report.record(outcome);
        }
        report
    }
}
