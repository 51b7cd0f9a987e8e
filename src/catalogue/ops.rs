//! The client calls of catalogue review: sync and review, pin, quarantine, approve. Each write
//! is one read-modify-write of the overrides that keeps every override it does not mean to
//! change. (The API has no conditional update, so an edit made by someone else between the
//! read and the write is lost, as with any read-modify-write of this API.)

use super::overrides::{self, CapabilityNames, Which};
use super::{catalogue, diff, Canonical, CatalogueDiff};
use crate::client::Call;
use crate::declare::Value;
use crate::error::Error;
use crate::http::Transport;
use crate::json::Json;
use crate::models::{AccountParams, CapabilityOverride};
use crate::request::Resource;
use crate::servers::Item;
use crate::text::cat;
use crate::validate::Problem;
use crate::{Client, RequestOptions};

/// What a sync brings in that is disabled at once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QuarantineMode {
    /// Nothing (the default).
    #[default]
    Off,
    /// Added tools and prompts.
    New,
    /// Added and changed tools and prompts.
    Changed,
}

/// What [`Client::sync_and_review`] did.
#[derive(Clone, Debug)]
pub struct SyncReview<J> {
    /// The sync's outcome (`status`, `error`, `error_details`).
    pub sync: J,
    /// The server after the sync (and after the quarantine write, if any).
    pub server: J,
    /// What the sync changed.
    pub changes: CatalogueDiff,
    /// What was disabled because of [`QuarantineMode`].
    pub quarantined: CapabilityNames,
}

/// Which capabilities an edit applies to.
#[derive(Clone, Debug)]
pub enum Names {
    /// Every tool and prompt.
    All,
    /// These names, each the tool or prompt (or both) of that name.
    Any(Vec<String>),
    /// These tools and these prompts.
    Exact(CapabilityNames),
}

/// An edit of overrides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// The override's description becomes upstream's current one.
    Pin,
    /// `enabled: false`.
    Disable,
    /// `enabled: true` and pin.
    Approve,
}

/// One review call as steps: which request to send next, given the answer to the last one.
/// One loop with one `send` drives every review call ([`Client::run_plan`], and the wasm
/// methods), so the request path is compiled once for all of them rather than once per await.
#[derive(Debug)]
pub(crate) struct Plan<J> {
    id: String,
    params: AccountParams,
    job: Job,
    state: State<J>,
}

/// What a [`Plan`] does.
#[derive(Clone, Debug)]
pub(crate) enum Job {
    /// Read, sync, read, and quarantine per the mode.
    SyncReview(QuarantineMode),
    /// Read, then apply an edit to the named capabilities.
    Edit(Names, Edit),
}

#[derive(Debug)]
enum State<J> {
    Start,
    Before,
    Sync(J),
    After(J, J),
    Update(Option<(J, CatalogueDiff, CapabilityNames)>),
    Done,
}

/// The next step of a [`Plan`].
#[derive(Debug)]
pub(crate) enum Step<J> {
    /// Send this request and give its `result` to the next [`Plan::step`].
    Send(crate::client::Call),
    /// The plan is done.
    Done(Outcome<J>),
}

/// What a [`Plan`] comes to.
#[derive(Debug)]
pub(crate) enum Outcome<J> {
    /// For [`Job::SyncReview`].
    Reviewed(SyncReview<J>),
    /// For [`Job::Edit`]: the server as updated (or as read, when nothing needed writing).
    Server(J),
}

impl<J: Canonical> Plan<J> {
    /// A plan for the server `id`.
    pub(crate) fn new(id: &str, params: &AccountParams, job: Job) -> Self {
        Self {
            id: id.to_owned(),
            params: params.clone(),
            job,
            state: State::Start,
        }
    }

    /// The update that writes `update` (parameters as JSON) on the server.
    fn update<T: Transport<Json = J>>(
        &self,
        client: &Client<T>,
        update: &Value,
    ) -> Result<Call, Error> {
        let account = self.params.account_id.as_deref();
        client.params_request(Resource::Servers, Some(&self.id), Some(update), account)
    }

    /// The next step, given the `result` of the request the last step sent (`None` at first).
    pub(crate) fn step<T: Transport<Json = J>>(
        &mut self,
        client: &Client<T>,
        answer: Option<J>,
    ) -> Result<Step<J>, Error> {
        let read = |c: &Client<T>| {
            c.item_call(Item::Read, &self.id, &self.params)
                .map(Step::Send)
        };
        let state = std::mem::replace(&mut self.state, State::Done);
        let (next, step) = match (state, answer, &self.job) {
            (State::Start, _, _) => (State::Before, read(client)?),
            (State::Before, Some(server), Job::Edit(names, edit)) => {
                let chosen = resolve(&server, names)?;
                if chosen.is_empty() {
                    (State::Done, Step::Done(Outcome::Server(server)))
                } else {
                    let update = edited(&server, &chosen, *edit);
                    (
                        State::Update(None),
                        Step::Send(self.update(client, &update)?),
                    )
                }
            }
            (State::Before, Some(before), Job::SyncReview(_)) => (
                State::Sync(before),
                Step::Send(client.item_call(Item::Sync, &self.id, &self.params)?),
            ),
            (State::Sync(before), Some(sync), _) => (State::After(before, sync), read(client)?),
            (State::After(before, sync), Some(server), Job::SyncReview(mode)) => {
                let changes = diff(&before, &server).map_err(decode)?;
                let quarantined = quarantined(&changes, *mode);
                if quarantined.is_empty() {
                    reviewed(sync, server, changes, quarantined)
                } else {
                    let update = edited(&server, &quarantined, Edit::Disable);
                    let call = self.update(client, &update)?;
                    (
                        State::Update(Some((sync, changes, quarantined))),
                        Step::Send(call),
                    )
                }
            }
            (State::Update(Some((sync, changes, quarantined))), Some(server), _) => {
                reviewed(sync, server, changes, quarantined)
            }
            (State::Update(None), Some(server), _) => {
                (State::Done, Step::Done(Outcome::Server(server)))
            }
            _ => {
                return Err(Error::new(
                    crate::error::ErrorKind::Validation,
                    "a review plan was driven out of order",
                ))
            }
        };
        self.state = next;
        Ok(step)
    }
}

/// The last step of a sync and review.
fn reviewed<J>(
    sync: J,
    server: J,
    changes: CatalogueDiff,
    quarantined: CapabilityNames,
) -> (State<J>, Step<J>) {
    let done = SyncReview {
        sync,
        server,
        changes,
        quarantined,
    };
    (State::Done, Step::Done(Outcome::Reviewed(done)))
}

/// What `mode` disables of what a sync changed.
fn quarantined(changes: &CatalogueDiff, mode: QuarantineMode) -> CapabilityNames {
    let pick = |c: &super::Changes| -> Vec<String> {
        let mut names = c.added.clone();
        if mode == QuarantineMode::Changed {
            names.extend(c.changed.iter().map(|c| c.name.clone()));
            super::order::sort_by(&mut names, |a, b| a.cmp(b));
        }
        names
    };
    match mode {
        QuarantineMode::Off => CapabilityNames::default(),
        _ => CapabilityNames {
            tools: pick(&changes.tools),
            prompts: pick(&changes.prompts),
        },
    }
}

impl<T: Transport> Client<T>
where
    T::Json: Canonical,
{
    /// Runs a [`Plan`] to its end.
    pub(crate) async fn run_plan(
        &self,
        mut plan: Plan<T::Json>,
        options: &RequestOptions,
    ) -> Result<Outcome<T::Json>, Error> {
        let mut answer = None;
        loop {
            match plan.step(self, answer.take())? {
                Step::Send(call) => answer = Some(self.send(call, options).await?.result),
                Step::Done(outcome) => return Ok(outcome),
            }
        }
    }

    /// Reads the server, syncs it, reads it again, and says what the sync changed; with
    /// `quarantine` other than [`QuarantineMode::Off`] it then disables what is new (or new and
    /// changed) in one update that keeps every other override.
    pub async fn sync_and_review(
        &self,
        id: &str,
        params: &AccountParams,
        quarantine: QuarantineMode,
        options: &RequestOptions,
    ) -> Result<SyncReview<T::Json>, Error> {
        let plan = Plan::new(id, params, Job::SyncReview(quarantine));
        match self.run_plan(plan, options).await? {
            Outcome::Reviewed(review) => Ok(review),
            Outcome::Server(_) => Err(out_of_order()),
        }
    }

    /// Pins the named capabilities' current upstream descriptions (all of them for
    /// [`Names::All`]) as their description overrides, so agents keep reading the approved text
    /// whatever upstream sends later. Returns the server as updated.
    pub async fn pin_descriptions(
        &self,
        id: &str,
        names: &Names,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<T::Json, Error> {
        self.edit_overrides(id, names, Edit::Pin, params, options)
            .await
    }

    /// Disables the named capabilities (`enabled: false`), keeping every other override.
    pub async fn quarantine(
        &self,
        id: &str,
        names: &Names,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<T::Json, Error> {
        self.edit_overrides(id, names, Edit::Disable, params, options)
            .await
    }

    /// Approves the named capabilities as upstream describes them now: enables them and pins
    /// their descriptions.
    pub async fn approve(
        &self,
        id: &str,
        names: &Names,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<T::Json, Error> {
        self.edit_overrides(id, names, Edit::Approve, params, options)
            .await
    }

    /// Reads the server and applies `edit` to the named capabilities in one update that keeps
    /// every other override; no update is sent when `names` selects nothing.
    pub async fn edit_overrides(
        &self,
        id: &str,
        names: &Names,
        edit: Edit,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<T::Json, Error> {
        let plan = Plan::new(id, params, Job::Edit(names.clone(), edit));
        match self.run_plan(plan, options).await? {
            Outcome::Server(server) => Ok(server),
            Outcome::Reviewed(_) => Err(out_of_order()),
        }
    }
}

fn out_of_order() -> Error {
    Error::new(
        crate::error::ErrorKind::Validation,
        "a review plan ended with the wrong outcome",
    )
}

/// A server that fails the catalogue checks came from the API: a decode error, not the caller's.
fn decode(problems: Vec<Problem>) -> Error {
    let first = problems.into_iter().next().map(|p| p.message);
    Error::new(
        crate::error::ErrorKind::Decode,
        cat!(
            "the server's catalogue cannot be reviewed: ",
            first.unwrap_or_default()
        ),
    )
}

/// The names, checked against the server: a name it has in neither list is an error.
fn resolve<J: Json>(server: &J, names: &Names) -> Result<CapabilityNames, Error> {
    let c = catalogue(server, "server").map_err(decode)?;
    let has = |list: &[(String, J)], name: &str| list.iter().any(|(n, _)| n == name);
    let all = |list: &[(String, J)]| list.iter().map(|(n, _)| n.clone()).collect();
    let mut problems = Vec::new();
    let chosen = match names {
        Names::All => CapabilityNames {
            tools: all(&c.tools),
            prompts: all(&c.prompts),
        },
        Names::Any(list) => {
            let mut chosen = CapabilityNames::default();
            for (i, name) in list.iter().enumerate() {
                let (tool, prompt) = (has(&c.tools, name), has(&c.prompts, name));
                if tool {
                    chosen.tools.push(name.clone());
                }
                if prompt {
                    chosen.prompts.push(name.clone());
                }
                if !tool && !prompt {
                    let field = cat!("names[", i as u64, "]");
                    problems.push(Problem {
                        message: cat!(
                            field,
                            ": the server has no tool or prompt named \"",
                            name,
                            "\""
                        ),
                        field,
                    });
                }
            }
            chosen
        }
        Names::Exact(exact) => {
            for (which, list) in [(Which::Tools, &c.tools), (Which::Prompts, &c.prompts)] {
                for (i, name) in exact.of(which).iter().enumerate() {
                    if !has(list, name) {
                        let field = cat!("names.", which.list_key(), "[", i as u64, "]");
                        problems.push(Problem {
                            message: cat!(
                                field,
                                ": the server has no ",
                                which.one(),
                                " named \"",
                                name,
                                "\""
                            ),
                            field,
                        });
                    }
                }
            }
            exact.clone()
        }
    };
    if problems.is_empty() {
        Ok(chosen)
    } else {
        Err(Error::validation(problems))
    }
}

/// The update that applies `action` to the chosen capabilities of `server`, carrying every
/// override of the kinds it touches.
fn edited<J: Json>(server: &J, chosen: &CapabilityNames, action: Edit) -> Value {
    let mut update = Value::object(Vec::new());
    for which in [Which::Tools, Which::Prompts] {
        let names = chosen.of(which);
        if names.is_empty() {
            continue;
        }
        let items = server
            .get(which.list_key())
            .and_then(|l| l.items())
            .unwrap_or_default();
        let upstream = |name: &str| {
            items
                .iter()
                .find(|i| i.get("name").and_then(|n| n.as_string()).as_deref() == Some(name))
                .and_then(|i| i.get("description"))
                .and_then(|d| d.as_string())
        };
        let mut list = overrides::read(server, which);
        for name in names {
            overrides::edit(&mut list, name, |o| match action {
                Edit::Disable => o.enabled = Some(false),
                Edit::Pin => o.description = upstream(name),
                Edit::Approve => {
                    o.enabled = Some(true);
                    o.description = upstream(name);
                }
            });
        }
        let key = match which {
            Which::Tools => "updated_tools",
            Which::Prompts => "updated_prompts",
        };
        update.set(key, Value::Array(list.iter().map(override_value).collect()));
    }
    update
}

/// An override as JSON: the fields that are set.
fn override_value(o: &CapabilityOverride) -> Value {
    let mut members = vec![("name", Value::text(&o.name))];
    if let Some(alias) = &o.alias {
        members.push(("alias", Value::text(alias)));
    }
    if let Some(description) = &o.description {
        members.push(("description", Value::text(description)));
    }
    if let Some(enabled) = o.enabled {
        members.push(("enabled", Value::Bool(enabled)));
    }
    Value::object(members)
}
