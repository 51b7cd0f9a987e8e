//! What the resources' calls share: the collection a call goes to, the list and item requests
//! (the same for servers and portals but for the path and the result's shape), and typing the
//! parsed result for the Rust API.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::client::{Call, Client};
use crate::create::Expected;
use crate::error::{Error, ErrorKind};
use crate::http::{Method, Transport};
use crate::json::Json;
use crate::models::{AccountParams, ServerListParams};
use crate::params::{self, Model, Op};
use crate::retry::Idempotency;
use crate::shape::Shape;
use crate::text::{cat, decimal};
use crate::validate::{self, Problem};

/// A collection of the AI Controls MCP API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resource {
    /// `…/mcp/servers`.
    Servers,
    /// `…/mcp/portals`.
    Portals,
}

impl Resource {
    /// The collection's last path segment, which is also its plural for messages.
    pub(crate) fn plural(self) -> &'static str {
        match self {
            Self::Servers => "servers",
            Self::Portals => "portals",
        }
    }

    /// One of its items, for messages.
    pub(crate) fn singular(self) -> &'static str {
        match self {
            Self::Servers => "server",
            Self::Portals => "portal",
        }
    }

    /// `/accounts/{account}/access/ai-controls/mcp/{servers|portals}`.
    pub(crate) fn collection(self, account: &str) -> String {
        cat!(
            "/accounts/",
            account,
            "/access/ai-controls/mcp/",
            self.plural()
        )
    }

    /// Its create and update parameters.
    fn model(self) -> &'static Model {
        match self {
            Self::Servers => &crate::servers::fields::SERVER,
            Self::Portals => &crate::portals::fields::PORTAL,
        }
    }

    /// The fields a create read back must have as sent, beside the id.
    fn identity(self) -> &'static [&'static str] {
        match self {
            Self::Servers => &["name", "hostname", "auth_type"],
            Self::Portals => &["name", "hostname"],
        }
    }

    /// The shapes of its one item and of a page of them.
    fn shapes(self) -> (Shape, Shape) {
        match self {
            Self::Servers => (Shape::Server, Shape::Servers),
            Self::Portals => (Shape::Portal, Shape::Portals),
        }
    }
}

/// Fails with every problem, or passes when there is none.
pub(crate) fn fail_on(problems: Vec<Problem>) -> Result<(), Error> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::validation(problems))
    }
}

/// Checks an id given as the path argument (portal ids follow the server id rules).
pub(crate) fn checked_id(id: &str) -> Result<(), Error> {
    let mut problems = Vec::new();
    validate::check_server_id("id", id, &mut problems);
    fail_on(problems)
}

/// Parsed JSON as a Rust type, for the typed API.
pub(crate) fn typed<T: DeserializeOwned, J: Json>(operation: &str, json: &J) -> Result<T, Error> {
    json.deserialize().map_err(|e| {
        Error::new(
            ErrorKind::Decode,
            cat!(
                operation,
                ": the response does not match the API's types: ",
                e
            ),
        )
    })
}

/// Every item of a page, typed.
pub(crate) fn typed_items<T: DeserializeOwned, J: Json>(page: &J) -> Result<Vec<T>, Error> {
    page.items()
        .unwrap_or_default()
        .iter()
        .map(|item| typed("list", item))
        .collect()
}

impl<T: Transport> Client<T> {
    /// The list request of a collection, checked and ready to send.
    pub(crate) fn collection_list_call(
        &self,
        resource: Resource,
        params: &ServerListParams,
    ) -> Result<Call, Error> {
        let account = self.account(params.account_id.as_deref())?;
        fail_on(validate::list_params(params))?;
        let mut query = Vec::new();
        if let Some(page) = params.page {
            query.push(("page", decimal(page.into())));
        }
        if let Some(per_page) = params.per_page {
            query.push(("per_page", decimal(per_page.into())));
        }
        if let Some(search) = &params.search {
            query.push(("search", search.clone()));
        }
        Ok(Call {
            method: Method::Get,
            path: resource.collection(&account),
            query,
            body: None,
            idempotency: Idempotency::Safe,
            shape: resource.shapes().1,
            expected: None,
        })
    }

    /// A request on one item (`{collection}/{id}{suffix}`) without a body, checked.
    pub(crate) fn item_request(
        &self,
        resource: Resource,
        method: Method,
        id: &str,
        suffix: &str,
        params: &AccountParams,
        shape: Option<Shape>,
    ) -> Result<Call, Error> {
        let account = self.account(params.account_id.as_deref())?;
        checked_id(id)?;
        Ok(Call {
            method,
            path: cat!(resource.collection(&account), "/", id, suffix),
            query: Vec::new(),
            body: None,
            idempotency: Idempotency::Safe,
            shape: shape.unwrap_or(resource.shapes().0),
            expected: None,
        })
    }

    /// [`Client::params_request`] from typed parameters (serialized for the table; their JSON
    /// never carries the account, so it comes apart).
    pub(crate) fn typed_request<P: Serialize>(
        &self,
        resource: Resource,
        id: Option<&str>,
        params: &P,
        account: Option<&str>,
    ) -> Result<Call, Error> {
        let json = params::to_json(params).map_err(|p| Error::validation(vec![p]))?;
        self.params_request(resource, id, Some(&json), account)
    }

    /// A create (`id` `None`: POST on the collection) or an update (PUT on the item) from its
    /// parameters as parsed JSON, read, checked and written through the resource's table. A
    /// create carries what identifies its item, to recognise it when read back. `account`: the
    /// typed parameters' `account_id`, which their JSON form never carries.
    pub(crate) fn params_request<J: Json>(
        &self,
        resource: Resource,
        id: Option<&str>,
        params: Option<&J>,
        account: Option<&str>,
    ) -> Result<Call, Error> {
        let op = if id.is_some() { Op::Update } else { Op::Create };
        let mut checked = params::check(resource.model(), op, params);
        fail_on(std::mem::take(&mut checked.problems))?;
        let account = self.account(checked.account_id.as_deref().or(account))?;
        let collection = resource.collection(&account);
        let text = |key| checked.text(key).unwrap_or_default().to_owned();
        let (method, path, idempotency, expected) = match id {
            Some(id) => {
                checked_id(id)?;
                (
                    Method::Put,
                    cat!(collection, "/", id),
                    Idempotency::Safe,
                    None,
                )
            }
            None => {
                let expected = Expected {
                    resource,
                    id: text("id"),
                    fields: resource.identity().iter().map(|k| (*k, text(k))).collect(),
                };
                (
                    Method::Post,
                    collection,
                    Idempotency::Create,
                    Some(expected),
                )
            }
        };
        Ok(Call {
            method,
            path,
            query: Vec::new(),
            body: Some(checked.body),
            idempotency,
            shape: resource.shapes().0,
            expected,
        })
    }
}
