// `cargo xtask bench`: runs each measurement in its own process, one after another, prints one
// table of ours vs the official SDK (ratios ours/official, lower is better) and writes it with
// the raw figures to target/bench.json.
// Usage: node bench/run.mjs [--quick] [--only catalogue]   (--quick: fewer repetitions, for
// trying the harness; --only catalogue: just the catalogue review measurement)

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { summary } from './stats.mjs';

const root = resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');

function script(name, ...args) {
  process.stderr.write(`  bench/${name} ${args.join(' ')}\n`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench', name), ...args], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench/${name} failed (${r.status}):\n${r.stderr}`);
  process.stderr.write(`    ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/**
 * Runs `run(client)` for ours and the official client in turn, `passes` times, and pools the
 * rounds: taking turns keeps a drift in the machine's speed from favouring whoever ran first.
 */
function alternating(passes, run) {
  const pooled = { ours: { client: 'ours', ops: {} }, official: { client: 'official', ops: {} } };
  for (let pass = 0; pass < passes; pass++) {
    for (const which of ['ours', 'official']) {
      for (const [op, rounds] of Object.entries(run(which).ops)) {
        (pooled[which].ops[op] ??= []).push(...rounds);
      }
    }
  }
  return pooled;
}

const started = Date.now();
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt < 0 ? undefined : process.argv[onlyAt + 1];
process.stderr.write('running the benchmark (each step in a fresh process):\n');
if (only === 'catalogue') {
  const c = script('catalogue.mjs', quick ? '5' : '15');
  const d = summary(c.diff), s = summary(c.snapshot);
  console.log(`\ncatalogue review, ${c.tools} tools (${c.changes.added} added, ${c.changes.removed} removed, ${c.changes.changed} changed):`);
  console.log(`  diffCatalogue      ${d.median.toFixed(1)} ms [${d.min.toFixed(1)}–${d.max.toFixed(1)}]`);
  console.log(`  catalogueSnapshot  ${s.median.toFixed(1)} ms [${s.min.toFixed(1)}–${s.max.toFixed(1)}]`);
  mkdirSync(join(root, 'target'), { recursive: true });
  writeFileSync(join(root, 'target/bench-catalogue.json'), JSON.stringify({ date: new Date().toISOString(), quick, raw: c }, null, 2));
  process.exit(0);
}
const raw = {
  sizes: script('sizes.mjs'),
  coldstart: script('coldstart.mjs', quick ? '5' : '15'),
  calls: alternating(quick ? 1 : 2, (which) => script('calls.mjs', which, '--rounds', quick ? '3' : '5')),
  pagination: script('pagination.mjs'),
  memory: script('memory.mjs', quick ? '20000' : '100000'),
  catalogue: script('catalogue.mjs', quick ? '5' : '15'),
};

// ---- the table ------------------------------------------------------------------------------

const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
const signedKb = (b) => `${b >= 0 ? '+' : '-'}${kb(Math.abs(b))}`;
const ms = (v) => `${v.toFixed(1)} ms`;
const ops = (v) => (v >= 100 ? `${Math.round(v)}` : v.toFixed(1)) + '/s';
const spread = (s, f) => `${f(s.median)} [${f(s.min)}–${f(s.max)}]`;

const rows = [];
const row = (metric, ours, official, ratio, target, pass) =>
  rows.push({ metric, ours, official, ratio: ratio == null ? '' : ratio.toFixed(2), target: target ?? '', verdict: pass == null ? '' : pass ? 'PASS' : 'MISS' });

// 1. download size (deterministic: one build each)
const S = raw.sizes;
for (const k of ['raw', 'gzip', 'brotli']) {
  const r = S.ours[k] / S.official[k];
  row(`size, ${k} (bundle${k === 'raw' ? '' : ''} + wasm)`, kb(S.ours[k]), kb(S.official[k]), r, k === 'gzip' ? '≤ 1.0' : null, k === 'gzip' ? r <= 1.0 : null);
}
const wasmFile = S.ours.files.find((f) => f.file.endsWith('.wasm'));
const jsFile = S.ours.files.find((f) => !f.file.endsWith('.wasm'));
row('  of which ours: wasm / JS (gzip)', `${kb(wasmFile.gzip)} / ${kb(jsFile.gzip)}`, '', null);
for (const [label, ours, official] of [
  ['size, gzip, servers + portals clients', 'ours-both', 'official-both'],
  ['size, gzip, cf-mcp-servers/full (everything) vs official with both', 'ours-whole', 'official-both'],
]) {
  const r = S[ours].gzip / S[official].gzip;
  row(label, kb(S[ours].gzip), kb(S[official].gzip), r, null, null);
}
if (S.floor) {
  // What any Rust client on wasm-bindgen ships before doing anything of its own (bench/floor).
  const r = S.floor.gzip / S.official.gzip;
  row('  floor: one GET in Rust on wasm-bindgen, gzip', kb(S.floor.gzip), kb(S.official.gzip), r, null, null);
}

// 2. cold start
const C = raw.coldstart;
for (const [mode, label] of [['package', 'installed package'], ['bundled', 'esbuild bundle']]) {
  const o = summary(C[mode].ours.total), t = summary(C[mode].official.total);
  row(`cold start, ${label}: start→ready`, spread(o, ms), spread(t, ms), o.median / t.median, '≤ 2.0', o.median / t.median <= 2.0);
  const ol = summary(C[mode].ours.load), tl = summary(C[mode].official.load);
  row(`  of which import + construct`, spread(ol, ms), spread(tl, ms), ol.median / tl.median, null, null);
}

// 3 and 4. per-call overhead and the large page (ratio of time per call: official ops / ours ops)
const K = raw.calls;
for (const [op, label] of [['read', 'per call: read'], ['create', 'per call: create'], ['list', 'per call: list (20 servers)'], ['large', 'large page: list 100×50 tools (6 MB)'],
  ['portalRead', 'per call: portal read (3 servers)'], ['portalCreate', 'per call: portal create'], ['portalList', 'per call: portal list (20 × 2 servers)']]) {
  const o = summary(K.ours.ops[op]), t = summary(K.official.ops[op]);
  const r = t.median / o.median;
  row(label, spread(o, ops), spread(t, ops), r, '≤ 1.0', r <= 1.0);
}

// 5. pagination
const P = raw.pagination;
for (const [mode, label] of [['totals', 'result_info with totals'], ['partial', 'result_info without totals'], ['none', 'no result_info']]) {
  const o = P[mode].ours, t = P[mode].official;
  const ok = o.items === 200 && t.items === 200;
  const target = mode === 'totals' ? '10 vs 11' : '≤ official';
  const pass = ok && (mode === 'totals' ? o.requests === 10 && t.requests === 11 : o.requests <= t.requests);
  row(`requests for 10 pages, ${label}`, `${o.requests}`, `${t.requests}`, o.requests / t.requests, target, pass);
}

// 6. memory (after gc). Total: warm-up baseline → after N reads; leak check: after the first
// quarter of the reads → after all of them (a leak grows per call, warm-up is paid once).
const M = raw.memory;
const HEAP_BOUND = 256 << 10, WASM_BOUND = 64 << 10;
const mo = M.ours, mt = M.official;
row(`memory: JS heap growth, 0→${mo.calls} reads`, signedKb(mo.growth.heapUsed), signedKb(mt.growth.heapUsed), null, null, null);
row(`memory: JS heap growth, last ${mo.steady.calls} reads`, signedKb(mo.steady.heapUsed), signedKb(mt.steady.heapUsed), null, '≤ +256 KiB', mo.steady.heapUsed <= HEAP_BOUND);
const wasmFirst = mo.samples[0].wasm, wasmLast = mo.samples.at(-1).wasm;
row(`memory: wasm memory growth, 0→${mo.calls} reads`, `${signedKb(mo.growth.wasm)} (${kb(wasmFirst)}→${kb(wasmLast)})`, 'n/a', null, '≤ +64 KiB', mo.growth.wasm <= WASM_BOUND);
row(`memory: RSS growth, 0→${mo.calls} / last ${mo.steady.calls}`, `${signedKb(mo.growth.rss)} / ${signedKb(mo.steady.rss)}`, `${signedKb(mt.growth.rss)} / ${signedKb(mt.steady.rss)}`, null, null, null);

// 7. catalogue review (ours only: the official SDK has none)
const G = raw.catalogue;
row(`diffCatalogue, 2 × ${G.tools} tools`, spread(summary(G.diff), ms), 'n/a', null, null, null);
row(`catalogueSnapshot, ${G.tools} tools`, spread(summary(G.snapshot), ms), 'n/a', null, null, null);

const cols = ['metric', 'ours', 'official', 'ratio', 'target', 'verdict'];
const head = { metric: 'metric', ours: 'ours median [min–max]', official: 'official median [min–max]', ratio: 'ours/off', target: 'target', verdict: '' };
const width = Object.fromEntries(cols.map((c) => [c, Math.max(head[c].length, ...rows.map((r) => String(r[c]).length))]));
const line = (r) => cols.map((c) => (c === 'ratio' ? String(r[c]).padStart(width[c]) : String(r[c]).padEnd(width[c]))).join('  ').trimEnd();

const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const officialVersion = lock.packages?.['node_modules/cloudflare']?.version ?? '?';
const ourVersion = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)?.[1] ?? '?';
const env = `node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? '?'}, cf-mcp-servers ${ourVersion} vs cloudflare ${officialVersion} (tree-shakable: Servers; Servers + Portals where portals are named)`;

console.log(`\ncf-mcp-servers vs the official SDK — ${env}${quick ? ' — QUICK run' : ''}`);
console.log(line(head));
console.log(cols.map((c) => '-'.repeat(width[c])).join('  '));
for (const r of rows) console.log(line(r));
const elapsed = (Date.now() - started) / 1000;
console.log(`ratios are ours/official (time, bytes or requests): lower is better. ${elapsed.toFixed(0)} s.`);

mkdirSync(join(root, 'target'), { recursive: true });
writeFileSync(join(root, 'target/bench.json'), JSON.stringify({ date: new Date().toISOString(), env, quick, rows, raw }, null, 2));
console.log('written: target/bench.json');
