// Where the time goes: runs bench/calls.mjs under `node --cpu-prof` and lists the functions
// with the most self time. Not part of run.mjs. Names of wasm functions appear only when the
// package's wasm keeps its name section (see wasm-size.mjs for building one).
// Usage: node bench/profile.mjs <ours|official> <read|create|list|large> [top]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [which, op, topArg] = process.argv.slice(2);
if (!which || !op) throw new Error('usage: node bench/profile.mjs <ours|official> <read|create|list|large> [top]');
const top = Number(topArg ?? 20);
// A coarse owner for each sampled function.
function group(name, url) {
  if (/\.wasm/.test(url)) {
    const c = name.replace(/^(<|impl |&|mut |dyn )+/g, '').match(/^([A-Za-z_][A-Za-z0-9_]*)/)?.[1] ?? '?';
    return `wasm: ${/^(T|str|char|bool|[iuf](8|16|32|64|128|size))$/.test(c) ? 'core' : c === 'serde_core' ? 'serde' : c}`;
  }
  if (/cf_mcp_servers\.js|glue\.js|node\.js$/.test(url) && !/node_modules/.test(url)) return 'js: wasm-bindgen glue';
  if (/node_modules\/cloudflare/.test(url)) return 'js: official SDK';
  if (/bench\//.test(url)) return 'js: bench + fetch stub';
  if (/^\(garbage collector\)$/.test(name)) return 'gc';
  if (/compileSourceTextModule|openFileHandle|internalModuleStat|fstat|readFileUtf8|^read$|^close$|realpath/.test(name)) return 'node: module loading (startup, not per call)';
  if (/undici|fetch|web\/|headers|Request|Response/i.test(url + ' ' + name)) return 'node: undici Request/Response/Headers';
  if (/abort|DOMException|domexception|event_target|timers/i.test(url + ' ' + name)) return 'node: AbortController/DOMException/timers';
  if (/encoding|TextDecoder|TextEncoder/i.test(url + ' ' + name)) return 'node: TextEncoder/TextDecoder';
  if (name === 'parse' || name === 'stringify') return 'node: JSON.parse/stringify';
  if (/\(program\)|\(idle\)/.test(name)) return 'program/idle';
  return 'node: other (module loading, promises, …)';
}

const dir = mkdtempSync(join(tmpdir(), 'cf-bench-prof-'));
try {
  const calls = fileURLToPath(new URL('./calls.mjs', import.meta.url));
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', calls, which, '--rounds', '3', '--only', op], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const prof = JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))), 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = new Map();
  prof.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  let total = 0;
  const groups = new Map();
  for (const [id, t] of dt) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const g = group(functionName, url);
    groups.set(g, (groups.get(g) ?? 0) + t);
    const where = url ? `${basename(url)}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'}  ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + t);
    total += t;
  }
  console.log(`${which} ${op}: ${(total / 1000).toFixed(0)} ms sampled; self time by group`);
  for (const [k, t] of [...groups].sort((a, b) => b[1] - a[1]))
    console.log(`  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
  console.log('top functions by self time');
  for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k.length > 140 ? k.slice(0, 137) + '…' : k}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
