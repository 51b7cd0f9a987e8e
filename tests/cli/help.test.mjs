// --help for the command and for each subcommand: what it does, its flags, examples; exit 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from './_harness.mjs';

const COMMANDS = { export: ['--out FILE', '--catalogue'], plan: ['--json', '--prune', '--allow-replace', 'Exit code'], apply: ['--yes', '--prune', '--allow-replace'], validate: ['no network'] };

test('cf-mcp-servers --help lists the commands', async () => {
  for (const flag of ['--help', '-h', 'help']) {
    const r = await cli([flag], { env: { PATH: process.env.PATH } });
    assert.equal(r.code, 0, r.stderr);
    for (const name of Object.keys(COMMANDS)) assert.match(r.stdout, new RegExp(`^ {2}${name} `, 'm'));
    assert.match(r.stdout, /Examples:/);
  }
});

for (const [name, words] of Object.entries(COMMANDS)) {
  test(`cf-mcp-servers ${name} --help`, async () => {
    const r = await cli([name, '--help'], { env: { PATH: process.env.PATH } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Usage: cf-mcp-servers ${name}`));
    assert.match(r.stdout, /Examples?:\n {2}.*npx cf-mcp-servers /);
    for (const w of words) assert.ok(r.stdout.includes(w), `${name} --help mentions ${w}`);
    if (name !== 'validate') assert.match(r.stdout, /CLOUDFLARE_API_TOKEN/);
  });
}
