// A header value (or name) that HTTP cannot carry — a credential pasted with a newline, a
// header name with a space — must give a McpServersError, not crash the process or leave the
// call pending forever. Each case runs in its own Node process so a crash there is observed
// here as a failing test instead of taking down this test file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ok, server, runChild, SECRETS } from './_harness.mjs';

function assertCleanFailure(run, label) {
  assert.ok(run.result, `${label}: the call neither resolved nor rejected; the process ended with `
    + `code ${run.code} signal ${run.signal}; stderr: ${run.stderr.split('\n').slice(0, 6).join(' | ')}`);
  assert.equal(run.result.outcome, 'rejected', `${label}: expected a rejection`);
  assert.ok(run.result.isMcpError, `${label}: expected a McpServersError`);
  assert.ok(['validation', 'network'].includes(run.result.kind), `${label}: kind ${run.result.kind}`);
  for (const t of run.result.texts) for (const s of SECRETS) assert.ok(!t.includes(s), `${label}: leaks ${t}`);
  for (const s of SECRETS) assert.ok(!run.stderr.includes(s), `${label}: credential in stderr`);
  assert.equal(run.code, 0, `${label}: the process must exit normally`);
}

async function caseFor(clientOptions, callOptions = {}) {
  const srv = await startServer((req, res) => ok(res, server('x')));
  const run = await runChild(`
    try {
      const c = new McpServersClient({ baseURL: ${JSON.stringify(srv.baseURL)}, accountId: 'acc', maxRetries: 0,
        ...${JSON.stringify(clientOptions)} });
      await c.read('x', {}, ${JSON.stringify(callOptions)});
      report('resolved');
    } catch (e) { report('rejected', e); }
  `);
  const requests = srv.requests.length;
  await srv.close();
  return { run, requests };
}

test('apiToken containing a newline rejects cleanly, nothing sent, no leak', async () => {
  const { run, requests } = await caseFor({ apiToken: `${SECRETS[0]}\nInjected: 1` });
  assertCleanFailure(run, 'apiToken with newline');
  assert.equal(requests, 0);
});

test('apiKey containing a newline rejects cleanly, nothing sent, no leak', async () => {
  const { run, requests } = await caseFor({ apiEmail: 'a@example.com', apiKey: `${SECRETS[1]}\r\nX-Injected: 1` });
  assertCleanFailure(run, 'apiKey with CRLF');
  assert.equal(requests, 0);
});

test('a defaultHeaders name with a space rejects cleanly', async () => {
  const { run, requests } = await caseFor({ apiToken: SECRETS[0], defaultHeaders: { 'Bad Name': 'v' } });
  assertCleanFailure(run, 'defaultHeaders bad name');
  assert.equal(requests, 0);
});

test('a per-call header value with a newline rejects cleanly', async () => {
  const { run, requests } = await caseFor({ apiToken: SECRETS[0] }, { headers: { 'X-Trace': 'a\nb' } });
  assertCleanFailure(run, 'per-call header with newline');
  assert.equal(requests, 0);
});

test('control: a valid token in the same harness resolves', async () => {
  const { run, requests } = await caseFor({ apiToken: SECRETS[0] });
  assert.equal(run.result?.outcome, 'resolved', run.stderr);
  assert.equal(requests, 1);
});
