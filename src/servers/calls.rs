//! The six operations of `/accounts/{account_id}/access/ai-controls/mcp/servers`, plus
//! [`ListAll`]. Each checks its parameters, then makes exactly one call through the client.

use serde::de::DeserializeOwned;

use crate::client::{Call, Client};
use crate::config::RequestOptions;
use crate::create::Expected;
use crate::envelope::Success;
use crate::error::{Error, ErrorKind};
use crate::http::{Method, Transport};
use crate::json::Json;
use crate::models::{
    AccountParams, McpServer, ServerCreateParams, ServerListPage, ServerListParams,
    ServerUpdateParams, SyncResult,
};
use crate::page::{PageCursor, Step};
use crate::retry::Idempotency;
use crate::shape::Shape;
use crate::text::{cat, decimal};
use crate::validate::{self, Problem};

use super::{validate as server_validate, write};

/// The calls on one server that take only its id and the account.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Item {
    /// `GET …/servers/{id}`.
    Read,
    /// `DELETE …/servers/{id}`.
    Delete,
    /// `POST …/servers/{id}/sync`.
    Sync,
}

fn collection(account: &str) -> String {
    cat!("/accounts/", account, "/access/ai-controls/mcp/servers")
}

fn server_path(account: &str, id: &str) -> String {
    cat!(collection(account), "/", id)
}

fn fail_on(problems: Vec<Problem>) -> Result<(), Error> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::validation(problems))
    }
}

fn checked_id(id: &str) -> Result<(), Error> {
    let mut problems = Vec::new();
    validate::check_server_id("id", id, &mut problems);
    fail_on(problems)
}

/// Parsed JSON as a Rust type, for the typed API.
fn typed<T: DeserializeOwned, J: Json>(operation: &str, json: &J) -> Result<T, Error> {
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

impl<T: Transport> Client<T> {
    /// Lists one page of servers.
    ///
    /// ```no_run
    /// # async fn demo<T: cf_mcp_servers::Transport>(client: &cf_mcp_servers::Client<T>) -> cf_mcp_servers::Result<()> {
    /// use cf_mcp_servers::{RequestOptions, ServerListParams};
    /// let params = ServerListParams { search: Some("github".into()), ..Default::default() };
    /// let page = client.list(&params, &RequestOptions::default()).await?;
    /// for server in &page.result {
    ///     println!("{} {}", server.id, server.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list(
        &self,
        params: &ServerListParams,
        options: &RequestOptions,
    ) -> Result<ServerListPage, Error> {
        let page = self.list_json(params, options).await?;
        let items = page.result.items().unwrap_or_default();
        Ok(ServerListPage {
            result: items
                .iter()
                .map(|item| typed("list", item))
                .collect::<Result<_, _>>()?,
            result_info: page.result_info,
        })
    }

    /// [`Client::list`] as parsed JSON: `result` is the array the API sent, every item checked
    /// to have the required fields, unknown fields kept.
    pub async fn list_json(
        &self,
        params: &ServerListParams,
        options: &RequestOptions,
    ) -> Result<Success<T::Json>, Error> {
        self.send(self.list_call(params)?, options).await
    }

    /// The list request, checked and ready to send.
    pub(crate) fn list_call(&self, params: &ServerListParams) -> Result<Call, Error> {
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
            path: collection(&account),
            query,
            body: None,
            idempotency: Idempotency::Safe,
            shape: Shape::Servers,
            expected: None,
        })
    }

    /// Walks every page of servers, in order, stopping as soon as the end is known.
    ///
    /// ```no_run
    /// # async fn demo<T: cf_mcp_servers::Transport>(client: &cf_mcp_servers::Client<T>) -> cf_mcp_servers::Result<()> {
    /// use cf_mcp_servers::{RequestOptions, ServerListParams};
    /// let options = RequestOptions::default();
    /// let mut all = client.list_all(ServerListParams::default());
    /// while let Some(server) = all.next(&options).await? {
    ///     println!("{}", server.id);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list_all(&self, params: ServerListParams) -> ListAll<'_, T> {
        ListAll {
            client: self,
            pages: Pages::new(params),
            buffer: Vec::new().into_iter(),
        }
    }

    /// Creates a server. The API answers 201 with the server as stored.
    ///
    /// ```no_run
    /// # async fn demo<T: cf_mcp_servers::Transport>(client: &cf_mcp_servers::Client<T>) -> cf_mcp_servers::Result<()> {
    /// use cf_mcp_servers::{AuthType, RequestOptions, ServerCreateParams};
    /// let server = client
    ///     .create(
    ///         &ServerCreateParams {
    ///             account_id: None,
    ///             id: "github".into(),
    ///             name: "GitHub MCP".into(),
    ///             hostname: "https://github-mcp.example.workers.dev/mcp".into(),
    ///             auth_type: AuthType::Bearer,
    ///             auth_credentials: Some("ghp_example".into()),
    ///             client_secret: None,
    ///             description: None,
    ///             is_shared_oauth_callback_enabled: None,
    ///             secure_web_gateway: None,
    ///             updated_prompts: None,
    ///             updated_tools: None,
    ///         },
    ///         &RequestOptions::default(),
    ///     )
    ///     .await?;
    /// assert_eq!(server.id, "github");
    /// # Ok(()) }
    /// ```
    pub async fn create(
        &self,
        params: &ServerCreateParams,
        options: &RequestOptions,
    ) -> Result<McpServer, Error> {
        typed("create", &self.create_json(params, options).await?)
    }

    /// [`Client::create`], returning the server as parsed JSON.
    pub async fn create_json(
        &self,
        params: &ServerCreateParams,
        options: &RequestOptions,
    ) -> Result<T::Json, Error> {
        Ok(self.send(self.create_call(params)?, options).await?.result)
    }

    /// The create request, checked and ready to send.
    pub(crate) fn create_call(&self, params: &ServerCreateParams) -> Result<Call, Error> {
        let account = self.account(params.account_id.as_deref())?;
        fail_on(server_validate::create_params(params))?;
        Ok(Call {
            method: Method::Post,
            path: collection(&account),
            query: Vec::new(),
            body: Some(write::create_body(params)),
            idempotency: Idempotency::Create,
            shape: Shape::Server,
            expected: Some(Expected {
                id: params.id.clone(),
                name: params.name.clone(),
                hostname: params.hostname.clone(),
                auth_type: params.auth_type.as_str().to_owned(),
            }),
        })
    }

    /// Reads one server.
    ///
    /// ```no_run
    /// # async fn demo<T: cf_mcp_servers::Transport>(client: &cf_mcp_servers::Client<T>) -> cf_mcp_servers::Result<()> {
    /// use cf_mcp_servers::{AccountParams, RequestOptions};
    /// let server = client.read("github", &AccountParams::default(), &RequestOptions::default()).await?;
    /// println!("{} tools", server.tools.len());
    /// # Ok(()) }
    /// ```
    pub async fn read(
        &self,
        id: &str,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<McpServer, Error> {
        typed("read", &self.read_json(id, params, options).await?)
    }

    /// [`Client::read`], returning the result as parsed JSON.
    pub async fn read_json(
        &self,
        id: &str,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<T::Json, Error> {
        Ok(self
            .send(self.item_call(Item::Read, id, params)?, options)
            .await?
            .result)
    }

    /// Updates a server; only the fields set in `params` are sent.
    ///
    /// ```no_run
    /// # async fn demo<T: cf_mcp_servers::Transport>(client: &cf_mcp_servers::Client<T>) -> cf_mcp_servers::Result<()> {
    /// use cf_mcp_servers::{RequestOptions, ServerUpdateParams};
    /// let params = ServerUpdateParams { name: Some("Renamed".into()), ..Default::default() };
    /// let server = client.update("github", &params, &RequestOptions::default()).await?;
    /// assert_eq!(server.name, "Renamed");
    /// # Ok(()) }
    /// ```
    pub async fn update(
        &self,
        id: &str,
        params: &ServerUpdateParams,
        options: &RequestOptions,
    ) -> Result<McpServer, Error> {
        typed("update", &self.update_json(id, params, options).await?)
    }

    /// [`Client::update`], returning the server as parsed JSON.
    pub async fn update_json(
        &self,
        id: &str,
        params: &ServerUpdateParams,
        options: &RequestOptions,
    ) -> Result<T::Json, Error> {
        Ok(self
            .send(self.update_call(id, params)?, options)
            .await?
            .result)
    }

    /// The update request, checked and ready to send.
    pub(crate) fn update_call(&self, id: &str, params: &ServerUpdateParams) -> Result<Call, Error> {
        let account = self.account(params.account_id.as_deref())?;
        fail_on(server_validate::update_params(params))?;
        checked_id(id)?;
        Ok(Call {
            method: Method::Put,
            path: server_path(&account, id),
            query: Vec::new(),
            body: Some(write::update_body(params)),
            idempotency: Idempotency::Safe,
            shape: Shape::Server,
            expected: None,
        })
    }

    /// Deletes a server; the API answers with the server as it was.
    ///
    /// ```no_run
    /// # async fn demo<T: cf_mcp_servers::Transport>(client: &cf_mcp_servers::Client<T>) -> cf_mcp_servers::Result<()> {
    /// use cf_mcp_servers::{AccountParams, RequestOptions};
    /// let gone = client.delete("github", &AccountParams::default(), &RequestOptions::default()).await?;
    /// println!("deleted {}", gone.name);
    /// # Ok(()) }
    /// ```
    pub async fn delete(
        &self,
        id: &str,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<McpServer, Error> {
        typed("delete", &self.delete_json(id, params, options).await?)
    }

    /// [`Client::delete`], returning the result as parsed JSON.
    pub async fn delete_json(
        &self,
        id: &str,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<T::Json, Error> {
        Ok(self
            .send(self.item_call(Item::Delete, id, params)?, options)
            .await?
            .result)
    }

    /// Syncs a server's tools and prompts from its upstream now. An upstream failure comes
    /// back as `Ok` with `status: error` and `error_details`, as the API reports it.
    ///
    /// ```no_run
    /// # async fn demo<T: cf_mcp_servers::Transport>(client: &cf_mcp_servers::Client<T>) -> cf_mcp_servers::Result<()> {
    /// use cf_mcp_servers::{AccountParams, RequestOptions, ServerStatus};
    /// let outcome = client.sync("github", &AccountParams::default(), &RequestOptions::default()).await?;
    /// if outcome.status == Some(ServerStatus::Error) {
    ///     eprintln!("sync failed: {:?}", outcome.error);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn sync(
        &self,
        id: &str,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<SyncResult, Error> {
        typed("sync", &self.sync_json(id, params, options).await?)
    }

    /// [`Client::sync`], returning the result as parsed JSON.
    pub async fn sync_json(
        &self,
        id: &str,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<T::Json, Error> {
        Ok(self
            .send(self.item_call(Item::Sync, id, params)?, options)
            .await?
            .result)
    }

    /// The read, delete or sync request of one server, checked and ready to send.
    pub(crate) fn item_call(
        &self,
        item: Item,
        id: &str,
        params: &AccountParams,
    ) -> Result<Call, Error> {
        let account = self.account(params.account_id.as_deref())?;
        checked_id(id)?;
        let (method, suffix, shape) = match item {
            Item::Read => (Method::Get, "", Shape::Server),
            Item::Delete => (Method::Delete, "", Shape::Server),
            Item::Sync => (Method::Post, "/sync", Shape::SyncResult),
        };
        Ok(Call {
            method,
            path: cat!(server_path(&account, id), suffix),
            query: Vec::new(),
            body: None,
            idempotency: Idempotency::Safe,
            shape,
            expected: None,
        })
    }
}

/// A walk over every page of servers that owns no client, so it can live across an FFI
/// boundary; [`ListAll`] wraps it for Rust callers.
#[derive(Clone, Debug)]
pub struct Pages {
    cursor: PageCursor,
    /// The reset of a budget the last page said was spent: waited out before the next request.
    wait_ms: Option<u64>,
}

impl Pages {
    /// A walk from `params.page` (default 1) to the end.
    pub fn new(params: ServerListParams) -> Self {
        Self {
            cursor: PageCursor::new(params),
            wait_ms: None,
        }
    }

    /// Fetches the next page as parsed JSON, or `None` when the walk is over.
    pub async fn next<T: Transport>(
        &mut self,
        client: &Client<T>,
        options: &RequestOptions,
    ) -> Result<Option<Success<T::Json>>, Error> {
        let Some(call) = self.next_call(client, options)? else {
            return Ok(None);
        };
        if let Some(ms) = self.take_wait(client) {
            client.transport().sleep(ms).await;
        }
        let page = client.send(call, options).await?;
        self.record(client, &page)?;
        Ok(Some(page))
    }

    /// The request for the next page, or `None` when the walk is over; an error once the walk
    /// has taken `maxPages` pages and the API still reports more. Split from
    /// [`Pages::record`] so the wasm pager sends through the same path as every other call.
    pub(crate) fn next_call<T: Transport>(
        &self,
        client: &Client<T>,
        options: &RequestOptions,
    ) -> Result<Option<Call>, Error> {
        if self.cursor.is_done() {
            return Ok(None);
        }
        let call = client.list_call(&self.cursor.params)?;
        let limit = options.max_pages.unwrap_or(client.config().max_pages);
        let (pages, items) = self.cursor.walked();
        if pages >= limit {
            return Err(Error::new(
                ErrorKind::Api,
                cat!(
                    "GET ",
                    call.path,
                    ": stopped after ",
                    pages,
                    " pages (maxPages ",
                    limit,
                    "), ",
                    items,
                    " servers walked so far; the API still reports more. Raise maxPages to walk further"
                ),
            ));
        }
        Ok(Some(call))
    }

    /// The wait the last page asked for (a spent budget's reset, within `maxRetryDelay`), once.
    pub(crate) fn take_wait<T: Transport>(&mut self, client: &Client<T>) -> Option<u64> {
        crate::ratelimit::budget_wait(
            self.wait_ms.take(),
            client.config().retry.max_retry_delay_ms,
        )
    }

    /// Moves past a page that arrived. On failure to send, this is not called, so the cursor
    /// stays where it was and calling again retries the same page.
    pub(crate) fn record<T: Transport>(
        &mut self,
        client: &Client<T>,
        page: &Success<T::Json>,
    ) -> Result<(), Error> {
        self.wait_ms = crate::ratelimit::spent_wait_ms(&page.response.headers);
        let ids = page
            .result
            .items()
            .unwrap_or_default()
            .iter()
            .map(|item| {
                item.get("id")
                    .and_then(|id| id.as_string())
                    .unwrap_or_default()
            })
            .collect();
        match self.cursor.advance(ids, page.result_info.as_ref()) {
            Step::More | Step::Done => Ok(()),
            Step::Repeated { page: number } => Err(Error::new(
                ErrorKind::Api,
                cat!(
                    "GET ",
                    collection(&client.account(self.cursor.params.account_id.as_deref())?),
                    ": page ",
                    number,
                    " repeats page ",
                    number.saturating_sub(1),
                    " (the API ignored `page`); stopped instead of looping"
                ),
            )),
        }
    }
}

/// Every server of an account, page by page. See [`Client::list_all`].
#[derive(Debug)]
pub struct ListAll<'a, T> {
    client: &'a Client<T>,
    pages: Pages,
    buffer: std::vec::IntoIter<McpServer>,
}

impl<T: Transport> ListAll<'_, T> {
    /// The next server, fetching the next page when needed; `None` at the end.
    pub async fn next(&mut self, options: &RequestOptions) -> Result<Option<McpServer>, Error> {
        loop {
            if let Some(server) = self.buffer.next() {
                return Ok(Some(server));
            }
            match self.pages.next(self.client, options).await? {
                Some(page) => {
                    let items = page.result.items().unwrap_or_default();
                    let servers: Vec<McpServer> = items
                        .iter()
                        .map(|item| typed("list", item))
                        .collect::<Result<_, _>>()?;
                    self.buffer = servers.into_iter();
                }
                None => return Ok(None),
            }
        }
    }
}
