// The package against the emulator under injected faults (429s, 503s, dropped connections),
// with retries on: a few hundred creates, updates, syncs and deletes, then the data read back
// by a second emulator on the same data file with the faults off. Every call that resolved is
// reflected exactly once; every create that rejected is absent or says it may have been applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { McpServersClient, McpServersError, closedPort, startEmulatorProcess } from './_harness.mjs';

/** The faults of issue 14. With CF_MCP_CHAOS_LOST=1, a second run also loses answers after
 * the change was made (`lost`), which is what makes a retried create meet its own server; it
 * takes as long again (the emulator writes its file on every change), so it is not run by default. */
const RUNS = ['429=0.2,503=0.1,drop=0.05', ...(process.env.CF_MCP_CHAOS_LOST ? ['429=0.2,503=0.1,drop=0.05,lost=0.05'] : [])];
const TOKEN = 'chaos-token-0f1e2d3c';
const CREATES = 100;
const IN_FLIGHT = 50;

/** Starts the emulator; resolves to { base, stop() }. */
function emulator(data, faults) {
  return startEmulatorProcess(['--data', data, '--token', TOKEN, ...(faults ? ['--faults', faults] : [])]);
}

/** Runs `tasks` (functions returning promises) with at most `limit` in flight. */
async function pool(tasks, limit) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** Settles `call`, counting the outcome under `counts[op]`. */
async function settle(counts, op, call) {
  const c = (counts[op] ??= { resolved: 0, rejected: 0, byKind: {} });
  try {
    const value = await call();
    c.resolved += 1;
    return { ok: true, value };
  } catch (err) {
    assert.ok(err instanceof McpServersError, `${op}: ${err}`);
    c.rejected += 1;
    const key = `${err.kind}${err.status ? ` ${err.status}` : ''}`;
    c.byKind[key] = (c.byKind[key] ?? 0) + 1;
    return { ok: false, err };
  }
}

for (const FAULTS of RUNS) test(`chaos: ${CREATES} creates plus updates, syncs and deletes under --faults '${FAULTS}' leave the store exactly as the outcomes say`, { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cf-mcp-chaos-'));
  const data = path.join(dir, 'data.json');
  const account = 'chaos0123456789abcdef0123456789ab';
  const upstream = `http://127.0.0.1:${await closedPort()}/mcp`;
  const counts = {};
  const outcomes = new Map();
  const started = Date.now();
  const faulty = await emulator(data, FAULTS);
  try {
    const client = new McpServersClient({
      apiToken: TOKEN, baseURL: `${faulty.base}/client/v4`, accountId: account, maxRetries: 5, timeout: 5000,
    });
    // Each server's calls in order (create, update, sync, and a delete for every third), the
    // servers side by side, so one slow retry chain does not hold up a whole phase.
    const ids = Array.from({ length: CREATES }, (_, i) => `chaos-${i}`);
    await pool(ids.map((id, i) => async () => {
      const o = {};
      outcomes.set(id, o);
      o.create = await settle(counts, 'create', () => client.create({ id, name: `Chaos ${id}`, hostname: upstream, auth_type: 'unauthenticated' }));
      if (!o.create.ok) return;
      o.update = await settle(counts, 'update', () => client.update(id, { name: `Renamed ${id}` }));
      o.sync = await settle(counts, 'sync', () => client.sync(id));
      if (i % 3 === 0) o.delete = await settle(counts, 'delete', () => client.delete(id));
    }), IN_FLIGHT);
  } finally {
    await faulty.stop();
  }
  const faultsMs = Date.now() - started;

  // The same data file, read back without faults.
  const calm = await emulator(data, null);
  try {
    const client = new McpServersClient({ apiToken: TOKEN, baseURL: `${calm.base}/client/v4`, accountId: account, maxRetries: 0 });
    const stored = [];
    for await (const s of client.listAll({ per_page: 100 })) stored.push(s);
    const byId = new Map(stored.map((s) => [s.id, s]));
    assert.equal(byId.size, stored.length, 'no server is listed twice');
    let possiblyApplied = 0;
    for (const [id, o] of outcomes) {
      const s = byId.get(id);
      if (!o.create.ok) {
        assert.ok(!s || o.create.err.mayHaveApplied === true, `${id}: a rejected create is stored but did not say it may have been applied: ${o.create.err.message}`);
        if (o.create.err.mayHaveApplied) possiblyApplied += 1;
        continue;
      }
      if (o.delete?.ok) {
        assert.equal(s, undefined, `${id}: deleted but still stored`);
        continue;
      }
      if (!o.delete) assert.ok(s, `${id}: created but not stored`);
      if (!s) continue;
      if (o.update.ok) assert.equal(s.name, `Renamed ${id}`, `${id}: the update that resolved is not reflected`);
      if (o.sync.ok) assert.equal(s.status, 'error', `${id}: synced against a closed port, yet ${s.status}`);
    }
    assert.equal(stored.filter((s) => !outcomes.has(s.id)).length, 0, 'nothing was stored that no call asked for');
    const total = Object.values(counts).reduce((n, c) => n + c.resolved + c.rejected, 0);
    console.log(`chaos run (${FAULTS}, maxRetries 5): ${total} calls in ${faultsMs} ms; ${JSON.stringify(counts)}; `
      + `${stored.length} servers stored; ${possiblyApplied} rejected creates said they may have been applied`);
    assert.ok(counts.create.resolved >= CREATES * 0.95, `only ${counts.create.resolved} of ${CREATES} creates resolved`);
  } finally {
    await calm.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
