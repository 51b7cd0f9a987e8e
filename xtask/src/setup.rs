//! Installing what a fresh machine lacks, and skipping what is already there.

use std::path::Path;

use crate::util::{output, root, run, step, Result};

/// The wasm32 target, a `wasm-bindgen` CLI matching Cargo.lock, and the npm tools.
pub fn wasm_tools() -> Result {
    wasm_target()?;
    wasm_bindgen()?;
    npm()
}

fn wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    step("installing the wasm32-unknown-unknown target");
    run("rustup", &["target", "add", "wasm32-unknown-unknown"])
}

/// The `wasm-bindgen` version Cargo.lock pins; the CLI must be the very same.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

fn wasm_bindgen() -> Result {
    let version = locked_wasm_bindgen_version()?;
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(version.as_str()) {
        return Ok(());
    }
    step(&format!(
        "installing wasm-bindgen-cli {version} (matches Cargo.lock; takes a few minutes)"
    ));
    run(
        "cargo",
        &[
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--locked",
        ],
    )
    .or_else(|_| {
        println!(
            "(--locked failed: the registry lacks a locked dependency; installing without it)"
        );
        run(
            "cargo",
            &["install", "wasm-bindgen-cli", "--version", &version],
        )
    })
}

/// `npm ci` when node_modules was not installed from the package-lock.json there is now. The
/// stamp is a copy of the lock that `npm ci` installed from: mtimes were not enough, since
/// `npm install --package-lock-only` refreshes npm's own stamp without installing anything.
pub fn npm() -> Result {
    let root = root();
    let lock = root.join("package-lock.json");
    let stamp = root.join("node_modules/.cf-mcp-servers-installed-lock.json");
    let locked =
        std::fs::read(&lock).map_err(|e| format!("cannot read {}: {e}", lock.display()))?;
    if std::fs::read(&stamp).is_ok_and(|installed| installed == locked) {
        return Ok(());
    }
    step("installing npm dev dependencies (npm ci)");
    run("npm", &["ci", "--no-audit", "--no-fund"])?;
    std::fs::write(&stamp, &locked).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

/// Debian's Chromium and ChromeDriver for browser tests: installed with apt-get when we are
/// root, else a message saying what to install.
pub fn chromium() -> Result {
    let present = |p: &str| Path::new(p).exists();
    if present("/usr/bin/chromium") && present("/usr/bin/chromedriver") {
        return Ok(());
    }
    let root_user = output("id", &["-u"])
        .map(|s| s.trim() == "0")
        .unwrap_or(false);
    if !root_user {
        return Err("browser tests need /usr/bin/chromium and /usr/bin/chromedriver: install Debian's chromium and chromium-driver packages (or run as root and this step does it)".into());
    }
    step("installing chromium and chromium-driver (apt-get)");
    run("apt-get", &["update"])?;
    run(
        "apt-get",
        &[
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ],
    )
}
