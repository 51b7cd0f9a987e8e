// The bare package in workerd: a Worker importing 'cf-mcp-servers', bundled by esbuild through the
// package's `workerd` export condition, calls all six operations against the API on loopback.
// A packaging regression (wrong condition, a fetch of the .wasm, import.meta.url) fails here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { ACCOUNT, requireBuilt, tempDir, startApi, bundle, startWorkerd, str } from './harness.mjs';

const TOKEN = 'bare-test-token-0987654321';
let apiServer, workerd, dir, bundled, result, redirector, elsewhere;

/** A loopback server answering every request with `handler`; records what it saw. */
async function loopback(handler) {
  const seen = [];
  const srv = http.createServer((req, res) => { seen.push(`${req.method} ${req.url}`); handler(req, res); });
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return { seen, origin: `http://127.0.0.1:${srv.address().port}`, stop: () => new Promise((r) => { srv.closeAllConnections(); srv.close(r); }) };
}

before(async () => {
  requireBuilt();
  apiServer = await startApi({ token: TOKEN });
  elsewhere = await loopback((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"success":true,"result":{}}'); });
  redirector = await loopback((req, res) => {
    res.writeHead(Number(req.url.slice(2, 5)), { location: `${elsewhere.origin}/collect${req.url}` });
    res.end();
  });
  dir = tempDir('bare-package');
  bundled = await bundle(join(dirname(fileURLToPath(import.meta.url)), 'bare-worker.js'), dir);
  const port = new URL(apiServer.origin).port;
  const vars = { TOKEN, BASE_URL: apiServer.base, ACCOUNT_ID: ACCOUNT, DEMO_MCP: `${apiServer.origin}/demo-mcp`, REDIRECTOR: redirector.origin };
  const bindings = Object.entries(vars).map(([k, v]) => `(name = ${str(k)}, text = ${str(v)})`);
  bindings.push('(name = "API", service = "api")');
  workerd = await startWorkerd(dir, `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "bare", worker = (
      modules = [(name = "worker.js", esModule = embed "worker.js"),
                 (name = "cf_mcp_servers_bg.wasm", wasm = embed "cf_mcp_servers_bg.wasm")],
      compatibilityDate = "2026-11-01",
      bindings = [${bindings.join(', ')}],
      globalOutbound = "loopback")),
    (name = "api", external = (address = "127.0.0.1:${port}", http = ())),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "bare")],
);
`, ['http']);
  const res = await fetch(`http://127.0.0.1:${workerd.ports.http}/`);
  const text = await res.text();
  assert.equal(res.status, 200, `the bare Worker failed: ${text}\n${workerd.output()}`);
  result = JSON.parse(text);
});

after(async () => {
  await workerd?.stop();
  await apiServer?.stop();
  await redirector?.stop();
  await elsewhere?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ok = (name) => {
  assert.ok(result[name], `step ${name} ran`);
  assert.ok(!result[name].error, `${name} failed: ${JSON.stringify(result[name].error)}`);
  return result[name].ok;
};

test('the workerd condition is what esbuild picked: the wasm is a module import, nothing fetched', () => {
  const code = readFileSync(bundled.worker, 'utf8');
  assert.match(code, /import \w+ from "\.\/cf_mcp_servers_bg\.wasm"/, 'the .wasm is imported as a Workers module');
  assert.doesNotMatch(code, /import\.meta\.url/, 'no import.meta.url in the Workers build');
  assert.doesNotMatch(code, /readFileSync|node:fs/, 'not the Node entry');
});

test('create, read, update, sync, delete and list/listAll work in workerd', () => {
  const created = ok('create');
  assert.equal(created.id, 'bare-pkg-1');
  assert.equal(created.auth_type, 'unauthenticated');
  assert.equal(ok('read').name, 'Bare');

  const page = ok('list');
  assert.equal(page.result.length, 1, 'per_page honoured');
  assert.deepEqual(ok('listAll').sort(), ['bare-pkg-1', 'bare-pkg-2'], 'listAll walks every page');

  const updated = ok('update');
  assert.equal(updated.name, 'Bare renamed');
  assert.equal(updated.description, 'updated in workerd');

  assert.equal(ok('sync').status, 'ready', 'the demo MCP server syncs');
  assert.equal(ok('delete').id, 'bare-pkg-1', 'delete resolves to the deleted server');
});

test('failures are McpServersError instances with their fields', () => {
  const gone = result.readDeleted.error;
  assert.ok(gone, 'reading a deleted server fails');
  assert.equal(gone.isMcpServersError, true, 'instanceof McpServersError inside workerd');
  assert.equal(gone.isError, true, 'instanceof Error');
  assert.equal(gone.kind, 'api');
  assert.equal(gone.status, 404);
  assert.equal(gone.code, 7002);

  const invalid = result.invalid.error;
  assert.equal(invalid.kind, 'validation', 'a bad id never reaches the network');

  const wrong = result.wrongToken.error;
  assert.equal(wrong.kind, 'api');
  assert.ok([401, 403].includes(wrong.status), `status ${wrong.status}`);
  assert.ok(!JSON.stringify(wrong).includes('wrong-token'), 'no credential in the error');
});

test("a service binding's fetch works as the client's transport", () => {
  assert.equal(ok('viaBinding').id, 'bare-pkg-2');
  ok('cleanup');
});

test('withOptions, withResponse and the logger work in workerd; the environment is never read', () => {
  assert.equal(ok('withOptions').id, 'bare-pkg-2', 'the new base URL and fetch, the old token and account');
  assert.deepEqual(ok('withResponse'), {
    id: 'bare-pkg-2', status: 200, rayId: '8f1c2e3d4b5a6978-SJC',
    rateLimit: { policy: 'default', remaining: 7, reset: 9, limit: 1200, window: 300 },
    headersAreHeaders: true, contentType: 'application/json',
  });
  const lines = ok('logger');
  assert.equal(lines.length, 1);
  const [level, line] = lines[0];
  assert.equal(level, 'info');
  assert.match(line, new RegExp(`^cf-mcp-servers: GET /accounts/${ACCOUNT}/access/ai-controls/mcp/servers/bare-pkg-2 200 in \\d+ ms, retry 0, ray 8f1c2e3d4b5a6978-SJC$`));
  assert.ok(!line.includes(TOKEN));
  const noEnv = result.noEnvironment.error;
  assert.ok(noEnv, 'no credential: a process.env on the global was not read');
  assert.equal(noEnv.kind, 'validation');
});

test('redirects are not followed in workerd: 301/302/303/307/308 fail naming status and origin, the target sees nothing', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    const e = result.redirects[status].error;
    assert.ok(e, `${status} was followed or resolved: ${JSON.stringify(result.redirects[status])}`);
    assert.equal(e.isMcpServersError, true);
    assert.equal(e.kind, 'api');
    assert.equal(e.status, status);
    assert.ok(e.message.includes(`${status} redirect to ${elsewhere.origin}, not followed`), e.message);
    assert.ok(!JSON.stringify(e).includes('/collect') && !JSON.stringify(e).includes(TOKEN), JSON.stringify(e));
  }
  assert.deepEqual(elsewhere.seen, [], 'the redirect target received nothing');
  assert.equal(redirector.seen.length, 5, 'one request per status, none retried');
});
