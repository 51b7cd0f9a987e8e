// Catalogue review through the package: diffCatalogue and capabilityDigest on their own (digests
// checked against the Rust crate's committed fixtures and against an independent JavaScript
// RFC 8785 implementation), then syncAndReview, quarantine, pinning and approval against the
// emulator, whose demo MCP server changes its catalogue between syncs.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
// Catalogue review is in the `cf-mcp-servers/full` entry.
import {
  McpServersClient, McpServersError, diffCatalogue, capabilityDigest, catalogueSnapshot, effectiveCatalogue,
} from '../../pkg/full/node.js';
import { rejection } from './_harness.mjs';
import { startEmulator, TOKEN } from '../e2e/harness.mjs';

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));

/** RFC 8785 written independently of the crate: JSON.stringify writes numbers and (well-formed)
 * strings exactly as JCS asks, and the default sort compares UTF-16 code units. */
function jcs(value) {
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${jcs(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
const oracle = (value) => createHash('sha256').update(jcs(value), 'utf8').digest('hex');

describe('capabilityDigest', () => {
  test('is the digest the Rust crate computes for the same capabilities', () => {
    const input = fixture('capabilities.in.json');
    const rust = fixture('capabilities.rust.json');
    assert.equal(input.length, rust.length);
    for (const [i, { case: name, value }] of input.entries()) {
      assert.equal(capabilityDigest(value), rust[i].digest, name);
      assert.equal(jcs(value), rust[i].canonical, `${name}: the crate's canonical text is RFC 8785's`);
    }
  });

  test('agrees with an independent RFC 8785 implementation on values built in JavaScript', () => {
    const values = [
      { name: 'n', numbers: [1e21, 1e-7, -0, 0.1 + 0.2, 2 ** 53 + 1, 2 ** 60, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, -1e-300, 1 / 3] },
      { name: 'keys', b: 1, a: 2, A: 3, é: 4, '\u{1F600}': 5, '\uFB33': 6, '': 7, 10: 8, 9: 9 },
      { name: 'text', description: 'tab\there "quoted" back\\slash \u0001 \u001f \u007f \u2028 𝄞 ' + 'x'.repeat(5000) },
      { name: 'deep', inputSchema: { type: 'object', properties: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`p${49 - i}`, { type: i % 2 ? 'string' : 'number', enum: [i, `${i}`, null, true] }])) } },
    ];
    for (const value of values) assert.equal(capabilityDigest(value), oracle(value), value.name);
    // What JSON.stringify leaves out of an object does not count either.
    assert.equal(capabilityDigest({ name: 'u', x: undefined, f() {} }), capabilityDigest({ name: 'u' }));
    assert.equal(capabilityDigest({ a: 1, b: 2 }), capabilityDigest({ b: 2, a: 1 }));
    assert.match(capabilityDigest({ name: 'x' }), /^[0-9a-f]{64}$/);
  });

  test('refuses what JSON cannot hold, naming where, instead of hashing something else', () => {
    const cases = [
      [{ name: 'x', description: 'lone \uD800 surrogate' }, /capability\.description holds a lone surrogate/],
      [{ name: 'x', n: NaN }, /capability\.n is not JSON/],
      [{ name: 'x', list: [1, Infinity] }, /capability\.list\[1\] is not JSON/],
      [{ name: 'x', get boom() { throw new Error('no'); } }, /capability cannot be read/],
      [{ name: 'x', inputSchema: { properties: { ['k\uDC00']: {} } } }, /capability\.inputSchema\.properties cannot be read/],
    ];
    for (const [value, message] of cases) {
      assert.throws(() => capabilityDigest(value), (e) => e instanceof McpServersError && e.kind === 'validation' && message.test(e.message));
    }
  });
});

describe('diffCatalogue', () => {
  test('names what was added, removed and changed, field by field, in a stable order', () => {
    const before = {
      tools: [
        { name: 'b', description: 'old', inputSchema: { type: 'object', properties: { q: { type: 'string' } } } },
        { name: 'a', annotations: { readOnlyHint: true, title: 'A' } },
        { name: 'gone' },
      ],
      prompts: [{ name: 'p', arguments: [{ name: 'x' }] }],
    };
    const after = {
      tools: [
        { name: 'new2' }, { name: 'new1' },
        { name: 'a', annotations: { title: 'A', readOnlyHint: true } },
        { inputSchema: { properties: { q: { type: 'number' } }, type: 'object' }, name: 'b', description: 'new', extra: 1 },
      ],
      prompts: [{ name: 'p', arguments: [{ name: 'x', required: true }] }],
    };
    assert.deepEqual(diffCatalogue(before, after), {
      tools: { added: ['new1', 'new2'], removed: ['gone'], changed: [{ name: 'b', fields: ['description', 'inputSchema', 'extra'] }] },
      prompts: { added: [], removed: [], changed: [{ name: 'p', fields: ['arguments'] }] },
    });
    assert.deepEqual(diffCatalogue(after, after).tools, { added: [], removed: [], changed: [] });
  });

  test('input that is not a catalogue is an error naming the position', () => {
    const message = (before, after) => {
      try {
        diffCatalogue(before, after);
      } catch (e) {
        assert.ok(e instanceof McpServersError);
        assert.equal(e.kind, 'validation');
        return e.errors.map((x) => x.message);
      }
      assert.fail('expected a throw');
    };
    assert.deepEqual(message({ tools: 'x' }, {}), ['before.tools must be an array, not a string']);
    assert.deepEqual(message({}, { tools: [{ name: 'a' }, { name: 1 }, { name: 'a' }] }), [
      'after.tools[1].name must be a string',
      'after.tools[2].name: "a" is also the name of after.tools[0]; names must be unique',
    ]);
    assert.deepEqual(message(null, { prompts: [5] }), [
      'before must be a server or an object with tools and prompts, not null',
      'after.prompts[0] must be an object, not a number',
    ]);
  });
});

describe('review against the emulator', () => {
  let emulator;
  const ACCOUNT = 'catalogue-review';
  const methods = [];
  let client;
  const variant = async (name) => {
    const r = await fetch(`${emulator.base}/demo-mcp/catalogue`, { method: 'POST', body: JSON.stringify({ variant: name }) });
    assert.equal(r.status, 200);
  };
  const OTHER_OVERRIDES = [{ name: 'current_time', alias: 'now' }, { name: 'roll_dice', enabled: false, description: 'Mine' }];
  const byName = (list) => Object.fromEntries((list ?? []).map((o) => [o.name, o]));
  async function fresh(id) {
    await variant('base');
    await client.create({ id, name: id, hostname: `${emulator.base}/demo-mcp`, auth_type: 'unauthenticated', updated_tools: OTHER_OVERRIDES });
    const first = await client.syncAndReview(id);
    assert.equal(first.sync.status, 'ready');
    methods.length = 0;
    return first;
  }

  before(async () => {
    emulator = await startEmulator();
    client = new McpServersClient({
      apiToken: TOKEN, accountId: ACCOUNT, baseURL: `${emulator.base}/client/v4`,
      fetch: (url, init) => { methods.push(init.method); return fetch(url, init); },
    });
  });
  after(async () => { await variant('base').catch(() => {}); await emulator?.stop(); });

  test('the first sync reports every capability as added', async () => {
    const first = await fresh('first-sync');
    assert.deepEqual(first.changes.tools.added, ['add', 'current_time', 'echo', 'list_issues', 'roll_dice']);
    assert.deepEqual(first.changes.prompts.added, ['code_review', 'greeting', 'summarize']);
    assert.deepEqual(first.quarantined, { tools: [], prompts: [] });
    assert.equal(first.server.tools.length, 5);
  });

  test('syncAndReview returns the exact changes of an upstream change, and writes nothing by default', async () => {
    await fresh('plain');
    await variant('changed');
    const r = await client.syncAndReview('plain');
    assert.deepEqual(methods, ['GET', 'POST', 'GET'], 'read, sync, read: no update without quarantine');
    assert.deepEqual(r.changes, {
      tools: {
        added: ['delete_repo'],
        removed: ['list_issues'],
        changed: [{ name: 'add', fields: ['inputSchema'] }, { name: 'echo', fields: ['description'] }],
      },
      prompts: { added: ['translate'], removed: [], changed: [] },
    });
    assert.deepEqual(r.server.updated_tools, OTHER_OVERRIDES);
  });

  test("quarantine: 'changed' disables what is new and changed in one update that keeps every other override", async () => {
    await fresh('q-changed');
    await variant('changed');
    const r = await client.syncAndReview('q-changed', { quarantine: 'changed' });
    assert.deepEqual(methods, ['GET', 'POST', 'GET', 'PUT']);
    assert.deepEqual(r.quarantined, { tools: ['add', 'delete_repo', 'echo'], prompts: ['translate'] });
    const stored = (await client.read('q-changed')).updated_tools;
    assert.deepEqual(stored, [...OTHER_OVERRIDES, { name: 'add', enabled: false }, { name: 'delete_repo', enabled: false }, { name: 'echo', enabled: false }]);
    assert.deepEqual(r.server.updated_tools, stored, 'the server returned is the one after the update');
    assert.deepEqual((await client.read('q-changed')).updated_prompts, [{ name: 'translate', enabled: false }]);
  });

  test("quarantine: 'new' disables only what was added", async () => {
    await fresh('q-new');
    await variant('changed');
    const r = await client.syncAndReview('q-new', { quarantine: 'new' });
    assert.deepEqual(r.quarantined, { tools: ['delete_repo'], prompts: ['translate'] });
    assert.deepEqual(byName(r.server.updated_tools).delete_repo, { name: 'delete_repo', enabled: false });
    assert.equal(byName(r.server.updated_tools).echo, undefined);
    assert.deepEqual(byName(r.server.updated_tools).roll_dice, OTHER_OVERRIDES[1]);
  });

  test('pinning keeps the approved text for agents, the review shows both texts, approving repins', async () => {
    const { server: synced } = await fresh('pin');
    const approved = catalogueSnapshot(synced);
    const pinned = await client.pinDescriptions('pin', ['echo']);
    assert.deepEqual(methods, ['GET', 'PUT']);
    const base = 'Returns the message it is given.';
    assert.deepEqual(byName(pinned.updated_tools).echo, { name: 'echo', description: base });
    assert.deepEqual(byName(pinned.updated_tools).current_time, OTHER_OVERRIDES[0]);
    assert.deepEqual(byName(pinned.updated_tools).roll_dice, OTHER_OVERRIDES[1]);

    await variant('changed');
    const { server } = await client.syncAndReview('pin');
    const echo = effectiveCatalogue(server).tools.find((t) => t.name === 'echo');
    assert.equal(echo.description, base, 'agents still see the pinned text');
    assert.match(echo.upstreamDescription, /~\/\.ssh\/id_rsa/);
    assert.equal(echo.upstreamChanged, true);
    assert.equal(echo.pinned, true);
    const now = effectiveCatalogue(server).tools.find((t) => t.name === 'current_time');
    assert.equal(now.shownName, 'now');
    assert.equal(effectiveCatalogue(server).tools.find((t) => t.name === 'roll_dice').enabled, false);

    const review = client.review(server, approved);
    assert.deepEqual(review.tools, { added: ['delete_repo'], removed: ['list_issues'], changed: ['add', 'echo'] });
    assert.deepEqual(review.prompts, { added: ['translate'], removed: [], changed: [] });
    assert.deepEqual(client.review(server, review.snapshot).tools, { added: [], removed: [], changed: [] });
    assert.deepEqual(client.review(server, null).tools.added, ['add', 'current_time', 'delete_repo', 'echo', 'roll_dice']);

    methods.length = 0;
    const approvedNow = await client.approve('pin', { tools: ['echo'] });
    assert.deepEqual(methods, ['GET', 'PUT']);
    assert.deepEqual(byName(approvedNow.updated_tools).echo, { name: 'echo', description: echo.upstreamDescription, enabled: true });
    assert.equal(effectiveCatalogue(approvedNow).tools.find((t) => t.name === 'echo').upstreamChanged, false);
    assert.deepEqual(byName(approvedNow.updated_tools).roll_dice, OTHER_OVERRIDES[1]);
  });

  test('pinDescriptions without names pins every description; quarantine takes names of either kind', async () => {
    await fresh('pin-all');
    const all = await client.pinDescriptions('pin-all');
    const tools = byName(all.updated_tools);
    assert.equal(tools.add.description, 'Adds two numbers.');
    assert.equal(tools.roll_dice.description, 'Rolls a die with the given number of sides (default 6).', 'pinning all replaces the description override');
    assert.equal(tools.roll_dice.enabled, false, 'and keeps the rest of it');
    assert.equal(tools.current_time.alias, 'now');
    assert.equal(byName(all.updated_prompts).greeting.description, 'A friendly greeting for someone.');

    const q = await client.quarantine('pin-all', ['greeting', 'echo']);
    assert.equal(byName(q.updated_tools).echo.enabled, false);
    assert.equal(byName(q.updated_prompts).greeting.enabled, false);
    assert.equal(byName(q.updated_prompts).greeting.description, 'A friendly greeting for someone.');
  });

  test('a name the server does not have is refused before anything is written', async () => {
    await fresh('unknown');
    const err = await rejection(client.quarantine('unknown', ['echo', 'nope']));
    assert.ok(err instanceof McpServersError);
    assert.equal(err.kind, 'validation');
    assert.deepEqual(err.errors.map((e) => [e.path, e.message]), [[['names', 1], 'names[1]: the server has no tool or prompt named "nope"']]);
    assert.deepEqual(methods, ['GET'], 'read, then nothing');
    const prompts = await rejection(client.approve('unknown', { prompts: ['echo'] }));
    assert.match(prompts.message, /names\.prompts\[0\]: the server has no prompt named "echo"/);
    const bad = await rejection(client.syncAndReview('unknown', { quarantine: 'everything' }));
    assert.match(bad.message, /quarantine must be 'new', 'changed' or 'off'/);
    assert.equal(methods.length, 2, 'bad parameters send nothing');
  });
});
