// examples/worker in workerd against the API on loopback: cron sync, JSON routes, access check and
// JWT verification, pass-through, a wrong token. Run from the root: node --test tests/workers/
// Env: CF_MCP_EMULATOR (default target/debug/cf-mcp-emulator), CF_MCP_PKG (default pkg/),
// CF_MCP_API=stand-in to use the in-process stand-in API (stand-in-api.mjs) instead of the emulator.
// The cron is fired as workerd fires it (a scheduled event through a service binding, which needs
// `--experimental` and the `service_binding_extra_handlers` flag on the trigger Worker only).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import { generateKeyPairSync, sign } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ACCOUNT, requireBuilt, tempDir, startApi, bundle, startWorkerd, api, workerService, textBindings } from './harness.mjs';

const TOKEN = 'worker-test-token-1234567890';
const JWT = { 'Cf-Access-Jwt-Assertion': 'header.payload.signature' };
const OK = ['w-ok-1', 'w-ok-2', 'w-ok-3'];
const DOWN = ['w-down-1', 'w-down-2'];
const SERVERS_PATH = `/client/v4/accounts/${ACCOUNT}/access/ai-controls/mcp/servers`;

let apiServer, workerd, dir, certs;
const AUD = 'test-access-aud';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

// A stand-in for https://<team>.cloudflareaccess.com/cdn-cgi/access/certs, and JWTs signed for it.
async function startCerts() {
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
  const server = http.createServer((req, res) => {
    res.writeHead(req.url === '/cdn-cgi/access/certs' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { team: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((r) => server.close(r)) };
}
function jwt(claims, { kid = 'k1' } = {}) {
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${enc({ alg: 'RS256', kid, typ: 'JWT' })}.${enc(claims)}`;
  return `${head}.${sign('sha256', Buffer.from(head), privateKey).toString('base64url')}`;
}
const urls = {};

async function closedPort() {
  const s = net.createServer();
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address();
  await new Promise((resolve) => s.close(resolve));
  return port;
}

const worker = (name, vars) => workerService(name, textBindings(vars));

// Test-only: fires a real scheduled event into a Worker through a service binding, the way
// workerd's own cron triggers (/workerd/cron.js) do.
const TRIGGER = `export default { async fetch(request, env) {
  const name = new URL(request.url).pathname.slice(1);
  return Response.json(await env[name].scheduled({ cron: '*/30 * * * *', scheduledTime: new Date() }));
} };`;

before(async () => {
  requireBuilt();
  apiServer = await startApi({ token: TOKEN });
  const down = `http://127.0.0.1:${await closedPort()}/mcp`;
  for (const id of OK) await api(apiServer.base, TOKEN, 'POST', '', { id, name: id, hostname: `${apiServer.origin}/demo-mcp`, auth_type: 'unauthenticated' });
  for (const id of DOWN) await api(apiServer.base, TOKEN, 'POST', '', { id, name: id, hostname: down, auth_type: 'unauthenticated' });

  certs = await startCerts();
  dir = tempDir('example-worker');
  await bundle(join(ROOT, 'examples', 'worker', 'src', 'index.js'), dir);
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'trigger.js'), TRIGGER);
  const vars = { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT, CLOUDFLARE_API_BASE_URL: apiServer.base, SYNC_CONCURRENCY: '2' };
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    ${worker('example', vars)},
    ${worker('example-optin', { ...vars, ALLOW_UNAUTHENTICATED_PASSTHROUGH: 'true' })},
    ${worker('example-badtoken', { ...vars, CLOUDFLARE_API_TOKEN: 'wrong-token' })},
    ${worker('example-verified', { ...vars, ACCESS_TEAM_DOMAIN: certs.team, ACCESS_AUD: AUD })},
    (name = "trigger", worker = (modules = [(name = "trigger.js", esModule = embed "trigger.js")],
      compatibilityDate = "2026-11-01", compatibilityFlags = ["service_binding_extra_handlers"],
      bindings = [(name = "example", service = "example"), (name = "badtoken", service = "example-badtoken")])),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [
    (name = "example", address = "127.0.0.1:0", http = (), service = "example"),
    (name = "optin", address = "127.0.0.1:0", http = (), service = "example-optin"),
    (name = "badtoken", address = "127.0.0.1:0", http = (), service = "example-badtoken"),
    (name = "trigger", address = "127.0.0.1:0", http = (), service = "trigger"),
    (name = "verified", address = "127.0.0.1:0", http = (), service = "example-verified"),
  ],
);
`;
  workerd = await startWorkerd(dir, config, ['example', 'optin', 'badtoken', 'trigger', 'verified']);
  for (const [name, port] of Object.entries(workerd.ports)) urls[name] = `http://127.0.0.1:${port}`;
});

after(async () => {
  await workerd?.stop();
  await apiServer?.stop();
  await certs?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function getJson(url, init) {
  const res = await fetch(url, init);
  const text = await res.text();
  let body;
  try { body = JSON.parse(text); } catch { assert.fail(`${url}: ${res.status} non-JSON body: ${text.slice(0, 300)}`); }
  return { status: res.status, body, headers: res.headers };
}

test('the scheduled handler syncs every server and reports the failing ones', async () => {
  const { body: outcome } = await getJson(`${urls.trigger}/example`);
  assert.equal(outcome.outcome, 'ok', `scheduled outcome: ${JSON.stringify(outcome)}\n${workerd.output()}`);

  const line = workerd.output().split('\n').find((l) => l.startsWith('{"event":"mcp-sync"'));
  assert.ok(line, `no sync report in the Worker's log:\n${workerd.output()}`);
  const report = JSON.parse(line);
  const all = await api(apiServer.base, TOKEN, 'GET', '?per_page=100');
  assert.equal(report.synced, all.length, 'every server of the account is synced');
  assert.equal(report.cron, '*/30 * * * *');
  assert.deepEqual(report.failing.map((f) => f.id).sort(), DOWN.filter((id) => all.some((s) => s.id === id)).sort().concat(
    all.filter((s) => !OK.includes(s.id) && !DOWN.includes(s.id) && s.status === 'error').map((s) => s.id)).sort());
  for (const f of report.failing.filter((f) => DOWN.includes(f.id))) {
    assert.equal(f.status, 'error');
    assert.equal(typeof f.error_details, 'object', `error_details of ${f.id}`);
    assert.equal(f.error_details.is_upstream, false, `${f.id} is unreachable, not an upstream error`);
  }
  assert.match(workerd.output(), /mcp server w-down-1: error: /, 'a readable warning per failing server');

  for (const s of all) assert.ok(s.last_synced, `${s.id} was synced (last_synced set)`);
  for (const id of OK) assert.equal(all.find((s) => s.id === id).status, 'ready', `${id} is ready`);
  if (apiServer.syncs) assert.ok(apiServer.syncs.maxInFlight <= 2, `at most SYNC_CONCURRENCY=2 syncs at once, saw ${apiServer.syncs.maxInFlight}`);
});

test('the scheduled run fails visibly with a wrong token', async () => {
  const { body: outcome } = await getJson(`${urls.trigger}/badtoken`);
  assert.equal(outcome.outcome, 'exception', JSON.stringify(outcome));
  assert.match(workerd.output(), /mcp-sync failed: GET \S+: 40[13]/, 'the log says why');
});

test('JSON routes answer behind the access check', async () => {
  const list = await getJson(`${urls.example}/servers`, { headers: JWT });
  assert.equal(list.status, 200, JSON.stringify(list.body));
  for (const id of [...OK, ...DOWN]) assert.ok(list.body.servers.some((s) => s.id === id), `GET /servers lists ${id}`);
  assert.equal(list.headers.get('cache-control'), 'no-store');

  const one = await getJson(`${urls.example}/servers/w-ok-1`, { headers: JWT });
  assert.equal(one.status, 200);
  assert.equal(one.body.id, 'w-ok-1');
  assert.equal(one.body.hostname, `${apiServer.origin}/demo-mcp`);

  const missing = await getJson(`${urls.example}/servers/no-such-server`, { headers: JWT });
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.kind, 'api');
  assert.equal(missing.body.error.code, 7002);

  const bad = await getJson(`${urls.example}/servers/Not_Valid!`, { headers: JWT });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.kind, 'validation');

  const ok = await getJson(`${urls.example}/servers/w-ok-2/sync`, { method: 'POST', headers: JWT });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.status, 'ready');
  const down = await getJson(`${urls.example}/servers/w-down-2/sync`, { method: 'POST', headers: JWT });
  assert.equal(down.status, 200, 'an upstream failure is a sync result, not an HTTP error');
  assert.equal(down.body.status, 'error');
  assert.ok(down.body.error_details, 'error_details explain the failure');

  for (const [method, path] of [['GET', '/servers'], ['GET', '/servers/w-ok-1'], ['POST', '/servers/w-ok-1/sync']]) {
    const refused = await getJson(`${urls.example}${path}`, { method });
    assert.equal(refused.status, 403, `${method} ${path} without the Access header is refused`);
  }
});

test('the pass-through refuses without the Access header or the opt-in, and works with either', async () => {
  const before = apiServer.requests?.length;
  const refused = await getJson(`${urls.example}${SERVERS_PATH}`);
  assert.equal(refused.status, 403);
  assert.match(refused.body.error.message, /Cloudflare Access/);
  if (apiServer.requests) assert.equal(apiServer.requests.length, before, 'a refused request never reaches the API');

  // With the header: the browser's own Authorization is replaced by the Worker's secret.
  const res = await fetch(`${urls.example}${SERVERS_PATH}?per_page=2&page=1`, {
    headers: { ...JWT, authorization: 'Bearer browser-supplied' },
  });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  const body = JSON.parse(text);
  assert.equal(body.success, true);
  assert.equal(body.result.length, 2, 'query string passed on');
  assert.ok(!text.includes(TOKEN), 'the token never reaches the browser');
  if (apiServer.requests) assert.equal(apiServer.requests.at(-1).authorization, `Bearer ${TOKEN}`);

  // Writes go through too: PUT with a JSON body.
  const put = await getJson(`${urls.example}${SERVERS_PATH}/w-ok-3`, {
    method: 'PUT', headers: { ...JWT, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Renamed' }),
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.result.name, 'Renamed');

  const optIn = await getJson(`${urls.optin}${SERVERS_PATH}/w-ok-1`);
  assert.equal(optIn.status, 200, 'ALLOW_UNAUTHENTICATED_PASSTHROUGH=true opens the route');
  assert.equal(optIn.body.result.id, 'w-ok-1');

  const otherAccount = await getJson(`${urls.example}${SERVERS_PATH.replace(ACCOUNT, 'someone-else')}`, { headers: JWT });
  assert.equal(otherAccount.status, 403, 'only the configured account is passed through');

  // The portals endpoints too (the admin page's other half).
  const portals = await getJson(`${urls.example}${SERVERS_PATH.replace(/servers$/, 'portals')}`, { headers: JWT });
  if (apiServer.requests) assert.equal(apiServer.requests.at(-1).path, `/client/v4/accounts/${ACCOUNT}/access/ai-controls/mcp/portals`, 'passed on');
  else assert.equal(portals.status, 200, JSON.stringify(portals.body));

  const elsewhere = await getJson(`${urls.example}/client/v4/user/tokens/verify`, { headers: JWT });
  assert.equal(elsewhere.status, 404, 'only the MCP servers and portals endpoints are passed through');
});

test('a wrong token comes back as a clear error', async () => {
  const { status, body } = await getJson(`${urls.badtoken}/servers`, { headers: JWT });
  assert.equal(status, 502);
  assert.equal(body.error.name, 'McpServersError');
  assert.equal(body.error.kind, 'api');
  assert.ok([401, 403].includes(body.error.status), `status ${body.error.status}`);
  assert.ok(!JSON.stringify(body).includes('wrong-token'), 'the token is not echoed');

  const passed = await fetch(`${urls.badtoken}${SERVERS_PATH}`, { headers: JWT });
  assert.ok([401, 403].includes(passed.status), 'the pass-through returns the API status as is');
});

test('with ACCESS_TEAM_DOMAIN and ACCESS_AUD the Access JWT is verified, not just present', async () => {
  const now = Math.floor(Date.now() / 1000);
  const good = { aud: [AUD], iss: certs.team, exp: now + 300, iat: now, email: 'admin@example.com' };
  const call = (token) => getJson(`${urls.verified}/servers/w-ok-1`, { headers: { 'Cf-Access-Jwt-Assertion': token } });

  const ok = await call(jwt(good));
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.id, 'w-ok-1');

  for (const [why, token, reason] of [
    ['a forged header', 'header.payload.signature', /malformed/],
    ['another audience', jwt({ ...good, aud: ['other-app'] }), /wrong audience/],
    ['another issuer', jwt({ ...good, iss: 'https://evil.cloudflareaccess.com' }), /wrong issuer/],
    ['an expired token', jwt({ ...good, exp: now - 10 }), /expired/],
    ['an unknown key', jwt(good, { kid: 'k2' }), /unknown signing key/],
    ['a tampered payload', jwt(good).replace(/\.[^.]+\./, `.${Buffer.from(JSON.stringify({ ...good, email: 'x@evil' })).toString('base64url')}.`), /bad signature/],
  ]) {
    const res = await call(token);
    assert.equal(res.status, 403, `${why} is refused`);
    assert.match(res.body.error.message, reason, why);
  }
});
