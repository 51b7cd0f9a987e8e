//! `cf-mcp-emulator`: Cloudflare's MCP servers API on your machine, with real MCP sync.

mod api;
mod app;
mod auth;
mod cli;
mod clock;
mod demo_mcp;
mod envelope;
mod faults;
mod persist;
mod portal_mcp;
mod proxy;
mod seed;
mod state;
mod static_files;
mod store;
mod sync;

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;

use crate::cli::Cli;
use crate::state::AppState;
use crate::store::Store;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // reqwest is built without a default TLS backend; ring avoids a C toolchain-heavy build.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("cf-mcp-emulator: could not start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("cf-mcp-emulator: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let store = Store::open(cli.data.clone())?;
    let proxy_to = match cli.proxy_to.as_deref().map(|u| u.trim_end_matches('/')) {
        Some(url) if !(url.starts_with("http://") || url.starts_with("https://")) => {
            return Err(format!("--proxy-to {url}: expected an http(s) URL"));
        }
        other => other.map(str::to_owned),
    };
    let listener = tokio::net::TcpListener::bind(cli.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", cli.listen))?;
    let mut addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the listening address: {e}"))?;
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    let base = format!("http://{addr}");
    let seeded = cli.seed_demo && seed::seed(&store, &base).await?;
    if seeded {
        println!("seeded demo account {}", seed::DEMO_ACCOUNT);
        println!("demo portal: {base}/portals/{}/mcp", seed::DEMO_PORTAL);
    }
    if let Some(path) = &cli.data {
        println!("data file: {}", path.display());
    }
    if let Some(url) = &proxy_to {
        println!("proxying /client/v4 to {url}");
    } else if cli.token.as_deref().unwrap_or("").is_empty() {
        eprintln!("warning: no --token given: any non-empty API token or email+key is accepted");
    }
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| format!("cannot set up the HTTP client: {e}"))?;
    let state = Arc::new(AppState {
        store,
        token: cli.token.clone().filter(|t| !t.is_empty()),
        sync_timeout: Duration::from_secs(cli.sync_timeout.max(1)),
        www: cli.www.clone(),
        pkg: cli.pkg.clone(),
        demo: cli.seed_demo && proxy_to.is_none(),
        proxy_to,
        http,
    });
    if seeded {
        // Runs once serve below accepts connections (the listener is already bound).
        tokio::spawn(seed::sync_demo(state.clone()));
    }
    let app = app::build(state, cli.faults.clone());
    println!("cf-mcp-emulator listening on {base}");
    let _ = std::io::stdout().flush();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    println!("cf-mcp-emulator stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM. Every change is already on disk, so stopping loses nothing.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
