// apply against an API that misbehaves (429s, 503s, dropped connections): rerun until it
// reports success, and the account ends up exactly as the file says, every server and portal
// once. Read back by a second emulator on the same data file, with the faults off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEMO_ACCOUNT, cli, exported, startEmulator, tempDir, userEnv, writeConfig } from './_harness.mjs';

const FAULTS = '429=0.2,503=0.1,drop=0.05';
const SERVERS = 30;
const RUNS = 15;

function config() {
  const servers = Array.from({ length: SERVERS }, (_, i) => ({
    id: `chaos-${i}`,
    name: `Chaos ${i}`,
    hostname: `https://chaos-${i}.example.com/mcp`,
    auth_type: i % 2 ? 'unauthenticated' : 'oauth',
    description: `server ${i}`,
    updated_tools: [{ name: 'search', alias: `search${i}` }],
  }));
  const portals = [0, 1, 2].map((p) => ({
    id: `chaos-portal-${p}`,
    name: `Chaos portal ${p}`,
    hostname: `chaos-${p}.example.com`,
    servers: servers.filter((_, i) => i % 3 === p).map((s) => ({ server_id: s.id })),
  }));
  return { account_id: DEMO_ACCOUNT, servers, portals };
}

test(`apply under --faults '${FAULTS}' converges after reruns, nothing lost or duplicated`, { timeout: 600_000 }, async () => {
  const data = join(tempDir('faults'), 'data.json');
  const desired = config();
  const file = writeConfig(desired);
  const flaky = await startEmulator({ faults: FAULTS, data });
  const env = userEnv(flaky);
  const codes = [];
  for (let i = 0; i < RUNS; i += 1) {
    const r = await cli(['apply', file, '--yes'], { env });
    codes.push(r.code);
    if (r.code !== 0) assert.match(r.stderr, /^cf-mcp-servers: /, `a failed run says why:\n${r.stderr}`);
    if (r.code === 0) break;
  }
  assert.equal(codes.at(-1), 0, `apply never succeeded: exit codes ${codes.join(', ')}`);
  let planned;
  for (let i = 0; i < RUNS && planned?.code !== 0 && planned?.code !== 2; i += 1) planned = await cli(['plan', file], { env });
  assert.equal(planned.code, 0, `the next plan finds nothing to do:\n${planned.stdout}${planned.stderr}`);
  await flaky.stop();

  const calm = await startEmulator({ data });
  const after = await exported(calm);
  assert.deepEqual(after.servers.map((s) => s.id).sort(), desired.servers.map((s) => s.id).sort(), 'each server once');
  assert.deepEqual(after.portals.map((p) => p.id).sort(), ['chaos-portal-0', 'chaos-portal-1', 'chaos-portal-2']);
  for (const s of desired.servers) {
    const got = after.servers.find((x) => x.id === s.id);
    assert.equal(got.description, s.description, s.id);
    assert.deepEqual(got.updated_tools, s.updated_tools, s.id);
  }
  for (const p of desired.portals) {
    const got = after.portals.find((x) => x.id === p.id);
    assert.deepEqual(got.servers.map((l) => l.server_id).sort(), p.servers.map((l) => l.server_id).sort(), p.id);
  }
  console.log(`apply exit codes, run by run: ${codes.join(', ')}`);
  await calm.stop();
});
