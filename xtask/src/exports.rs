//! What the package exports. The README's marked lists are the single source: `dist` writes the
//! entries' export lines from them, and fails when a build defines a value its lists do not
//! name (or the other way round), so a new export needs one README line and nothing else.

use crate::util::Result;

/// The README list of the main entry (and of every other: they export it too).
pub const MAIN: &str = "<!-- exports:";
/// The README list of what `cf-mcp-servers/full` adds.
pub const FULL: &str = "<!-- exports full:";
const END: &str = "<!-- /exports -->";

/// Values wasm-bindgen exports that are not API: the pager behind `listAll`.
const INTERNAL_VALUES: &[&str] = &["ServerPager"];
/// Types of the generated loader; `cf-mcp-servers/init` is where loading is done by hand.
const INTERNAL_TYPES: &[&str] = &["InitInput", "InitOutput", "SyncInitInput"];

/// The names in a README export list (`start`, one of [`MAIN`] and [`DECLARE`]): the first
/// `code` of each `- ` line between the markers.
pub fn documented(readme: &str, start: &str) -> Result<Vec<String>> {
    let at = readme
        .find(start)
        .ok_or_else(|| format!("README.md has no `{start} … -->` list"))?;
    let rest = readme.get(at..).unwrap_or_default();
    let end = rest
        .find(END)
        .ok_or_else(|| format!("README.md's `{start}` list has no `<!-- /exports -->`"))?;
    let names: Vec<String> = rest
        .get(..end)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_owned)
        .collect();
    if names.is_empty() {
        return Err(format!("README.md's `{start}` list is empty"));
    }
    Ok(names)
}

/// Values a module defines with `export class|function|const NAME`.
fn defined_values(js: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in js.lines() {
        let Some(rest) = line.strip_prefix("export ") else {
            continue;
        };
        let rest = rest.strip_prefix("declare ").unwrap_or(rest);
        let rest = rest.strip_prefix("async ").unwrap_or(rest);
        for keyword in ["class ", "function ", "const "] {
            if let Some(name) = rest.strip_prefix(keyword) {
                names.push(identifier(name));
            }
        }
    }
    names
}

/// Types a declaration file exports with `export type|interface NAME`.
fn declared_types(dts: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in dts.lines() {
        for keyword in ["export type ", "export interface "] {
            if let Some(name) = line.strip_prefix(keyword).map(identifier) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    names
}

fn identifier(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
        .collect()
}

/// The export lines of the JavaScript entries and of the declaration entries.
pub struct Lines {
    pub js: String,
    pub dts: String,
}

/// Export lines for the names of the README's `lists`, from the generated glue (`glue_js`), our
/// snippet module (`snippet_js`, where `McpServersError` lives) and the generated declarations.
pub fn lines(
    readme: &str,
    lists: &[&str],
    glue_js: &str,
    snippet_js: &str,
    dts: &str,
    snippet_path: &str,
) -> Result<Lines> {
    let mut documented = Vec::new();
    for list in lists {
        documented.extend(self::documented(readme, list)?);
    }
    let from_glue = defined_values(glue_js);
    let from_snippet = defined_values(snippet_js);
    let declared = defined_values(dts);
    let mut problems = Vec::new();
    for name in &documented {
        if !from_glue.contains(name) && !from_snippet.contains(name) {
            problems.push(format!(
                "README lists `{name}`, which the build does not define"
            ));
        }
        if !declared.contains(name) {
            problems.push(format!(
                "README lists `{name}`, which the .d.ts does not declare"
            ));
        }
    }
    for name in &from_glue {
        if !documented.contains(name) && !INTERNAL_VALUES.contains(&name.as_str()) {
            problems.push(format!(
                "the build exports `{name}`, which README's export list does not name (add a line there)"
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let pick = |pool: &[String]| -> String {
        let names: Vec<&str> = documented
            .iter()
            .filter(|n| pool.contains(n))
            .map(String::as_str)
            .collect();
        names.join(", ")
    };
    let mut js = format!(
        "export {{ {} }} from './cf_mcp_servers.js';",
        pick(&from_glue)
    );
    let snippet_names = pick(&from_snippet);
    if !snippet_names.is_empty() {
        js.push_str(&format!(
            "\nexport {{ {snippet_names} }} from '{snippet_path}';"
        ));
    }
    let types: Vec<String> = declared_types(dts)
        .into_iter()
        .filter(|t| !declared.contains(t) && !INTERNAL_TYPES.contains(&t.as_str()))
        .collect();
    let dts = format!(
        "export {{ {} }} from './cf_mcp_servers.js';\nexport type {{ {} }} from './cf_mcp_servers.js';",
        documented.join(", "),
        types.join(", ")
    );
    Ok(Lines { js, dts })
}

/// wasm-bindgen declares `[Symbol.dispose](): void` on every class, which fails to compile under
/// `lib: ["ES2022"]` (no `Symbol.dispose` there). Instead, each such class extends a type that has
/// the method exactly when the consumer's lib declares `Symbol.dispose` (ESNext.Disposable, or
/// @types/node), so `using` works there and nothing is added to the consumer's globals.
pub fn portable_dispose(dts: &str) -> String {
    let mut out = String::with_capacity(dts.len() + 512);
    let mut class = String::new();
    let mut disposable: Vec<String> = Vec::new();
    for line in dts.lines() {
        if let Some(name) = line.strip_prefix("export class ") {
            class = identifier(name);
        }
        if line.trim() == "[Symbol.dispose](): void;" {
            if !disposable.contains(&class) {
                disposable.push(class.clone());
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    if disposable.is_empty() {
        return out;
    }
    out.push_str(
        "\n/** `[Symbol.dispose]()` where the TypeScript lib declares `Symbol.dispose`, nothing where it does not. */\n\
         type DisposeKey = SymbolConstructor extends { readonly dispose: infer K extends symbol } ? K : never;\n\
         type Disposal = { [K in DisposeKey]: () => void };\n",
    );
    for class in disposable {
        out.push_str(&format!("export interface {class} extends Disposal {{}}\n"));
    }
    // Without this, a declaration file exports its unexported declarations too.
    out.push_str("export {};\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const README: &str =
        "x\n<!-- exports: y -->\n- `A`: a class\n- `f` — a function\n<!-- /exports -->\n- `Z`\n";

    #[test]
    fn reads_the_marked_list_only() {
        assert_eq!(documented(README, MAIN).unwrap_or_default(), ["A", "f"]);
        assert!(documented("no list", MAIN).is_err());
        assert!(documented(README, FULL).is_err());
    }

    #[test]
    fn lines_name_each_module_and_refuse_disagreement() {
        let glue = "export class A {\nexport function f(x) {\nexport class ServerPager {\n";
        let dts = "export class A {\nexport function f(): void;\nexport type T = 1;\nexport interface InitOutput {}\n";
        let got = lines(README, &[MAIN], glue, "", dts, "./s.js").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(got.js, "export { A, f } from './cf_mcp_servers.js';");
        assert!(got
            .dts
            .ends_with("export type { T } from './cf_mcp_servers.js';"));
        let extra = format!("{glue}export function g() {{\n");
        let err = lines(README, &[MAIN], &extra, "", dts, "./s.js")
            .err()
            .unwrap_or_default();
        assert!(err.contains("`g`"), "{err}");
    }

    #[test]
    fn dispose_members_become_a_conditional_base() {
        let dts = "export class A {\n  free(): void;\n  [Symbol.dispose](): void;\n}\n";
        let out = portable_dispose(dts);
        assert!(!out.contains("[Symbol.dispose](): void;"));
        assert!(out.contains("export interface A extends Disposal {}"));
        assert!(out.ends_with("export {};\n"));
    }
}
