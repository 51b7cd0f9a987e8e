// The core round trip, as a user runs it: export a seeded account, plan it against itself
// (nothing), apply it to an empty account (secrets from the environment), plan again (nothing),
// and export the copy: the same file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DEMO_ACCOUNT, SCHEMA, WIKI_SECRET, WIKI_VAR, assertNoSecret, cli, exported, planJson, readConfig,
  startEmulator, tempDir, userEnv,
} from './_harness.mjs';

test('export a seeded account, apply it to an empty one, plan again: no changes', async () => {
  const seeded = await startEmulator({ seed: true });
  const empty = await startEmulator();
  const outputs = [];
  const run = async (args, env) => {
    const r = await cli(args, { env });
    outputs.push(r.stdout, r.stderr);
    return r;
  };
  const dir = tempDir();
  const file = join(dir, 'mcp.json');

  let r = await run(['export', '--out', file], userEnv(seeded));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '', 'with --out, nothing on stdout');
  assert.match(r.stderr, /Exported 4 servers and 1 portal of account 0123456789abcdef0123456789abcdef to /);
  assert.match(r.stderr, new RegExp(`apply reads them from ${WIKI_VAR}`));
  const config = readConfig(file);
  assert.equal(config.account_id, DEMO_ACCOUNT);
  assert.equal(resolve(dir, config.$schema), SCHEMA, '$schema is the package schema, relative to the file');
  assert.deepEqual(config.servers.map((s) => s.id).sort(), ['demo', 'github', 'internal-wiki', 'offline-server']);
  assert.deepEqual(config.portals.map((p) => p.id), ['demo-portal']);
  const wiki = config.servers.find((s) => s.id === 'internal-wiki');
  assert.deepEqual(wiki.auth_credentials, { env: WIKI_VAR }, 'the secret is a placeholder');
  assert.ok(!readFileSync(file, 'utf8').includes('demo-wiki-token'), 'the seeded credential is not in the file');
  const demo = config.servers.find((s) => s.id === 'demo');
  assert.deepEqual(demo.updated_tools, [{ name: 'roll_dice', alias: 'dice', enabled: true }]);
  for (const s of config.servers) for (const field of ['tools', 'prompts', 'status', 'created_at', 'modified_at']) assert.ok(!(field in s), `${s.id}.${field} is not writable, not exported`);

  r = await run(['plan', file], userEnv(seeded));
  assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /No changes: the account matches /);

  r = await run(['plan', file], userEnv(empty));
  assert.equal(r.code, 2, r.stderr);
  for (const id of ['demo', 'github', 'internal-wiki', 'offline-server']) assert.match(r.stdout, new RegExp(`^\\+ create server ${id}$`, 'm'));
  assert.match(r.stdout, /^\+ create portal demo-portal$/m);
  assert.match(r.stdout, /Plan: 5 to create, 0 to update, 0 to replace, 0 to delete\./);
  assert.ok(!r.stdout.includes('\x1b['), 'no colour when stdout is not a terminal');

  r = await run(['apply', file, '--yes'], userEnv(empty));
  assert.equal(r.code, 1, 'a secret the plan needs is not set');
  assert.match(r.stderr, new RegExp(`${WIKI_VAR} \\(server internal-wiki auth_credentials\\)`));
  assert.match(r.stderr, /nothing was changed/);
  assert.equal((await planJson(file, userEnv(empty))).plan.steps.length, 5, 'nothing was created');

  const withSecret = userEnv(empty, { [WIKI_VAR]: WIKI_SECRET });
  r = await run(['apply', file, '--yes'], withSecret);
  assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
  const progress = r.stdout.split('\n').filter((l) => /^\[\d+\/5\]/.test(l));
  assert.equal(progress.length, 5, r.stdout);
  assert.ok(progress.every((l) => l.endsWith(' done')), r.stdout);
  assert.match(progress[4], /create portal demo-portal/, 'servers before the portal that links them');
  assert.match(r.stdout, /Applied 5 of 5 steps\./);

  r = await run(['plan', file], withSecret);
  assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /No changes/);
  const { code, plan } = await planJson(file, withSecret);
  assert.equal(code, 0);
  assert.deepEqual(plan.steps, []);

  r = await run(['apply', file], withSecret);
  assert.equal(r.code, 0, 'nothing to apply needs no --yes');
  assert.match(r.stdout, /No changes/);

  const copy = await exported(empty);
  assert.deepEqual({ ...copy, $schema: undefined }, { ...config, $schema: undefined }, 'the copy exports the same file');

  const stored = JSON.parse(readFileSync(empty.data, 'utf8'));
  assert.equal(stored.accounts[DEMO_ACCOUNT]['internal-wiki'].auth_credentials, WIKI_SECRET, 'apply sent the secret from the environment');
  assertNoSecret(assert, outputs);
  await seeded.stop();
  await empty.stop();
});
