//! The servers of every account, behind one lock, persisted before each change is visible.

use std::collections::BTreeMap;
use std::path::PathBuf;

use cf_mcp_servers::models::McpServer;
use cf_mcp_servers::portals::{PortalServerLink, PortalSummary};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::envelope::ApiError;
use crate::persist;

/// One stored server: what the API returns, plus the secrets it never returns.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Record {
    #[serde(flatten)]
    pub server: McpServer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_credentials: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
}

/// Servers by account id, then by server id (so lists come out sorted by id).
pub type Accounts = BTreeMap<String, BTreeMap<String, Record>>;

/// One stored portal: its own fields and the links as written (sorted by server id, the
/// canonical order); reads join the links with the servers' current state.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PortalRecord {
    #[serde(flatten)]
    pub portal: PortalSummary,
    #[serde(default)]
    pub servers: Vec<PortalServerLink>,
}

/// Portals by account id, then by portal id.
pub type Portals = BTreeMap<String, BTreeMap<String, PortalRecord>>;

/// The data file's content.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Data {
    pub accounts: Accounts,
    /// Absent in data files written before portals existed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub portals: Portals,
}

impl Data {
    pub fn is_empty(&self) -> bool {
        self.accounts.values().all(BTreeMap::is_empty)
            && self.portals.values().all(BTreeMap::is_empty)
    }
}

pub struct Store {
    data: Mutex<Data>,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens the store: from `path` if given and present, else empty.
    pub fn open(path: Option<PathBuf>) -> Result<Self, String> {
        let data = match &path {
            Some(path) => persist::load(path)?,
            None => Data::default(),
        };
        Ok(Self {
            data: Mutex::new(data),
            path,
        })
    }

    /// Runs `f` on a snapshot of the data.
    pub async fn read<R>(&self, f: impl FnOnce(&Data) -> R) -> R {
        let data = self.data.lock().await;
        f(&data)
    }

    /// Applies `f` to a copy, writes the copy to disk, and only then makes it the current data,
    /// so a failed write changes nothing and a success is durable before anyone sees it.
    pub async fn write<R>(
        &self,
        f: impl FnOnce(&mut Data) -> Result<R, ApiError>,
    ) -> Result<R, ApiError> {
        let mut data = self.data.lock().await;
        let mut next = data.clone();
        let result = f(&mut next)?;
        if let Some(path) = &self.path {
            let path = path.clone();
            let bytes = serde_json::to_vec_pretty(&next)
                .map_err(|e| ApiError::internal(format!("could not encode the data: {e}")))?;
            tokio::task::spawn_blocking(move || persist::save(&path, &bytes))
                .await
                .map_err(|e| ApiError::internal(format!("could not save the data: {e}")))?
                .map_err(ApiError::internal)?;
        }
        *data = next;
        Ok(result)
    }
}
