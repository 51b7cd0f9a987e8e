// The example Worker with catalogue review, as the review tests run it: the emulator (whose demo
// MCP server changes its catalogue on request), the KV stand-in (kv-service.mjs) behind workerd's
// own `kvNamespace` binding, QUARANTINE = "changed", a trigger Worker that fires the cron as
// workerd does, and optionally the admin page's assets (ASSETS, as Workers static assets serve them).
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { rmSync, writeFileSync } from 'node:fs';
import { join, extname, normalize } from 'node:path';
import { ROOT, ACCOUNT, requireBuilt, tempDir, startApi, bundle, startWorkerd, str, workerService, textBindings } from './harness.mjs';
import { startKv } from './kv-service.mjs';

const TRIGGER = `export default { async fetch(request, env) {
  return Response.json(await env.example.scheduled({ cron: '*/30 * * * *', scheduledTime: new Date() }));
} };`;

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.png': 'image/png' };

/** A static file server for `dir` (`/` is index.html), standing in for the Worker's ASSETS binding. */
async function startAssets(dir) {
  const server = http.createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://assets').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

/**
 * Starts it all; resolves to { api, kv, url, cron(), variant(name), output(), stop() }.
 * `assets`: a folder to serve as the Worker's static assets (the admin page).
 */
export async function startReviewWorker({ token, assets } = {}) {
  requireBuilt();
  const parts = {};
  parts.api = await startApi({ token });
  parts.kv = await startKv();
  if (assets) parts.assets = await startAssets(assets);
  const dir = tempDir('review-worker');
  await bundle(join(ROOT, 'examples', 'worker', 'src', 'index.js'), dir);
  writeFileSync(join(dir, 'trigger.js'), TRIGGER);
  const vars = { CLOUDFLARE_API_TOKEN: token, CLOUDFLARE_ACCOUNT_ID: ACCOUNT, CLOUDFLARE_API_BASE_URL: parts.api.base, QUARANTINE: 'changed' };
  const bindings = [...textBindings(vars), '(name = "CATALOGUE", kvNamespace = "kv")', ...(assets ? ['(name = "ASSETS", service = "assets")'] : [])];
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    ${workerService('example', bindings)},
    (name = "trigger", worker = (modules = [(name = "trigger.js", esModule = embed "trigger.js")],
      compatibilityDate = "2026-11-01", compatibilityFlags = ["service_binding_extra_handlers"],
      bindings = [(name = "example", service = "example")])),
    (name = "kv", external = (address = ${str(parts.kv.address)}, http = ())),
    ${assets ? `(name = "assets", external = (address = ${str(parts.assets.address)}, http = ())),` : ''}
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [
    (name = "example", address = "127.0.0.1:0", http = (), service = "example"),
    (name = "trigger", address = "127.0.0.1:0", http = (), service = "trigger"),
  ],
);
`;
  const stop = async () => {
    await parts.workerd?.stop();
    await parts.assets?.stop();
    await parts.kv?.stop();
    await parts.api?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    parts.workerd = await startWorkerd(dir, config, ['example', 'trigger']);
  } catch (e) {
    await stop();
    throw e;
  }
  const trigger = `http://127.0.0.1:${parts.workerd.ports.trigger}`;
  return {
    api: parts.api,
    kv: parts.kv,
    url: `http://127.0.0.1:${parts.workerd.ports.example}`,
    output: () => parts.workerd.output(),
    /** Fires the cron once and asserts that the run succeeded. */
    async cron() {
      const res = await fetch(trigger);
      assert.equal(res.status, 200, parts.workerd.output());
      const body = await res.json();
      assert.equal(body.outcome, 'ok', `the cron run failed:\n${parts.workerd.output()}`);
    },
    /** Switches the demo MCP server's catalogue ('changed' or back). */
    variant: (name) => fetch(`${parts.api.origin}/demo-mcp/catalogue`, { method: 'POST', body: JSON.stringify({ variant: name }) }),
    stop,
  };
}
