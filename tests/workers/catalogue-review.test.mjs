// examples/worker's catalogue review in workerd, with a real `kvNamespace` binding (workerd's own
// KV client) backed by kv-service.mjs, against the emulator whose demo MCP server changes its
// catalogue between two cron runs: the first run approves what it finds, the second records
// what changed as pending and quarantines it (QUARANTINE = "changed") keeping every other
// override, GET /review serves it, POST /review/:id/approve enables and pins it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './harness.mjs';
import { startReviewWorker } from './review-worker.mjs';

const TOKEN = 'review-worker-token-0987654321';
const JWT = { 'Cf-Access-Jwt-Assertion': 'header.payload.signature' };
const ID = 'rev-a';
const skip = process.env.CF_MCP_API === 'stand-in' ? 'needs the emulator (its demo MCP server changes its catalogue)' : false;

let w, apiServer, kv, url;

before(async () => {
  if (skip) return;
  w = await startReviewWorker({ token: TOKEN });
  ({ api: apiServer, kv, url } = w);
  await api(apiServer.base, TOKEN, 'POST', '', {
    id: ID, name: 'Review demo', hostname: `${apiServer.origin}/demo-mcp`, auth_type: 'unauthenticated',
    // Overrides on tools the sync does not touch: every write must keep them.
    updated_tools: [{ name: 'current_time', alias: 'now' }, { name: 'roll_dice', enabled: false, description: 'Mine' }],
  });
});

after(async () => {
  await w?.stop();
});

const cron = () => w.cron();

async function getJson(path, init = {}) {
  const res = await fetch(url + path, { ...init, headers: { ...JWT, ...init.headers } });
  return { status: res.status, body: await res.json() };
}

const variant = (name) => w.variant(name);
const byName = (list) => Object.fromEntries((list ?? []).map((o) => [o.name, o]));

test('the first cron run approves the catalogue it finds, and nothing is pending', { skip }, async () => {
  await cron();
  const approved = kv.json(`approved:${ID}`);
  assert.deepEqual(Object.keys(approved.tools).sort(), ['add', 'current_time', 'echo', 'list_issues', 'roll_dice']);
  assert.deepEqual(Object.keys(approved.prompts).sort(), ['code_review', 'greeting', 'summarize']);
  assert.match(approved.tools.echo, /^[0-9a-f]{64}$/);
  assert.equal(kv.json(`pending:${ID}`), undefined);
  assert.deepEqual((await getJson('/review')).body, { pending: [] });
});

test('after upstream changes, the cron records what is pending and quarantines it, keeping other overrides', { skip }, async () => {
  assert.equal((await variant('changed')).status, 200);
  await cron();
  const pending = kv.json(`pending:${ID}`);
  assert.deepEqual(pending.tools, { added: ['delete_repo'], removed: ['list_issues'], changed: ['add', 'echo'] });
  assert.deepEqual(pending.prompts, { added: ['translate'], removed: [], changed: [] });
  assert.deepEqual(pending.quarantined, { tools: ['delete_repo', 'add', 'echo'], prompts: ['translate'] });

  const server = await api(apiServer.base, TOKEN, 'GET', `/${ID}`);
  const tools = byName(server.updated_tools);
  for (const name of ['delete_repo', 'add', 'echo']) assert.equal(tools[name]?.enabled, false, `${name} is quarantined`);
  assert.deepEqual(tools.current_time, { name: 'current_time', alias: 'now' }, 'the alias on another tool is kept');
  assert.deepEqual(tools.roll_dice, { name: 'roll_dice', enabled: false, description: 'Mine' }, 'the override on another tool is kept');
  assert.equal(byName(server.updated_prompts).translate?.enabled, false);

  const all = await getJson('/review');
  assert.equal(all.status, 200);
  assert.deepEqual(all.body.pending.map((p) => p.id), [ID]);
  assert.deepEqual((await getJson(`/review/${ID}`)).body.pending.tools.changed, ['add', 'echo']);
  assert.equal((await fetch(`${url}/review`)).status, 403, 'the review routes sit behind the access check');
});

test('approving enables and pins what was pending and makes the catalogue of now the approved one', { skip }, async () => {
  const { status, body: server } = await getJson(`/review/${ID}/approve`, { method: 'POST' });
  assert.equal(status, 200);
  const tools = byName(server.updated_tools);
  assert.equal(tools.echo.enabled, true);
  assert.match(tools.echo.description, /~\/\.ssh\/id_rsa/, 'the approved (upstream) text is pinned');
  assert.equal(tools.delete_repo.enabled, true);
  assert.equal(tools.delete_repo.description, 'Deletes a (pretend) repository.');
  assert.deepEqual(tools.current_time, { name: 'current_time', alias: 'now' });
  assert.deepEqual(tools.roll_dice, { name: 'roll_dice', enabled: false, description: 'Mine' });
  assert.equal(kv.json(`pending:${ID}`), undefined);
  assert.deepEqual(Object.keys(kv.json(`approved:${ID}`).tools).sort(), ['add', 'current_time', 'delete_repo', 'echo', 'roll_dice']);

  const writesBefore = kv.requests.filter((r) => r.startsWith('PUT')).length;
  await cron();
  assert.deepEqual((await getJson('/review')).body, { pending: [] }, 'nothing is pending after approval');
  const after = await api(apiServer.base, TOKEN, 'GET', `/${ID}`);
  assert.equal(byName(after.updated_tools).echo.enabled, true, 'an approved tool is not quarantined again');
  assert.equal(kv.requests.filter((r) => r.startsWith('PUT')).length, writesBefore, 'an unchanged catalogue writes nothing to KV');
});
