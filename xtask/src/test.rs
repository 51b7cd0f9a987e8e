//! `cargo xtask test`: installs what a fresh machine lacks, then runs every suite in order,
//! cheapest first, stopping at the first failure; the matrix (`matrix.rs`) last.

use std::path::Path;

use crate::util::{self, root, run_in, step, Result};
use crate::{dist, matrix, setup};

const WASM_RUNNER: &str = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER";

pub fn run(_args: &[String]) -> Result {
    let root = root();
    setup::wasm_tools()?;
    setup::chromium()?;

    step("rustfmt");
    util::run("cargo", &["fmt", "--all", "--", "--check"])?;

    step("clippy (native and wasm32)");
    util::run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    util::run(
        "cargo",
        &[
            "clippy",
            "--lib",
            "--tests",
            "--target",
            "wasm32-unknown-unknown",
            // It only adds code, so linting with it covers the build without it too.
            "--features",
            "full",
            "--",
            "-D",
            "warnings",
        ],
    )?;

    step("native tests: the core, the emulator, docs");
    util::run("cargo", &["test", "--workspace"])?;

    dist::build()?;
    dist::report_sizes()?;

    let runner = (WASM_RUNNER, "wasm-bindgen-test-runner");
    for (suite, test, env) in [
        ("wasm-bindgen tests in Node", "wasm_node", &[runner][..]),
        (
            "wasm-bindgen tests in headless Chromium",
            "wasm_browser",
            &[runner, ("CHROMEDRIVER", "/usr/bin/chromedriver")][..],
        ),
    ] {
        step(suite);
        let args = ["test", "--target", "wasm32-unknown-unknown", "--test", test];
        run_in(&root, "cargo", &args, env)?;
    }

    let emulator = root.join("target/debug/cf-mcp-emulator");
    let emulator = emulator.to_string_lossy();
    for (suite, dir) in [
        ("JavaScript package tests (Node)", "tests/js"),
        ("the cf-mcp-servers command (Node, emulator)", "tests/cli"),
        ("admin page end to end (Chromium)", "tests/e2e"),
        ("Cloudflare Workers (workerd)", "tests/workers"),
    ] {
        if !root.join(dir).is_dir() {
            continue;
        }
        step(suite);
        let files = test_files(&root.join(dir))?;
        let mut args = vec!["--test", "--test-concurrency=1"];
        args.extend(files.iter().map(String::as_str));
        run_in(&root, "node", &args, &[("CF_MCP_EMULATOR", &emulator)])?;
    }
    // The packed package on every runtime, bundler and TypeScript version (tests/matrix), and
    // the TypeScript consumer (tests/types) there.
    matrix::run(&emulator)?;
    println!("\nall suites passed");
    Ok(())
}

/// The `*.test.mjs` files of a folder, sorted, relative to the root.
pub fn test_files(dir: &Path) -> Result<Vec<String>> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .filter_map(|p| {
            p.strip_prefix(root())
                .ok()
                .map(|p| p.to_string_lossy().into_owned())
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{} has no *.test.mjs files", dir.display()));
    }
    Ok(files)
}
