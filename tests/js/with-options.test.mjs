// client.withOptions(partial): a new client with some options changed, the rest kept, the fetch and
// the logger shared; the original client is untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { McpServersClient, McpServersError, startServer, ok, server, TOKEN, ACCOUNT, PREFIX } from './_harness.mjs';

test('another account and a header, with the same token, base URL and fetch', async () => {
  const srv = await startServer((req, res) => ok(res, server()));
  const calls = [];
  const fetch = (url, init) => { calls.push(url); return globalThis.fetch(url, init); };
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, fetch });
  const other = client.withOptions({ accountId: 'other42', defaultHeaders: { 'X-Team': 'blue' } });
  assert.ok(other instanceof McpServersClient);
  await other.read('my-mcp-server');
  await client.read('my-mcp-server');
  const [viaOther, viaOriginal] = srv.requests;
  assert.equal(viaOther.path, '/client/v4/accounts/other42/access/ai-controls/mcp/servers/my-mcp-server');
  assert.equal(viaOther.headers.authorization, `Bearer ${TOKEN}`, 'the token is kept');
  assert.equal(viaOther.headers['x-team'], 'blue');
  assert.equal(viaOriginal.path, `${PREFIX}/my-mcp-server`, 'the original keeps its account');
  assert.equal(viaOriginal.headers['x-team'], undefined);
  assert.equal(calls.length, 2, 'both went through the one custom fetch');
});

test('a shorter timeout applies to the new client only', async () => {
  const srv = await startServer((req, res) => setTimeout(() => ok(res, server()), 300));
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, maxRetries: 0 });
  const hasty = client.withOptions({ timeout: 50 });
  const err = await hasty.read('my-mcp-server').catch((e) => e);
  assert.ok(err instanceof McpServersError);
  assert.equal(err.kind, 'timeout');
  assert.match(err.message, /timed out after 50 ms/);
  assert.equal((await client.read('my-mcp-server')).id, 'my-mcp-server', 'the original still waits 60 s');
});

test('null clears an option; a new credential replaces the old one', async () => {
  const srv = await startServer((req, res) => ok(res, server()));
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT });
  const noAccount = client.withOptions({ accountId: null });
  const err = await noAccount.read('my-mcp-server').catch((e) => e);
  assert.equal(err.kind, 'validation');
  assert.deepEqual(err.errors.map((e) => e.path), [['account_id']]);
  const rotated = client.withOptions({ apiToken: 'rotated-token' });
  await rotated.read('my-mcp-server');
  assert.equal(srv.requests.at(-1).headers.authorization, 'Bearer rotated-token');
  const noToken = client.withOptions({ apiToken: null });
  const none = await noToken.read('my-mcp-server').catch((e) => e);
  assert.equal(none.kind, 'validation', 'no credential left');
  assert.equal(srv.requests.length, 1, 'nothing else was sent');
});

test('bad options throw like the constructor, naming the option', () => {
  const client = new McpServersClient({ apiToken: TOKEN, accountId: ACCOUNT });
  for (const [partial, field] of [[{ timeout: '5s' }, 'timeout'], [{ acountId: 'x' }, 'acountId'], [{ baseURL: 'ftp://x' }, 'baseURL']]) {
    assert.throws(() => client.withOptions(partial), (e) => e instanceof McpServersError
      && e.kind === 'validation' && e.errors[0].path.join('.') === field, JSON.stringify(partial));
  }
});

test('the logger and log level carry over', async () => {
  const srv = await startServer((req, res) => ok(res, server()));
  const lines = [];
  const logger = { error: (l) => lines.push(l), warn: (l) => lines.push(l), info: (l) => lines.push(l), debug: (l) => lines.push(l) };
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, logger, logLevel: 'info' });
  await client.withOptions({ accountId: 'other42' }).read('my-mcp-server');
  assert.equal(lines.length, 1);
  assert.match(lines[0], /GET \/accounts\/other42\/access\/ai-controls\/mcp\/servers\/my-mcp-server 200/);
  await client.withOptions({ logLevel: 'off' }).read('my-mcp-server');
  assert.equal(lines.length, 1, 'turned off for the new client');
});
