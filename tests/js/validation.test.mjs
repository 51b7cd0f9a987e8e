// Validation before the network: every rule rejects with kind 'validation', names the field,
// and sends nothing; the exported validators give the very same messages.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  McpServersClient, McpServersError, startServer, ok, server, rejection,
  validateServerCreateParams, validateServerUpdateParams, validateServerListParams, validateServerId,
  TOKEN, ACCOUNT,
} from './_harness.mjs';

let srv;
let client;
before(async () => {
  srv = await startServer((req, res, r) =>
    (r.method === 'GET' && r.path.endsWith('/servers') ? ok(res, [server('x')]) : ok(res, server('x'))));
  client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, maxRetries: 0 });
});

const good = { id: 'my-mcp-server', name: 'My', hostname: 'https://example.com/mcp', auth_type: 'bearer' };

/** `["updated_tools", 0, "alias"]` → `updated_tools[0].alias`, the validators' `field`. */
function fieldOf(path = []) {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : (i ? `.${s}` : s))).join('');
}

/** Calls `call()`, which must reject with a validation error naming `field`, and send nothing. */
async function expectInvalid(call, field, label = field) {
  const before = srv.requests.length;
  const err = await rejection(call());
  assert.ok(err instanceof McpServersError, `${label}: ${err}`);
  assert.equal(err.kind, 'validation', `${label}: kind ${err.kind}: ${err.message}`);
  assert.equal(err.retryable, false, label);
  assert.equal(err.status, undefined, label);
  const fields = err.errors.map((e) => fieldOf(e.path));
  assert.ok(fields.includes(field), `${label}: expected a problem with ${field}, got ${JSON.stringify(err.errors)}`);
  const item = err.errors[fields.indexOf(field)];
  assert.ok(item.message.includes(field), `${label}: the message names the field: ${item.message}`);
  assert.ok(err.message.includes(item.message), `${label}: the error message carries the problem`);
  await new Promise((r) => setImmediate(r));
  assert.equal(srv.requests.length, before, `${label}: no request may be sent`);
  return err;
}

// ---------- the id path argument ----------

const badIds = ['../x', 'a/b', '', 'A', 'a--b', '-a', 'a-', 'a b', 'é', 'a'.repeat(33), '..', 'x?y=1', 'x#y', '%2e%2e'];

test('every operation rejects a bad id argument before the network', async () => {
  for (const id of badIds) {
    await expectInvalid(() => client.read(id), 'id', `read(${JSON.stringify(id)})`);
    await expectInvalid(() => client.update(id, { name: 'n' }), 'id', `update(${JSON.stringify(id)})`);
    await expectInvalid(() => client.delete(id), 'id', `delete(${JSON.stringify(id)})`);
    await expectInvalid(() => client.sync(id), 'id', `sync(${JSON.stringify(id)})`);
  }
});

test('a non-string id argument rejects', async () => {
  for (const id of [42, null, undefined, { id: 'x' }]) {
    await expectInvalid(() => client.read(id), 'id', `read(${String(id)})`);
  }
});

test('create rejects a bad id in the body, with the id length and pattern rules', async () => {
  for (const id of badIds) await expectInvalid(() => client.create({ ...good, id }), 'id', `create id ${JSON.stringify(id)}`);
});

test('ids at the limits are accepted (control): 1 and 32 characters, underscores, single hyphens', async () => {
  for (const id of ['a', 'a'.repeat(32), 'a_b', 'x1-y2-z3', '_']) {
    const before = srv.requests.length;
    await client.read(id);
    assert.equal(srv.requests.length, before + 1, id);
    assert.deepEqual(validateServerId(id), []);
  }
});

// ---------- account_id ----------

test('account_id missing (no client default, none in params) rejects for every operation', async () => {
  const bare = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL });
  await expectInvalid(() => bare.list(), 'account_id', 'list');
  await expectInvalid(() => bare.list({ per_page: 5 }), 'account_id', 'list');
  await expectInvalid(() => bare.create(good), 'account_id', 'create');
  await expectInvalid(() => bare.read('x'), 'account_id', 'read');
  await expectInvalid(() => bare.update('x', { name: 'n' }), 'account_id', 'update');
  await expectInvalid(() => bare.delete('x'), 'account_id', 'delete');
  await expectInvalid(() => bare.sync('x'), 'account_id', 'sync');
  await expectInvalid(() => (async () => { for await (const s of bare.listAll()) void s; })(), 'account_id', 'listAll');
});

test('an empty or path-unsafe account_id rejects', async () => {
  for (const account_id of ['', '../evil', 'a/b', 'a?b', 'a#b', 'a b', '..', 'a%2fb']) {
    const label = `account_id ${JSON.stringify(account_id)}`;
    await expectInvalid(() => client.read('x', { account_id }), 'account_id', `read ${label}`);
    await expectInvalid(() => client.list({ account_id }), 'account_id', `list ${label}`);
    await expectInvalid(() => client.create({ ...good, account_id }), 'account_id', `create ${label}`);
  }
});

test('an unsafe accountId on the client is rejected at construction or at the call, never sent', async () => {
  const before = srv.requests.length;
  let err;
  try {
    const c = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: '../x' });
    err = await rejection(c.read('x'));
  } catch (e) { err = e; }
  assert.ok(err instanceof McpServersError);
  assert.equal(err.kind, 'validation');
  assert.equal(srv.requests.length, before);
});

// ---------- create / update body rules ----------

const createCases = [
  ['name > 350', { ...good, name: 'n'.repeat(351) }, 'name'],
  ['name empty', { ...good, name: '' }, 'name'],
  ['name missing', (({ name, ...r }) => r)(good), 'name'],
  ['id missing', (({ id, ...r }) => r)(good), 'id'],
  ['hostname missing', (({ hostname, ...r }) => r)(good), 'hostname'],
  ['auth_type missing', (({ auth_type, ...r }) => r)(good), 'auth_type'],
  ['description > 512', { ...good, description: 'd'.repeat(513) }, 'description'],
  ['hostname without scheme', { ...good, hostname: 'example.com/mcp' }, 'hostname'],
  ['hostname ftp', { ...good, hostname: 'ftp://example.com/mcp' }, 'hostname'],
  ['hostname javascript:', { ...good, hostname: 'javascript:alert(1)' }, 'hostname'],
  ['hostname https:// only', { ...good, hostname: 'https://' }, 'hostname'],
  ['hostname relative', { ...good, hostname: '/mcp' }, 'hostname'],
  ['auth_type unknown', { ...good, auth_type: 'basic' }, 'auth_type'],
  ['override name missing', { ...good, updated_tools: [{ alias: 'x', enabled: true }] }, 'updated_tools[0].name'],
  ['override name empty', { ...good, updated_tools: [{ name: '' }] }, 'updated_tools[0].name'],
  ['prompt override name missing', { ...good, updated_prompts: [{ name: 'ok' }, { enabled: false }] }, 'updated_prompts[1].name'],
  ['alias > 40', { ...good, updated_tools: [{ name: 't', alias: 'a'.repeat(41) }] }, 'updated_tools[0].alias'],
  ['alias with a space', { ...good, updated_tools: [{ name: 't', alias: 'bad alias' }] }, 'updated_tools[0].alias'],
  ['alias leading hyphen', { ...good, updated_tools: [{ name: 't', alias: '-x' }] }, 'updated_tools[0].alias'],
  ['alias double underscore', { ...good, updated_tools: [{ name: 't', alias: 'a__b' }] }, 'updated_tools[0].alias'],
  ['alias empty', { ...good, updated_tools: [{ name: 't', alias: '' }] }, 'updated_tools[0].alias'],
  ['prompt alias bad', { ...good, updated_prompts: [{ name: 'p', alias: 'a.b' }] }, 'updated_prompts[0].alias'],
  ['unknown field', { ...good, foo: 1 }, 'foo'],
  ['unknown field (camelCase typo)', { ...good, authType: 'bearer' }, 'authType'],
  ['unknown field inside an override', { ...good, updated_tools: [{ name: 't', enabeld: false }] }, 'updated_tools[0].enabeld'],
  ['name of the wrong type', { ...good, name: 5 }, 'name'],
  ['secure_web_gateway of the wrong type', { ...good, secure_web_gateway: 'yes' }, 'secure_web_gateway'],
];

for (const [label, params, field] of createCases) {
  test(`create rejects: ${label} → ${field}, zero requests, same message as validateServerCreateParams`, async () => {
    const err = await expectInvalid(() => client.create(params), field, label);
    const problems = validateServerCreateParams(params);
    assert.deepEqual(problems.map((p) => p.message), err.errors.map((e) => e.message), `${label}: validator and client agree`);
    assert.deepEqual(problems.map((p) => p.field), err.errors.map((e) => fieldOf(e.path)), `${label}: same fields`);
  });
}

test('create accepts every limit exactly (control): name 350, description 512, alias 40', async () => {
  const params = {
    ...good, name: 'n'.repeat(350), description: 'd'.repeat(512),
    updated_tools: [{ name: 't', alias: 'a'.repeat(40) }, { name: 'u', alias: 'A1_b-C2' }],
    hostname: 'http://127.0.0.1:8787/mcp',
  };
  assert.deepEqual(validateServerCreateParams(params), []);
  const before = srv.requests.length;
  await client.create(params);
  assert.equal(srv.requests.length, before + 1);
});

const updateCases = [
  ['hostname', { hostname: 'https://example.com/mcp' }, 'hostname'],
  ['id', { id: 'new-id' }, 'id'],
  ['auth_type', { auth_type: 'oauth' }, 'auth_type'],
  ['name > 350', { name: 'n'.repeat(351) }, 'name'],
  ['description > 512', { description: 'd'.repeat(513) }, 'description'],
  ['alias bad', { updated_tools: [{ name: 't', alias: 'no spaces' }] }, 'updated_tools[0].alias'],
  ['override name missing', { updated_prompts: [{ enabled: true }] }, 'updated_prompts[0].name'],
  ['unknown field', { nmae: 'typo' }, 'nmae'],
];

for (const [label, params, field] of updateCases) {
  test(`update rejects: ${label} → ${field}, zero requests, same message as validateServerUpdateParams`, async () => {
    const err = await expectInvalid(() => client.update('x', params), field, `update ${label}`);
    const problems = validateServerUpdateParams(params);
    assert.deepEqual(problems.map((p) => p.message), err.errors.map((e) => e.message));
  });
}

test('update with hostname says it cannot be updated', async () => {
  const err = await expectInvalid(() => client.update('x', { hostname: 'https://h.example/mcp' }), 'hostname');
  assert.match(err.errors[0].message, /cannot be updated/);
});

const listCases = [
  ['per_page 0', { per_page: 0 }, 'per_page'],
  ['per_page 101', { per_page: 101 }, 'per_page'],
  ['page 0', { page: 0 }, 'page'],
  ['page -1', { page: -1 }, 'page'],
  ['unknown field', { perPage: 10 }, 'perPage'],
  ['per_page as a string', { per_page: '20' }, 'per_page'],
  ['per_page fractional', { per_page: 1.5 }, 'per_page'],
];

for (const [label, params, field] of listCases) {
  test(`list and listAll reject: ${label} → ${field}, zero requests, same message as validateServerListParams`, async () => {
    const err = await expectInvalid(() => client.list(params), field, `list ${label}`);
    await expectInvalid(() => (async () => { for await (const s of client.listAll(params)) void s; })(), field, `listAll ${label}`);
    const problems = validateServerListParams(params);
    assert.deepEqual(problems.map((p) => p.message), err.errors.map((e) => e.message));
  });
}

test('list accepts per_page 1 and 100 (control)', async () => {
  srv.requests.length = 0;
  await client.list({ per_page: 1 });
  await client.list({ per_page: 100, page: 1 });
  assert.equal(srv.requests.length, 2);
});

test('several problems are reported together, each naming its field', async () => {
  const params = { ...good, id: 'BAD', name: 'n'.repeat(351), hostname: 'nope', updated_tools: [{ name: 't', alias: 'a b' }] };
  const err = await rejection(client.create(params));
  const fields = err.errors.map((e) => fieldOf(e.path));
  for (const f of ['id', 'name', 'hostname', 'updated_tools[0].alias']) assert.ok(fields.includes(f), `${f} in ${fields}`);
  assert.deepEqual(validateServerCreateParams(params).map((p) => p.field), fields);
});

test('validateServerId returns the same message as the client for a bad id argument', async () => {
  for (const id of ['../x', 'a/b', 'A', 'a'.repeat(33), '']) {
    const err = await rejection(client.read(id));
    assert.deepEqual(validateServerId(id).map((p) => p.message), err.errors.map((e) => e.message), id);
    assert.deepEqual(validateServerId(id).map((p) => p.field), ['id']);
  }
});

test('validators return [] for valid input and plain {field, message} objects otherwise', () => {
  assert.deepEqual(validateServerCreateParams(good), []);
  assert.deepEqual(validateServerUpdateParams({}), []);
  assert.deepEqual(validateServerUpdateParams({ description: null }), []);
  assert.deepEqual(validateServerListParams({}), []);
  const problems = validateServerCreateParams({ ...good, hostname: 'x' });
  assert.equal(problems.length, 1);
  assert.deepEqual(Object.keys(problems[0]).sort(), ['field', 'message']);
  assert.deepEqual(JSON.parse(JSON.stringify(problems)), problems);
  assert.ok(Array.isArray(problems));
});

// ---------- options ----------

const badClientOptions = [
  [{ timeout: -1 }, 'timeout'],
  [{ timeout: 0 }, 'timeout'],
  [{ timeout: '1000' }, 'timeout'],
  [{ maxRetries: -1 }, 'maxRetries'],
  [{ maxRetries: 1.5 }, 'maxRetries'],
  [{ maxRetryDelay: -5 }, 'maxRetryDelay'],
  [{ apitoken: 'x' }, 'apitoken'],
  [{ base_url: 'https://x' }, 'base_url'],
  [{ baseURL: 'ftp://x' }, 'baseURL'],
  [{ baseURL: 'api.cloudflare.com' }, 'baseURL'],
  [{ fetch: 'not a function' }, 'fetch'],
];

for (const [options, field] of badClientOptions) {
  test(`bad client option ${JSON.stringify(options)} throws a validation McpServersError naming ${field}`, () => {
    let err;
    try { new McpServersClient({ apiToken: TOKEN, ...options }); } catch (e) { err = e; }
    assert.ok(err instanceof McpServersError, `${JSON.stringify(options)} should throw`);
    assert.equal(err.kind, 'validation');
    assert.ok(err.message.includes(field), `${JSON.stringify(options)}: ${err.message}`);
    assert.ok(!err.message.includes(TOKEN));
  });
}

test('timeout: NaN is rejected, not silently replaced by the default', () => {
  let err;
  try { new McpServersClient({ apiToken: TOKEN, timeout: Number.NaN }); } catch (e) { err = e; }
  assert.ok(err instanceof McpServersError, 'new McpServersClient({ timeout: NaN }) should throw');
  assert.equal(err.kind, 'validation');
  assert.match(err.message, /timeout/);
});

test('a non-object options argument throws', () => {
  for (const options of ['token', 42, true]) {
    assert.throws(() => new McpServersClient(options), (e) => e instanceof McpServersError && e.kind === 'validation');
  }
});

test('bad per-call options reject with kind validation and send nothing', async () => {
  for (const [options, field] of [
    [{ timeout: -1 }, 'timeout'], [{ maxRetries: 99 }, 'maxRetries'], [{ signl: AbortSignal.abort() }, 'signl'],
    [{ signal: 'stop' }, 'signal'], [{ header: { a: 'b' } }, 'header'],
  ]) {
    await expectInvalid(() => client.read('x', {}, options), field, `options ${JSON.stringify(options)}`);
  }
});

test('no credential at all: the call rejects (or the constructor throws) and nothing is sent', async () => {
  const before = srv.requests.length;
  let err;
  try {
    const c = new McpServersClient({ baseURL: srv.baseURL, accountId: ACCOUNT });
    err = await rejection(c.read('x'));
  } catch (e) { err = e; }
  assert.ok(err instanceof McpServersError);
  assert.equal(err.kind, 'validation');
  assert.match(err.message, /apiToken/);
  assert.equal(srv.requests.length, before);
});

test('apiEmail without apiKey is not a usable credential', async () => {
  const before = srv.requests.length;
  let err;
  try {
    const c = new McpServersClient({ apiEmail: 'a@example.com', baseURL: srv.baseURL, accountId: ACCOUNT });
    err = await rejection(c.read('x'));
  } catch (e) { err = e; }
  assert.ok(err instanceof McpServersError);
  assert.equal(err.kind, 'validation');
  assert.equal(srv.requests.length, before);
});
