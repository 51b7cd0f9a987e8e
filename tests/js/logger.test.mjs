// The logger: one line per attempt (method, path, status, duration, retry count, ray id) at the
// level of its outcome, never a credential; 'off' by default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  McpServersClient, McpServersError, startServer, closedPort, ok, json, server, TOKEN, API_KEY, EMAIL, ACCOUNT, PREFIX,
} from './_harness.mjs';

const PATH = `${PREFIX.replace('/client/v4', '')}/my-mcp-server`;

function recorder() {
  const lines = [];
  const logger = Object.fromEntries(['error', 'warn', 'info', 'debug'].map((level) => [level, (line, ...rest) => lines.push({ level, line, rest })]));
  return { lines, logger };
}

const norm = (line) => line.replace(/ in \d+ ms/, ' in N ms');

test('info: a retried attempt warns, the answer is info, with every field', async () => {
  const srv = await startServer((req, res, record, n) => (n === 1
    ? json(res, 503, { success: false, errors: [] }, { 'retry-after-ms': '5', 'cf-ray': 'aaa111-LHR' })
    : ok(res, server(), {}, 200, { 'cf-ray': 'bbb222-LHR' })));
  const { lines, logger } = recorder();
  const client = new McpServersClient({
    apiToken: TOKEN, apiEmail: EMAIL, apiKey: API_KEY, baseURL: srv.baseURL, accountId: ACCOUNT, logger, logLevel: 'info',
    defaultHeaders: { 'X-Secret-Header': 'hdr-SECRET-777' },
  });
  await client.read('my-mcp-server', {}, { headers: { 'X-Call': 'call-SECRET-888' } });
  assert.deepEqual(lines.map((l) => [l.level, norm(l.line)]), [
    ['warn', `cf-mcp-servers: GET ${PATH} 503 in N ms, retry 0, ray aaa111-LHR, retrying in 5 ms`],
    ['info', `cf-mcp-servers: GET ${PATH} 200 in N ms, retry 1, ray bbb222-LHR`],
  ]);
  const all = JSON.stringify(lines);
  for (const secret of [TOKEN, API_KEY, 'hdr-SECRET-777', 'call-SECRET-888']) assert.ok(!all.includes(secret), secret);
});

test('a server that echoes the token as its ray id gets [redacted] in the log', async () => {
  const srv = await startServer((req, res) => ok(res, server(), {}, 200, { 'cf-ray': req.headers.authorization.slice(7) }));
  const { lines, logger } = recorder();
  await new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, logger, logLevel: 'info' }).read('my-mcp-server');
  assert.equal(lines.length, 1);
  assert.ok(!lines[0].line.includes(TOKEN), lines[0].line);
  assert.match(lines[0].line, /ray \[redacted\]$/);
});

test('error: only the attempts that failed the call', async () => {
  const srv = await startServer((req, res) => (req.url.endsWith('/gone')
    ? json(res, 404, { success: false, errors: [{ code: 7002, message: 'Not Found' }] })
    : ok(res, server())));
  const { lines, logger } = recorder();
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, logger, logLevel: 'error' });
  await client.read('my-mcp-server');
  await client.read('gone').catch(() => {});
  assert.deepEqual(lines.map((l) => l.level), ['error']);
  assert.match(lines[0].line, /GET \/accounts\/acc1234\/access\/ai-controls\/mcp\/servers\/gone 404 in \d+ ms, retry 0, ray -$/);
});

test('a timeout and a refused connection are attempts too', async () => {
  const srv = await startServer((req, res) => setTimeout(() => ok(res, server()), 300));
  const { lines, logger } = recorder();
  const client = new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, logger, logLevel: 'debug', timeout: 30, maxRetries: 1 });
  await client.read('my-mcp-server').catch(() => {});
  assert.deepEqual(lines.map((l) => l.level), ['warn', 'error']);
  assert.match(lines[0].line, / timeout in \d+ ms, retry 0, ray -, retrying in \d+ ms$/);
  assert.match(lines[1].line, / timeout in \d+ ms, retry 1, ray -$/);

  const refused = recorder();
  const port = await closedPort();
  const unreachable = new McpServersClient({ apiToken: TOKEN, baseURL: `http://127.0.0.1:${port}/client/v4`, accountId: ACCOUNT, logger: refused.logger, logLevel: 'info', maxRetries: 0 });
  await unreachable.read('my-mcp-server').catch(() => {});
  assert.deepEqual(refused.lines.map((l) => l.level), ['error']);
  assert.match(refused.lines[0].line, /servers\/my-mcp-server network-error in \d+ ms, retry 0, ray -$/);
});

test('off by default: the logger is never called', async () => {
  const srv = await startServer((req, res) => ok(res, server()));
  const { lines, logger } = recorder();
  await new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, logger }).read('my-mcp-server');
  assert.equal(lines.length, 0);
});

test('without a logger, lines go to console; a logger that throws breaks nothing', async () => {
  const srv = await startServer((req, res) => ok(res, server()));
  const seen = [];
  const original = console.info;
  console.info = (line) => seen.push(line);
  try {
    await new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, logLevel: 'info' }).read('my-mcp-server');
  } finally {
    console.info = original;
  }
  assert.equal(seen.length, 1);
  assert.match(seen[0], /^cf-mcp-servers: GET .* 200 /);
  const broken = { info() { throw new Error('disk full'); } };
  const server_ = await new McpServersClient({ apiToken: TOKEN, baseURL: srv.baseURL, accountId: ACCOUNT, logger: broken, logLevel: 'debug' }).read('my-mcp-server');
  assert.equal(server_.id, 'my-mcp-server');
});

test('a bad logLevel or logger is a validation error', () => {
  for (const [options, field] of [[{ logLevel: 'verbose' }, 'logLevel'], [{ logLevel: 'INFO' }, 'logLevel'], [{ logger: 'console' }, 'logger']]) {
    assert.throws(() => new McpServersClient({ apiToken: TOKEN, ...options }),
      (e) => e instanceof McpServersError && e.errors[0].path.join('.') === field, JSON.stringify(options));
  }
});
