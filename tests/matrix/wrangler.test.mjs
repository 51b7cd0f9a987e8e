// wrangler, offline: the example Worker (examples/worker, copied with the admin page beside it
// as in the repository, the packed package installed into it) built by
// `wrangler deploy --dry-run --outdir …` and run by `wrangler dev --local`, answering its JSON
// routes against the emulator. No account, metrics and update checks off, loopback only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { ROOT, INSTALLED, TARBALL, TOOLS, leg, ok, startEmulator, stop, tempDir, watch } from './_harness.mjs';

const TOKEN = 'matrix-wrangler-token';
const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const JWT = { 'Cf-Access-Jwt-Assertion': 'header.payload.signature' };
const VERSION = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'wrangler', 'package.json'), 'utf8')).version;
// wrangler needs Node ≥ 22; the Node 22 of the matrix runs it.
const WRANGLER = [TOOLS.node22, TOOLS.wrangler];

let api;
let dir;
let worker;
before(async () => {
  assert.ok(TARBALL && existsSync(TARBALL), 'CF_MCP_TARBALL names the packed package');
  dir = tempDir('wrangler');
  const skip = (src) => !/[/\\](node_modules|public|\.wrangler)([/\\]|$)/.test(src);
  cpSync(join(ROOT, 'examples', 'worker'), join(dir, 'examples', 'worker'), { recursive: true, filter: skip });
  cpSync(join(ROOT, 'www'), join(dir, 'www'), { recursive: true });
  cpSync(INSTALLED, join(dir, 'pkg'), { recursive: true });
  worker = join(dir, 'examples', 'worker');
  await ok('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-save', TARBALL], { cwd: worker });
  api = await startEmulator();
});
after(async () => {
  await api?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_DISABLE_UPDATE_CHECK: 'true',
  NO_UPDATE_NOTIFIER: '1',
  CI: '1',
  WRANGLER_LOG: 'info',
  CLOUDFLARE_API_TOKEN: '',
  CLOUDFLARE_ACCOUNT_ID: '',
};

async function freePort() {
  const s = net.createServer();
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address();
  await new Promise((resolve) => s.close(resolve));
  return port;
}

test('wrangler deploy --dry-run bundles the example Worker with the package and its .wasm module', async () => {
  const out = join(dir, 'out');
  await leg('wrangler', '`wrangler deploy --dry-run --outdir`', VERSION, () =>
    ok(WRANGLER[0], [WRANGLER[1], 'deploy', '--dry-run', '--outdir', out], { cwd: worker, env: ENV }));
  const files = readdirSync(out);
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `one .wasm module beside the bundle: ${files.join(', ')}`);
  const bundle = readFileSync(join(out, 'index.js'), 'utf8');
  assert.ok(bundle.includes(wasm[0]), 'the bundle imports the .wasm module');
  assert.ok(bundle.includes('McpServersClient'), 'the client is in the bundle');
});

test('wrangler dev --local answers the JSON routes against the emulator', async () => {
  const id = 'm-wrangler-dev';
  const created = await fetch(`${api.base}/accounts/${ACCOUNT}/access/ai-controls/mcp/servers`, {
    method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, name: 'Wrangler', hostname: `${api.origin}/demo-mcp`, auth_type: 'unauthenticated' }),
  });
  assert.ok(created.ok, `create: ${created.status}`);
  writeFileSync(join(worker, '.dev.vars'), `CLOUDFLARE_API_TOKEN=${TOKEN}\n`);
  const port = await freePort();
  const inspector = await freePort();
  const child = spawn(WRANGLER[0], [WRANGLER[1], 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port),
    '--inspector-port', String(inspector), '--show-interactive-dev-session=false',
    '--var', `CLOUDFLARE_ACCOUNT_ID:${ACCOUNT}`, '--var', `CLOUDFLARE_API_BASE_URL:${api.base}`], {
    cwd: worker, env: { ...process.env, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = watch(child);
  try {
    await leg('wrangler', '`wrangler dev --local`: JSON routes against the emulator', VERSION, async () => {
      await out.until(/Ready on http:\/\/127\.0\.0\.1:\d+/, 'wrangler dev to be ready', 120_000);
      const origin = `http://127.0.0.1:${port}`;
      const get = async (path, init = {}) => {
        const res = await fetch(`${origin}${path}`, { ...init, headers: { ...JWT, ...init.headers } });
        const text = await res.text();
        try { return { status: res.status, body: JSON.parse(text) }; } catch { assert.fail(`${path}: ${res.status} ${text.slice(0, 300)}\n${out.text}`); }
      };
      const list = await get('/servers');
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.ok(list.body.servers.some((s) => s.id === id), 'GET /servers lists the server');
      const one = await get(`/servers/${id}`);
      assert.equal(one.status, 200);
      assert.equal(one.body.name, 'Wrangler');
      const missing = await get('/servers/no-such-server');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 7002);
      const synced = await get(`/servers/${id}/sync`, { method: 'POST' });
      assert.equal(synced.status, 200, JSON.stringify(synced.body));
      assert.equal(synced.body.status, 'ready');
    });
  } finally {
    await stop(child);
  }
});
