// The published JSON Schema (pkg/config.schema.json): exported files validate against it, files
// the library refuses are refused by it too, and every field has a description for editors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, SCHEMA, cli, exported, startEmulator, userEnv, writeConfig } from './_harness.mjs';

const { validateConfig } = await import(join(ROOT, 'pkg', 'full', 'node.js'));

const Ajv = createRequire(import.meta.url)('ajv');
const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
const check = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

const SERVER = { id: 'ok', name: 'OK', hostname: 'https://ok.example.com/mcp', auth_type: 'unauthenticated' };
const PORTAL = { id: 'p', name: 'P', hostname: 'p.example.com', servers: [{ server_id: 'ok' }] };

test('exported configurations validate against the schema (with and without --catalogue)', async () => {
  const api = await startEmulator({ seed: true });
  const plain = await exported(api);
  assert.ok(check(plain), JSON.stringify(check.errors));
  const r = await cli(['export', '--catalogue'], { env: userEnv(api) });
  assert.equal(r.code, 0, r.stderr);
  const withCatalogue = JSON.parse(r.stdout);
  assert.ok(check(withCatalogue), JSON.stringify(check.errors));
  await api.stop();
});

const BAD = [
  ['a secret written in the file', { servers: [{ ...SERVER, auth_type: 'bearer', auth_credentials: 'ghp_x' }] }],
  ['an id with capitals', { servers: [{ ...SERVER, id: 'Bad' }] }],
  ['an unknown field', { servers: [{ ...SERVER, colour: 'red' }] }],
  ['an unknown auth_type', { servers: [{ ...SERVER, auth_type: 'basic' }] }],
  ['a server without hostname', { servers: [{ id: 'x', name: 'x', auth_type: 'oauth' }] }],
  ['a hostname without scheme', { servers: [{ ...SERVER, hostname: 'ok.example.com/mcp' }] }],
  ['an alias of 41 characters', { servers: [{ ...SERVER, updated_tools: [{ name: 't', alias: 'a'.repeat(41) }] }] }],
  ['a portal hostname with a scheme', { servers: [SERVER], portals: [{ ...PORTAL, hostname: 'https://p.example.com' }] }],
  ['an unknown code_mode', { servers: [SERVER], portals: [{ ...PORTAL, code_mode: 'sometimes' }] }],
  ['a digest that is not one', { servers: [{ ...SERVER, catalogue: { tools: { t: 'abc' } } }] }],
  ['servers not an array', { servers: {} }],
];

for (const [what, config] of BAD) {
  test(`refused by the schema and by validate: ${what}`, async () => {
    assert.equal(check(config), false, what);
    const r = await cli(['validate', writeConfig(config)], { env: { PATH: process.env.PATH } });
    assert.equal(r.code, 1, `validate accepted ${what}`);
  });
}

test('a file using every field is valid for both', async () => {
  const config = {
    $schema: './node_modules/cf-mcp-servers/config.schema.json',
    account_id: '0123456789abcdef0123456789abcdef',
    servers: [{
      ...SERVER, auth_type: 'bearer', description: 'd', auth_credentials: { env: 'OK_TOKEN' }, client_secret: { env: 'OK_SECRET' },
      is_shared_oauth_callback_enabled: false, secure_web_gateway: true,
      updated_tools: [{ name: 't', alias: 'tool-one', description: 'x', enabled: true }], updated_prompts: [{ name: 'p', enabled: false }],
      catalogue: { tools: { t: 'a'.repeat(64) }, prompts: {} },
    }],
    portals: [{ ...PORTAL, description: 'd', code_mode: 'opt_in', secure_web_gateway: false, servers: [{ server_id: 'ok', default_disabled: true, on_behalf: false, updated_tools: [{ name: 't', enabled: true }], updated_prompts: [] }] }],
  };
  assert.ok(check(config), JSON.stringify(check.errors));
  const r = await cli(['validate', writeConfig(config)], { env: { PATH: process.env.PATH } });
  assert.equal(r.code, 0, r.stderr);
});

test('every property in the schema has a description (editors show it)', () => {
  const missing = [];
  const walk = (node, at) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, prop] of Object.entries(node.properties ?? {})) {
      const target = prop.$ref ? schema.definitions[prop.$ref.split('/').pop()] : prop;
      if (!prop.description && !target?.description) missing.push(`${at}.${key}`);
      walk(prop, `${at}.${key}`);
    }
    for (const [key, def] of Object.entries(node.definitions ?? {})) walk(def, `definitions.${key}`);
    if (node.items) walk(node.items, `${at}[]`);
  };
  walk(schema, '');
  assert.deepEqual(missing, []);
});

test("the schema's fields are exactly the library's, object by object (they cannot drift apart)", () => {
  const S = { ...SERVER, updated_tools: [{ name: 't', zz: 1 }], catalogue: { zz: 1 }, zz: 1 };
  const problems = validateConfig({ zz: 1, servers: [S], portals: [{ ...PORTAL, zz: 1, servers: [{ server_id: 'ok', zz: 1 }] }] });
  /** The fields the library lists for the object at `path` ("… is not a field of … (a, b)"). */
  const listed = (path) => {
    const p = problems.find((x) => x.field === path);
    assert.ok(p, `no problem at ${path}: ${JSON.stringify(problems)}`);
    return /\(([^)]*)\)$/.exec(p.message)[1].split(', ').sort();
  };
  const keys = (node) => Object.keys(node.properties).sort();
  const d = schema.definitions;
  assert.deepEqual(keys(schema), listed('zz'));
  // `catalogue` is read apart from the fields sent to the API.
  assert.deepEqual(keys(d.server).filter((k) => k !== 'catalogue'), listed('servers[0].zz'));
  assert.deepEqual(keys(d.server.properties.catalogue), listed('servers[0].catalogue.zz'));
  assert.deepEqual(keys(d.override), listed('servers[0].updated_tools[0].zz'));
  assert.deepEqual(keys(d.portal), listed('portals[0].zz'));
  assert.deepEqual(keys(d.link), listed('portals[0].servers[0].zz'));
});
