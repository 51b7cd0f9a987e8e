// Changes of every kind, planned and applied by the command against a seeded emulator: creates,
// updates (field by field), a portal created over servers created in the same run, a hostname
// change (a replacement, refused without --allow-replace), a server left out of the file (kept,
// deleted with --prune), portal links and overrides written in another order (nothing to do),
// and a portal and the server it links deleted together.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  WIKI_SECRET, WIKI_VAR, assertNoSecret, cli, exported, planJson, startEmulator, userEnv, writeConfig,
} from './_harness.mjs';

let api;
let env;
let base;
const outputs = [];
before(async () => {
  api = await startEmulator({ seed: true });
  env = userEnv(api, { [WIKI_VAR]: WIKI_SECRET });
  base = await exported(api, env);
});
after(async () => {
  assertNoSecret(assert, outputs);
  await api.stop();
});

async function run(args) {
  const r = await cli(args, { env });
  outputs.push(r.stdout, r.stderr);
  return r;
}

const byId = (list, id) => list.find((x) => x.id === id);

/** The seeded file with one of every change. */
function edited() {
  const config = structuredClone(base);
  config.servers = config.servers.filter((s) => s.id !== 'github');
  byId(config.servers, 'demo').name = 'Demo';
  byId(config.servers, 'demo').updated_tools.push({ name: 'current_time', enabled: false });
  byId(config.servers, 'offline-server').hostname = 'http://127.0.0.1:9/other-mcp';
  config.servers.push({ id: 'notes', name: 'Notes', hostname: 'https://notes.example.com/mcp', auth_type: 'unauthenticated' });
  byId(config.portals, 'demo-portal').description = 'Changed by the CLI test.';
  config.portals.push({
    id: 'team-portal',
    name: 'Team portal',
    hostname: 'team.example.com',
    servers: [
      { server_id: 'notes', updated_tools: [{ name: 'b', enabled: false }, { name: 'a', alias: 'first' }] },
      { server_id: 'demo', default_disabled: true },
      { server_id: 'internal-wiki' },
    ],
  });
  return config;
}

test('plan shows every kind of change, with the field-level diff, and exits 2', async () => {
  const r = await run(['plan', writeConfig(edited())]);
  assert.equal(r.code, 2, r.stderr);
  const out = r.stdout;
  assert.match(out, /^\+ create server notes$/m);
  assert.match(out, /^~ update server demo$/m);
  assert.match(out, /^ {4}name: "Built-in demo server" → "Demo"$/m);
  assert.match(out, /current_time/);
  assert.match(out, /^-\/\+ replace server offline-server {2}\(refused\)$/m);
  assert.match(out, /hostname: "http:\/\/127\.0\.0\.1:9\/mcp" → "http:\/\/127\.0\.0\.1:9\/other-mcp"/);
  assert.match(out, /refused: .*--allow-replace/);
  assert.match(out, /^~ update portal demo-portal$/m);
  assert.match(out, /description: .* → "Changed by the CLI test\."/);
  assert.match(out, /^\+ create portal team-portal$/m);
  assert.match(out, /Kept \(not in the file; --prune deletes them\): server github/);
  assert.ok(out.indexOf('+ create server notes') < out.indexOf('+ create portal team-portal'), 'the server before the portal linking it');
  assert.match(out, /Plan: 2 to create, 2 to update, 1 to replace, 0 to delete\. 1 refused/);
});

test('apply refuses a replacement without --allow-replace and changes nothing', async () => {
  const file = writeConfig(edited());
  const before = await planJson(file, env);
  const r = await run(['apply', file, '--yes']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /apply refused/);
  assert.match(r.stderr, /replace server offline-server: needs --allow-replace/);
  assert.match(r.stderr, /nothing was changed/);
  assert.deepEqual((await planJson(file, env)).plan, before.plan, 'the account is as it was');
});

test('apply --allow-replace makes every change; github, not in the file, is kept', async () => {
  const file = writeConfig(edited());
  const r = await run(['apply', file, '--yes', '--allow-replace']);
  assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /^\[\d\/5\] -\/\+ replace server offline-server done$/m);
  assert.match(r.stdout, /Applied 5 of 5 steps\./);
  const now = await exported(api, env);
  assert.equal(byId(now.servers, 'demo').name, 'Demo');
  assert.equal(byId(now.servers, 'offline-server').hostname, 'http://127.0.0.1:9/other-mcp');
  assert.ok(byId(now.servers, 'notes'));
  assert.ok(byId(now.servers, 'github'), 'kept without --prune');
  assert.equal(byId(now.portals, 'demo-portal').description, 'Changed by the CLI test.');
  assert.deepEqual(byId(now.portals, 'team-portal').servers.map((l) => l.server_id).sort(), ['demo', 'internal-wiki', 'notes']);

  const again = await run(['plan', file]);
  assert.equal(again.code, 0, again.stdout);
  assert.match(again.stdout, /No changes/);
  assert.match(again.stdout, /Kept .*server github/);
});

test("a portal's servers and overrides written in another order plan nothing", async () => {
  const config = edited();
  const team = byId(config.portals, 'team-portal');
  team.servers.reverse();
  team.servers.find((l) => l.server_id === 'notes').updated_tools.reverse();
  byId(config.servers, 'demo').updated_tools.reverse();
  config.servers.reverse();
  const r = await run(['plan', writeConfig(config)]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /No changes/);
});

test('--prune deletes what the file leaves out: the portal before the server it links', async () => {
  const config = edited();
  config.portals = config.portals.filter((p) => p.id !== 'team-portal');
  config.servers = config.servers.filter((s) => s.id !== 'notes');
  const file = writeConfig(config);
  let r = await run(['plan', file, '--prune']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stdout, /^- delete server github$/m);
  assert.match(r.stdout, /^- delete server notes$/m);
  assert.match(r.stdout, /^- delete portal team-portal$/m);
  assert.ok(r.stdout.indexOf('- delete portal team-portal') < r.stdout.indexOf('- delete server notes'));

  r = await run(['apply', file, '--yes', '--prune']);
  assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /Applied 3 of 3 steps\./);
  const now = await exported(api, env);
  assert.deepEqual(now.servers.map((s) => s.id).sort(), ['demo', 'internal-wiki', 'offline-server']);
  assert.deepEqual(now.portals.map((p) => p.id), ['demo-portal']);
  r = await run(['plan', file, '--prune']);
  assert.equal(r.code, 0, r.stdout);
});
