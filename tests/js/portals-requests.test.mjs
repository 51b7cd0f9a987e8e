// A portal request from ours is byte for byte the request the official SDK
// (`client.zeroTrust.access.aiControls.mcp.portals`) sends for the same call: method, path, query,
// JSON body and auth headers, for all five calls. Both clients talk to the same loopback server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Cloudflare from 'cloudflare';
import { McpPortalsClient, startServer, ok, TOKEN, EMAIL, API_KEY, ACCOUNT } from './_harness.mjs';

const PORTAL = {
  id: 'my-mcp-portal', hostname: 'example.com', name: 'My MCP Portal', servers: [],
};
const SUMMARY = { id: 'my-mcp-portal', hostname: 'example.com', name: 'My MCP Portal' };

// The SDK's own test body for "create: required and optional params".
const override = { name: 'name', alias: 'my-custom-alias', description: 'description', enabled: true };
const FULL = {
  id: 'my-mcp-portal', hostname: 'example.com', name: 'My MCP Portal',
  allow_code_mode: true, code_mode: 'opt_in',
  description: 'This is my custom MCP Portal', secure_web_gateway: false,
  servers: [{ server_id: 'my-mcp-server', default_disabled: true, on_behalf: true,
    updated_prompts: [override], updated_tools: [override] }],
};

// Headers that carry what the call means (the SDK adds its own telemetry headers besides).
const COMPARED = ['authorization', 'x-auth-email', 'x-auth-key', 'content-type', 'accept'];

function wire(r) {
  const headers = Object.fromEntries(COMPARED.filter((h) => r.headers[h] !== undefined).map((h) => [h, r.headers[h]]));
  return { method: r.method, path: r.path, query: r.rawQuery, body: r.body, headers };
}

/** Runs `call` with each client against one server; returns the two requests as seen on the wire. */
async function both(credentials, ours, official) {
  const srv = await startServer((req, res) => {
    const deleting = req.method === 'DELETE';
    if (req.method === 'GET' && !req.url.split('?')[0].endsWith('my-mcp-portal')) {
      return ok(res, [PORTAL], { result_info: { page: 1, per_page: 20, count: 1, total_count: 1, total_pages: 1 } });
    }
    return ok(res, deleting ? SUMMARY : PORTAL);
  });
  const cf = new Cloudflare({ ...credentials.official, baseURL: srv.baseURL, maxRetries: 0 });
  const client = new McpPortalsClient({ ...credentials.ours, baseURL: srv.baseURL, accountId: ACCOUNT, maxRetries: 0 });
  const a = await ours(client);
  const b = await official(cf.zeroTrust.access.aiControls.mcp.portals);
  assert.equal(srv.requests.length, 2);
  const [mine, theirs] = srv.requests.map(wire);
  assert.deepEqual(mine, theirs);
  return { mine, a, b };
}

const TOKEN_AUTH = { ours: { apiToken: TOKEN }, official: { apiToken: TOKEN } };
const KEY_AUTH = {
  ours: { apiEmail: EMAIL, apiKey: API_KEY },
  official: { apiEmail: EMAIL, apiKey: API_KEY },
};

test('create: the same POST and body as the official SDK (its own full test body), and the same result', async () => {
  const { mine, a, b } = await both(TOKEN_AUTH, (c) => c.create(FULL), (p) => p.create({ account_id: ACCOUNT, ...FULL }));
  assert.equal(mine.method, 'POST');
  assert.equal(mine.body, JSON.stringify(FULL));
  assert.deepEqual(a, b);
});

test('create with only the required fields, with an email and key', async () => {
  const params = { id: 'my-mcp-portal', hostname: 'example.com', name: 'My MCP Portal' };
  const { mine } = await both(KEY_AUTH, (c) => c.create(params), (p) => p.create({ account_id: ACCOUNT, ...params }));
  assert.equal(mine.headers['x-auth-key'], API_KEY);
  assert.equal(mine.body, JSON.stringify(params));
});

test('read: the same GET on the item', async () => {
  const { mine, a, b } = await both(TOKEN_AUTH, (c) => c.read('my-mcp-portal'), (p) => p.read('my-mcp-portal', { account_id: ACCOUNT }));
  assert.equal(mine.path, `/client/v4/accounts/${ACCOUNT}/access/ai-controls/mcp/portals/my-mcp-portal`);
  assert.equal(mine.body, '');
  assert.deepEqual(a, b);
});

test('update: the same PUT, for the full body and for an empty one', async () => {
  const { id, ...update } = FULL;
  const { mine } = await both(TOKEN_AUTH, (c) => c.update(id, update), (p) => p.update(id, { account_id: ACCOUNT, ...update }));
  assert.equal(mine.method, 'PUT');
  assert.equal(mine.body, JSON.stringify(update));
  const empty = await both(TOKEN_AUTH, (c) => c.update(id, {}), (p) => p.update(id, { account_id: ACCOUNT }));
  assert.equal(empty.mine.body, '{}');
});

test('list: the same GET with page, per_page and search in the query', async () => {
  const query = { page: 2, per_page: 5, search: 'team portal' };
  const { mine, a } = await both(TOKEN_AUTH, (c) => c.list(query), async (p) => {
    const page = await p.list({ account_id: ACCOUNT, ...query });
    return page.result;
  });
  assert.match(mine.query, /page=2/);
  assert.match(mine.query, /search=team(%20|\+)portal/);
  assert.deepEqual(a.result, [PORTAL]);
});

test('delete: the same DELETE; both resolve to the portal without servers', async () => {
  const { mine, a, b } = await both(TOKEN_AUTH, (c) => c.delete('my-mcp-portal'), (p) => p.delete('my-mcp-portal', { account_id: ACCOUNT }));
  assert.equal(mine.method, 'DELETE');
  assert.deepEqual(a, SUMMARY);
  assert.deepEqual(a, b);
});
