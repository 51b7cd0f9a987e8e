//! `cargo xtask <command>`: the project's only build scripts.
//!
//! - `dist`  builds the npm package into `pkg/`
//! - `test`  sets up what a fresh machine lacks, then runs every test suite
//! - `demo`  runs the admin page on the local emulator
//! - `bench` compares the package with the official SDK
//! - `matrix` only the last part of `test`: the packed package on every runtime, bundler and
//!   TypeScript version

mod bench;
mod demo;
mod dist;
mod exports;
mod matrix;
mod minify;
mod setup;
mod test;
mod util;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map(String::as_str).unwrap_or("help");
    let rest = args.get(1..).unwrap_or_default();
    let result = match command {
        "dist" => dist::run(rest),
        "test" => test::run(rest),
        "demo" => demo::run(rest),
        "bench" => bench::run(rest),
        "matrix" => matrix::run_alone(),
        _ => {
            eprintln!("usage: cargo xtask <dist|test|demo|bench|matrix>\n\n  dist   build the npm package into pkg/\n  test   install what is missing, then run every test suite\n  demo   serve the admin page on the local emulator (http://127.0.0.1:8787)\n  bench  compare size and speed with the official SDK\n  matrix only the matrix part of test (runtimes, bundlers, TypeScript, wrangler, packing)");
            return if command == "help" || command == "--help" {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {command}: {message}");
            ExitCode::FAILURE
        }
    }
}
