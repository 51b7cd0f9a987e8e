// Shared by the matrix tests: the package as a user installed it (a fresh project outside the
// repository, made by `cargo xtask test` from `npm pack`), the emulator serving test pages, child
// processes, Chromium, and the record of each leg (what ran, which version, how long) from which
// the README's table is written. Not a test file itself (no `.test.` in its name).
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HERE = join(ROOT, 'tests', 'matrix');
const BIN = join(ROOT, 'node_modules');
const EMULATOR = process.env.CF_MCP_EMULATOR || join(ROOT, 'target', 'debug', 'cf-mcp-emulator');

/** The fresh project with the packed package installed (`cargo xtask test` makes it). */
export const PROJECT = process.env.CF_MCP_INSTALLED;
if (!PROJECT || !existsSync(join(PROJECT, 'node_modules', 'cf-mcp-servers', 'package.json'))) {
  throw new Error('the matrix tests run on the packed package installed in a fresh project: run them with `cargo xtask test` (CF_MCP_INSTALLED is not set or holds no install)');
}
export const INSTALLED = join(PROJECT, 'node_modules', 'cf-mcp-servers');
export const TARBALL = process.env.CF_MCP_TARBALL;

/**
 * The values the main entry exports: the README's marked list (`<!-- exports: … -->` to
 * `<!-- /exports -->`), the first `code` of each `- ` line, sorted.
 */
export function documentedExports(list = '<!-- exports:') {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(list);
  const end = readme.indexOf('<!-- /exports -->', start);
  if (start < 0 || end < 0) throw new Error(`README.md has no ${list} … --> list`);
  return readme.slice(start, end).split('\n')
    .map((l) => l.trim().match(/^- `([^`]+)`/))
    .filter(Boolean)
    .map((m) => m[1])
    .sort();
}

/** Binaries of the matrix, from exact-pinned devDependencies (package.json). */
export const TOOLS = {
  node20: join(BIN, 'node20', 'bin', 'node'),
  node22: join(BIN, 'node22', 'bin', 'node'),
  node24: join(BIN, 'node24', 'bin', 'node'),
  deno: join(BIN, '.bin', 'deno'),
  bun: join(BIN, '.bin', 'bun'),
  tsc5: join(BIN, 'typescript5', 'bin', 'tsc'),
  tsc7: join(BIN, 'typescript', 'bin', 'tsc'), // not .bin/tsc: typescript5 also provides tsc
  wrangler: join(BIN, 'wrangler', 'bin', 'wrangler.js'),
};

/** Appends one leg to the run's record: `{ group, name, version, ms }` (README table, timings). */
export function record(group, name, version, ms) {
  const out = process.env.CF_MCP_MATRIX_OUT;
  if (out) appendFileSync(out, `${JSON.stringify({ group, name, version, ms: Math.round(ms) })}\n`);
}

/** Times `fn` and records it as a leg once it passed (`version` may be a function, asked after). */
export async function leg(group, name, version, fn) {
  const start = performance.now();
  const result = await fn();
  record(group, name, typeof version === 'function' ? version() : version, performance.now() - start);
  return result;
}

export function tempDir(name) {
  return mkdtempSync(join(tmpdir(), `cf-mcp-matrix-${name}-`));
}

/** Runs a command to its end; resolves to { code, stdout, stderr } (never rejects on exit code). */
export function run(cmd, args, { cwd = PROJECT, env = {}, timeout = 180_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', (e) => { clearTimeout(timer); reject(new Error(`could not start ${cmd}: ${e.message}`)); });
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code: code ?? signal, stdout, stderr }); });
  });
}

/** Runs a command that must succeed; resolves to its stdout. */
export async function ok(cmd, args, opts) {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  return r.stdout;
}

/** The first line of `<tool> --version`. */
export async function version(cmd, args = ['--version'], opts = {}) {
  return (await ok(cmd, args, opts)).trim().split('\n')[0];
}

/** Lines written by a child, and a wait for one that matches. */
export function watch(child) {
  const out = { text: '', waiters: [] };
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      out.text += chunk;
      out.waiters = out.waiters.filter((w) => !w());
    });
  }
  out.until = (pattern, what, ms = 60_000) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; output:\n${out.text}`)), ms);
    const check = () => {
      const m = out.text.match(pattern);
      if (m) { clearTimeout(timer); resolve(m); }
      return Boolean(m);
    };
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${what}: exited (${code}):\n${out.text}`)); });
    if (!check()) out.waiters.push(check);
  });
  return out;
}

export function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

/**
 * The emulator on 127.0.0.1:0, serving `www` at / and the installed package at /pkg/.
 * Resolves to { origin, base, stop }.
 */
export async function startEmulator({ www } = {}) {
  const dir = tempDir('emulator');
  const site = www ?? join(dir, 'www');
  mkdirSync(site, { recursive: true });
  const child = spawn(EMULATOR, ['--listen', '127.0.0.1:0', '--data', join(dir, 'data.json'), '--www', site, '--pkg', INSTALLED], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = watch(child);
  const [, origin] = await out.until(/listening on (http:\/\/127\.0\.0\.1:\d+)/, 'the emulator to listen', 30_000);
  return {
    origin,
    base: `${origin}/client/v4`,
    stop: async () => { await stop(child); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** The configuration `six()` takes, for a server id unique to the leg. */
export function sixConfig(api, id) {
  return { base: api.base, token: 'matrix-token', account: '023e105f4ecef8ad9ca31a8372d0c353', hostname: `${api.origin}/demo-mcp`, id };
}

/** Copies tests/matrix/<name> (a file or folder) into `dir`. */
export function copyIn(name, dir) {
  cpSync(join(HERE, name), join(dir, name), { recursive: true });
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Opens `url` in `browser` and resolves to what the page's `six()` reported (`window.__six`),
 * with the page's errors and the .wasm responses it loaded.
 */
export async function sixInPage(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  const wasm = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // A 404 is expected (six() reads the server it deleted, and a page asks for /favicon.ico).
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
  page.on('response', (r) => { if (r.url().endsWith('.wasm')) wasm.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] }); });
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__six !== undefined, null, { timeout: 30_000 }).catch(() => {
      throw new Error(`the page never reported; errors: ${errors.join('\n')}`);
    });
    return { six: await page.evaluate(() => window.__six), errors, wasm };
  } finally {
    await page.close();
  }
}
