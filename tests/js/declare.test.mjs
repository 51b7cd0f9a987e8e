// Declarative configuration through the package, against real emulators: export the seeded
// demo account, apply it to an empty one, plan again (nothing), then changes of every kind,
// a run under injected faults that converges by rerunning, and secrets that never show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulatorProcess } from './_harness.mjs';
import {
  McpServersClient, McpServersError, validateConfig, exportConfig, planConfig,
} from '../../pkg/full/node.js';

const TOKEN = 'declare-token-5e4d3c2b1a';
const DEMO_ACCOUNT = '0123456789abcdef0123456789abcdef';
const ACCOUNT = 'feedfacefeedfacefeedfacefeedface';
const WIKI_SECRET = 'wiki-SECRET-7c6b5a49';
const ENV = { INTERNAL_WIKI_AUTH_CREDENTIALS: WIKI_SECRET };

/** An emulator that accepts TOKEN only. */
const emulator = (...extra) => startEmulatorProcess(['--token', TOKEN, ...extra]);

const lines = [];
const logger = Object.fromEntries(['error', 'warn', 'info', 'debug'].map((level) => [level, (...a) => lines.push(a.join(' '))]));
const client = (base, accountId, extra = {}) => new McpServersClient({
  apiToken: TOKEN, accountId, baseURL: `${base}/client/v4`, logger, logLevel: 'debug', ...extra,
});
const summary = (plan) => plan.steps.map((s) => `${s.refused ? '!' : ''}${s.action} ${s.kind} ${s.id}`);
const clone = (v) => JSON.parse(JSON.stringify(v));
/** The steps apply would run. */
const runnable = (plan) => summary({ steps: plan.steps.filter((s) => !s.refused) });

let seeded;
let empty;
let config;
before(async () => {
  seeded = await emulator('--seed-demo');
  empty = await emulator();
  config = exportConfig(await client(seeded.base, DEMO_ACCOUNT).state());
});
after(async () => {
  await seeded?.stop();
  await empty?.stop();
});

test('export writes the seeded account as a valid file, secrets as env placeholders', () => {
  assert.deepEqual(config.servers.map((s) => s.id).sort(), ['demo', 'github', 'internal-wiki', 'offline-server']);
  const wiki = config.servers.find((s) => s.id === 'internal-wiki');
  assert.deepEqual(wiki.auth_credentials, { env: 'INTERNAL_WIKI_AUTH_CREDENTIALS' });
  assert.equal(wiki.status, undefined);
  assert.equal(wiki.created_at, undefined);
  assert.ok(config.portals.length >= 1, 'the demo portal is exported');
  for (const link of config.portals[0].servers) assert.equal(typeof link.server_id, 'string');
  assert.deepEqual(validateConfig(config), []);
  assert.ok(!JSON.stringify(config).includes('demo-wiki-token'), 'the seeded credential is not exported');
});

test('applied to an empty account, the file plans nothing afterwards', async () => {
  const target = client(empty.base, ACCOUNT);
  const plan = planConfig(config, await target.state());
  const ids = summary(plan);
  const lastServer = Math.max(...ids.map((s, i) => (s.includes(' server ') ? i : -1)));
  const firstPortal = ids.findIndex((s) => s.includes(' portal '));
  assert.ok(firstPortal > lastServer, `servers are created before the portals that link them: ${ids}`);
  assert.ok(plan.steps.every((s) => s.action === 'create' && !s.refused));
  const events = [];
  const report = await target.apply(plan, { env: ENV, onStep: (e) => events.push(`${e.type} ${e.step.id}`) });
  assert.equal(report.failed, undefined, report.failed?.error?.message);
  assert.equal(report.done.length, plan.steps.length);
  assert.deepEqual(report.remaining, []);
  assert.equal(events.length, plan.steps.length * 2);
  const again = planConfig(config, await target.state());
  assert.deepEqual(summary(again), []);
  assert.equal(again.changes, false);
  // The portal's links, in another order, still plan nothing.
  const reordered = clone(config);
  for (const p of reordered.portals) p.servers?.reverse();
  assert.deepEqual(summary(planConfig(reordered, await target.state())), []);
  const wiki = await target.read('internal-wiki');
  assert.equal(wiki.auth_type, 'bearer');
});

test('changes of each kind plan and apply; a replacement and deletes need their flags', async () => {
  const target = client(empty.base, ACCOUNT);
  const edited = clone(config);
  const demo = edited.servers.find((s) => s.id === 'demo');
  demo.name = 'Demo (renamed)';
  demo.updated_tools = [{ name: 'roll_dice', alias: 'dice2', enabled: true }];
  const wiki = edited.servers.find((s) => s.id === 'internal-wiki');
  wiki.hostname = 'https://wiki2.example.com/mcp';
  edited.servers = edited.servers.filter((s) => s.id !== 'offline-server');
  edited.servers.push({ id: 'fresh', name: 'Fresh', hostname: 'https://fresh.example.com/mcp', auth_type: 'unauthenticated' });
  const portal = edited.portals[0];
  portal.name = 'Renamed portal';
  portal.servers = [...(portal.servers ?? []).filter((l) => l.server_id !== 'offline-server'), { server_id: 'fresh', on_behalf: false }];

  const cautious = planConfig(edited, await target.state());
  const refused = cautious.steps.filter((s) => s.refused);
  assert.deepEqual(refused.map((s) => `${s.action} ${s.id}`), ['replace internal-wiki', 'delete offline-server']);
  assert.match(refused[0].refused, /allowReplace/);
  assert.match(refused[1].refused, /prune/);
  const update = cautious.steps.find((s) => s.id === 'demo');
  assert.deepEqual(update.changes.map((c) => c.path), ['name', 'updated_tools[roll_dice]']);

  const plan = planConfig(edited, await target.state(), { prune: true, allowReplace: true });
  assert.ok(plan.steps.every((s) => !s.refused));
  const order = summary(plan);
  assert.ok(order.indexOf('delete server offline-server') > order.lastIndexOf(`update portal ${portal.id}`), `${order}`);
  const report = await target.apply(plan, { env: ENV });
  assert.equal(report.failed, undefined, report.failed?.error?.message);
  assert.deepEqual(summary(planConfig(edited, await target.state(), { prune: true })), []);
  assert.equal((await target.read('internal-wiki')).hostname, 'https://wiki2.example.com/mcp');
  assert.equal((await target.read('demo')).name, 'Demo (renamed)');
  const read = (await target.state()).portals.find((p) => p.id === portal.id);
  assert.equal(read.name, 'Renamed portal');
  assert.deepEqual(read.servers.map((s) => s.server_id).sort(), portal.servers.map((l) => l.server_id).sort());
  await assert.rejects(target.read('offline-server'), (e) => e instanceof McpServersError && e.status === 404);
});

test('a missing secret fails its step before anything is sent, naming the variable only', async () => {
  const target = client(empty.base, ACCOUNT);
  const file = { servers: [...config.servers.filter((s) => s.id !== 'offline-server'), {
    id: 'needs-token', name: 'Needs a token', hostname: 'https://t.example.com/mcp', auth_type: 'bearer',
    auth_credentials: { env: 'NEEDS_TOKEN_SECRET' },
  }] };
  const plan = planConfig(file, await target.state());
  const report = await target.apply(plan, { env: ENV });
  assert.equal(report.failed.step.id, 'needs-token');
  assert.ok(report.failed.error instanceof McpServersError);
  assert.equal(report.failed.error.kind, 'validation');
  assert.match(report.failed.error.message, /NEEDS_TOKEN_SECRET/);
  await assert.rejects(target.read('needs-token'), (e) => e.status === 404);
  // The rest of the file was applied; a new plan finishes the work.
  assert.deepEqual(summary({ steps: report.done }), runnable(plan).slice(0, report.done.length));
  const next = planConfig(file, await target.state());
  assert.deepEqual(runnable(next), ['create server needs-token']);
  const withIt = await target.apply(next, { env: { ...ENV, NEEDS_TOKEN_SECRET: 'tok-SECRET-abc123' } });
  assert.equal(withIt.failed, undefined, withIt.failed?.error?.message);
  assert.ok(!JSON.stringify(plan).includes('tok-SECRET-abc123'));
});

test('a bad file gets problems with JSON paths, and planConfig refuses it', () => {
  const bad = { servers: [{ id: 'x', name: 'X', hostname: 'nope', auth_type: 'bearer', auth_credentials: 'literal-SECRET' }] };
  const problems = validateConfig(bad);
  assert.deepEqual(problems.map((p) => p.field), ['servers[0].auth_credentials', 'servers[0].hostname']);
  assert.ok(problems.every((p) => !p.message.includes('literal-SECRET')));
  assert.throws(() => planConfig(bad, { servers: [], portals: [] }), (e) => e instanceof McpServersError && e.kind === 'validation' && /servers\[0\]\.hostname/.test(e.message));
});

test('apply under --faults converges by planning and applying again, nothing lost or duplicated', { timeout: 120_000 }, async () => {
  const faulty = await emulator('--faults', '429=0.2,503=0.1,drop=0.05');
  try {
    const target = client(faulty.base, ACCOUNT, { maxRetries: 4 });
    const logged = lines.length;
    let rounds = 0;
    let last;
    for (; rounds < 15; rounds += 1) {
      let state;
      try {
        state = await target.state();
      } catch (e) {
        assert.ok(e instanceof McpServersError && e.retryable, String(e));
        continue;
      }
      last = planConfig(config, state);
      if (!last.changes) break;
      await target.apply(last, { env: ENV });
    }
    assert.equal(last?.changes, false, `still changes after ${rounds} rounds: ${summary(last ?? { steps: [] })}`);
    const state = await target.state();
    const ids = state.servers.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids.sort(), config.servers.map((s) => s.id).sort());
    assert.deepEqual(state.portals.map((p) => p.id).sort(), config.portals.map((p) => p.id).sort());
    assert.ok(lines.slice(logged).some((l) => / (429|503|network-error) /.test(l)), 'the faults were met');
  } finally {
    await faulty.stop();
  }
});

test('secrets never appear in plans, reports, errors or logs', () => {
  for (const line of lines) {
    assert.ok(!line.includes(WIKI_SECRET) && !line.includes('tok-SECRET-abc123'), line);
  }
  assert.ok(lines.length > 0, 'the runs were logged');
});
