// How failures reach the caller: kinds, statuses, Cloudflare codes, messages, no secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  McpServersClient, McpServersError, startServer, closedPort, ok, json, server, rejection, errorTexts,
  TOKEN, EMAIL, API_KEY, SERVICE_KEY, SECRETS, ACCOUNT, PREFIX,
} from './_harness.mjs';

async function setup(handler, options = {}) {
  const srv = await startServer(handler);
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, ...options });
  return { srv, client };
}

const createParams = { id: 'my-mcp-server', name: 'My', hostname: 'https://example.com/mcp', auth_type: 'bearer' };

test('400 input validation: kind api, status, code 7001, errors[].path kept', async () => {
  const { srv, client } = await setup((req, res) => json(res, 400, {
    success: false,
    errors: [
      { code: 7001, message: 'Input Validation Error', path: ['body', 'updated_tools', 0, 'alias'] },
      { code: 7001, message: 'second', path: ['body'] },
    ],
    messages: [], result: null,
  }, { 'cf-ray': '8a1b2c3d4e5f-SJC' }));
  const err = await rejection(client.create(createParams));
  assert.ok(err instanceof McpServersError);
  assert.equal(err.kind, 'api');
  assert.equal(err.status, 400);
  assert.equal(err.code, 7001);
  assert.equal(err.retryable, false);
  assert.equal(err.rayId, '8a1b2c3d4e5f-SJC');
  assert.deepEqual(err.errors[0], { code: 7001, message: 'Input Validation Error', path: ['body', 'updated_tools', 0, 'alias'] });
  assert.equal(err.errors.length, 2);
  assert.equal(err.message, `POST /accounts/${ACCOUNT}/access/ai-controls/mcp/servers: 400 [7001] Input Validation Error (and 1 more)`);
  assert.equal(srv.requests.length, 1, '400 is not retried');
});

test('404 not found: code 7002 and the message "METHOD path: 404 [7002] Not Found"', async () => {
  const { srv, client } = await setup((req, res) =>
    json(res, 404, { success: false, errors: [{ code: 7002, message: 'Not Found' }] }, { 'cf-ray': 'ray-404' }));
  for (const [call, method, suffix] of [
    [() => client.read('gone'), 'GET', '/gone'],
    [() => client.update('gone', { name: 'x' }), 'PUT', '/gone'],
    [() => client.delete('gone'), 'DELETE', '/gone'],
    [() => client.sync('gone'), 'POST', '/gone/sync'],
  ]) {
    const err = await rejection(call());
    assert.ok(err instanceof McpServersError);
    assert.equal(err.kind, 'api');
    assert.equal(err.status, 404);
    assert.equal(err.code, 7002);
    assert.equal(err.retryable, false);
    assert.equal(err.rayId, 'ray-404');
    assert.deepEqual(err.errors, [{ code: 7002, message: 'Not Found' }]);
    assert.equal(err.message, `${method} /accounts/${ACCOUNT}/access/ai-controls/mcp/servers${suffix}: 404 [7002] Not Found`);
  }
  assert.equal(srv.requests.length, 4, '404 is not retried');
});

test('a 200 with success:false is an api error (the official SDK misses this)', async () => {
  const { srv, client } = await setup((req, res) => {
    res.setHeader('cf-ray', '8c0ffee0ba5e-AMS');
    json(res, 200, { success: false, errors: [{ code: 10000, message: 'Authentication error' }], result: null });
  });
  const err = await rejection(client.read('x'));
  assert.equal(err.kind, 'api');
  assert.equal(err.status, 200);
  assert.equal(err.code, 10000);
  assert.equal(err.rayId, '8c0ffee0ba5e-AMS', 'a 200 failure still carries the ray id');
  assert.match(err.message, /Authentication error/);
  assert.equal(srv.requests.length, 1);
});

test('a 200 with success:false and a well-formed result is still an api error', async () => {
  const { client } = await setup((req, res) => json(res, 200, { success: false, errors: [], result: server('x') }));
  const err = await rejection(client.read('x'));
  assert.equal(err.kind, 'api');
});

test('an HTML 502 page: kind api with the status and an excerpt, after 2 retries (3 requests)', async () => {
  const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>'
    + ' '.repeat(10) + 'x'.repeat(5000);
  const { srv, client } = await setup((req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end(html);
  }, { maxRetries: 2 });
  const err = await rejection(client.read('x'));
  assert.ok(err instanceof McpServersError);
  assert.equal(err.kind, 'api');
  assert.equal(err.status, 502);
  assert.equal(err.retryable, true);
  assert.match(err.message, /502/);
  assert.match(err.message, /502 Bad Gateway/, 'the excerpt shows the page title');
  assert.ok(err.message.length < 400, `excerpt is short (message is ${err.message.length} chars)`);
  assert.equal(srv.requests.length, 3);
});

test('an empty 503 body is an api error stating the status, not a parse crash', async () => {
  const { srv, client } = await setup((req, res) => { res.writeHead(503); res.end(); }, { maxRetries: 0 });
  const err = await rejection(client.read('x'));
  assert.equal(err.kind, 'api');
  assert.equal(err.status, 503);
  assert.match(err.message, /503/);
  assert.equal(srv.requests.length, 1, 'maxRetries: 0 sends one request');
});

test('a 200 with a non-JSON body is a decode error, not a crash', async () => {
  const { client } = await setup((req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('hello'); });
  const err = await rejection(client.read('x'));
  assert.ok(err instanceof McpServersError);
  assert.equal(err.kind, 'decode');
  assert.equal(err.status, 200);
  assert.match(err.message, /hello/);
});

test('a 200 that says it is JSON but does not parse is a decode error saying so; a 502 so labelled is quoted', async () => {
  const { client } = await setup((req, res) => {
    const status = req.url.endsWith('/bad-gateway') ? 502 : 200;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(status === 200 ? '{"success": tru' : '<html>upstream down</html>');
  }, { maxRetries: 0 });
  const err = await rejection(client.read('x'));
  assert.equal(err.kind, 'decode');
  assert.match(err.message, /a body labelled application\/json; charset=utf-8 that does not parse as JSON/);
  const gateway = await rejection(client.read('bad-gateway'));
  assert.equal(gateway.kind, 'api');
  assert.equal(gateway.status, 502);
  assert.match(gateway.message, /upstream down/);
});

test('a response missing a required field is a decode error naming the field', async () => {
  const { name, ...noName } = server('x');
  const { client } = await setup((req, res) => ok(res, noName));
  const err = await rejection(client.read('x'));
  assert.equal(err.kind, 'decode');
  assert.equal(err.status, 200);
  assert.match(err.message, /\bname\b/);
  assert.match(err.message, /result/);
});

test('a list item missing a required field: decode error naming the item path', async () => {
  const { hostname, ...noHost } = server('b');
  const { client } = await setup((req, res) => ok(res, [server('a'), noHost]));
  const err = await rejection(client.list());
  assert.equal(err.kind, 'decode');
  assert.match(err.message, /result\[1\]\.hostname|result\.1\.hostname|hostname/);
  assert.match(err.message, /hostname/);
});

test('a 200 with result missing is a decode error', async () => {
  const { client } = await setup((req, res) => json(res, 200, { success: true }));
  const err = await rejection(client.read('x'));
  assert.equal(err.kind, 'decode');
  assert.match(err.message, /result/);
});

test('errors are real Error subclasses with a stack, name and toJSON', async () => {
  const { client } = await setup((req, res) => json(res, 404, { success: false, errors: [{ code: 7002, message: 'Not Found' }] }));
  const err = await rejection(client.read('x'));
  assert.ok(err instanceof Error);
  assert.ok(err instanceof McpServersError);
  assert.equal(err.name, 'McpServersError');
  assert.equal(Object.prototype.toString.call(err), '[object Error]');
  assert.equal(typeof err.stack, 'string');
  assert.equal(String(err), `McpServersError: ${err.message}`);
  const j = JSON.parse(JSON.stringify(err));
  assert.equal(j.kind, 'api');
  assert.equal(j.status, 404);
  assert.equal(j.code, 7002);
  assert.equal(j.message, err.message);
  assert.deepEqual(j.errors, [{ code: 7002, message: 'Not Found' }]);
});

// ---------- no credential in any error text, for every failure kind ----------

function clients(baseURL, extra = {}) {
  return [
    new McpServersClient({ apiToken: TOKEN, baseURL, accountId: ACCOUNT, ...extra }),
    new McpServersClient({ apiEmail: EMAIL, apiKey: API_KEY, baseURL, accountId: ACCOUNT, ...extra }),
    new McpServersClient({ userServiceKey: SERVICE_KEY, baseURL, accountId: ACCOUNT, ...extra }),
  ];
}

function assertNoSecret(err, label) {
  assert.ok(err instanceof McpServersError, `${label}: got ${err}`);
  for (const text of errorTexts(err)) {
    for (const secret of SECRETS) {
      assert.ok(!text.includes(secret), `${label} (${err.kind}) leaks a credential: ${text}`);
    }
  }
}

test('no credential in message, String(err), JSON.stringify(err) or stack: api, decode, validation', async () => {
  const srv = await startServer((req, res) => {
    if (req.url.endsWith('/decode')) return ok(res, { id: 'decode' });
    if (req.url.endsWith('/html')) { res.writeHead(500, { 'content-type': 'text/html' }); return res.end('<h1>oops</h1>'); }
    json(res, 403, { success: false, errors: [{ code: 10000, message: 'Authentication error' }] });
  });
  for (const c of clients(srv.baseURL, { maxRetries: 0 })) {
    assertNoSecret(await rejection(c.read('denied')), 'api 403');
    assertNoSecret(await rejection(c.read('html')), 'api html');
    assertNoSecret(await rejection(c.read('decode')), 'decode');
    assertNoSecret(await rejection(c.read('../x')), 'validation id');
    assertNoSecret(await rejection(c.create({ ...createParams, hostname: 'nope', auth_credentials: 'x' })), 'validation create');
  }
});

test('no credential in error texts: network, timeout, aborted', async () => {
  const port = await closedPort();
  for (const c of clients(`http://127.0.0.1:${port}/client/v4`, { maxRetries: 0 })) {
    assertNoSecret(await rejection(c.read('x')), 'network');
  }
  const hang = await startServer(() => { /* never answers */ });
  for (const c of clients(hang.baseURL, { maxRetries: 0, timeout: 100 })) {
    assertNoSecret(await rejection(c.read('x')), 'timeout');
    const ac = new AbortController();
    const p = c.read('x', {}, { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    assertNoSecret(await rejection(p), 'aborted');
  }
  await hang.close();
});

test('no credential in error texts when the server echoes nothing but the client was given defaultHeaders secrets', async () => {
  const port = await closedPort();
  const c = new McpServersClient({
    apiToken: TOKEN, baseURL: `http://127.0.0.1:${port}/client/v4`, accountId: ACCOUNT, maxRetries: 0,
    defaultHeaders: { 'X-Auth-Key': API_KEY },
  });
  assertNoSecret(await rejection(c.read('x')), 'network with secret default header');
});
