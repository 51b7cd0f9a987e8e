// A Node process using the client must be able to exit on its own once its calls are settled:
// no timer, socket or listener of the client may outlive the call that made it. Each case runs
// in a child process; the parent measures how long the child lives after its last call settles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ok, server, runChild } from './_harness.mjs';

const LINGER_MS = 1000;

async function lingerAfter(handler, body) {
  const srv = await startServer(handler);
  const run = await runChild(`
    const baseURL = ${JSON.stringify(srv.baseURL)};
    ${body}
  `, 8000);
  await srv.close();
  assert.ok(run.result, `the child did not report: code ${run.code} signal ${run.signal} ${run.stderr.slice(0, 400)}`);
  return { run, linger: run.ended - run.result.at };
}

test('after a successful call the process exits at once', async () => {
  const { run, linger } = await lingerAfter((req, res) => ok(res, server('x')), `
    const c = new McpServersClient({ apiToken: 't', baseURL, accountId: 'a' });
    const s = await c.read('x');
    report(s.id === 'x' ? 'resolved' : 'wrong');
  `);
  assert.equal(run.result.outcome, 'resolved');
  assert.ok(linger < LINGER_MS, `the process lived ${linger} ms after its last call`);
});

test('after a timed-out call the process exits at once', async () => {
  const { run, linger } = await lingerAfter(() => {}, `
    const c = new McpServersClient({ apiToken: 't', baseURL, accountId: 'a', timeout: 100, maxRetries: 0 });
    try { await c.read('x'); report('resolved'); } catch (e) { report('rejected', e); }
  `);
  assert.equal(run.result.kind, 'timeout');
  assert.ok(linger < LINGER_MS, `the process lived ${linger} ms after its last call`);
});

test('after a call aborted by the caller the process exits at once (no timeout timer left armed)', async () => {
  // The client timeout is 5 s: if the per-attempt timer survives the abort, the child lives ~5 s more.
  const { run, linger } = await lingerAfter(() => {}, `
    const c = new McpServersClient({ apiToken: 't', baseURL, accountId: 'a', timeout: 5000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    try { await c.read('x', {}, { signal: ac.signal }); report('resolved'); } catch (e) { report('rejected', e); }
  `);
  assert.equal(run.result.kind, 'aborted');
  assert.ok(linger < LINGER_MS, `the process lived ${linger} ms after its aborted call (a timer outlived the call)`);
});

test('after listAll is abandoned with break the process exits at once', async () => {
  const { run, linger } = await lingerAfter((req, res) => ok(res, [server('a'), server('b')], { result_info: { total_pages: 5 } }), `
    const c = new McpServersClient({ apiToken: 't', baseURL, accountId: 'a' });
    for await (const s of c.listAll({ per_page: 2 })) break;
    report('resolved');
  `);
  assert.equal(run.result.outcome, 'resolved');
  assert.ok(linger < LINGER_MS, `the process lived ${linger} ms after its last call`);
});
