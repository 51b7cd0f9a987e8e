//! Command-line flags.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

use crate::faults::FaultSpec;

/// A local emulator of Cloudflare's MCP servers API
/// (`/client/v4/accounts/{account_id}/access/ai-controls/mcp/servers`), with real MCP sync,
/// a built-in demo MCP server at `/demo-mcp`, and the admin page served from the same origin.
#[derive(Debug, Parser)]
#[command(name = "cf-mcp-emulator", version, about, long_about = None)]
#[command(after_help = AFTER_HELP)]
pub struct Cli {
    /// Address to listen on. Use 127.0.0.1:0 for a free port; the real one is printed.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,

    /// The one API token accepted (as `Authorization: Bearer TOKEN`, or as X-Auth-Key with
    /// any X-Auth-Email). Without it, any non-empty token or email+key pair is accepted.
    #[arg(
        long,
        value_name = "TOKEN",
        env = "CF_MCP_EMULATOR_TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,

    /// Keep servers in this JSON file. Every change is written (temp file + rename) before the
    /// response is sent. A corrupt or unreadable file stops the start-up; it is never reset.
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,

    /// When the store is empty, create a demo account with sample servers, one of them the
    /// built-in demo MCP server. Also serves `/demo.json` (the demo account id and the accepted
    /// token) so the admin page can fill in its connection form: a demo on loopback only, never
    /// with a token that matters.
    #[arg(long)]
    pub seed_demo: bool,

    /// Directory served at `/` (the admin page). A placeholder is shown while it has no index.html.
    #[arg(long, value_name = "DIR", default_value = "www")]
    pub www: PathBuf,

    /// Directory served at `/pkg/` (the npm package built by `cargo xtask dist`).
    #[arg(long, value_name = "DIR", default_value = "pkg")]
    pub pkg: PathBuf,

    /// Forward `/client/v4/*` to this API instead of emulating it, with the caller's
    /// credentials, e.g. https://api.cloudflare.com/client/v4
    #[arg(long, value_name = "URL")]
    pub proxy_to: Option<String>,

    /// Inject failures into `/client/v4` responses (see FAULTS below).
    #[arg(long, value_name = "SPEC")]
    pub faults: Option<FaultSpec>,

    /// Give up a sync after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 15)]
    pub sync_timeout: u64,
}

const AFTER_HELP: &str = "\
FAULTS:
  A comma-separated list of KIND=VALUE, applied to every /client/v4 request:
    429=0.2          a share (0..1) of requests answered 429 with Retry-After: 1
    500=0.1          a share answered with that 5xx status (any of 500-599)
    drop=0.05        a share whose connection is closed without a response
    lost=0.05        a share handled (a create is stored) whose response is then lost
    latency=200ms    added before every response (ms or s)
  Example: --faults '429=0.2,503=0.1,drop=0.05,latency=200ms'

Start-up prints one line `cf-mcp-emulator listening on http://HOST:PORT`.
Ctrl-C or SIGTERM stops it; every change was already written.";
