//! `cargo xtask dist`: the npm package in `pkg/`.
//!
//! Release wasm (size profile, panic=abort) → wasm-bindgen (`--target web`, whose `initSync`
//! and `init` serve every runtime) → wasm-opt -Oz → short import names (`minify.rs`) → the
//! entry files of `pkg-template/` (with `cli/`, the `cf-mcp-servers` command, and the
//! configuration's JSON Schema).

use std::fs;
use std::path::Path;

use crate::util::{self, root, run_in, step, Result};
use crate::{exports, minify, setup};

const WASM: &str = "target/wasm32-unknown-unknown/wasm-release/cf_mcp_servers.wasm";

/// One wasm build of the package and the entries that load it.
struct Variant {
    /// Cargo features besides `small-allocator`.
    features: &'static str,
    /// Where it goes, below pkg/ ("" for the main entry).
    dir: &'static str,
    /// The README export lists it exports (see `exports.rs`).
    lists: &'static [&'static str],
}

/// The main entry, and `cf-mcp-servers/full`: the same clients plus catalogue review and the
/// declarative layer, in a wasm of its own so that only their users download them.
const VARIANTS: [Variant; 2] = [
    Variant {
        features: "",
        dir: "",
        lists: &[exports::MAIN],
    },
    Variant {
        features: ",full",
        dir: "full",
        lists: &[exports::MAIN, exports::FULL],
    },
];

/// The entry files of pkg-template/ that a variant in a folder of its own gets too: they load
/// `./cf_mcp_servers.js` beside them, so the same files serve every variant.
const VARIANT_ENTRIES: [&str; 4] = ["node.js", "browser.js", "workerd.js", "index.d.ts"];

pub fn run(_args: &[String]) -> Result {
    setup::wasm_tools()?;
    build()?;
    report_sizes()
}

/// Builds `pkg/` (tools must be installed).
pub fn build() -> Result {
    let root = root();
    let pkg = root.join("pkg");
    if pkg.exists() {
        fs::remove_dir_all(&pkg).map_err(|e| format!("cannot clear pkg/: {e}"))?;
    }
    let version = crate_version()?;
    for variant in &VARIANTS {
        build_variant(variant, &version)?;
    }
    fs::copy(root.join("LICENSE"), pkg.join("LICENSE"))
        .map_err(|e| format!("cannot copy LICENSE: {e}"))?;
    println!("pkg/ is ready: cf-mcp-servers {version}");
    Ok(())
}

/// One variant: wasm, glue, declarations and entries in `pkg/{dir}`.
fn build_variant(variant: &Variant, version: &str) -> Result {
    let root = root();
    let pkg = root.join("pkg");
    let out = pkg.join(variant.dir);
    let name = if variant.dir.is_empty() {
        "the wasm package".to_owned()
    } else {
        format!("the wasm package's `{}` entry", variant.dir)
    };
    step(&format!("building {name}"));
    let features = format!("small-allocator{}", variant.features);
    util::run(
        "cargo",
        &[
            "build",
            "--lib",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
            "--features",
            &features,
        ],
    )?;
    let out_dir = out.to_string_lossy().into_owned();
    util::run(
        "wasm-bindgen",
        &["--target", "web", "--out-dir", &out_dir, WASM],
    )?;
    let wasm_path = out.join("cf_mcp_servers_bg.wasm");
    optimize_wasm(&wasm_path.to_string_lossy())?;
    let glue_js = out.join("cf_mcp_servers.js");
    let generated = fs::read_to_string(&glue_js)
        .map_err(|e| format!("cannot read {}: {e}", glue_js.display()))?;
    let wasm_bytes = fs::read(&wasm_path).map_err(|e| format!("cannot read the wasm: {e}"))?;
    let (wasm_bytes, js) = minify::imports(&wasm_bytes, &dedupe_snippet_imports(&generated))?;
    fs::write(&wasm_path, wasm_bytes).map_err(|e| format!("cannot write the wasm: {e}"))?;
    fs::write(&glue_js, &js).map_err(|e| format!("cannot write {}: {e}", glue_js.display()))?;
    let glue = glue_path(&out)?;
    let dts_path = out.join("cf_mcp_servers.d.ts");
    let dts = exports::portable_dispose(&read(&dts_path)?);
    fs::write(&dts_path, &dts).map_err(|e| format!("cannot write {}: {e}", dts_path.display()))?;
    let lines = exports::lines(
        &read(&root.join("README.md"))?,
        variant.lists,
        &js,
        &read(&out.join(&glue))?,
        &dts,
        &glue,
    )?;
    let fill = |name: &str, text: String| {
        let export_lines = if name.ends_with(".d.ts") {
            &lines.dts
        } else {
            &lines.js
        };
        text.replace("{{EXPORTS}}", export_lines)
            .replace("{{VERSION}}", version)
            .replace("{{GLUE}}", &glue)
    };
    let template = root.join("pkg-template");
    if variant.dir.is_empty() {
        copy_template(&template, &out, &fill)?;
    } else {
        for entry in VARIANT_ENTRIES {
            let text = read(&template.join(entry))?;
            let target = out.join(entry);
            fs::write(&target, fill(entry, text))
                .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        }
    }
    // wasm-bindgen writes a .gitignore of `*` that would keep the package out of `npm pack`.
    let _ = fs::remove_file(out.join(".gitignore"));
    Ok(())
}

/// Copies pkg-template/ into pkg/, each file through `fill`; a folder (`cli/`, the command's
/// modules) is copied the same way.
fn copy_template(from: &Path, to: &Path, fill: &dyn Fn(&str, String) -> String) -> Result {
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let path = entry.path();
        if path.is_dir() {
            let dir = to.join(&name);
            fs::create_dir_all(&dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            copy_template(&path, &dir, fill)?;
            continue;
        }
        let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {name:?}: {e}"))?;
        let text = fill(&name.to_string_lossy(), text);
        let out = to.join(&name);
        fs::write(&out, text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    Ok(())
}

/// wasm-opt from npm `binaryen`, in place, for size (`bench` builds its floor the same way).
pub fn optimize_wasm(wasm: &str) -> Result {
    run_in(
        &root(),
        "node_modules/.bin/wasm-opt",
        &[
            "-Oz",
            "--converge",
            // Functions called once stay out of line unless tiny: more code, but it compresses
            // better (measured: 95.3 -> 97 KB raw, 43.4 -> 41.9 KB gzip; flat from 10 to 40).
            "--one-caller-inline-max-function-size=20",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            "--strip-debug",
            "--strip-producers",
            "--strip-target-features",
            wasm,
            "-o",
            wasm,
        ],
        &[],
    )
}

/// wasm-bindgen imports our snippet module once per function the wasm calls directly, and
/// lists it under the same key each time in the imports object; bundlers (esbuild, so wrangler)
/// warn about every duplicate key. Keep the first of each: they are all the same module.
fn dedupe_snippet_imports(js: &str) -> String {
    let mut seen_keys: Vec<&str> = Vec::new();
    let mut dropped: Vec<String> = Vec::new();
    let mut kept: Vec<&str> = Vec::new();
    for line in js.lines() {
        let entry = line
            .trim()
            .strip_suffix(',')
            .and_then(|l| l.split_once("\": import"));
        match entry {
            Some((key, number)) if key.starts_with("\"./snippets/") => {
                if seen_keys.contains(&key) {
                    dropped.push(format!("import * as import{number} from"));
                    continue;
                }
                seen_keys.push(key);
            }
            _ => {}
        }
        kept.push(line);
    }
    let mut out: Vec<&str> = kept
        .into_iter()
        .filter(|line| !dropped.iter().any(|d| line.starts_with(d.as_str())))
        .collect();
    out.push("");
    out.join("\n")
}

/// The snippet module that defines `McpServersError`, relative to pkg/: the entries must
/// re-export the very module the wasm glue imports, or `instanceof` would fail.
fn glue_path(pkg: &Path) -> Result<String> {
    let snippets = pkg.join("snippets");
    let dir = fs::read_dir(&snippets)
        .map_err(|e| format!("wasm-bindgen wrote no snippets/: {e}"))?
        .flatten()
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("cf-mcp-servers-")
        })
        .ok_or("no cf-mcp-servers snippet directory in pkg/snippets")?;
    Ok(format!(
        "./snippets/{}/src/wasm/glue.js",
        dir.file_name().to_string_lossy()
    ))
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn crate_version() -> Result<String> {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .map(|v| v.trim_end_matches('"').to_owned())
        .ok_or_else(|| "no version in Cargo.toml".into())
}

/// Prints what a browser downloads: wasm + JS, raw and gzipped; then the same total for the
/// `full` entry.
pub fn report_sizes() -> Result {
    let pkg = root().join("pkg");
    let (raw, gz) = download(&pkg, true)?;
    println!(
        "  {:<26} {:>8} B  {:>7} B gzip",
        "total (browser download)", raw, gz
    );
    let (raw, gz) = download(&pkg.join("full"), false)?;
    println!(
        "  {:<26} {:>8} B  {:>7} B gzip",
        "cf-mcp-servers/full", raw, gz
    );
    Ok(())
}

/// The bytes, raw and gzipped, of one variant's wasm, glue, browser entry and snippet.
fn download(pkg: &Path, each: bool) -> Result<(usize, usize)> {
    let mut total_raw = 0;
    let mut total_gz = 0;
    for file in ["cf_mcp_servers_bg.wasm", "cf_mcp_servers.js", "browser.js"] {
        let bytes = fs::read(pkg.join(file))
            .map_err(|e| format!("cannot read {}: {e}", pkg.join(file).display()))?;
        let gz = gzip_len(&pkg.join(file))?;
        if each {
            println!("  {file:<26} {:>8} B  {:>7} B gzip", bytes.len(), gz);
        }
        total_raw += bytes.len();
        total_gz += gz;
    }
    let glue = glue_path(pkg)?;
    let gz = gzip_len(&pkg.join(&glue))?;
    total_gz += gz;
    total_raw += fs::metadata(pkg.join(&glue))
        .map(|m| m.len() as usize)
        .unwrap_or(0);
    Ok((total_raw, total_gz))
}

fn gzip_len(path: &Path) -> Result<usize> {
    let out = std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    Ok(out.stdout.len())
}
