// What a user sees when something is wrong: each message names the file, the JSON path (or line
// and column for bad JSON) and the problem, the exit code is 1, and no secret is ever printed:
// not the token, not a secret from the environment, not one written in the file by mistake.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  TOKEN, WIKI_SECRET, WIKI_VAR, assertNoSecret, cli, startEmulator, userEnv, writeConfig,
} from './_harness.mjs';

const SERVER = { id: 'ok-server', name: 'OK', hostname: 'https://ok.example.com/mcp', auth_type: 'bearer', auth_credentials: { env: 'OK_TOKEN' } };
const LITERAL = 'ghp_LITERAL-SECRET-5e6f7a8b9c';
const outputs = [];
let api;
before(async () => { api = await startEmulator({ seed: true }); });
after(async () => {
  assertNoSecret(assert, outputs, [TOKEN, WIKI_SECRET, LITERAL]);
  await api.stop();
});

async function run(args, env = userEnv(api, { [WIKI_VAR]: WIKI_SECRET })) {
  const r = await cli(args, { env });
  outputs.push(r.stdout, r.stderr);
  return r;
}

test('bad JSON: the file, the line and the column, for each command that reads a file', async () => {
  const file = writeConfig('{\n  "servers": [\n    { "id": "a", },\n  ]\n}\n', 'broken.json');
  for (const command of ['validate', 'plan', 'apply']) {
    const r = await run([command, file, ...(command === 'apply' ? ['--yes'] : [])]);
    assert.equal(r.code, 1, command);
    assert.match(r.stderr, /broken\.json: line 3, column 18: expected a property name in double quotes/, `${command}: ${r.stderr}`);
    assert.equal(r.stdout, '');
  }
  const cut = await run(['validate', writeConfig('{ "servers": [', 'cut.json')]);
  assert.equal(cut.code, 1);
  assert.match(cut.stderr, /cut\.json: line 1, column 15: unexpected end of the JSON text/);
});

test('bad fields: every problem with its JSON path, from validate and from plan', async () => {
  const config = {
    servers: [
      SERVER,
      { id: 'Bad Id', name: 'x', hostname: 'ftp://nope', auth_type: 'bearer' },
      { ...SERVER, id: 'ok-server' },
      { id: 'lit', name: 'Literal', hostname: 'https://l.example.com/mcp', auth_type: 'bearer', auth_credentials: LITERAL },
    ],
    portals: [
      { id: 'p', name: 'P', hostname: 'https://p.example.com' },
      { id: 'q', name: 'Q', hostname: 'q.example.com', servers: [{ server_id: 'ok-server', colour: 'red' }] },
    ],
  };
  const file = writeConfig(config, 'bad.json');
  for (const command of ['validate', 'plan']) {
    const r = await run([command, file]);
    assert.equal(r.code, 1, command);
    const lines = r.stderr.trim().split('\n');
    assert.match(lines[0], /^cf-mcp-servers: .*bad\.json: \d+ problems$/);
    for (const path of ['servers\\[1\\]\\.id', 'servers\\[1\\]\\.hostname', 'servers\\[2\\]\\.id', 'servers\\[3\\]\\.auth_credentials', 'portals\\[0\\]\\.hostname', 'portals\\[1\\]\\.servers\\[0\\]\\.colour']) {
      assert.ok(lines.some((l) => new RegExp(`bad\\.json: ${path}\\b`).test(l)), `${command}: ${path} in\n${r.stderr}`);
    }
    assert.match(r.stderr, /servers\[3\]\.auth_credentials .*\{ "env": "NAME" \}/, 'a literal secret is refused, not repeated');
  }
});

test('a portal linking a server neither in the file nor in the account: the file, the path, exit 1', async () => {
  const file = writeConfig({ portals: [{ id: 'lonely', name: 'Lonely', hostname: 'lonely.example.com', servers: [{ server_id: 'ghost' }] }] }, 'ghost.json');
  const valid = await run(['validate', file]);
  assert.equal(valid.code, 0, 'valid on its own: only the account can tell');
  const r = await run(['plan', file]);
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stderr, /ghost\.json: cannot be planned against account 0123456789abcdef0123456789abcdef/);
  assert.match(r.stderr, /ghost\.json: portals\[0\]\.servers\[0\]\.server_id .*ghost/);
});

test('a valid file validates without credentials or network', async () => {
  const r = await run(['validate', writeConfig({ servers: [SERVER], portals: [] }, 'good.json')], { PATH: process.env.PATH });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /good\.json: valid/);
});

test('usage errors: unknown command, unknown flag, missing or extra FILE, a missing file', async () => {
  const cases = [
    [['deploy'], /unknown command "deploy": one of export, plan, apply, validate/],
    [['plan', 'x.json', '--force'], /plan: Unknown option '--force'.*plan --help/],
    [['plan'], /plan: FILE is missing/],
    [['validate', 'a.json', 'b.json'], /validate: unexpected argument "b\.json"/],
    [['validate', '/nonexistent/mcp.json'], /\/nonexistent\/mcp\.json: no such file/],
    [[], /Usage: cf-mcp-servers <command>/],
  ];
  for (const [args, pattern] of cases) {
    const r = await run(args);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, pattern, r.stderr);
  }
});

test('no credentials, no account, another account, a wrong token: exit 1 and why', async () => {
  const file = writeConfig({ account_id: 'ffffffffffffffffffffffffffffffff', servers: [], portals: [] }, 'other.json');
  const plain = writeConfig({ servers: [], portals: [] }, 'plain.json');
  let r = await run(['plan', plain], { PATH: process.env.PATH, CLOUDFLARE_ACCOUNT_ID: 'acc', CLOUDFLARE_BASE_URL: api.base });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no credentials: set CLOUDFLARE_API_TOKEN \(or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY\)/);
  r = await run(['export'], { PATH: process.env.PATH, CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_BASE_URL: api.base });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no account: set CLOUDFLARE_ACCOUNT_ID or pass --account ID/);
  r = await run(['plan', file]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /other\.json: account_id is ffffffffffffffffffffffffffffffff, but CLOUDFLARE_ACCOUNT_ID is 0123456789abcdef0123456789abcdef/);
  r = await run(['plan', plain, '--base-url', api.base], { PATH: process.env.PATH, CLOUDFLARE_API_TOKEN: `${TOKEN}-wrong`, CLOUDFLARE_ACCOUNT_ID: 'acc' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^cf-mcp-servers: GET .*: 40[13]/m);
  assert.ok(!r.stderr.includes(`${TOKEN}-wrong`), 'the wrong token is not printed either');
  r = await run(['export', '--base-url', 'ftp://x'], userEnv(undefined));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /baseURL/);
});

test('apply without --yes when stdin is not a terminal refuses, and says how', async () => {
  const file = writeConfig({ servers: [{ id: 'new-one', name: 'New', hostname: 'https://n.example.com/mcp', auth_type: 'unauthenticated' }] });
  const r = await run(['apply', file]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /stdin is not a terminal.*--yes/);
  const plan = await run(['plan', file]);
  assert.equal(plan.code, 2, 'nothing was created');
});

test('secrets from the environment never reach the plan, progress or errors', async () => {
  // A new bearer server whose token comes from the environment: apply sends it, nothing prints it.
  const server = { id: 'secret-server', name: 'Secret', hostname: 'https://s.example.com/mcp', auth_type: 'bearer', auth_credentials: { env: WIKI_VAR } };
  const file = writeConfig({ servers: [server] });
  const plan = await run(['plan', file]);
  assert.equal(plan.code, 2, plan.stderr);
  assert.match(plan.stdout, new RegExp(`auth_credentials: \\{"env":"${WIKI_VAR}"\\}`), 'the plan shows the placeholder');
  const json = await run(['plan', file, '--json']);
  assert.match(json.stdout, new RegExp(`"env": "${WIKI_VAR}"`), 'the JSON plan names the variable');
  const apply = await run(['apply', file, '--yes']);
  assert.equal(apply.code, 0, apply.stderr);
  // The same server again under another id the API refuses: the error is printed, the secret is not.
  const refused = await run(['apply', writeConfig({ servers: [{ ...server, id: 'secret-server-two', hostname: 'https://s.example.com/mcp#x' }] }), '--yes']);
  for (const r of [plan, json, apply, refused]) assert.ok(!`${r.stdout}${r.stderr}`.includes(WIKI_SECRET), `${r.stdout}${r.stderr}`);
});
