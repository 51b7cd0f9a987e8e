// A portal of the emulator as an agent sees it, through the official MCP TypeScript SDK client:
// the effective tool and prompt list (prefixes, aliases, hidden tools, an allowlist), calls
// forwarded to the emulator's demo MCP server and to the MCP reference server, and the errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EMULATOR = process.env.CF_MCP_EMULATOR || path.join(ROOT, 'target/debug/cf-mcp-emulator');
const EVERYTHING = path.join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const TOKEN = 'portal-test-token';
const ACCOUNT = 'acc1234';

const children = [];
// Every process this file started is gone before the next file runs.
after(async () => {
  await Promise.all(children.map((child) => {
    if (child.exitCode !== null || child.signalCode !== null) return undefined;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    return exited;
  }));
});

function start(command, args, env, ready) {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      const found = ready(output);
      if (found) { clearTimeout(timer); resolve({ child, found }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${command} exited with ${code}:\n${output}`)); });
  });
}

async function freePort() {
  const srv = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => srv.once('listening', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

let base;
let everything;

async function api(method, tail, body) {
  const res = await fetch(`${base}/client/v4/accounts/${ACCOUNT}/access/ai-controls/mcp/${tail}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  const json = await res.json();
  assert.ok(json.success, `${method} ${tail}: ${JSON.stringify(json.errors)}`);
  return json.result;
}

async function agent(portal, token = TOKEN) {
  const client = new Client({ name: 'portal-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${base}/portals/${portal}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

before(async () => {
  const port = await freePort();
  everything = (await start('node', [EVERYTHING, 'streamableHttp'], { PORT: String(port) }, (out) => /listening on port/.test(out))).child;
  base = (await start(EMULATOR, ['--listen', '127.0.0.1:0', '--token', TOKEN], {}, (out) => out.match(/listening on (http:\/\/\S+)/)?.[1])).found;
  await api('POST', 'servers', { id: 'demo', name: 'Demo', hostname: `${base}/demo-mcp`, auth_type: 'unauthenticated',
    updated_tools: [{ name: 'roll_dice', alias: 'dice' }] });
  await api('POST', 'servers', { id: 'everything', name: 'Everything', hostname: `http://127.0.0.1:${port}/mcp`, auth_type: 'unauthenticated' });
  for (const id of ['demo', 'everything']) assert.equal((await api('POST', `servers/${id}/sync`)).status, 'ready', id);
  await api('POST', 'portals', {
    id: 'team', name: 'Team', hostname: 'team.example.com',
    servers: [
      { server_id: 'demo', updated_tools: [{ name: 'list_issues', alias: 'issues', description: 'Portal-level issues' }, { name: 'echo', enabled: false }] },
      { server_id: 'everything', default_disabled: true, updated_tools: [{ name: 'echo', enabled: true }], updated_prompts: [] },
    ],
  });
});

test('the SDK client lists exactly what an agent sees, and calls go through to both upstreams', async () => {
  const client = await agent('team');
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name), ['demo_add', 'demo_current_time', 'demo_dice', 'demo_issues', 'everything_echo']);
  assert.equal(tools.find((t) => t.name === 'demo_issues').description, 'Portal-level issues');
  assert.deepEqual(tools.find((t) => t.name === 'demo_add').inputSchema.required, ['a', 'b']);
  const { prompts } = await client.listPrompts();
  assert.deepEqual(prompts.map((p) => p.name), ['demo_greeting', 'demo_summarize', 'demo_code_review']);

  const sum = await client.callTool({ name: 'demo_add', arguments: { a: 20, b: 22 } });
  assert.equal(sum.content[0].text, '42');
  const echoed = await client.callTool({ name: 'everything_echo', arguments: { message: 'via the portal' } });
  assert.match(echoed.content[0].text, /via the portal/);
  const prompt = await client.getPrompt({ name: 'demo_summarize', arguments: { text: 'Portals aggregate servers.' } });
  assert.match(prompt.messages[0].content.text, /Portals aggregate servers\./);

  await assert.rejects(client.callTool({ name: 'demo_echo', arguments: { message: 'x' } }), /"demo_echo"/, 'hidden by enabled: false');
  await assert.rejects(client.callTool({ name: 'demo_roll_dice', arguments: {} }), /"demo_roll_dice"/, 'only the alias is exposed');
  await client.close();
});

test('a server that is down fails its calls by name while the others keep working', async () => {
  const exited = new Promise((r) => everything.once('exit', r));
  everything.kill('SIGKILL');
  await exited;
  const client = await agent('team');
  await assert.rejects(client.callTool({ name: 'everything_echo', arguments: { message: 'x' } }), /MCP server "everything" failed/);
  const sum = await client.callTool({ name: 'demo_add', arguments: { a: 1, b: 2 } });
  assert.equal(sum.content[0].text, '3');
  await client.close();
});

test('a wrong token and an unknown portal are refused before MCP starts', async () => {
  await assert.rejects(agent('team', 'wrong-token'), { code: 401, message: /Unauthorized/ });
  await assert.rejects(agent('no-such-portal'), { code: 404, message: /no-such-portal/ });
});
