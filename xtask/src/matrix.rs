//! The matrix of `cargo xtask test`: the crate as `cargo package` packs it, and the npm package as
//! `npm pack` packs it, installed into a fresh project outside the repository; then on that install
//! every runtime, bundler, TypeScript version and wrangler (`tests/matrix/`) and workerd
//! (`tests/workers/bare-package.test.mjs`). Each leg is timed. The README's table of what is tested
//! is written from the legs that ran: when README.md holds another table, the run rewrites it and
//! fails, so a passing run means the table is what the tests ran.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::util::{output_in, root, run_in, step, Result};

const START: &str = "<!-- matrix:";
const END: &str = "<!-- /matrix -->";

/// What a Rust user downloads: these, and nothing else.
const CRATE_FILES: &[&str] = &[
    "Cargo.toml",
    "Cargo.toml.orig",
    "Cargo.lock",
    "README.md",
    "LICENSE",
    ".cargo_vcs_info.json",
];

struct Leg {
    group: String,
    name: String,
    version: String,
    ms: u64,
}

/// `cargo xtask matrix`: builds what the matrix needs, then runs it.
pub fn run_alone() -> Result {
    crate::setup::wasm_tools()?;
    crate::setup::chromium()?;
    crate::util::run("cargo", &["build", "-p", "cf-mcp-emulator"])?;
    crate::dist::build()?;
    let emulator = root().join("target/debug/cf-mcp-emulator");
    run(&emulator.to_string_lossy())
}

pub fn run(emulator: &str) -> Result {
    let root = root();
    let mut legs = Vec::new();

    step("matrix: cargo package (the files, then the packed crate builds)");
    legs.push(timed(
        "install",
        "`cargo package`: library, README and license only",
        "",
        || cargo_package(&root),
    )?);

    step("matrix: npm pack, installed into a fresh project outside the repository");
    let project = std::env::temp_dir().join(format!("cf-mcp-installed-{}", std::process::id()));
    let _ = fs::remove_dir_all(&project);
    fs::create_dir_all(&project)
        .map_err(|e| format!("cannot create {}: {e}", project.display()))?;
    let result = on_install(&root, &project, emulator, &mut legs);
    let _ = fs::remove_dir_all(&project);
    result?;

    print_durations(&legs);
    check_readme(&root, &table(&legs))
}

fn on_install(root: &Path, project: &Path, emulator: &str, legs: &mut Vec<Leg>) -> Result {
    let mut tarball = PathBuf::new();
    legs.push(timed(
        "install",
        "`npm pack`, then `npm install --offline` of the tarball in a fresh project",
        "",
        || {
            tarball = npm_pack_and_install(root, project)?;
            Ok(())
        },
    )?);
    let record = project.join("matrix.jsonl");
    let tarball = tarball.to_string_lossy().into_owned();
    let installed = project.to_string_lossy().into_owned();
    let record_path = record.to_string_lossy().into_owned();
    let env = [
        ("CF_MCP_INSTALLED", installed.as_str()),
        ("CF_MCP_TARBALL", tarball.as_str()),
        ("CF_MCP_MATRIX_OUT", record_path.as_str()),
        ("CF_MCP_EMULATOR", emulator),
    ];
    step("matrix: runtimes, bundlers, TypeScript, wrangler, exports (tests/matrix)");
    let mut args = vec!["--test".to_owned(), "--test-concurrency=1".to_owned()];
    args.extend(crate::test::test_files(&root.join("tests/matrix"))?);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run_in(root, "node", &args, &env)?;

    step("matrix: workerd, on the installed package");
    let pkg = project.join("node_modules/cf-mcp-servers");
    let pkg = pkg.to_string_lossy();
    let workerd = package_version(root, "workerd")?;
    legs.push(timed(
        "runtime",
        "workerd · `import 'cf-mcp-servers'` bundled with the `workerd` condition",
        &workerd,
        || {
            run_in(
                root,
                "node",
                &["--test", "tests/workers/bare-package.test.mjs"],
                &[("CF_MCP_PKG", &pkg), ("CF_MCP_EMULATOR", emulator)],
            )
        },
    )?);
    let text =
        fs::read_to_string(&record).map_err(|e| format!("the matrix recorded nothing ({e})"))?;
    for line in text.lines() {
        legs.push(parse_leg(line).ok_or_else(|| format!("bad matrix record: {line}"))?);
    }
    Ok(())
}

fn timed(group: &str, name: &str, version: &str, f: impl FnOnce() -> Result) -> Result<Leg> {
    let start = Instant::now();
    f()?;
    Ok(Leg {
        group: group.into(),
        name: name.into(),
        version: version.into(),
        ms: start.elapsed().as_millis() as u64,
    })
}

/// `cargo package --list` holds only the library, README and license; `cargo package` builds it.
fn cargo_package(root: &Path) -> Result {
    let list = output_in(
        root,
        "cargo",
        &["package", "--list", "--allow-dirty", "-p", "cf-mcp-servers"],
    )
    .ok_or("`cargo package --list` failed")?;
    let files: Vec<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let stray: Vec<&str> = files
        .iter()
        .copied()
        .filter(|f| !CRATE_FILES.contains(f) && !f.starts_with("src/"))
        .collect();
    if !stray.is_empty() {
        return Err(format!(
            "the crate would ship files a Rust user does not need: {}",
            stray.join(", ")
        ));
    }
    for needed in ["README.md", "LICENSE", "src/lib.rs", "src/wasm/glue.js"] {
        if !files.contains(&needed) {
            return Err(format!("the crate would lack {needed}"));
        }
    }
    println!(
        "cargo package --list: {} files, all of them library, README or license",
        files.len()
    );
    run_in(
        root,
        "cargo",
        &["package", "--allow-dirty", "-p", "cf-mcp-servers"],
        &[],
    )
}

/// Packs pkg/ and installs the tarball, and nothing else, into `project` (`--offline`: no
/// registry); the official SDK the type test compares with is linked from the repository's
/// node_modules. Returns the tarball's path.
fn npm_pack_and_install(root: &Path, project: &Path) -> Result<PathBuf> {
    let dest = project.to_string_lossy();
    let name = output_in(
        &root.join("pkg"),
        "npm",
        &["pack", "--silent", "--pack-destination", &dest],
    )
    .ok_or("`npm pack` failed in pkg/ (build it with cargo xtask dist)")?;
    let tarball = project.join(name.trim().lines().last().unwrap_or_default());
    fs::write(
        project.join("package.json"),
        "{ \"name\": \"a-user-project\", \"private\": true, \"type\": \"module\" }\n",
    )
    .map_err(|e| format!("cannot write the project's package.json: {e}"))?;
    let tarball_arg = tarball.to_string_lossy();
    run_in(
        project,
        "npm",
        &[
            "install",
            "--offline",
            "--no-audit",
            "--no-fund",
            &tarball_arg,
        ],
        &[],
    )?;
    link_dir(
        &root.join("node_modules/cloudflare"),
        &project.join("node_modules/cloudflare"),
    )?;
    Ok(tarball)
}

#[cfg(unix)]
fn link_dir(from: &Path, to: &Path) -> Result {
    std::os::unix::fs::symlink(from, to).map_err(|e| format!("cannot link {}: {e}", to.display()))
}

#[cfg(windows)]
fn link_dir(from: &Path, to: &Path) -> Result {
    std::os::windows::fs::symlink_dir(from, to)
        .map_err(|e| format!("cannot link {}: {e}", to.display()))
}

/// The version of an installed dev dependency, from its package.json.
fn package_version(root: &Path, name: &str) -> Result<String> {
    let file = root.join("node_modules").join(name).join("package.json");
    let text =
        fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    json_string(&text, "version").ok_or_else(|| format!("no version in {}", file.display()))
}

/// The string value of the first `"key": "…"` in a line of JSON (values here hold no quotes).
fn json_string(text: &str, key: &str) -> Option<String> {
    let pattern = format!("\"{key}\":");
    let rest = text
        .get(text.find(&pattern)? + pattern.len()..)?
        .trim_start();
    let rest = rest.strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => value.push(chars.next()?),
            c => value.push(c),
        }
    }
    None
}

fn parse_leg(line: &str) -> Option<Leg> {
    let ms = line.get(line.find("\"ms\":")? + 5..)?;
    let ms: String = ms.chars().take_while(char::is_ascii_digit).collect();
    Some(Leg {
        group: json_string(line, "group")?,
        name: json_string(line, "name")?,
        version: json_string(line, "version")?,
        ms: ms.parse().ok()?,
    })
}

fn print_durations(legs: &[Leg]) {
    println!("\nmatrix legs (duration):");
    let mut total = 0;
    for leg in legs {
        println!(
            "  {:>7.1} s  {} · {} {}",
            leg.ms as f64 / 1000.0,
            leg.group,
            leg.name,
            leg.version
        );
        total += leg.ms;
    }
    println!(
        "  {:>7.1} s  in all (legs only; starting servers and browsers adds to it)",
        total as f64 / 1000.0
    );
}

const GROUPS: &[(&str, &str)] = &[
    ("runtime", "runtime"),
    ("bundler", "bundler (output run in Chromium)"),
    (
        "typescript",
        "TypeScript (`lib` ES2022 + DOM, `skipLibCheck: false`, `exactOptionalPropertyTypes`)",
    ),
    ("wrangler", "wrangler (example Worker, offline)"),
    ("install", "install"),
];

/// The README table: one row per leg, grouped, in the order the legs ran; no timings (they vary).
fn table(legs: &[Leg]) -> String {
    let mut out = String::from("| what | how | version |\n|---|---|---|\n");
    for (group, title) in GROUPS {
        for leg in legs.iter().filter(|l| l.group == *group) {
            out.push_str(&format!("| {title} | {} | {} |\n", leg.name, leg.version));
        }
    }
    out
}

fn check_readme(root: &Path, table: &str) -> Result {
    let path = root.join("README.md");
    let readme = fs::read_to_string(&path).map_err(|e| format!("cannot read README.md: {e}"))?;
    let start = readme
        .find(START)
        .ok_or("README.md has no `<!-- matrix: … -->` table")?;
    let body = readme
        .get(start..)
        .and_then(|rest| rest.find("-->").map(|i| start + i + 3))
        .ok_or("README.md's matrix marker is not closed")?;
    let end = readme
        .get(body..)
        .and_then(|r| r.find(END))
        .map(|i| body + i)
        .ok_or("README.md has no `<!-- /matrix -->`")?;
    let current = readme.get(body..end).unwrap_or_default();
    let wanted = format!("\n{table}");
    if current == wanted {
        println!("README.md's table of tested setups matches this run");
        return Ok(());
    }
    let updated = format!(
        "{}{wanted}{}",
        readme.get(..body).unwrap_or_default(),
        readme.get(end..).unwrap_or_default()
    );
    fs::write(&path, updated).map_err(|e| format!("cannot write README.md: {e}"))?;
    Err("README.md's table of tested setups differed from what this run tested; it is rewritten now: review it, commit it, and run again".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_parse_and_tables_group_them() {
        let leg = parse_leg(
            r#"{"group":"runtime","name":"Node 22 · ESM `import`","version":"v22.23.3","ms":1234}"#,
        )
        .unwrap_or_else(|| panic!("parses"));
        assert_eq!(
            (leg.name.as_str(), leg.version.as_str(), leg.ms),
            ("Node 22 · ESM `import`", "v22.23.3", 1234)
        );
        let t = table(&[leg]);
        assert!(
            t.ends_with("| runtime | Node 22 · ESM `import` | v22.23.3 |\n"),
            "{t}"
        );
    }

    #[test]
    fn json_strings_unescape() {
        assert_eq!(
            json_string(r#"{"a": "x\"y"}"#, "a").as_deref(),
            Some("x\"y")
        );
        assert_eq!(json_string(r#"{"a": 1}"#, "a"), None);
    }
}
