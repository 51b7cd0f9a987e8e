// A spent `Ratelimit` budget is waited out (within maxRetryDelay) instead of spending requests that
// would be refused: by listAll between pages, and by the retry loop after a refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { McpServersClient, startServer, ok, json, server, TOKEN, ACCOUNT } from './_harness.mjs';

function client(srv, options = {}) {
  return new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, ...options });
}

/** Two full pages and a short one; the first says the budget is spent for `t` seconds. */
function pages(t) {
  return (req, res, record) => {
    const page = Number(record.query.get('page') ?? 1);
    const items = page < 3 ? [server(`s${page}a`), server(`s${page}b`)] : [server('s3a')];
    ok(res, items, {}, 200, page === 1 ? { ratelimit: `"default";r=0;t=${t}` } : { ratelimit: '"default";r=5;t=1' });
  };
}

const gaps = (requests) => requests.slice(1).map((r, i) => r.at - requests[i].at);

test('listAll waits for the reset of a spent budget before the next page', async () => {
  const srv = await startServer(pages(1));
  const ids = [];
  for await (const s of client(srv).listAll({ per_page: 2 })) ids.push(s.id);
  assert.deepEqual(ids, ['s1a', 's1b', 's2a', 's2b', 's3a']);
  assert.equal(srv.requests.length, 3, 'no request was refused or repeated');
  const [afterSpent, afterFine] = gaps(srv.requests);
  assert.ok(afterSpent >= 950, `waited ${afterSpent} ms after "r=0;t=1"`);
  assert.ok(afterFine < 900, `no wait while requests remain (${afterFine} ms)`);
});

test('a reset longer than maxRetryDelay is not waited for', async () => {
  const srv = await startServer(pages(3600));
  const ids = [];
  for await (const s of client(srv, { maxRetryDelay: 500 }).listAll({ per_page: 2 })) ids.push(s.id);
  assert.equal(ids.length, 5);
  assert.ok(gaps(srv.requests)[0] < 3000, 'went on at once');
});

test('an abort during the wait rejects at once', async () => {
  const srv = await startServer(pages(30));
  const controller = new AbortController();
  const walk = (async () => {
    for await (const s of client(srv).listAll({ per_page: 2 }, { signal: controller.signal })) if (s.id === 's1b') setTimeout(() => controller.abort(), 20);
  })();
  const err = await walk.catch((e) => e);
  assert.equal(err.kind, 'aborted');
  assert.equal(srv.requests.length, 1, 'the next page was never asked for');
});

test('a refusal with a spent budget and no Retry-After is retried after the reset, not the backoff', async () => {
  const srv = await startServer((req, res, record, n) => (n === 1
    ? json(res, 429, { success: false, errors: [{ code: 10000, message: 'Rate limited' }] }, { ratelimit: '"default";r=0;t=1' })
    : ok(res, server())));
  assert.equal((await client(srv).read('my-mcp-server')).id, 'my-mcp-server');
  assert.equal(srv.requests.length, 2);
  assert.ok(gaps(srv.requests)[0] >= 950, `waited ${gaps(srv.requests)[0]} ms, not the 500 ms backoff`);
});

test('a spent budget past maxRetryDelay fails at once, retryable, with one request', async () => {
  const srv = await startServer((req, res) =>
    json(res, 429, { success: false, errors: [{ code: 10000, message: 'Rate limited' }] }, { ratelimit: '"default";r=0;t=120' }));
  const err = await client(srv).read('my-mcp-server').catch((e) => e);
  assert.equal(err.status, 429);
  assert.equal(err.retryable, true);
  assert.equal(srv.requests.length, 1);
});
