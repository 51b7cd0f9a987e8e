// What goes on the wire for each operation, and what comes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  McpServersClient, startServer, ok, server, TOKEN, EMAIL, API_KEY, SERVICE_KEY, ACCOUNT, PREFIX,
} from './_harness.mjs';

const full = server('full', {
  description: null,
  auth_type: 'oauth',
  tools: [{ name: 'list_issues', inputSchema: { type: 'object' } }],
  prompts: [{ name: 'p' }],
  created_at: '2026-07-22T10:00:00Z',
  created_by: 'user@example.com',
  modified_at: '2026-07-22T10:00:00Z',
  modified_by: 'user@example.com',
  last_synced: '2026-07-22T10:00:00Z',
  last_successful_sync: '2026-07-22T10:00:00Z',
  secure_web_gateway: true,
  is_shared_oauth_callback_enabled: false,
  authentication_status: 'connected',
  error: 'boom',
  error_details: { cause: 'Unauthorized', is_upstream: true, mcp_code: -32000, retryable: false, status_code: 401 },
  updated_tools: [{ name: 'list_issues', alias: 'issues', enabled: true, description: 'd' }],
  updated_prompts: [{ name: 'p', enabled: false }],
  auth_config_summary: {
    auth_mode: 'manual',
    client_secret_version: 2,
    has_client_secret: true,
    config: { issuer: 'https://issuer', token_endpoint: 'https://issuer/token' },
    registration_info: { client_id: 'cid', redirect_uris: ['https://cb'], scope: 'read' },
  },
});

async function setup(handler, options = {}) {
  const srv = await startServer(handler);
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, ...options });
  return { srv, client };
}

function assertCommonHeaders(r, { body }) {
  assert.equal(r.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(r.headers.accept, 'application/json');
  if (body) {
    assert.equal(r.headers['content-type'], 'application/json');
  } else {
    assert.equal(r.headers['content-type'], undefined, `${r.method} ${r.path} must not send Content-Type`);
    assert.equal(r.body, '', `${r.method} ${r.path} must not send a body`);
  }
}

test('list: GET on the collection with page, per_page and a percent-encoded search', async () => {
  const { srv, client } = await setup((req, res) =>
    ok(res, [full], { result_info: { page: 2, per_page: 5, count: 1, total_count: 6, total_pages: 2 } }));
  const page = await client.list({ page: 2, per_page: 5, search: 'git hub&x=1/é' });
  assert.equal(srv.requests.length, 1);
  const r = srv.requests[0];
  assert.equal(r.method, 'GET');
  assert.equal(r.path, PREFIX);
  assert.equal(r.query.get('page'), '2');
  assert.equal(r.query.get('per_page'), '5');
  assert.equal(r.query.get('search'), 'git hub&x=1/é');
  assert.match(r.rawQuery, /search=git%20hub%26x%3D1%2F%C3%A9/);
  assert.deepEqual([...r.query.keys()].sort(), ['page', 'per_page', 'search']);
  assertCommonHeaders(r, { body: false });
  assert.deepEqual(page, {
    result: [full],
    result_info: { page: 2, per_page: 5, count: 1, total_count: 6, total_pages: 2 },
  });
});

test('list with no params sends no query and tolerates a missing result_info', async () => {
  const { srv, client } = await setup((req, res) => json200(res));
  function json200(res) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: true, result: [server('a')] }));
  }
  const page = await client.list();
  assert.equal(srv.requests[0].url, PREFIX);
  assert.deepEqual(page.result, [server('a')]);
  assert.equal(page.result_info, undefined);
});

test('create: POST with exactly the fields given, account_id in the path only, 201 decoded', async () => {
  const { srv, client } = await setup((req, res) => ok(res, full, {}, 201));
  const params = {
    account_id: 'other-account',
    id: 'my-mcp-server',
    name: 'My MCP Server',
    hostname: 'https://example.com/mcp',
    auth_type: 'bearer',
    auth_credentials: 'sk-upstream',
    description: null,
    updated_tools: [{ name: 'list_issues', alias: 'issues', enabled: true }],
  };
  const created = await client.create(params);
  const r = srv.requests[0];
  assert.equal(r.method, 'POST');
  assert.equal(r.path, '/client/v4/accounts/other-account/access/ai-controls/mcp/servers');
  assert.equal(r.rawQuery, '');
  assertCommonHeaders(r, { body: true });
  const sent = JSON.parse(r.body);
  const { account_id, ...expected } = params;
  assert.deepEqual(sent, expected);
  assert.ok(!('account_id' in sent), 'account_id must not be in the body');
  assert.ok(r.body.includes('"description":null'), 'description: null is sent as null');
  assert.deepEqual(created, full);
});

test('create: minimal params send only the four required fields', async () => {
  const { srv, client } = await setup((req, res) => ok(res, server('m'), {}, 201));
  await client.create({ id: 'm', name: 'M', hostname: 'https://h.example/mcp', auth_type: 'unauthenticated' });
  assert.deepEqual(JSON.parse(srv.requests[0].body), {
    id: 'm', name: 'M', hostname: 'https://h.example/mcp', auth_type: 'unauthenticated',
  });
});

test('read: GET on the item, no body, 200 decoded', async () => {
  const { srv, client } = await setup((req, res) => ok(res, full));
  const got = await client.read('full');
  const r = srv.requests[0];
  assert.equal(r.method, 'GET');
  assert.equal(r.path, `${PREFIX}/full`);
  assert.equal(r.rawQuery, '');
  assertCommonHeaders(r, { body: false });
  assert.deepEqual(got, full);
});

test('read with account_id in params overrides the client default', async () => {
  const { srv, client } = await setup((req, res) => ok(res, full));
  await client.read('full', { account_id: 'acc-2' });
  assert.equal(srv.requests[0].path, '/client/v4/accounts/acc-2/access/ai-controls/mcp/servers/full');
});

test('update: PUT with exactly the fields given; description null; no account_id in body', async () => {
  const { srv, client } = await setup((req, res) => ok(res, full));
  const got = await client.update('full', {
    account_id: ACCOUNT, name: 'Renamed', description: null,
    updated_tools: [{ name: 'delete_repo', enabled: false }],
  });
  const r = srv.requests[0];
  assert.equal(r.method, 'PUT');
  assert.equal(r.path, `${PREFIX}/full`);
  assertCommonHeaders(r, { body: true });
  assert.deepEqual(JSON.parse(r.body), {
    name: 'Renamed', description: null, updated_tools: [{ name: 'delete_repo', enabled: false }],
  });
  assert.deepEqual(got, full);
});

test('update: an empty update sends {}; undefined fields are left out', async () => {
  const { srv, client } = await setup((req, res) => ok(res, full));
  await client.update('full', { name: undefined });
  assert.equal(srv.requests[0].body, '{}');
});

test('delete: DELETE on the item, no body, resolves to the deleted server', async () => {
  const { srv, client } = await setup((req, res) => ok(res, full));
  const got = await client.delete('full');
  const r = srv.requests[0];
  assert.equal(r.method, 'DELETE');
  assert.equal(r.path, `${PREFIX}/full`);
  assertCommonHeaders(r, { body: false });
  assert.deepEqual(got, full);
});

test('sync: POST on /sync with no body and no Content-Type, resolves to the SyncResult', async () => {
  const result = {
    status: 'error', error: 'upstream returned 401',
    error_details: { cause: 'Unauthorized', is_upstream: true, status_code: 401, retryable: false },
  };
  const { srv, client } = await setup((req, res) => ok(res, result));
  const got = await client.sync('full');
  const r = srv.requests[0];
  assert.equal(r.method, 'POST');
  assert.equal(r.path, `${PREFIX}/full/sync`);
  assertCommonHeaders(r, { body: false });
  assert.deepEqual(got, result);
});

test('sync: an empty result object (old servers) is a valid SyncResult', async () => {
  const { client } = await setup((req, res) => ok(res, {}));
  assert.deepEqual(await client.sync('x'), {});
});

test('auth: apiEmail + apiKey send X-Auth-Email and X-Auth-Key, no Authorization', async () => {
  const srv = await startServer((req, res) => ok(res, full));
  const client = new McpServersClient({ apiEmail: EMAIL, apiKey: API_KEY, baseURL: srv.baseURL, accountId: ACCOUNT });
  await client.read('full');
  const h = srv.requests[0].headers;
  assert.equal(h['x-auth-email'], EMAIL);
  assert.equal(h['x-auth-key'], API_KEY);
  assert.equal(h.authorization, undefined);
  assert.equal(h['x-auth-user-service-key'], undefined);
});

test('auth: userServiceKey sends X-Auth-User-Service-Key', async () => {
  const srv = await startServer((req, res) => ok(res, full));
  const client = new McpServersClient({ userServiceKey: SERVICE_KEY, baseURL: srv.baseURL, accountId: ACCOUNT });
  await client.read('full');
  const h = srv.requests[0].headers;
  assert.equal(h['x-auth-user-service-key'], SERVICE_KEY);
  assert.equal(h.authorization, undefined);
});

test('defaultHeaders go on every request; per-call headers are added and win', async () => {
  const { srv, client } = await setup((req, res) => ok(res, full), {
    defaultHeaders: { 'X-Team': 'platform', 'X-Both': 'default' },
  });
  await client.read('full');
  await client.read('full', {}, { headers: { 'X-Call': 'one', 'X-Both': 'call' } });
  const [a, b] = srv.requests.map((r) => r.headers);
  assert.equal(a['x-team'], 'platform');
  assert.equal(a['x-both'], 'default');
  assert.equal(a['x-call'], undefined);
  assert.equal(b['x-team'], 'platform');
  assert.equal(b['x-call'], 'one');
  assert.equal(b['x-both'], 'call');
  assert.equal(b.authorization, `Bearer ${TOKEN}`);
});

test('baseURL with a trailing slash does not double the slash', async () => {
  const srv = await startServer((req, res) => ok(res, full));
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: `${srv.baseURL}/`, accountId: ACCOUNT });
  await client.read('full');
  assert.equal(srv.requests[0].path, `${PREFIX}/full`);
});

test('unknown fields and an unknown status come through as the API sent them', async () => {
  const { client } = await setup((req, res) =>
    ok(res, { ...server('x'), status: 'paused', authentication_status: 'pending_review', brand_new_field: { a: 1 } }));
  const got = await client.read('x');
  assert.equal(got.status, 'paused');
  assert.equal(got.authentication_status, 'pending_review');
  assert.equal(got.id, 'x');
  // Fields the API adds pass through untouched (the response is JSON.parse'd once, not rebuilt).
  assert.deepEqual(got.brand_new_field, { a: 1 });
});

test('an unknown auth_type in a response comes through too', async () => {
  const { client } = await setup((req, res) => ok(res, { ...server('x'), auth_type: 'mtls' }));
  assert.equal((await client.read('x')).auth_type, 'mtls');
});

test('returned values are plain objects that JSON round-trips (no Map, no class)', async () => {
  const { client } = await setup((req, res) =>
    (req.url.includes('?') || req.url.endsWith('/servers')) ? ok(res, [full], { result_info: { page: 1 } }) : ok(res, full));
  const one = await client.read('full');
  const page = await client.list();
  for (const value of [one, page, page.result[0], one.tools[0], one.error_details, one.auth_config_summary]) {
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
  }
  assert.ok(Array.isArray(page.result));
  assert.ok(!(one.tools[0] instanceof Map));
  assert.deepEqual(JSON.parse(JSON.stringify(one)), one);
  assert.deepEqual(JSON.parse(JSON.stringify(page)), page);
  assert.deepEqual(one, full);
});

test('a custom fetch option is used instead of the global fetch', async () => {
  const srv = await startServer((req, res) => ok(res, full));
  const seen = [];
  const client = new McpServersClient({
    apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT,
    // Called as fetch(url, init), as the official SDK calls its fetch option.
    fetch: (url, init) => {
      seen.push({ url, init });
      init.headers.set('x-via', 'custom-fetch');
      return fetch(url, init);
    },
  });
  const got = await client.read('full');
  assert.deepEqual(got, full);
  assert.equal(seen.length, 1);
  assert.equal(typeof seen[0].url, 'string');
  assert.equal(seen[0].init.method, 'GET');
  assert.equal(new URL(seen[0].url).pathname, `${PREFIX}/full`);
  assert.equal(srv.requests.length, 1);
  assert.equal(srv.requests[0].headers['x-via'], 'custom-fetch');
});

test('a custom fetch that answers by itself (a service binding) works without any server', async () => {
  const client = new McpServersClient({
    apiToken: TOKEN, baseURL: 'https://api.invalid/client/v4', accountId: ACCOUNT,
    fetch: async (url, init) => {
      const body = init.body;
      return new Response(JSON.stringify({ success: true, result: server(JSON.parse(body).id) }), {
        status: 201, headers: { 'content-type': 'application/json' },
      });
    },
  });
  const got = await client.create({ id: 'bound', name: 'B', hostname: 'https://h.example/mcp', auth_type: 'oauth' });
  assert.equal(got.id, 'bound');
});

test('each operation sends exactly one request on success', async () => {
  const { srv, client } = await setup((req, res) => {
    if (req.url.endsWith('/sync')) return ok(res, { status: 'ready' });
    if (req.method === 'GET' && req.url.split('?')[0].endsWith('/servers')) return ok(res, [full]);
    ok(res, full, {}, req.method === 'POST' ? 201 : 200);
  });
  await client.list({});
  await client.create({ id: 'full', name: 'n', hostname: 'https://h.example/mcp', auth_type: 'bearer' });
  await client.read('full', {});
  await client.update('full', { name: 'x' });
  await client.delete('full', {});
  await client.sync('full', {});
  assert.deepEqual(srv.requests.map((r) => `${r.method} ${r.path.slice(PREFIX.length) || '/'}`), [
    'GET /', 'POST /', 'GET /full', 'PUT /full', 'DELETE /full', 'POST /full/sync',
  ]);
});
