//! [`Pages`], a walk over every page of a list, and [`ListAll`], its typed form for Rust:
//! the same for servers and portals but for the collection and the item type.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use crate::client::{Call, Client};
use crate::config::RequestOptions;
use crate::envelope::Success;
use crate::error::{Error, ErrorKind};
use crate::http::Transport;
use crate::json::Json;
use crate::models::{McpServer, ServerListParams};
use crate::page::{PageCursor, Step};
use crate::request::{typed_items, Resource};
use crate::text::cat;

/// A walk over every page of servers or portals that owns no client, so it can live across an FFI
/// boundary; [`ListAll`] wraps it for Rust callers.
#[derive(Clone, Debug)]
pub struct Pages {
    resource: Resource,
    cursor: PageCursor,
    /// The reset of a budget the last page said was spent: waited out before the next request.
    wait_ms: Option<u64>,
}

impl Pages {
    /// A walk over the servers from `params.page` (default 1) to the end.
    pub fn new(params: ServerListParams) -> Self {
        Self::of(Resource::Servers, params)
    }

    /// A walk over the portals from `params.page` (default 1) to the end.
    pub fn portals(params: crate::portals::PortalListParams) -> Self {
        Self::of(Resource::Portals, params)
    }

    fn of(resource: Resource, params: ServerListParams) -> Self {
        Self {
            resource,
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
        let call = client.collection_list_call(self.resource, &self.cursor.params)?;
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
                    " ",
                    self.resource.plural(),
                    " walked so far; the API still reports more. Raise maxPages to walk further"
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
                    self.resource
                        .collection(&client.account(self.cursor.params.account_id.as_deref())?),
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

/// Every server (or, from `client.portals().list_all`, every portal) of an account, page by
/// page. See [`Client::list_all`].
#[derive(Debug)]
pub struct ListAll<'a, T, I = McpServer> {
    client: &'a Client<T>,
    pages: Pages,
    buffer: std::vec::IntoIter<I>,
    item: PhantomData<I>,
}

impl<'a, T, I> ListAll<'a, T, I> {
    pub(crate) fn new(client: &'a Client<T>, pages: Pages) -> Self {
        Self {
            client,
            pages,
            buffer: Vec::new().into_iter(),
            item: PhantomData,
        }
    }
}

impl<T: Transport, I: DeserializeOwned> ListAll<'_, T, I> {
    /// The next item, fetching the next page when needed; `None` at the end.
    pub async fn next(&mut self, options: &RequestOptions) -> Result<Option<I>, Error> {
        loop {
            if let Some(item) = self.buffer.next() {
                return Ok(Some(item));
            }
            match self.pages.next(self.client, options).await? {
                Some(page) => self.buffer = typed_items(&page.result)?.into_iter(),
                None => return Ok(None),
            }
        }
    }
}
