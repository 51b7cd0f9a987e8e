// Shared by the CLI tests: the emulator as a process (seeded or empty, with faults), and the
// `cf-mcp-servers` command run as a user runs it (`node pkg/cli/main.js`, the package's bin),
// with a clean environment. Not a test file itself (no `.test.` in its name).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import { startEmulatorProcess } from '../js/_harness.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'pkg', 'cli', 'main.js');
export const SCHEMA = join(ROOT, 'pkg', 'config.schema.json');

/** The emulator's demo account (`--seed-demo`). */
export const DEMO_ACCOUNT = '0123456789abcdef0123456789abcdef';
export const TOKEN = 'cli-token-SECRET-7c1d9e2f4a';
/** What the seeded internal-wiki server's credential is read from on apply, and a value. */
export const WIKI_VAR = 'INTERNAL_WIKI_AUTH_CREDENTIALS';
export const WIKI_SECRET = 'wiki-bearer-SECRET-3b8a61f0';
export const SECRETS = [TOKEN, WIKI_SECRET];

const dirs = [];
/** A temporary folder, removed when the test file ends. */
export function tempDir(name = 'cli') {
  const dir = mkdtempSync(join(tmpdir(), `cf-mcp-${name}-`));
  dirs.push(dir);
  return dir;
}

const running = new Set();

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

const emulators = new Set();

/**
 * The emulator on 127.0.0.1:0 (tests/js's launcher) accepting only TOKEN; `seed` for the demo
 * account, `faults` as its --faults, `data` a data file (kept by the caller, so a second
 * emulator can read it). Resolves to { base, origin, data, stop() }.
 */
export async function startEmulator({ seed = false, faults, data } = {}) {
  const dir = tempDir('emulator');
  const file = data ?? join(dir, 'data.json');
  const args = ['--data', file, '--token', TOKEN, '--www', dir, '--pkg', dir];
  if (seed) args.push('--seed-demo');
  if (faults) args.push('--faults', faults);
  const emulator = await startEmulatorProcess(args);
  emulators.add(emulator);
  return {
    origin: emulator.base,
    base: `${emulator.base}/client/v4`,
    data: file,
    stop: async () => { await emulator.stop(); emulators.delete(emulator); },
  };
}

after(async () => {
  await Promise.all([...running].map(stopChild));
  await Promise.all([...emulators].map((e) => e.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The environment a user would have: PATH, the token, the account, the emulator's API root. */
export function userEnv(api, extra = {}) {
  return {
    PATH: process.env.PATH,
    CLOUDFLARE_API_TOKEN: TOKEN,
    CLOUDFLARE_ACCOUNT_ID: DEMO_ACCOUNT,
    ...(api ? { CLOUDFLARE_BASE_URL: api.base } : {}),
    ...extra,
  };
}

/**
 * Runs `cf-mcp-servers ...args` to its end: { code, stdout, stderr }. stdin is empty and not a
 * terminal unless `input` is given (then it is piped in).
 */
export function cli(args, { env = userEnv(), cwd = ROOT, input, timeout = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code: code ?? signal, stdout, stderr });
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

/** Writes `config` as JSON into a new file; returns its path. */
export function writeConfig(config, name = 'mcp.json', dir = tempDir()) {
  const file = join(dir, name);
  writeFileSync(file, typeof config === 'string' ? config : `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

export const readConfig = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** The account's configuration as `export` prints it (asserting it succeeded). */
export async function exported(api, env = userEnv(api)) {
  const r = await cli(['export'], { env });
  if (r.code !== 0) throw new Error(`export exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** `plan --json`: { code, plan }. */
export async function planJson(file, env) {
  const r = await cli(['plan', file, '--json'], { env });
  if (r.code === 1) throw new Error(`plan failed: ${r.stderr}`);
  return { code: r.code, plan: JSON.parse(r.stdout), stderr: r.stderr };
}

/** Asserts that no secret occurs in any of `texts`. */
export function assertNoSecret(assert, texts, secrets = SECRETS) {
  for (const text of texts) for (const secret of secrets) assert.ok(!text.includes(secret), `a secret was printed:\n${text}`);
}
