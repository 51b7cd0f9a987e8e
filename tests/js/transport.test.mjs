// Retries, Retry-After, timeouts, aborts, refused connections and custom fetch functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  McpServersClient, McpServersError, startServer, closedPort, ok, json, server, rejection,
  TOKEN, ACCOUNT,
} from './_harness.mjs';

async function setup(handler, options = {}) {
  const srv = await startServer(handler);
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, ...options });
  return { srv, client };
}

const createParams = { id: 'my-mcp-server', name: 'My', hostname: 'https://example.com/mcp', auth_type: 'bearer' };
const rateLimited = (res, headers) => json(res, 429, { success: false, errors: [{ code: 971, message: 'Please wait and consider throttling your request speed' }] }, headers);
const hang = () => { /* never answers */ };

test('429 with Retry-After: 0, then success: 2 requests, resolves', async () => {
  const { srv, client } = await setup((req, res, r, n) => (n === 1 ? rateLimited(res, { 'retry-after': '0' }) : ok(res, server('x'))));
  const got = await client.read('x');
  assert.equal(got.id, 'x');
  assert.equal(srv.requests.length, 2);
});

test('429 with Retry-After: 1, then success: waits about a second before retrying', async () => {
  const { srv, client } = await setup((req, res, r, n) => (n === 1 ? rateLimited(res, { 'retry-after': '1' }) : ok(res, server('x'))));
  const got = await client.read('x');
  assert.equal(got.id, 'x');
  assert.equal(srv.requests.length, 2);
  const waited = srv.requests[1].at - srv.requests[0].at;
  assert.ok(waited >= 950, `waited ${waited} ms, expected ≥ 1000`);
  assert.ok(waited < 3000, `waited ${waited} ms, expected about 1000`);
});

test('429 with retry-after-ms: 300 waits about 300 ms', async () => {
  const { srv, client } = await setup((req, res, r, n) => (n === 1 ? rateLimited(res, { 'retry-after-ms': '300' }) : ok(res, [])));
  await client.list();
  assert.equal(srv.requests.length, 2);
  const waited = srv.requests[1].at - srv.requests[0].at;
  assert.ok(waited >= 280 && waited < 1500, `waited ${waited} ms`);
});

test('429 with an HTTP-date Retry-After in the past retries at once', async () => {
  const { srv, client } = await setup((req, res, r, n) =>
    (n === 1 ? rateLimited(res, { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }) : ok(res, server('x'))));
  const start = Date.now();
  await client.read('x');
  assert.equal(srv.requests.length, 2);
  assert.ok(Date.now() - start < 1000);
});

test('Retry-After longer than maxRetryDelay: fails at once, retryable, one request', async () => {
  const { srv, client } = await setup((req, res) => rateLimited(res, { 'retry-after': '3600' }));
  const start = Date.now();
  const err = await rejection(client.read('x'));
  const took = Date.now() - start;
  assert.ok(err instanceof McpServersError);
  assert.equal(err.kind, 'api');
  assert.equal(err.status, 429);
  assert.equal(err.code, 971);
  assert.equal(err.retryable, true);
  assert.equal(srv.requests.length, 1);
  assert.ok(took < 1000, `took ${took} ms`);
});

test('maxRetryDelay option lowers the cap: Retry-After: 2 with maxRetryDelay 500 fails at once', async () => {
  const { srv, client } = await setup((req, res) => rateLimited(res, { 'retry-after': '2' }), { maxRetryDelay: 500 });
  const start = Date.now();
  const err = await rejection(client.read('x'));
  assert.equal(err.status, 429);
  assert.equal(err.retryable, true);
  assert.equal(srv.requests.length, 1);
  assert.ok(Date.now() - start < 1000);
});

test('an empty 429 body retried until maxRetries, then an api error with the status', async () => {
  const { srv, client } = await setup((req, res) => { res.writeHead(429, { 'retry-after': '0' }); res.end(); }, { maxRetries: 2 });
  const err = await rejection(client.read('x'));
  assert.equal(err.kind, 'api');
  assert.equal(err.status, 429);
  assert.equal(err.retryable, true);
  assert.equal(srv.requests.length, 3);
});

test('create is retried on a 500 like any call; the final error says it may have been applied', async () => {
  const { srv, client } = await setup((req, res) => json(res, 500, { success: false, errors: [{ code: 10001, message: 'Internal' }] }));
  const err = await rejection(client.create(createParams));
  assert.equal(err.kind, 'api');
  assert.equal(err.status, 500);
  assert.equal(err.mayHaveApplied, true);
  assert.match(err.message, /may have been created/);
  assert.equal(JSON.parse(JSON.stringify(err)).mayHaveApplied, true);
  assert.equal(srv.requests.length, 3);
});

test('create after a lost answer: the retry meets "already exists", reads the server back and resolves with it', async () => {
  const created = server('my-mcp-server', { name: 'My' });
  const { srv, client } = await setup((req, res, r, n) => {
    if (n === 1) return json(res, 503, { success: false, errors: [] });
    if (req.method === 'POST') return json(res, 409, { success: false, errors: [{ code: 7005, message: 'already exists' }] });
    return ok(res, created);
  });
  assert.deepEqual(await client.create(createParams), created);
  assert.deepEqual(srv.requests.map((r) => r.method), ['POST', 'POST', 'GET']);
  assert.ok(srv.requests[2].path.endsWith('/servers/my-mcp-server'));
});

test('create: "already exists" on the first attempt is a conflict that was not applied, not read back', async () => {
  const { srv, client } = await setup((req, res) => json(res, 409, { success: false, errors: [{ code: 7005, message: 'already exists' }] }));
  const err = await rejection(client.create(createParams));
  assert.equal(err.status, 409);
  assert.equal(err.mayHaveApplied, false);
  assert.equal(srv.requests.length, 1);
  const read = await rejection(client.read('x', {}, { maxRetries: 0 }));
  assert.equal('mayHaveApplied' in read, false, 'only a create carries mayHaveApplied');
});

test('create IS retried on 429 (nothing was created), with the same body', async () => {
  const { srv, client } = await setup((req, res, r, n) => (n === 1 ? rateLimited(res, { 'retry-after': '0' }) : ok(res, server('my-mcp-server'), {}, 201)));
  const got = await client.create(createParams);
  assert.equal(got.id, 'my-mcp-server');
  assert.equal(srv.requests.length, 2);
  assert.equal(srv.requests[1].body, srv.requests[0].body);
  assert.equal(srv.requests[1].headers['content-type'], 'application/json');
});

test('read is retried on 500 then succeeds; x-should-retry: false stops retries', async () => {
  const { srv, client } = await setup((req, res, r, n) => {
    if (req.url.endsWith('/no')) return json(res, 503, { success: false, errors: [] }, { 'x-should-retry': 'false' });
    return n === 1 ? json(res, 500, { success: false, errors: [] }) : ok(res, server('x'));
  });
  assert.equal((await client.read('x')).id, 'x');
  assert.equal(srv.requests.length, 2);
  const err = await rejection(client.read('no'));
  assert.equal(err.status, 503);
  assert.equal(srv.requests.length, 3, 'x-should-retry: false → no retry');
});

test('per-call maxRetries: 0 overrides the client default', async () => {
  const { srv, client } = await setup((req, res) => json(res, 503, { success: false, errors: [] }), { maxRetries: 2 });
  const err = await rejection(client.read('x', {}, { maxRetries: 0 }));
  assert.equal(err.status, 503);
  assert.equal(srv.requests.length, 1);
});

test('timeout: a server that never answers gives kind timeout after about the timeout', async () => {
  const { srv, client } = await setup(hang, { timeout: 200, maxRetries: 0 });
  const start = Date.now();
  const err = await rejection(client.read('x'));
  const took = Date.now() - start;
  assert.ok(err instanceof McpServersError);
  assert.equal(err.kind, 'timeout');
  assert.equal(err.retryable, true);
  assert.equal(err.status, undefined);
  assert.match(err.message, /timed out/);
  assert.ok(took >= 180 && took < 2000, `took ${took} ms`);
  assert.equal(srv.requests.length, 1);
});

test('timeout is per attempt: a read retries after a timeout (maxRetries 1 → 2 requests)', async () => {
  const { srv, client } = await setup(hang, { timeout: 150, maxRetries: 1 });
  const err = await rejection(client.read('x'));
  assert.equal(err.kind, 'timeout');
  assert.equal(srv.requests.length, 2);
});

test('a create that timed out is retried, and its final error says it may have been applied', async () => {
  const { srv, client } = await setup(hang, { timeout: 150, maxRetries: 1 });
  const err = await rejection(client.create(createParams));
  assert.equal(err.kind, 'timeout');
  assert.equal(err.mayHaveApplied, true);
  assert.equal(srv.requests.length, 2);
});

test('per-call timeout overrides the client timeout', async () => {
  const { client } = await setup(hang, { timeout: 60000, maxRetries: 0 });
  const start = Date.now();
  const err = await rejection(client.read('x', {}, { timeout: 150 }));
  assert.equal(err.kind, 'timeout');
  assert.ok(Date.now() - start < 2000);
});

test('abort mid-request: kind aborted, promptly, the fetch is cancelled, not retried', async () => {
  let closedAt;
  // timeout: 2000 only bounds how long a leaked timer could keep this file alive
  // (see process-exit.test.mjs); the abort must win long before it.
  const { srv, client } = await setup((req, res) => { res.on('close', () => { closedAt = Date.now(); }); },
    { maxRetries: 2, timeout: 2000 });
  const ac = new AbortController();
  const p = client.read('x', {}, { signal: ac.signal });
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(srv.requests.length, 1, 'the request reached the server');
  const abortedAt = Date.now();
  ac.abort();
  const err = await rejection(p);
  const took = Date.now() - abortedAt;
  assert.ok(err instanceof McpServersError);
  assert.equal(err.kind, 'aborted');
  assert.ok(took < 100, `rejected ${took} ms after abort`);
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(srv.requests.length, 1, 'no retry after an abort');
  assert.ok(closedAt !== undefined && closedAt - abortedAt < 500, 'the connection was closed: the fetch itself was aborted');
});

test('abort during a retry wait: kind aborted at once, no second request', async () => {
  const { srv, client } = await setup((req, res) => rateLimited(res, { 'retry-after': '5' }));
  const ac = new AbortController();
  const p = client.read('x', {}, { signal: ac.signal });
  await new Promise((r) => setTimeout(r, 150));
  const abortedAt = Date.now();
  ac.abort();
  const err = await rejection(p);
  assert.equal(err.kind, 'aborted');
  assert.ok(Date.now() - abortedAt < 100);
  assert.equal(srv.requests.length, 1);
});

test('an already-aborted signal: kind aborted and no request sent', async () => {
  const { srv, client } = await setup((req, res) => ok(res, server('x')));
  const signal = AbortSignal.abort();
  for (const call of [
    () => client.read('x', {}, { signal }),
    () => client.list({}, { signal }),
    () => client.create(createParams, { signal }),
    () => client.update('x', { name: 'n' }, { signal }),
    () => client.delete('x', {}, { signal }),
    () => client.sync('x', {}, { signal }),
  ]) {
    const err = await rejection(call());
    assert.equal(err.kind, 'aborted');
  }
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(srv.requests.length, 0);
});

test('listAll with an aborted signal rejects with kind aborted', async () => {
  const { srv, client } = await setup((req, res) => ok(res, [server('a')]));
  const it = client.listAll({}, { signal: AbortSignal.abort() })[Symbol.asyncIterator]();
  const err = await rejection(it.next());
  assert.equal(err.kind, 'aborted');
  assert.equal(srv.requests.length, 0);
});

test('refused connection: kind network, retryable, no status', async () => {
  const port = await closedPort();
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: `http://127.0.0.1:${port}/client/v4`, accountId: ACCOUNT, maxRetries: 0 });
  const err = await rejection(client.read('x'));
  assert.ok(err instanceof McpServersError);
  assert.equal(err.kind, 'network');
  assert.equal(err.retryable, true);
  assert.equal(err.status, undefined);
  assert.match(err.message, /^GET \/accounts\/acc1234\/access\/ai-controls\/mcp\/servers\/x: network error/);
});

test('refused connection is retried for reads (maxRetries 1 takes at least one backoff)', async () => {
  const port = await closedPort();
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: `http://127.0.0.1:${port}/client/v4`, accountId: ACCOUNT, maxRetries: 1 });
  const start = Date.now();
  const err = await rejection(client.read('x'));
  assert.equal(err.kind, 'network');
  assert.ok(Date.now() - start >= 350, 'waited a backoff (500 ms minus jitter) before the retry');
  assert.match(err.message, /after 2 attempts/);
});

test('a custom fetch resolving to something that is not a Response: kind network, no crash', async () => {
  for (const odd of [{ status: 200 }, 'hello', null, undefined, 42]) {
    const client = new McpServersClient({
      apiToken: TOKEN, baseURL: 'https://api.invalid/client/v4', accountId: ACCOUNT, maxRetries: 0,
      fetch: async () => odd,
    });
    const err = await rejection(client.read('x'));
    assert.ok(err instanceof McpServersError, `for ${JSON.stringify(odd)}: ${err}`);
    assert.equal(err.kind, 'network', `for ${JSON.stringify(odd)}`);
  }
});

test('a custom fetch that throws synchronously or rejects: kind network, no crash', async () => {
  for (const fetch of [
    () => { throw new TypeError('sync boom'); },
    async () => { throw new TypeError('async boom'); },
    () => ({ then: (_, reject) => reject(new Error('thenable boom')) }),
  ]) {
    const client = new McpServersClient({ apiToken: TOKEN, baseURL: 'https://api.invalid/client/v4', accountId: ACCOUNT, maxRetries: 0, fetch });
    const err = await rejection(client.read('x'));
    assert.ok(err instanceof McpServersError, String(err));
    assert.equal(err.kind, 'network');
    assert.match(err.message, /boom/);
  }
});

test('the client is still usable after failures', async () => {
  const { client } = await setup((req, res, r, n) => (n === 1 ? json(res, 404, { success: false, errors: [{ code: 7002, message: 'Not Found' }] }) : ok(res, server('x'))));
  await rejection(client.read('x'));
  await rejection(client.read('../x'));
  assert.equal((await client.read('x')).id, 'x');
});
