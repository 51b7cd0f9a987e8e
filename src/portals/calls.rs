//! The five operations of `/accounts/{account_id}/access/ai-controls/mcp/portals` on
//! [`Portals`], the handle `client.portals()` returns. Each checks its parameters, then makes
//! exactly one call through the client (a create may add a read-back, as for servers).

use crate::client::{Call, Client};
use crate::config::RequestOptions;
use crate::envelope::Success;
use crate::error::Error;
use crate::http::{Method, Transport};
use crate::models::AccountParams;
use crate::pages::{ListAll, Pages};
use crate::request::{typed, typed_items, Resource};
use crate::shape::Shape;

use super::models::{
    McpPortal, PortalCreateParams, PortalListPage, PortalListParams, PortalSummary,
    PortalUpdateParams,
};

/// The portal calls of a [`Client`]: `client.portals().read("my-portal", …)`.
#[derive(Debug)]
pub struct Portals<'a, T> {
    client: &'a Client<T>,
}

impl<T> Clone for Portals<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Portals<'_, T> {}

impl<T: Transport> Client<T> {
    /// The MCP portals of the account: list, create, read, update, delete.
    ///
    /// ```no_run
    /// # async fn demo<T: cf_mcp_servers::Transport>(client: &cf_mcp_servers::Client<T>) -> cf_mcp_servers::Result<()> {
    /// use cf_mcp_servers::{AccountParams, RequestOptions};
    /// let portal = client.portals().read("my-portal", &AccountParams::default(), &RequestOptions::default()).await?;
    /// println!("{} links {} servers", portal.portal.name, portal.servers.len());
    /// # Ok(()) }
    /// ```
    pub fn portals(&self) -> Portals<'_, T> {
        Portals { client: self }
    }
}

impl<'a, T: Transport> Portals<'a, T> {
    /// Lists one page of portals (`search` matches id, name and hostname).
    pub async fn list(
        &self,
        params: &PortalListParams,
        options: &RequestOptions,
    ) -> Result<PortalListPage, Error> {
        let page = self.list_json(params, options).await?;
        Ok(PortalListPage {
            result: typed_items(&page.result)?,
            result_info: page.result_info,
        })
    }

    /// [`Portals::list`] as parsed JSON, every item checked, unknown fields kept.
    pub async fn list_json(
        &self,
        params: &PortalListParams,
        options: &RequestOptions,
    ) -> Result<Success<T::Json>, Error> {
        self.client.send(self.list_call(params)?, options).await
    }

    /// The list request, checked and ready to send.
    pub(crate) fn list_call(&self, params: &PortalListParams) -> Result<Call, Error> {
        self.client.collection_list_call(Resource::Portals, params)
    }

    /// Walks every page of portals, in order, stopping as soon as the end is known.
    ///
    /// ```no_run
    /// # async fn demo<T: cf_mcp_servers::Transport>(client: &cf_mcp_servers::Client<T>) -> cf_mcp_servers::Result<()> {
    /// use cf_mcp_servers::{portals::McpPortal, RequestOptions};
    /// let options = RequestOptions::default();
    /// let mut all = client.portals().list_all(Default::default());
    /// while let Some(portal) = all.next(&options).await? {
    ///     let portal: McpPortal = portal;
    ///     println!("{}", portal.portal.hostname);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list_all(&self, params: PortalListParams) -> ListAll<'a, T, McpPortal> {
        ListAll::new(self.client, Pages::portals(params))
    }

    /// Creates a portal. A create retried after an attempt that may have landed, which then
    /// finds its id taken, reads the portal back: the same id, name and hostname settle it as
    /// this create's own.
    pub async fn create(
        &self,
        params: &PortalCreateParams,
        options: &RequestOptions,
    ) -> Result<McpPortal, Error> {
        typed("create", &self.create_json(params, options).await?)
    }

    /// [`Portals::create`], returning the portal as parsed JSON.
    pub async fn create_json(
        &self,
        params: &PortalCreateParams,
        options: &RequestOptions,
    ) -> Result<T::Json, Error> {
        Ok(self
            .client
            .send(self.create_call(params)?, options)
            .await?
            .result)
    }

    /// The create request, checked and ready to send.
    pub(crate) fn create_call(&self, params: &PortalCreateParams) -> Result<Call, Error> {
        self.client.typed_request(
            Resource::Portals,
            None,
            params,
            params.account_id.as_deref(),
        )
    }

    /// Reads one portal, with its servers.
    pub async fn read(
        &self,
        id: &str,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<McpPortal, Error> {
        typed("read", &self.read_json(id, params, options).await?)
    }

    /// [`Portals::read`], returning the portal as parsed JSON.
    pub async fn read_json(
        &self,
        id: &str,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<T::Json, Error> {
        let call = self.item_call(false, id, params)?;
        Ok(self.client.send(call, options).await?.result)
    }

    /// Updates a portal; only the fields set in `params` are sent, and `servers`, when set,
    /// replaces the whole mapping (start from [`super::portal_to_update_params`]).
    pub async fn update(
        &self,
        id: &str,
        params: &PortalUpdateParams,
        options: &RequestOptions,
    ) -> Result<McpPortal, Error> {
        typed("update", &self.update_json(id, params, options).await?)
    }

    /// [`Portals::update`], returning the portal as parsed JSON.
    pub async fn update_json(
        &self,
        id: &str,
        params: &PortalUpdateParams,
        options: &RequestOptions,
    ) -> Result<T::Json, Error> {
        let call = self.update_call(id, params)?;
        Ok(self.client.send(call, options).await?.result)
    }

    /// The update request, checked and ready to send.
    pub(crate) fn update_call(&self, id: &str, params: &PortalUpdateParams) -> Result<Call, Error> {
        self.client.typed_request(
            Resource::Portals,
            Some(id),
            params,
            params.account_id.as_deref(),
        )
    }

    /// Deletes a portal; the API answers with the portal as it was, without `servers`.
    pub async fn delete(
        &self,
        id: &str,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<PortalSummary, Error> {
        typed("delete", &self.delete_json(id, params, options).await?)
    }

    /// [`Portals::delete`], returning the result as parsed JSON.
    pub async fn delete_json(
        &self,
        id: &str,
        params: &AccountParams,
        options: &RequestOptions,
    ) -> Result<T::Json, Error> {
        let call = self.item_call(true, id, params)?;
        Ok(self.client.send(call, options).await?.result)
    }

    /// The read (`delete` false) or delete request of one portal, checked and ready to send.
    pub(crate) fn item_call(
        &self,
        delete: bool,
        id: &str,
        params: &AccountParams,
    ) -> Result<Call, Error> {
        let (method, shape) = match delete {
            false => (Method::Get, None),
            true => (Method::Delete, Some(Shape::PortalSummary)),
        };
        self.client
            .item_request(Resource::Portals, method, id, "", params, shape)
    }
}
