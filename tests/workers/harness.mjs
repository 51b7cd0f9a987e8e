// Shared by the workerd tests: the API to talk to (emulator or stand-in), esbuild bundling with the
// package's `workerd` export condition, and a `workerd serve` child on loopback ports.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandIn } from './stand-in-api.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PKG = process.env.CF_MCP_PKG || join(ROOT, 'pkg');
const WORKERD = join(ROOT, 'node_modules', 'workerd', 'bin', 'workerd');
const EMULATOR = process.env.CF_MCP_EMULATOR || join(ROOT, 'target', 'debug', 'cf-mcp-emulator');
export const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';

/** Fails early, with the command to run, when something built is missing. */
export function requireBuilt({ api = true } = {}) {
  const missing = [];
  if (!existsSync(join(PKG, 'workerd.js')) || !existsSync(join(PKG, 'cf_mcp_servers_bg.wasm'))) missing.push(`the package (${PKG})`);
  if (!existsSync(WORKERD)) missing.push(`workerd (${WORKERD}; npm ci)`);
  if (!existsSync(join(ROOT, 'node_modules', 'esbuild'))) missing.push('esbuild (npm ci)');
  if (api && process.env.CF_MCP_API !== 'stand-in' && !existsSync(EMULATOR)) missing.push(`the emulator binary (${EMULATOR})`);
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: run cargo xtask test`);
}

export function tempDir(name) {
  return mkdtempSync(join(tmpdir(), `cf-mcp-${name}-`));
}

/** Lines written by a child, and a wait for one that matches. */
function collect(stream) {
  const out = { text: '', waiters: [] };
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    out.text += chunk;
    out.waiters = out.waiters.filter((w) => !w());
  });
  return out;
}

function waitFor(out, test, what, child, ms = 20_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; output so far:\n${out.text}`)), ms);
    const check = () => {
      const hit = test(out.text);
      if (hit) { clearTimeout(timer); resolve(hit); }
      return Boolean(hit);
    };
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${what}: process exited (${code}):\n${out.text}`)); });
    if (!check()) out.waiters.push(check);
  });
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

/**
 * The API on loopback: the emulator by default, or the in-process stand-in with CF_MCP_API=stand-in.
 * Resolves to { kind, origin, base, stop }.
 */
export async function startApi({ token }) {
  if (process.env.CF_MCP_API === 'stand-in') {
    const s = await startStandIn({ token });
    return { kind: 'stand-in', origin: s.origin, base: `${s.origin}/client/v4`, requests: s.requests, syncs: s.syncs, stop: s.stop };
  }
  const dir = tempDir('emulator');
  const child = spawn(EMULATOR, ['--listen', '127.0.0.1:0', '--token', token, '--data', join(dir, 'data.json')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = collect(child.stdout);
  collect(child.stderr);
  const m = await waitFor(out, (t) => t.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/), 'the emulator to listen', child);
  const origin = m[1];
  return {
    kind: 'emulator', origin, base: `${origin}/client/v4`,
    stop: async () => { await stopChild(child); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** Bundles `entry` as wrangler would (workerd/worker/browser conditions), the .wasm kept as a module. */
export async function bundle(entry, dir) {
  const { build } = await import(join(ROOT, 'node_modules', 'esbuild', 'lib', 'main.js'));
  // `cf-mcp-servers` resolves to ./pkg as an installed package, so its `exports` conditions apply.
  const modules = join(dir, 'node_modules');
  mkdirSync(modules, { recursive: true });
  symlinkSync(PKG, join(modules, 'cf-mcp-servers'), 'dir');
  const result = await build({
    entryPoints: [entry], bundle: true, format: 'esm', platform: 'neutral', target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'], mainFields: ['module', 'main'],
    external: ['*.wasm'], nodePaths: [modules], outfile: join(dir, 'worker.js'), metafile: true,
    logLevel: 'error',
  });
  // The entry's own wasm: `cf-mcp-servers/full` has one of its own beside its workerd.js.
  const full = Object.keys(result.metafile.inputs).some((f) => /(^|\/)full\/workerd\.js$/.test(f));
  copyFileSync(join(PKG, full ? 'full' : '', 'cf_mcp_servers_bg.wasm'), join(dir, 'cf_mcp_servers_bg.wasm'));
  return { worker: join(dir, 'worker.js'), wasm: join(dir, 'cf_mcp_servers_bg.wasm') };
}

/** Capnp text for a string. */
export const str = (s) => JSON.stringify(String(s));

/** Capnp text for a service running the bundled worker.js (and the package's .wasm) with `bindings` (capnp texts). */
export function workerService(name, bindings) {
  return `(name = ${str(name)}, worker = (
      modules = [(name = "worker.js", esModule = embed "worker.js"),
                 (name = "cf_mcp_servers_bg.wasm", wasm = embed "cf_mcp_servers_bg.wasm")],
      compatibilityDate = "2026-11-01",
      bindings = [${bindings.join(', ')}],
      globalOutbound = "loopback"))`;
}

/** Capnp texts for text bindings, one per entry of `vars`. */
export const textBindings = (vars) => Object.entries(vars).map(([k, v]) => `(name = ${str(k)}, text = ${str(v)})`);

/**
 * Runs `workerd serve --experimental` on `config` (capnp text; sockets on 127.0.0.1:0) and resolves
 * once every named socket listens: { ports: {name: port}, output(), stop() }.
 */
export async function startWorkerd(dir, config, socketNames) {
  const file = join(dir, 'config.capnp');
  writeFileSync(file, config);
  const child = spawn(WORKERD, ['serve', '--experimental', '--control-fd=3', file], {
    cwd: dir, stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  const control = collect(child.stdio[3]);
  const ports = {};
  try {
    await waitFor(control, (t) => {
      for (const line of t.split('\n').filter(Boolean)) {
        const msg = JSON.parse(line);
        if (msg.event === 'listen') ports[msg.socket] = msg.port;
      }
      return socketNames.every((n) => ports[n]);
    }, `workerd to listen (stderr: ${stderr.text})`, child);
  } catch (e) {
    await stopChild(child);
    throw new Error(`${e.message}\nstderr:\n${stderr.text}`);
  }
  return {
    ports,
    output: () => stdout.text + stderr.text,
    stop: () => stopChild(child),
  };
}

/** Direct calls to the API (node fetch), for setting up and checking state. */
export async function api(base, token, method, path, body) {
  const res = await fetch(`${base}/accounts/${ACCOUNT}/access/ai-controls/mcp/servers${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!json.success) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.errors)}`);
  return json.result;
}
