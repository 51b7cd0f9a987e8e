//! The client calls of catalogue review: sync and review, pin, quarantine, approve. Each write
//! is one read-modify-write of the overrides that keeps every override it does not mean to
//! change. (The API has no conditional update, so an edit made by someone else between the
//! read and the write is lost, as with any read-modify-write of this API.)

use super::overrides::{self, CapabilityNames, Which};
use super::{catalogue, diff, Canonical, CatalogueDiff};
use crate::error::Error;
use crate::http::Transport;
use crate::json::Json;
use crate::models::{AccountParams, ServerUpdateParams};
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

impl<T: Transport> Client<T>
where
    T::Json: Canonical,
{
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
        let before = self.read_json(id, params, options).await?;
        let sync = self.sync_json(id, params, options).await?;
        let server = self.read_json(id, params, options).await?;
        let changes = diff(&before, &server).map_err(decode)?;
        let pick = |c: &super::Changes| -> Vec<String> {
            let mut names = c.added.clone();
            if quarantine == QuarantineMode::Changed {
                names.extend(c.changed.iter().map(|c| c.name.clone()));
                super::order::sort_by(&mut names, |a, b| a.cmp(b));
            }
            names
        };
        let quarantined = match quarantine {
            QuarantineMode::Off => CapabilityNames::default(),
            _ => CapabilityNames {
                tools: pick(&changes.tools),
                prompts: pick(&changes.prompts),
            },
        };
        let server = if quarantined.is_empty() {
            server
        } else {
            let update = edited(&server, &quarantined, Edit::Disable, params);
            self.update_json(id, &update, options).await?
        };
        Ok(SyncReview {
            sync,
            server,
            changes,
            quarantined,
        })
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
        action: Edit,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<T::Json, Error> {
        let server = self.read_json(id, params, options).await?;
        let chosen = resolve(&server, names)?;
        if chosen.is_empty() {
            return Ok(server);
        }
        let update = edited(&server, &chosen, action, params);
        self.update_json(id, &update, options).await
    }
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
fn edited<J: Json>(
    server: &J,
    chosen: &CapabilityNames,
    action: Edit,
    params: &AccountParams,
) -> ServerUpdateParams {
    let mut update = ServerUpdateParams {
        account_id: params.account_id.clone(),
        ..ServerUpdateParams::default()
    };
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
        match which {
            Which::Tools => update.updated_tools = Some(list),
            Which::Prompts => update.updated_prompts = Some(list),
        }
    }
    update
}
