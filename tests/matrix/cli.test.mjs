// The installed package's bin, as a user runs it from their project: `npx cf-mcp-servers --help`,
// `validate` on a good and a bad file (no network, no credentials), and `export` against the
// emulator, whose `$schema` is the installed package's schema, relative to the project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT, leg, run, startEmulator } from './_harness.mjs';

const ENV = { CLOUDFLARE_API_TOKEN: '', CLOUDFLARE_ACCOUNT_ID: '', npm_config_offline: 'true', NO_COLOR: '1' };

test('npx cf-mcp-servers: --help, validate, and export with the installed schema path', async () => {
  const api = await startEmulator();
  try {
    await leg('install', '`npx cf-mcp-servers --help`, `validate` and `export`: the installed bin', '', async () => {
      const help = await run('npx', ['cf-mcp-servers', '--help'], { env: ENV });
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, /Usage: cf-mcp-servers <command>/);
      writeFileSync(join(PROJECT, 'mcp.json'), JSON.stringify({
        $schema: './node_modules/cf-mcp-servers/config.schema.json',
        servers: [{ id: 'docs', name: 'Docs', hostname: 'https://docs.example.com/mcp', auth_type: 'bearer', auth_credentials: { env: 'DOCS_TOKEN' } }],
        portals: [{ id: 'team', name: 'Team', hostname: 'team.example.com', servers: [{ server_id: 'docs' }] }],
      }));
      const ok = await run('npx', ['cf-mcp-servers', 'validate', 'mcp.json'], { env: ENV });
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /mcp\.json: valid/);
      writeFileSync(join(PROJECT, 'bad.json'), JSON.stringify({ servers: [{ id: 'Bad', name: 'x', hostname: 'x', auth_type: 'bearer' }] }));
      const bad = await run('npx', ['cf-mcp-servers', 'validate', 'bad.json'], { env: ENV });
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /bad\.json: servers\[0\]\.id/);

      const env = { ...ENV, CLOUDFLARE_API_TOKEN: 'matrix-token', CLOUDFLARE_ACCOUNT_ID: '023e105f4ecef8ad9ca31a8372d0c353' };
      const exported = await run('npx', ['cf-mcp-servers', 'export', '--base-url', api.base, '--out', 'exported.json'], { env });
      assert.equal(exported.code, 0, exported.stderr);
      const file = JSON.parse(readFileSync(join(PROJECT, 'exported.json'), 'utf8'));
      assert.equal(file.$schema, './node_modules/cf-mcp-servers/config.schema.json');
      assert.ok(existsSync(join(PROJECT, file.$schema)), 'the schema is in the installed package');
    });
  } finally {
    await api.stop();
  }
});
