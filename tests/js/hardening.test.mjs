// Hardening against a hostile or broken API (issue 14): no credential comes back in an error,
// redirects are not followed, walks and messages are bounded, every documented field has its type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  McpServersClient, McpServersError, startServer, ok, json, server, rejection, errorTexts,
  TOKEN, EMAIL, API_KEY, SERVICE_KEY, ACCOUNT,
} from './_harness.mjs';

const ACCESS_SECRET = 'svc-SECRET-access-5566';
const UPSTREAM_KEY = 'up-SECRET-header-7788';
const CLIENT_SECRET = 'cs-SECRET-oauth-9900';
const AUTH_CREDENTIALS = JSON.stringify({ headers: { 'X-Upstream-Key': UPSTREAM_KEY } });

/** The options of each auth scheme, with the secrets it sends; the last adds an Access secret header. */
const SCHEMES = [
  { label: 'apiToken', secrets: [TOKEN], options: { apiToken: TOKEN } },
  { label: 'apiEmail+apiKey', secrets: [API_KEY], options: { apiEmail: EMAIL, apiKey: API_KEY } },
  { label: 'userServiceKey', secrets: [SERVICE_KEY], options: { userServiceKey: SERVICE_KEY } },
  { label: 'defaultHeaders', secrets: [TOKEN, ACCESS_SECRET], options: { apiToken: TOKEN, defaultHeaders: { 'CF-Access-Client-Secret': ACCESS_SECRET } } },
];

/** A client per auth scheme. */
function schemes(baseURL, extra = {}) {
  return SCHEMES.map(({ label, secrets, options }) => ({
    label, secrets, client: new McpServersClient({ ...options, baseURL, accountId: ACCOUNT, maxRetries: 0, ...extra }),
  }));
}

/** Every text a user might print, plus the structured items. */
function texts(err) {
  return [...errorTexts(err), JSON.stringify(err.errors)];
}

function assertRedacted(err, secrets, label) {
  assert.ok(err instanceof McpServersError, `${label}: ${err}`);
  for (const text of texts(err)) {
    for (const secret of secrets) assert.ok(!text.includes(secret), `${label} leaks ${secret}: ${text}`);
  }
  assert.ok(texts(err).some((t) => t.includes('[redacted]')), `${label}: nothing was redacted: ${err.message}`);
}

/** The request as an echoing server prints it: every header (credentials first, so a short
 * excerpt still holds one) and the body. */
const dump = (r) => {
  const headers = Object.entries(r.headers).sort(([a], [b]) => Number(/auth|secret/.test(b)) - Number(/auth|secret/.test(a)));
  return `${headers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${r.body}`;
};

/** Responses that quote the request back, in each shape an API, proxy or edge page uses. */
const ECHOES = {
  'HTML 500 printing the headers': (res, r) => { res.writeHead(500, { 'content-type': 'text/html' }); res.end(`<pre>${dump(r)}</pre>`); },
  '401 quoting the credential': (res, r) => json(res, 401, { success: false, errors: [{ code: 10000, message: `bad credential: ${dump(r)}` }] }),
  'errors[].path holding it': (res, r) => json(res, 400, { success: false, errors: [{ code: 7001, message: 'invalid', path: ['headers', ...Object.values(r.headers)] }] }),
  'messages and a bare string item': (res, r) => json(res, 200, { success: false, errors: [dump(r)], messages: [dump(r)], result: null }),
  '200 that is not JSON': (res, r) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end(`echo ${dump(r)}`); },
};

for (const [shape, echo] of Object.entries(ECHOES)) {
  test(`no credential in any error field when the response echoes the request: ${shape}, every auth scheme`, async () => {
    const srv = await startServer((req, res, r) => echo(res, r));
    for (const { label, secrets, client } of schemes(srv.baseURL)) {
      assertRedacted(await rejection(client.read('x')), secrets, `${label} read`);
      const body = { id: 'x', name: 'X', hostname: 'https://example.com/mcp', auth_type: 'bearer', auth_credentials: AUTH_CREDENTIALS };
      assertRedacted(await rejection(client.create(body)), [...secrets, UPSTREAM_KEY, AUTH_CREDENTIALS], `${label} create`);
      const update = { client_secret: CLIENT_SECRET, auth_credentials: AUTH_CREDENTIALS };
      assertRedacted(await rejection(client.update('x', update)), [...secrets, CLIENT_SECRET, UPSTREAM_KEY], `${label} update`);
    }
  });
}

test('redaction holds after retries and inside listAll', async () => {
  const srv = await startServer((req, res, r, n) => {
    if (r.query.get('page') === '2') return json(res, 503, { success: false, errors: [{ message: `try later ${dump(r)}` }] });
    if (req.method === 'GET' && !r.path.endsWith('/servers')) return json(res, 502, { success: false, errors: [{ message: `attempt ${n}: ${dump(r)}` }] });
    ok(res, Array.from({ length: 20 }, (_, i) => server(`s${i}`)));
  });
  for (const { label, secrets, client } of schemes(srv.baseURL, { maxRetries: 1, maxRetryDelay: 1000 })) {
    assertRedacted(await rejection(client.read('x')), secrets, `${label} read after a retry`);
    const seen = [];
    const err = await rejection((async () => { for await (const s of client.listAll()) seen.push(s.id); })());
    assert.equal(seen.length, 20);
    assertRedacted(err, secrets, `${label} listAll page 2`);
  }
});

test('a custom fetch whose error quotes the init is redacted too', async () => {
  for (const { label, secrets, options } of SCHEMES) {
    const client = new McpServersClient({
      ...options, accountId: ACCOUNT, maxRetries: 0,
      fetch: async (url, init) => {
        const cause = new Error(`socket closed while sending ${JSON.stringify([...init.headers])} ${init.body ?? ''}`);
        throw Object.assign(new TypeError(`fetch failed for ${url} with ${JSON.stringify([...init.headers])}`), { cause });
      },
    });
    assertRedacted(await rejection(client.read('x')), secrets, `${label} custom fetch`);
    const err = await rejection(client.update('x', { client_secret: CLIENT_SECRET }));
    assertRedacted(err, [...secrets, CLIENT_SECRET], `${label} custom fetch body`);
    assert.equal(err.kind, 'network');
  }
});

// ---------- redirects ----------

for (const status of [301, 302, 303, 307, 308]) {
  test(`a ${status} to another origin is not followed: the second server sees nothing, the error names status and origin`, async () => {
    const elsewhere = await startServer((req, res) => ok(res, server('stolen')));
    const srv = await startServer((req, res) => {
      res.writeHead(status, { location: `http://127.0.0.1:${elsewhere.port}/collect?token=${TOKEN}` });
      res.end();
    });
    const clients = [
      new McpServersClient({ apiEmail: EMAIL, apiKey: API_KEY, baseURL: srv.baseURL, accountId: ACCOUNT }),
      new McpServersClient({ userServiceKey: SERVICE_KEY, baseURL: srv.baseURL, accountId: ACCOUNT }),
      new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT }),
    ];
    for (const client of clients) {
      const body = { id: 'x', name: 'X', hostname: 'https://example.com/mcp', auth_type: 'bearer', auth_credentials: AUTH_CREDENTIALS };
      for (const call of [() => client.read('x'), () => client.create(body), () => client.update('x', { client_secret: CLIENT_SECRET })]) {
        const err = await rejection(call());
        assert.ok(err instanceof McpServersError);
        assert.equal(err.kind, 'api');
        assert.equal(err.status, status);
        assert.equal(err.retryable, false);
        assert.ok(err.message.includes(`${status} redirect to http://127.0.0.1:${elsewhere.port}, not followed`), err.message);
        for (const text of texts(err)) assert.ok(!text.includes('SECRET') && !text.includes('/collect'), text);
      }
    }
    assert.equal(elsewhere.requests.length, 0, 'the redirect target saw nothing');
    assert.equal(srv.requests.length, 9, 'one request per call: a redirect is not retried');
  });
}

// ---------- bounded work ----------

test('listAll against an API that keeps growing total_pages stops at maxPages with the count walked', async () => {
  const srv = await startServer((req, res, r) => {
    const page = Number(r.query.get('page') ?? 1);
    ok(res, Array.from({ length: 20 }, (_, i) => server(`p${page}-${i}`)), { result_info: { page, per_page: 20, total_pages: page + 1 } });
  });
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, maxPages: 7 });
  let seen = 0;
  const err = await rejection((async () => { for await (const _ of client.listAll()) seen += 1; })());
  assert.equal(seen, 140);
  assert.equal(srv.requests.length, 7);
  assert.ok(err instanceof McpServersError);
  assert.match(err.message, /stopped after 7 pages \(maxPages 7\), 140 servers walked so far/);
  const perCall = await rejection((async () => { for await (const _ of client.listAll({}, { maxPages: 2 })) { /* walk */ } })());
  assert.match(perCall.message, /stopped after 2 pages \(maxPages 2\), 40 servers/);
  assert.equal(srv.requests.length, 9);
  const bad = await rejection(Promise.resolve().then(() => new McpServersClient({ apiToken: TOKEN, maxPages: 0 })));
  assert.equal(bad.kind, 'validation');
  assert.match(bad.message, /maxPages must be a whole number from 1 to 1000000/);
});

test('listAll with the default maxPages walks a long honest account to its end', async () => {
  const srv = await startServer((req, res, r) => {
    const page = Number(r.query.get('page') ?? 1);
    ok(res, Array.from({ length: 100 }, (_, i) => server(`p${page}-${i}`)), { result_info: { page, per_page: 100, total_pages: 30 } });
  });
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT });
  let seen = 0;
  for await (const _ of client.listAll({ per_page: 100 })) seen += 1;
  assert.equal(seen, 3000);
});

test('a 1 MB API error message becomes a capped err.message; every item is kept, each capped', async () => {
  const huge = 'A'.repeat(1024 * 1024);
  const srv = await startServer((req, res) => json(res, 400, { success: false, errors: [{ code: 7001, message: huge }, { code: 7001, message: 'second' }] }));
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT });
  const err = await rejection(client.read('x'));
  assert.ok(err.message.length <= 1025, `message is ${err.message.length} characters`);
  assert.ok(err.message.endsWith('A…'));
  assert.equal(err.errors.length, 2);
  assert.equal(err.errors[0].message.length, 1025);
  assert.deepEqual(err.errors[1], { code: 7001, message: 'second' });
});

// ---------- every documented field has its type ----------

for (const [label, patch, path] of [
  ['status: 42', { status: 42 }, 'result[3].status: expected a string, got a number'],
  ['last_synced: {}', { last_synced: {} }, 'result[3].last_synced: expected a string, got an object'],
  ['error_details.status_code: "500"', { error_details: { status_code: '500' } }, 'result[3].error_details.status_code: expected a number, got a string'],
  ['updated_tools[0].enabled: "no"', { updated_tools: [{ name: 't', enabled: 'no' }] }, 'result[3].updated_tools[0].enabled: expected a boolean, got a string'],
]) {
  test(`an optional field of the wrong type is a decode error naming its path: ${label}`, async () => {
    const srv = await startServer((req, res) => ok(res, [server('a'), server('b'), server('c'), server('d', patch)]));
    const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT });
    const err = await rejection(client.list());
    assert.equal(err.kind, 'decode');
    assert.ok(err.message.endsWith(path), err.message);
  });
}

test('result_info.page: "2" is a decode error; null optionals, unknown fields and enum values pass', async () => {
  const srv = await startServer((req, res, r) => (r.query.get('search') === 'bad'
    ? ok(res, [], { result_info: { page: '2' } })
    : ok(res, [server('a', { status: 'paused', description: null, error: null, brand_new: { x: 1 } })], { result_info: { page: 1, cursor: 'c' } })));
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT });
  const page = await client.list();
  assert.equal(page.result[0].status, 'paused');
  assert.deepEqual(page.result[0].brand_new, { x: 1 });
  const err = await rejection(client.list({ search: 'bad' }));
  assert.equal(err.kind, 'decode');
  assert.ok(err.message.endsWith('result_info.page: expected a number, got a string'), err.message);
});
