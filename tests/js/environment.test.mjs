// Environment defaults on Node (the package's Node entry): CLOUDFLARE_API_TOKEN, CLOUDFLARE_EMAIL +
// CLOUDFLARE_API_KEY, CLOUDFLARE_API_USER_SERVICE_KEY, CLOUDFLARE_BASE_URL and CLOUDFLARE_LOG, the
// explicit option always winning. Each case runs in a child process with exactly that environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { startServer, ok, server, runChild, ACCOUNT, PREFIX, TOKEN, EMAIL, API_KEY, SERVICE_KEY } from './_harness.mjs';

const base = { ...process.env }; // no CLOUDFLARE_* (the harness removed them)

/** Runs `construct` (an expression making a client) in a child with `env`, reads one server. */
async function readInChild(env, construct, srv) {
  const run = await runChild(`
    try {
      const client = ${construct};
      const s = await client.read('my-mcp-server');
      report({ id: s.id });
    } catch (e) { report({ fields: e?.errors?.map((p) => p.path?.join('.')), message: e?.message }, e); }
  `, 5000, { ...base, ...env });
  assert.ok(run.result, `child printed a result: ${run.stderr}`);
  return { ...run.result, stdout: run.stdout, stderr: run.stderr, requests: srv?.requests ?? [] };
}

test('an API token and base URL come from the environment when the options give none', async () => {
  const srv = await startServer((req, res) => ok(res, server()));
  const out = await readInChild(
    { CLOUDFLARE_API_TOKEN: `  ${TOKEN}\n`, CLOUDFLARE_BASE_URL: srv.baseURL },
    `new McpServersClient({ accountId: ${JSON.stringify(ACCOUNT)} })`, srv);
  assert.deepEqual(out.outcome, { id: 'my-mcp-server' });
  assert.equal(srv.requests.length, 1, 'the request went to CLOUDFLARE_BASE_URL');
  assert.equal(srv.requests[0].path, `${PREFIX}/my-mcp-server`);
  assert.equal(srv.requests[0].headers.authorization, `Bearer ${TOKEN}`, 'trimmed, as the official SDK reads it');
  await srv.close();
});

test('an email and key pair, or a user service key, come from the environment too', async () => {
  const srv = await startServer((req, res) => ok(res, server()));
  const construct = `new McpServersClient({ accountId: ${JSON.stringify(ACCOUNT)}, baseURL: ${JSON.stringify(srv.baseURL)} })`;
  const pair = await readInChild({ CLOUDFLARE_EMAIL: EMAIL, CLOUDFLARE_API_KEY: API_KEY }, construct, srv);
  assert.deepEqual(pair.outcome, { id: 'my-mcp-server' });
  const sent = srv.requests[0].headers;
  assert.equal(sent['x-auth-email'], EMAIL);
  assert.equal(sent['x-auth-key'], API_KEY);
  assert.equal(sent.authorization, undefined);

  const svc = await readInChild({ CLOUDFLARE_API_USER_SERVICE_KEY: SERVICE_KEY }, construct, srv);
  assert.deepEqual(svc.outcome, { id: 'my-mcp-server' });
  assert.equal(srv.requests[1].headers['x-auth-user-service-key'], SERVICE_KEY);
  await srv.close();
});

test('an explicit credential or base URL wins, and keeps the environment\'s credentials out', async () => {
  const srv = await startServer((req, res) => ok(res, server()));
  const decoy = await startServer((req, res) => ok(res, server('decoy')));
  const out = await readInChild(
    {
      CLOUDFLARE_API_TOKEN: 'env-token-SECRET', CLOUDFLARE_EMAIL: EMAIL, CLOUDFLARE_API_KEY: API_KEY,
      CLOUDFLARE_BASE_URL: decoy.baseURL,
    },
    `new McpServersClient({ apiToken: 'explicit', baseURL: ${JSON.stringify(srv.baseURL)}, accountId: ${JSON.stringify(ACCOUNT)} })`,
    srv);
  assert.deepEqual(out.outcome, { id: 'my-mcp-server' });
  assert.equal(decoy.requests.length, 0, 'the explicit baseURL won');
  const sent = srv.requests[0].headers;
  assert.equal(sent.authorization, 'Bearer explicit');
  assert.equal(sent['x-auth-key'], undefined, 'no key the caller did not mention');
  assert.equal(sent['x-auth-email'], undefined);
  await srv.close();
  await decoy.close();
});

test('null opts out of the environment; a missing credential fails naming the variables', async () => {
  const srv = await startServer((req, res) => ok(res, server()));
  const nulled = await readInChild(
    { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_BASE_URL: srv.baseURL },
    `new McpServersClient({ apiToken: null, baseURL: ${JSON.stringify(srv.baseURL)}, accountId: 'acc1234' })`, srv);
  assert.equal(nulled.isMcpError, true);
  assert.equal(nulled.kind, 'validation');
  assert.deepEqual(nulled.outcome.fields, ['apiToken']);
  for (const name of ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_EMAIL', 'CLOUDFLARE_API_KEY', 'CLOUDFLARE_API_USER_SERVICE_KEY']) {
    assert.ok(nulled.outcome.message.includes(name), `the message names ${name}: ${nulled.outcome.message}`);
  }
  assert.ok(nulled.texts.every((t) => !t.includes(TOKEN)), 'the unused token is not quoted');

  const lone = await readInChild({ CLOUDFLARE_EMAIL: EMAIL },
    `new McpServersClient({ baseURL: ${JSON.stringify(srv.baseURL)}, accountId: 'acc1234' })`, srv);
  assert.equal(lone.kind, 'validation', 'an email without a key is not a credential');
  assert.equal(srv.requests.length, 0, 'nothing was sent');
  await srv.close();
});

test('a bad CLOUDFLARE_BASE_URL fails the constructor naming the variable, not its value', async () => {
  const out = await readInChild({ CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_BASE_URL: 'ftp://nope-SECRET' },
    `new McpServersClient({ accountId: 'acc1234' })`);
  assert.equal(out.kind, 'validation');
  assert.deepEqual(out.outcome.fields, ['CLOUDFLARE_BASE_URL']);
  assert.ok(out.texts.every((t) => !t.includes('nope-SECRET')));
});

test('CLOUDFLARE_LOG turns the log on; a bad value is reported once and ignored', async () => {
  const srv = await startServer((req, res) => ok(res, server(), {}, 200, { 'cf-ray': '8f1c2e3d4b5a6978-SJC' }));
  const construct = `new McpServersClient({ apiToken: ${JSON.stringify(TOKEN)}, baseURL: ${JSON.stringify(srv.baseURL)}, accountId: 'acc1234' })`;
  const on = await readInChild({ CLOUDFLARE_LOG: 'info' }, construct, srv);
  assert.deepEqual(on.outcome, { id: 'my-mcp-server' });
  const lines = on.stdout.split('\n').filter((l) => l.startsWith('cf-mcp-servers:'));
  assert.deepEqual(lines.map((l) => l.replace(/ in \d+ ms/, ' in N ms')), [
    `cf-mcp-servers: GET ${PREFIX.replace('/client/v4', '')}/my-mcp-server 200 in N ms, retry 0, ray 8f1c2e3d4b5a6978-SJC`,
  ]);
  assert.ok(!on.stdout.includes(TOKEN) && !on.stderr.includes(TOKEN));

  const bad = await readInChild({ CLOUDFLARE_LOG: 'verbose' }, construct, srv);
  assert.deepEqual(bad.outcome, { id: 'my-mcp-server' }, 'a bad CLOUDFLARE_LOG does not break the client');
  assert.match(bad.stderr, /CLOUDFLARE_LOG is not one of off, error, warn, info, debug/);
  assert.doesNotMatch(bad.stderr, /verbose/, 'the value is not repeated');
  assert.doesNotMatch(bad.stdout + bad.stderr, /GET \//, 'logging stayed off');

  const explicit = await readInChild({ CLOUDFLARE_LOG: 'info' },
    construct.replace('})', ", logLevel: 'off' })"), srv);
  assert.doesNotMatch(explicit.stdout, /cf-mcp-servers:/, 'the explicit logLevel wins');
  await srv.close();
});

test('only the Node entry reads the environment: the custom-loading entry does not', async () => {
  const init = new URL('../../pkg/init.js', import.meta.url).href;
  const wasm = fileURLToPath(new URL('../../pkg/cf_mcp_servers_bg.wasm', import.meta.url));
  const srv = await startServer((req, res) => ok(res, server()));
  // Not runChild: that imports the Node entry, which would give the shared glue its reader.
  const script = `
    import init, { McpServersClient } from ${JSON.stringify(init)};
    import { readFileSync } from 'node:fs';
    await init({ module_or_path: readFileSync(${JSON.stringify(wasm)}) });
    try {
      await new McpServersClient({ baseURL: ${JSON.stringify(srv.baseURL)}, accountId: 'acc1234' }).read('x');
      console.log('sent');
    } catch (e) { console.log(e.kind); }
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...base, CLOUDFLARE_API_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  await new Promise((resolve) => child.on('close', resolve));
  assert.equal(stdout.trim(), 'validation', `no token from the environment: ${stderr}`);
  assert.equal(srv.requests.length, 0);
  await srv.close();
});
