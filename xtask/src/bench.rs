//! `cargo xtask bench`: the package side by side with the official SDK (`cloudflare` on npm,
//! its tree-shakable client with the `Servers` resource), in one run on this machine.
//!
//! Builds the release package, then `node bench/run.mjs` runs each measurement in a fresh
//! process (download size, cold start, per-call overhead, a large page, auto-pagination,
//! memory), prints one table of ratios ours/official and writes `target/bench.json`.
//! `--quick` passes through for a faster, rougher run; `--no-build` measures `pkg/` as it is.

use crate::util::{self, root, run_in, step, Result};
use crate::{dist, setup};

pub fn run(args: &[String]) -> Result {
    let no_build = args.iter().any(|a| a == "--no-build");
    setup::wasm_tools()?;
    if !no_build {
        dist::build()?;
        build_floor()?;
    }
    step("benchmark: cf-mcp-servers vs the official SDK (about 2 minutes)");
    let mut node_args = vec!["bench/run.mjs"];
    node_args.extend(
        args.iter()
            .map(String::as_str)
            .filter(|a| *a != "--no-build"),
    );
    run_in(&root(), "node", &node_args, &[])
}

/// `bench/floor`, the least Rust client on wasm-bindgen, built as `dist` builds the package,
/// into `target/floor/pkg` (`bench/sizes.mjs` measures it when it is there).
fn build_floor() -> Result {
    step("building bench/floor, the size floor of any Rust client on wasm-bindgen");
    util::run(
        "cargo",
        &[
            "build",
            "--release",
            "--locked",
            "--target",
            "wasm32-unknown-unknown",
            "--manifest-path",
            "bench/floor/Cargo.toml",
            "--target-dir",
            "target/floor",
        ],
    )?;
    util::run(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--out-dir",
            "target/floor/pkg",
            "target/floor/wasm32-unknown-unknown/release/floor.wasm",
        ],
    )?;
    dist::optimize_wasm("target/floor/pkg/floor_bg.wasm")
}
