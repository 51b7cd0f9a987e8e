// Where the wasm's bytes go: code size per crate and the largest functions, from the name section.
// Not part of `run.mjs` (it needs a wasm that keeps its names). To use:
//   cargo build --lib --target wasm32-unknown-unknown --profile wasm-release --features small-allocator
//   wasm-bindgen --target web --out-dir /tmp/wbnames target/wasm32-unknown-unknown/wasm-release/cf_mcp_servers.wasm
//   node bench/wasm-size.mjs /tmp/wbnames/cf_mcp_servers_bg.wasm [top]
// Needs `wasm-objdump` (wabt). Sizes are before wasm-opt -Oz, which shrinks code by about half
// and inlines functions called once into their caller. For sizes as shipped, with names kept:
//   node_modules/.bin/wasm-opt -Oz --converge -g --enable-reference-types --enable-bulk-memory \
//     --enable-multivalue --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals \
//     /tmp/wbnames/cf_mcp_servers_bg.wasm -o /tmp/wbnames/named.wasm

import { execFileSync } from 'node:child_process';

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/wasm-size.mjs <file.wasm> [top]');
const top = Number(topArg ?? 25);

const headers = execFileSync('wasm-objdump', ['-h', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
const sections = [...headers.matchAll(/^\s*(\w+) start=\S+ end=\S+ \(size=(0x[0-9a-f]+)\)(?: count: \d+)?(?: "([^"]+)")?/gm)]
  .map((m) => ({ section: m[3] ? `${m[1]} "${m[3]}"` : m[1], size: Number(m[2]) }));

const dump = execFileSync('wasm-objdump', ['-x', '-j', 'Code', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
const funcs = [...dump.matchAll(/^ - func\[(\d+)\] size=(\d+) <(.*)>$/gm)].map((m) => ({ size: Number(m[2]), name: m[3] }));
const unnamed = [...dump.matchAll(/^ - func\[(\d+)\] size=(\d+)$/gm)].reduce((s, m) => s + Number(m[2]), 0);

// The crate a function is attributed to: the first path segment of its name, skipping `<`,
// `impl ` and `[hash]` (so `<serde_json::de::Deserializer<R> as …>` → serde_json).
function crateOf(name) {
  const m = name.replace(/^(<|impl |&|mut |dyn )+/g, '').match(/^([A-Za-z_][A-Za-z0-9_]*)/);
  let c = m ? m[1] : '?';
  if (c === 'serde_core') c = 'serde';
  if (/^(T|str|char|bool|[iuf](8|16|32|64|128|size))$/.test(c)) c = 'core'; // impls on primitives
  if (/^(mcpserversclient_|serverpager_|validateServer)/.test(c)) c = 'cf_mcp_servers'; // exports
  return c;
}
// What a function is about, by what its name mentions (one function can be in several).
const THEMES = {
  'core::fmt (formatting)': /core(\[\w+\])?::fmt|fmt::Write|Formatter|Display|Debug>::fmt|::fmt::h/,
  'panic / unwrap paths': /panic|unwrap_failed|expect_failed|assert_failed|slice_(start|end)_index|index_out_of_bounds/,
  'float formatting/parsing (flt2dec, dec2flt, ryu)': /flt2dec|dec2flt|ryu|lexical/,
  'serde_json': /serde_json/,
  'serde_path_to_error': /serde_path_to_error/,
  'serde_wasm_bindgen': /serde_wasm_bindgen/,
  'our models (monomorphised serde)': /cf_mcp_servers(\[\w+\])?::models/,
  'allocator (dlmalloc)': /dlmalloc/,
};

const byCrate = new Map();
for (const f of funcs) {
  const c = crateOf(f.name);
  const e = byCrate.get(c) ?? { crate: c, size: 0, count: 0 };
  e.size += f.size; e.count++;
  byCrate.set(c, e);
}
const codeTotal = funcs.reduce((s, f) => s + f.size, 0) + unnamed;
const pct = (n, d) => `${((100 * n) / d).toFixed(1)}%`;
const pad = (s, n) => String(s).padEnd(n);
const num = (n) => String(n).padStart(8);

console.log(`${file}\n\nsections:`);
for (const s of sections) console.log(`  ${pad(s.section, 26)} ${num(s.size)} B`);
console.log(`\ncode by crate (${funcs.length} named functions, ${codeTotal} B of code):`);
for (const e of [...byCrate.values()].sort((a, b) => b.size - a.size).slice(0, top))
  console.log(`  ${pad(e.crate, 26)} ${num(e.size)} B  ${pct(e.size, codeTotal).padStart(6)}  ${e.count} fns`);
console.log('\ncode by theme (overlapping):');
for (const [theme, re] of Object.entries(THEMES)) {
  const hit = funcs.filter((f) => re.test(f.name));
  const size = hit.reduce((s, f) => s + f.size, 0);
  console.log(`  ${pad(theme, 48)} ${num(size)} B  ${pct(size, codeTotal).padStart(6)}  ${hit.length} fns`);
}
console.log(`\nlargest functions:`);
for (const f of [...funcs].sort((a, b) => b.size - a.size).slice(0, top))
  console.log(`  ${num(f.size)} B  ${f.name.length > 150 ? f.name.slice(0, 147) + '…' : f.name}`);
