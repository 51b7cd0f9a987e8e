//! What every handler shares.

use std::path::PathBuf;
use std::time::Duration;

use crate::store::Store;

pub struct AppState {
    pub store: Store,
    /// The accepted API token, if one was configured.
    pub token: Option<String>,
    pub sync_timeout: Duration,
    pub www: PathBuf,
    pub pkg: PathBuf,
    /// Base URL `/client/v4/*` is forwarded to, without a trailing slash.
    pub proxy_to: Option<String>,
    /// `--seed-demo`: serve `/demo.json` for the admin page.
    pub demo: bool,
    /// HTTP client for the proxy.
    pub http: reqwest::Client,
}
