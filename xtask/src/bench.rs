//! `cargo xtask bench`: the package side by side with the official SDK (`cloudflare` on npm,
//! its tree-shakable client with the `Servers` resource), in one run on this machine.
//!
//! Builds the release package, then `node bench/run.mjs` runs each measurement in a fresh
//! process (download size, cold start, per-call overhead, a large page, auto-pagination,
//! memory), prints one table of ratios ours/official and writes `target/bench.json`.
//! `--quick` passes through for a faster, rougher run; `--no-build` measures `pkg/` as it is.

use crate::util::{root, run_in, step, Result};
use crate::{dist, setup};

pub fn run(args: &[String]) -> Result {
    let no_build = args.iter().any(|a| a == "--no-build");
    setup::wasm_tools()?;
    if !no_build {
        dist::build()?;
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
