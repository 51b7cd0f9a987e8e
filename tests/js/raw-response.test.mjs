// client.withResponse(): each call resolves to { data, response } with the status, every header,
// the ray id, the parsed rate limit and the retry count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { McpServersClient, McpServersError, startServer, ok, json, server, TOKEN, ACCOUNT } from './_harness.mjs';

const RATE = { ratelimit: '"default";r=50;t=30', 'ratelimit-policy': '"burst";q=100;w=60, "default";q=1200;w=300' };

function client(srv, options = {}) {
  return new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, ...options });
}

test('read: the server together with status, headers, ray id and rate limit', async () => {
  const srv = await startServer((req, res) =>
    ok(res, server(), {}, 200, { 'cf-ray': '8f1c2e3d4b5a6978-SJC', 'x-custom': 'yes', ...RATE }));
  const { data, response } = await client(srv).withResponse().read('my-mcp-server');
  assert.deepEqual(data, server());
  assert.equal(response.status, 200);
  assert.ok(response.headers instanceof Headers);
  assert.equal(response.headers.get('x-custom'), 'yes');
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.equal(response.rayId, '8f1c2e3d4b5a6978-SJC');
  assert.deepEqual(response.rateLimit, { policy: 'default', remaining: 50, reset: 30, limit: 1200, window: 300 });
  assert.equal(response.retries, 0);
});

test('every operation has it; list keeps its page shape; create reports 201', async () => {
  const srv = await startServer((req, res) => {
    if (req.method === 'GET' && req.url.endsWith('/servers')) return ok(res, [server()], { result_info: { page: 1 } });
    if (req.method === 'POST' && req.url.endsWith('/sync')) return ok(res, { status: 'ready' });
    return ok(res, server(), {}, req.method === 'POST' ? 201 : 200);
  });
  const raw = client(srv).withResponse();
  const page = await raw.list();
  assert.deepEqual(page.data, { result: [server()], result_info: { page: 1 } });
  const created = await raw.create({ id: 'my-mcp-server', name: 'n', hostname: 'https://example.com/mcp', auth_type: 'unauthenticated' });
  assert.equal(created.response.status, 201);
  assert.equal(created.data.id, 'my-mcp-server');
  assert.equal((await raw.update('my-mcp-server', { name: 'm' })).response.status, 200);
  assert.deepEqual((await raw.sync('my-mcp-server')).data, { status: 'ready' });
  assert.equal((await raw.delete('my-mcp-server')).data.id, 'my-mcp-server');
  assert.equal(page.response.rateLimit, undefined, 'no rate-limit header, no rateLimit');
  assert.equal(page.response.rayId, undefined);
});

test('the retries it took, and failures still reject with McpServersError', async () => {
  const srv = await startServer((req, res, record, n) => (n === 1
    ? json(res, 503, { success: false, errors: [] }, { 'retry-after-ms': '1' })
    : n === 2 ? ok(res, server()) : json(res, 404, { success: false, errors: [{ code: 7002, message: 'Not Found' }] })));
  const raw = client(srv).withResponse();
  const first = await raw.read('my-mcp-server');
  assert.equal(first.response.retries, 1);
  const err = await raw.read('gone').catch((e) => e);
  assert.ok(err instanceof McpServersError);
  assert.equal(err.code, 7002);
});

test('the plain client is unchanged: results, not envelopes', async () => {
  const srv = await startServer((req, res) => ok(res, server(), {}, 200, RATE));
  const plain = client(srv);
  plain.withResponse();
  assert.deepEqual(await plain.read('my-mcp-server'), server());
});
