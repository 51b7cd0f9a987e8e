// listAll and pages(): every item in order, in as few requests as the API's answers allow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  McpServersClient, McpServersError, startServer, ok, json, server, rejection, TOKEN, ACCOUNT, PREFIX,
} from './_harness.mjs';

const ALL = Array.from({ length: 45 }, (_, i) => server(`srv-${String(i).padStart(2, '0')}`));

/** An API over `items` that pages like Cloudflare; `info(page, perPage, slice)` builds result_info. */
function pagedApi(items, info) {
  return (req, res, r) => {
    const page = Number(r.query.get('page') ?? '1');
    const perPage = Number(r.query.get('per_page') ?? '20');
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const extra = info ? { result_info: info(page, perPage, slice) } : {};
    ok(res, slice, extra);
  };
}

const fullInfo = (items) => (page, perPage, slice) => ({
  page, per_page: perPage, count: slice.length, total_count: items.length, total_pages: Math.ceil(items.length / perPage),
});

async function setup(handler) {
  const srv = await startServer(handler);
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT });
  return { srv, client };
}

async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function pagesRequested(srv) {
  return srv.requests.map((r) => r.query.get('page') ?? '1'); // page 1 may be implicit
}

test('listAll over 45 items, per_page 20, with full result_info: exactly 3 requests, all items in order', async () => {
  const { srv, client } = await setup(pagedApi(ALL, fullInfo(ALL)));
  const items = await collect(client.listAll({ per_page: 20 }));
  assert.deepEqual(items.map((s) => s.id), ALL.map((s) => s.id));
  assert.deepEqual(items, ALL);
  assert.equal(srv.requests.length, 3);
  assert.deepEqual(pagesRequested(srv), ['1', '2', '3']);
  for (const r of srv.requests) {
    assert.equal(r.method, 'GET');
    assert.equal(r.path, PREFIX);
    assert.equal(r.query.get('per_page'), '20');
  }
});

test('listAll with result_info.total_pages only: 3 requests', async () => {
  const { srv, client } = await setup(pagedApi(ALL, (page, perPage) => ({ total_pages: Math.ceil(45 / perPage) })));
  assert.equal((await collect(client.listAll({ per_page: 20 }))).length, 45);
  assert.equal(srv.requests.length, 3);
});

test('listAll with result_info.total_count only: 3 requests', async () => {
  const { srv, client } = await setup(pagedApi(ALL, (page, perPage) => ({ page, per_page: perPage, total_count: 45 })));
  assert.equal((await collect(client.listAll({ per_page: 20 }))).length, 45);
  assert.equal(srv.requests.length, 3);
});

test('listAll without result_info: stops at the short page, 3 requests', async () => {
  const { srv, client } = await setup(pagedApi(ALL, null));
  const items = await collect(client.listAll({ per_page: 20 }));
  assert.deepEqual(items, ALL);
  assert.equal(srv.requests.length, 3);
  assert.deepEqual(srv.requests.slice(1).map((r) => r.query.get('page')), ['2', '3']);
});

test('listAll over exactly 40 items with total_pages: 2 requests, no extra empty page', async () => {
  const forty = ALL.slice(0, 40);
  const { srv, client } = await setup(pagedApi(forty, fullInfo(forty)));
  assert.equal((await collect(client.listAll({ per_page: 20 }))).length, 40);
  assert.equal(srv.requests.length, 2);
});

test('listAll over exactly 40 items without result_info: the empty third page ends it', async () => {
  const forty = ALL.slice(0, 40);
  const { srv, client } = await setup(pagedApi(forty, null));
  assert.equal((await collect(client.listAll({ per_page: 20 }))).length, 40);
  assert.equal(srv.requests.length, 3);
});

test('listAll with the default page size (20) and no params', async () => {
  const { srv, client } = await setup(pagedApi(ALL, null));
  assert.equal((await collect(client.listAll())).length, 45);
  assert.equal(srv.requests.length, 3);
});

test('listAll over an empty account: one request, no items', async () => {
  const { srv, client } = await setup((req, res) => ok(res, []));
  assert.deepEqual(await collect(client.listAll({ per_page: 20 })), []);
  assert.equal(srv.requests.length, 1);
});

test('listAll keeps search and per_page on every page and starts at the given page', async () => {
  const { srv, client } = await setup(pagedApi(ALL, null));
  const items = await collect(client.listAll({ per_page: 20, page: 2, search: 'srv x' }));
  assert.deepEqual(items, ALL.slice(20));
  assert.deepEqual(srv.requests.map((r) => [r.query.get('page'), r.query.get('per_page'), r.query.get('search')]), [
    ['2', '20', 'srv x'], ['3', '20', 'srv x'],
  ]);
});

test('repeated-page guard: a server that ignores `page` makes listAll reject instead of looping', async () => {
  const first = ALL.slice(0, 20);
  const { srv, client } = await setup((req, res) => ok(res, first));
  const seen = [];
  const err = await rejection((async () => { for await (const s of client.listAll({ per_page: 20 })) seen.push(s.id); })());
  assert.ok(err instanceof McpServersError, String(err));
  assert.equal(err.kind, 'api');
  assert.match(err.message, /repeats/);
  assert.equal(srv.requests.length, 2);
  assert.deepEqual(seen, first.map((s) => s.id), 'the first page was delivered once, not twice');
});

test('repeated-page guard with result_info claiming more pages', async () => {
  const first = ALL.slice(0, 20);
  const { srv, client } = await setup((req, res) => ok(res, first, { result_info: { page: 1, per_page: 20, total_pages: 3 } }));
  const err = await rejection(collect(client.listAll({ per_page: 20 })));
  assert.equal(err.kind, 'api');
  assert.ok(srv.requests.length <= 3, `stopped after ${srv.requests.length} requests`);
});

test('an error on page 2 rejects the iteration after page 1 was delivered', async () => {
  const { srv, client } = await setup((req, res, r) => (r.query.get('page') === '2'
    ? json(res, 404, { success: false, errors: [{ code: 7002, message: 'Not Found' }] })
    : pagedApi(ALL, null)(req, res, r)));
  const seen = [];
  const err = await rejection((async () => { for await (const s of client.listAll({ per_page: 20 })) seen.push(s); })());
  assert.equal(err.kind, 'api');
  assert.equal(err.code, 7002);
  assert.equal(seen.length, 20);
  assert.equal(srv.requests.length, 2);
});

test('breaking out of listAll early stops requesting pages', async () => {
  const { srv, client } = await setup(pagedApi(ALL, fullInfo(ALL)));
  for await (const s of client.listAll({ per_page: 20 })) { if (s.id === 'srv-03') break; }
  assert.equal(srv.requests.length, 1);
});

test('list() returns one page and result_info as sent', async () => {
  const { srv, client } = await setup(pagedApi(ALL, fullInfo(ALL)));
  const page = await client.list({ page: 3, per_page: 20 });
  assert.equal(page.result.length, 5);
  assert.deepEqual(page.result_info, { page: 3, per_page: 20, count: 5, total_count: 45, total_pages: 3 });
  assert.equal(srv.requests.length, 1);
});
