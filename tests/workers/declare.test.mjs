// The declarative layer in workerd: a Worker bundled from `cf-mcp-servers/full` plans a file
// against the emulator, applies it with a secret from its bindings, and plans again (nothing).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCOUNT, requireBuilt, tempDir, startApi, bundle, startWorkerd, textBindings, workerService } from './harness.mjs';

const TOKEN = 'declare-worker-token-13579';
const SECRET = 'wk-secret-value-2468-do-not-print';
let apiServer, workerd, dir, text, result;

before(async () => {
  requireBuilt();
  apiServer = await startApi({ token: TOKEN });
  dir = tempDir('declare-worker');
  await bundle(join(dirname(fileURLToPath(import.meta.url)), 'declare-worker.js'), dir);
  const bindings = textBindings({ TOKEN, BASE_URL: apiServer.base, ACCOUNT_ID: ACCOUNT, DEMO_MCP: `${apiServer.origin}/demo-mcp`, WK_TOKEN: SECRET });
  workerd = await startWorkerd(dir, `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    ${workerService('declare', bindings)},
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "declare")],
);
`, ['http']);
  const res = await fetch(`http://127.0.0.1:${workerd.ports.http}/`);
  text = await res.text();
  assert.equal(res.status, 200, `the Worker failed: ${text}\n${workerd.output()}`);
  result = JSON.parse(text);
});

after(async () => {
  await workerd?.stop();
  await apiServer?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a Worker plans a file, applies it (server before the portal that links it), and plans nothing after', () => {
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.first, ['create server wk-srv', 'create portal wk-portal']);
  assert.equal(result.failed, null);
  assert.deepEqual(result.events.filter((e) => e.startsWith('done')), ['done server wk-srv', 'done portal wk-portal']);
  assert.deepEqual(result.second, { changes: false, steps: 0 });
});

test('what it applied is in the account, and the secret from its bindings is never echoed', async () => {
  const res = await fetch(`${apiServer.base}/accounts/${ACCOUNT}/access/ai-controls/mcp/portals/wk-portal`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const portal = await res.json();
  assert.deepEqual(portal.result.servers.map((s) => [s.server_id ?? s.id, s.default_disabled]), [['wk-srv', true]]);
  assert.deepEqual(result.exported.servers.map((s) => [s.id, s.auth_credentials]), [['wk-srv', { env: 'WK_SRV_AUTH_CREDENTIALS' }]]);
  assert.ok(!text.includes(SECRET), 'the secret is not in anything the Worker returned');
  assert.ok(!workerd.output().includes(SECRET), 'nor in its output');
});
