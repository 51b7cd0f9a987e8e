//! The six operations of `/accounts/{account_id}/access/ai-controls/mcp/servers`, plus
//! [`ListAll`]. Each checks its parameters, then makes exactly one call through the client.

use crate::client::{Call, Client};
use crate::config::RequestOptions;
use crate::envelope::Success;
use crate::error::Error;
use crate::http::{Method, Transport};
use crate::models::{
    AccountParams, McpServer, ServerCreateParams, ServerListPage, ServerListParams,
    ServerUpdateParams, SyncResult,
};
use crate::pages::{ListAll, Pages};
use crate::request::{typed, typed_items, Resource};
use crate::shape::Shape;

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
        Ok(ServerListPage {
            result: typed_items(&page.result)?,
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
        self.collection_list_call(Resource::Servers, params)
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
        ListAll::new(self, Pages::new(params))
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
        self.typed_request(
            Resource::Servers,
            None,
            params,
            params.account_id.as_deref(),
        )
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
        self.typed_request(
            Resource::Servers,
            Some(id),
            params,
            params.account_id.as_deref(),
        )
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
        let (method, suffix, shape) = match item {
            Item::Read => (Method::Get, "", None),
            Item::Delete => (Method::Delete, "", None),
            Item::Sync => (Method::Post, "/sync", Some(Shape::SyncResult)),
        };
        self.item_request(Resource::Servers, method, id, suffix, params, shape)
    }
}
