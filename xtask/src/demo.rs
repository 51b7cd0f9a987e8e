//! `cargo xtask demo`: build the package and the emulator, then serve the admin page and the
//! emulated API on http://127.0.0.1:8787 with a seeded demo account, until Ctrl-C.
//!
//! Options: `--release` builds the emulator optimised; `--listen ADDR` picks another address;
//! anything after `--` goes to the emulator as is (e.g. `-- --faults 429=0.2`).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::util::{self, root, step, Result};

/// The token the demo emulator accepts; the admin page asks for it.
const DEMO_TOKEN: &str = "demo-token";
/// The account `--seed-demo` creates.
const DEMO_ACCOUNT: &str = "0123456789abcdef0123456789abcdef";

struct Options {
    release: bool,
    listen: String,
    passthrough: Vec<String>,
}

fn parse(args: &[String]) -> Result<Options> {
    let mut options = Options {
        release: false,
        listen: "127.0.0.1:8787".into(),
        passthrough: Vec::new(),
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--release" => options.release = true,
            "--listen" => {
                options.listen = rest
                    .next()
                    .ok_or("--listen needs an address, like 127.0.0.1:8787")?
                    .clone()
            }
            "--" => {
                options.passthrough = rest.cloned().collect();
                break;
            }
            other => {
                return Err(format!(
                    "unknown option {other} (use --release, --listen ADDR, or -- EMULATOR-ARGS)"
                ))
            }
        }
    }
    Ok(options)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

pub fn run(args: &[String]) -> Result {
    let options = parse(args)?;

    step("building the npm package into pkg/");
    // The demo still starts without it: the API and the page work, only the package is missing.
    if let Err(e) = crate::dist::run(&[]) {
        println!("warning: pkg/ was not built ({e}); serving whatever pkg/ holds");
    }

    step("building the emulator");
    let profile = if options.release { "release" } else { "debug" };
    let mut build = vec!["build", "-p", "cf-mcp-emulator"];
    if options.release {
        build.push("--release");
    }
    util::run("cargo", &build)?;

    let binary = target_dir().join(profile).join("cf-mcp-emulator");
    let data = target_dir().join("demo").join("data.json");
    let root = root();
    step("starting the emulator");
    let mut child = Command::new(&binary)
        .current_dir(&root)
        .args([
            "--listen",
            &options.listen,
            "--seed-demo",
            "--token",
            DEMO_TOKEN,
        ])
        .arg("--data")
        .arg(&data)
        .arg("--www")
        .arg(root.join("www"))
        .arg("--pkg")
        .arg(root.join("pkg"))
        .args(&options.passthrough)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", binary.display()))?;
    let stdout = child.stdout.take().ok_or("the emulator has no output")?;
    let mut lines = BufReader::new(stdout).lines();
    let mut url = None;
    for line in lines.by_ref() {
        let Ok(line) = line else { break };
        println!("{line}");
        if let Some(found) = line.strip_prefix("cf-mcp-emulator listening on ") {
            url = Some(found.trim().to_owned());
            break;
        }
    }
    let Some(url) = url else {
        let status = child.wait().map_err(|e| e.to_string())?;
        return Err(format!("the emulator stopped before listening ({status})"));
    };
    println!();
    println!("  Admin page:  {url}/");
    println!("  API:         {url}/client/v4");
    println!("  API token:   {DEMO_TOKEN}");
    println!("  MCP portal:  {url}/portals/demo-portal/mcp (the same token, as Bearer)");
    println!("  Account id:  {DEMO_ACCOUNT}");
    println!("  Data file:   {}", data.display());
    println!();
    println!("Press Ctrl-C to stop.");
    // Ctrl-C reaches the emulator too (same process group); it stops cleanly on its own.
    std::thread::spawn(move || {
        for line in lines.map_while(std::result::Result::ok) {
            println!("{line}");
        }
    });
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the emulator exited with {status}"))
    }
}
