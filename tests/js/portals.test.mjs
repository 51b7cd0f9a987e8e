// McpPortalsClient against the emulator: the five calls, validation before the network with the
// field named, read → portalToUpdateParams → update as a no-op, and effectivePortalView equal to
// what a real MCP client (@modelcontextprotocol/sdk) lists through the emulator's portal endpoint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  McpPortalsClient, McpServersClient, McpServersError, portalToUpdateParams, effectivePortalView,
  validatePortalCreateParams, validatePortalUpdateParams, validatePortalListParams, validatePortalId,
} from '../../pkg/node.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EMULATOR = process.env.CF_MCP_EMULATOR || path.join(ROOT, 'target/debug/cf-mcp-emulator');
const TOKEN = 'portals-test-token';
const ACCOUNT = 'acc1234';

let child;
let base;
let portals;

before(async () => {
  child = spawn(EMULATOR, ['--listen', '127.0.0.1:0', '--token', TOKEN], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${output}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const m = output.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`emulator exited with ${code}:\n${output}`)); });
  });
  const options = { apiToken: TOKEN, accountId: ACCOUNT, baseURL: `${base}/client/v4` };
  const servers = new McpServersClient(options);
  await servers.create({ id: 'demo', name: 'Demo', hostname: `${base}/demo-mcp`, auth_type: 'unauthenticated',
    updated_tools: [{ name: 'roll_dice', alias: 'dice', description: 'Server-level dice' }] });
  await servers.create({ id: 'spare', name: 'Spare', hostname: `${base}/demo-mcp`, auth_type: 'unauthenticated' });
  for (const id of ['demo', 'spare']) assert.equal((await servers.sync(id)).status, 'ready');
  portals = new McpPortalsClient(options);
});

after(async () => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
});

/** `['servers', 1, 'server_id']` as `servers[1].server_id`. */
const fieldOf = (path = []) => path.map((s, i) => (typeof s === 'number' ? `[${s}]` : (i ? `.${s}` : s))).join('');

const withoutTimes = ({ modified_at, modified_by, ...rest }) => rest;

test('create, read, list, listAll, update and delete a portal', async () => {
  const created = await portals.create({
    id: 'crud', name: 'CRUD', hostname: 'crud.example.com', code_mode: 'off',
    servers: [{ server_id: 'demo', on_behalf: false, updated_tools: [{ name: 'echo', enabled: false }] }],
  });
  assert.equal(created.id, 'crud');
  assert.equal(created.code_mode, 'off');
  assert.equal(created.servers.length, 1);
  assert.equal(created.servers[0].id, 'demo');
  assert.equal(created.servers[0].on_behalf, false);
  assert.deepEqual(await portals.read('crud'), created);

  await portals.create({ id: 'crud-2', name: 'Second', hostname: 'second.example.com' });
  const found = await portals.list({ search: 'second.example' });
  assert.deepEqual(found.result.map((p) => p.id), ['crud-2']);
  assert.equal(found.result_info.total_count, 1);
  const walked = [];
  for await (const p of portals.listAll({ per_page: 1 })) walked.push(p.id);
  assert.deepEqual(walked.sort(), ['crud', 'crud-2']);

  const renamed = await portals.update('crud', { name: 'Renamed', description: 'Now described' });
  assert.equal(renamed.name, 'Renamed');
  assert.equal(renamed.description, 'Now described');

  const { data, response } = await portals.withResponse().read('crud');
  assert.equal(data.name, 'Renamed');
  assert.equal(response.status, 200);

  const gone = await portals.delete('crud');
  assert.equal(gone.id, 'crud');
  assert.ok(!('servers' in gone), 'delete answers without servers');
  const err = await portals.read('crud').then(() => assert.fail('read after delete'), (e) => e);
  assert.ok(err instanceof McpServersError);
  assert.equal(err.code, 7002);
  await portals.delete('crud-2');
});

test('withOptions keeps the client and changes what was named', async () => {
  const other = portals.withOptions({ accountId: 'other-account' });
  assert.ok(other instanceof McpPortalsClient);
  assert.deepEqual((await other.list()).result, []);
});

test('bad parameters fail before the network, naming the field', async () => {
  let sent = 0;
  const counting = new McpPortalsClient({
    apiToken: TOKEN, accountId: ACCOUNT, baseURL: `${base}/client/v4`,
    fetch: (url, init) => { sent += 1; return fetch(url, init); },
  });
  const cases = [
    [() => counting.create({ id: 'p', name: 'P', hostname: 'https://p.example.com/mcp' }), 'hostname', /not a URL.*use "p\.example\.com"/],
    [() => counting.create({ id: 'p', name: 'P', hostname: 'p.example.com', servers: [{ server_id: 'demo' }, { server_id: 'demo' }] }), 'servers[1].server_id', /repeats "demo"/],
    [() => counting.create({ id: 'p', name: 'P', hostname: 'p.example.com', description: 'd'.repeat(513) }), 'description', /at most 512/],
    [() => counting.update('p', { code_mode: 'off', allow_code_mode: true }), 'allow_code_mode', /must agree/],
    [() => counting.update('p', { code_mode: 'sometimes' }), 'code_mode', /must be one of/],
    [() => counting.update('p', { description: null }), 'description', /cannot be null/],
    [() => counting.update('p', { id: 'q' }), 'id', /re-create the portal/],
    [() => counting.update('p', { servers: [{ server_id: 'demo', updated_tools: [{ name: 't', alias: 'no spaces' }] }] }), 'servers[0].updated_tools[0].alias', /letters and digits/],
    [() => counting.read('Not An Id'), 'id', /lowercase/],
    [() => counting.list({ per_page: 101 }), 'per_page', /1 to 100/],
  ];
  for (const [call, field, message] of cases) {
    const err = await call().then(() => assert.fail(`${field} accepted`), (e) => e);
    assert.ok(err instanceof McpServersError, String(err));
    assert.equal(err.kind, 'validation', err.message);
    assert.deepEqual(err.errors.map((e) => fieldOf(e.path)), [field], err.message);
    assert.match(err.message, message);
  }
  assert.equal(sent, 0, 'nothing was sent');
  const problems = validatePortalCreateParams({ hostname: 'https://x.example.com' });
  assert.deepEqual(problems.map((p) => p.field), ['id', 'hostname', 'name']);
  assert.deepEqual(validatePortalUpdateParams({ name: 'ok' }), []);
  assert.deepEqual(validatePortalListParams({ page: 0 }).map((p) => p.field), ['page']);
  assert.deepEqual(validatePortalId('ok-id'), []);
  assert.equal(validatePortalId('-bad').length, 1);
});

test('read → portalToUpdateParams → update is a no-op', async () => {
  await portals.create({
    id: 'keep', name: 'Keep', hostname: 'keep.example.com', code_mode: 'enforced', description: 'D',
    secure_web_gateway: true,
    servers: [
      { server_id: 'demo', default_disabled: true, on_behalf: false,
        updated_tools: [{ name: 'roll_dice', alias: 'portal_dice', enabled: true }, { name: 'add', description: 'Portal add', enabled: true }],
        updated_prompts: [{ name: 'greeting', enabled: true }] },
      { server_id: 'spare', updated_tools: [{ name: 'echo', enabled: false }] },
    ],
  });
  const before = await portals.read('keep');
  const params = portalToUpdateParams(before);
  assert.equal(params.servers.length, 2);
  assert.ok(!JSON.stringify(params).includes('server_alias'), 'server-level overrides are not sent');
  await portals.update('keep', params);
  assert.deepEqual(withoutTimes(await portals.read('keep')), withoutTimes(before));
  // Changing one override through the round trip keeps all the others.
  const edited = portalToUpdateParams(before);
  edited.servers.find((s) => s.server_id === 'spare').updated_tools.push({ name: 'add', alias: 'plus' });
  const after = await portals.update('keep', edited);
  const spare = after.servers.find((s) => s.id === 'spare');
  assert.deepEqual(spare.updated_tools.map((t) => t.name).sort(), ['add', 'echo']);
  const demo = after.servers.find((s) => s.id === 'demo');
  assert.deepEqual(demo, before.servers.find((s) => s.id === 'demo'));
  await portals.delete('keep');
});

test('effectivePortalView is what a real MCP client lists through the emulator', async () => {
  const portal = await portals.create({
    id: 'seen', name: 'Seen', hostname: 'seen.example.com',
    servers: [
      { server_id: 'demo', updated_tools: [{ name: 'list_issues', alias: 'issues', description: 'Portal issues' }, { name: 'echo', enabled: false }] },
      { server_id: 'spare', default_disabled: true, updated_tools: [{ name: 'add', enabled: true }], updated_prompts: [] },
    ],
  });
  const view = effectivePortalView(portal);
  const agent = new Client({ name: 'portals-test', version: '1.0.0' });
  await agent.connect(new StreamableHTTPClientTransport(new URL(`${base}/portals/seen/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
  }));
  const { tools } = await agent.listTools();
  const { prompts } = await agent.listPrompts();
  await agent.close();
  assert.deepEqual(view.tools.map((t) => t.name), tools.map((t) => t.name));
  assert.deepEqual(view.prompts.map((p) => p.name), prompts.map((p) => p.name));
  assert.ok(view.tools.some((t) => t.name === 'demo_dice' && t.upstream_name === 'roll_dice' && t.description === 'Server-level dice'));
  assert.ok(view.tools.some((t) => t.name === 'demo_issues' && t.description === 'Portal issues'));
  for (const tool of tools) {
    const ours = view.tools.find((t) => t.name === tool.name);
    assert.equal(ours.description, tool.description, tool.name);
    assert.deepEqual(ours.definition.inputSchema, tool.inputSchema, tool.name);
    assert.equal(ours.definition.name, tool.name);
  }
  for (const prompt of prompts) {
    const ours = view.prompts.find((p) => p.name === prompt.name);
    assert.equal(ours.description, prompt.description, prompt.name);
  }
  assert.ok(view.tools.every((t) => ['demo', 'spare'].includes(t.server_id)));
  await portals.delete('seen');
});
