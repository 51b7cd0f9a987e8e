// Shared helpers for the package tests: a real HTTP server on 127.0.0.1 that records every
// request, the built package, and fixtures. Not a test file itself (no `.test.` in its name).
import http from 'node:http';
import { after } from 'node:test';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export * from '../../pkg/node.js';

// The Node entry reads CLOUDFLARE_* defaults from the environment; a developer's own variables
// must not change what these tests send. Tests of the environment set it in a child process.
export const CLOUDFLARE_VARIABLES = [
  'CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_EMAIL', 'CLOUDFLARE_API_KEY', 'CLOUDFLARE_API_USER_SERVICE_KEY',
  'CLOUDFLARE_BASE_URL', 'CLOUDFLARE_LOG',
];
for (const name of CLOUDFLARE_VARIABLES) delete process.env[name];

export const TOKEN = 'tok-SECRET-1f2e3d4c5b6a';
export const EMAIL = 'admin@example.com';
export const API_KEY = 'key-SECRET-9a8b7c6d5e4f';
export const SERVICE_KEY = 'v1.0-svc-SECRET-0011223344';
export const SECRETS = [TOKEN, API_KEY, SERVICE_KEY];
export const ACCOUNT = 'acc1234';
export const PREFIX = `/client/v4/accounts/${ACCOUNT}/access/ai-controls/mcp/servers`;

/** A server object as the API returns it. */
export function server(id = 'my-mcp-server', extra = {}) {
  return {
    id,
    name: `Server ${id}`,
    hostname: 'https://example.com/mcp',
    auth_type: 'bearer',
    tools: [],
    prompts: [],
    status: 'ready',
    ...extra,
  };
}

export function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

export function ok(res, result, extra = {}, status = 200, headers = {}) {
  json(res, status, { success: true, errors: [], messages: [], result, ...extra }, headers);
}

const servers = new Set();

/**
 * Starts a server whose `handler(req, res, record)` answers each request; `record` holds the
 * request as seen on the wire: { method, url, path, query (URLSearchParams), headers, body, at }.
 * The server is closed (with every connection) when the test file ends, and by `close()`.
 */
export async function startServer(handler = (req, res) => ok(res, server())) {
  const requests = [];
  const sockets = new Set();
  const srv = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://127.0.0.1');
      const record = {
        method: req.method,
        url: req.url,
        path: url.pathname,
        query: url.searchParams,
        rawQuery: url.search,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        hasBody: chunks.length > 0,
        at: Date.now(),
      };
      requests.push(record);
      try {
        handler(req, res, record, requests.length);
      } catch (e) {
        json(res, 599, { success: false, errors: [{ message: `test handler threw: ${e}` }] });
      }
    });
  });
  srv.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = srv.address().port;
  const handle = {
    port,
    baseURL: `http://127.0.0.1:${port}/client/v4`,
    requests,
    async close() {
      if (!servers.has(handle)) return;
      servers.delete(handle);
      for (const s of sockets) s.destroy();
      srv.closeAllConnections?.();
      await new Promise((resolve) => srv.close(() => resolve()));
    },
  };
  servers.add(handle);
  return handle;
}

after(async () => {
  await Promise.all([...servers].map((s) => s.close()));
});

/** A port nothing listens on: bind, note the port, close. */
export async function closedPort() {
  const srv = http.createServer();
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** Awaits `promise`, which must reject; returns the rejection. */
export async function rejection(promise) {
  try {
    const value = await promise;
    throw Object.assign(new Error(`expected a rejection, got ${JSON.stringify(value)}`), { unexpected: true });
  } catch (e) {
    if (e && e.unexpected) throw e;
    return e;
  }
}

/** Every text a user might print or log for an error. */
export function errorTexts(err) {
  return [String(err?.message), String(err), JSON.stringify(err), String(err?.stack)];
}

const pkgPath = fileURLToPath(new URL('../../pkg/node.js', import.meta.url));

/**
 * Runs `body` as an ES module in a child Node process, with `McpServersClient`,
 * `McpServersError` and `report(outcome, err?)` (prints one `RESULT {json}` line) in scope.
 * Resolves to { code, signal, stdout, stderr, result, ms } where `ms` is the child's run time;
 * the child is killed after `timeoutMs`. `env` is the child's whole environment (default: this
 * process's, which has no CLOUDFLARE_* variables).
 */
export function runChild(body, timeoutMs = 5000, env = process.env) {
  const script = `
    import { McpServersClient, McpServersError } from ${JSON.stringify(pkgPath)};
    const report = (outcome, e) => console.log('RESULT ' + JSON.stringify({ outcome, at: Date.now(),
      isMcpError: e instanceof McpServersError, kind: e?.kind,
      texts: e ? [String(e.message), String(e), JSON.stringify(e), String(e.stack)] : [] }));
    ${body}
  `;
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ended = Date.now();
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      resolve({ code, signal, stdout, stderr, ended, ms: ended - started, result: line ? JSON.parse(line.slice(7)) : undefined });
    });
  });
}

/** Starts the emulator (`CF_MCP_EMULATOR`, else target/debug) on a free loopback port with
 * `args`; resolves to { base, stop() }, stop resolving once it has exited. */
export async function startEmulatorProcess(args) {
  const bin = process.env.CF_MCP_EMULATOR ?? fileURLToPath(new URL('../../target/debug/cf-mcp-emulator', import.meta.url));
  const child = spawn(bin, ['--listen', '127.0.0.1:0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const base = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1].replace(/\/$/, ''));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
  });
  return {
    base,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}
