// The TypeScript matrix: tests/types/consumer.ts compiled against the installed package (its
// `exports` and `types` as a user's compiler resolves them) under TypeScript 5 and 7, with
// moduleResolution bundler, node16 and nodenext, `lib` ES2022 + DOM without ESNext,
// skipLibCheck false and exactOptionalPropertyTypes on; official.ts (code typed with the official
// SDK's types) once per version, as its declarations take most of a minute to check;
// disposable.ts checks `using` where the lib has ESNext.Disposable.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT, ROOT, TOOLS, leg, run, version } from './_harness.mjs';

const DIR = join(PROJECT, 'types');
const BASE = {
  strict: true,
  noEmit: true,
  target: 'ES2022',
  lib: ['ES2022', 'DOM'],
  types: [],
  skipLibCheck: false,
  exactOptionalPropertyTypes: true,
};
const RESOLUTIONS = {
  bundler: { module: 'preserve', moduleResolution: 'bundler' },
  node16: { module: 'node16', moduleResolution: 'node16' },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
};

before(() => {
  mkdirSync(DIR, { recursive: true });
  for (const f of ['consumer.ts', 'official.ts', 'disposable.ts']) cpSync(join(ROOT, 'tests', 'types', f), join(DIR, f));
});

function tsconfig(name, options, files) {
  const file = join(DIR, `tsconfig.${name}.json`);
  writeFileSync(file, JSON.stringify({ compilerOptions: { ...BASE, ...options }, files }, null, 2));
  return file;
}

async function compile(tsc, config) {
  const r = await run(tsc, ['-p', config]);
  assert.equal(r.code, 0, `tsc -p ${config}:\n${r.stdout}${r.stderr}`);
}

for (const [label, tsc] of [['TypeScript 5', TOOLS.tsc5], ['TypeScript 7', TOOLS.tsc7]]) {
  const tag = label.endsWith('5') ? 'ts5' : 'ts7';
  for (const [resolution, options] of Object.entries(RESOLUTIONS)) {
    test(`${label}, moduleResolution ${resolution}: the consumer compiles (lib ES2022 + DOM, skipLibCheck false, exactOptionalPropertyTypes)`, async () => {
      const v = (await version(tsc)).replace('Version ', '');
      const config = tsconfig(`${tag}-${resolution}`, options, ['consumer.ts']);
      await leg('typescript', `${label} · moduleResolution \`${resolution}\``, v, () => compile(tsc, config));
    });
  }

  test(`${label}: code typed with the official SDK's types compiles against ours`, async () => {
    const v = (await version(tsc)).replace('Version ', '');
    const config = tsconfig(`${tag}-official`, RESOLUTIONS.bundler, ['official.ts']);
    await leg('typescript', `${label} · code typed with the official SDK's types (\`cloudflare\`)`, v, () => compile(tsc, config));
  });

  test(`${label}: under ES2022 alone nothing needs Symbol.dispose, and with ESNext.Disposable the client is Disposable`, async () => {
    const v = (await version(tsc)).replace('Version ', '');
    // Without the lib, `using` cannot compile at all: the test would fail if the declarations
    // were what made it pass.
    const bare = tsconfig(`${tag}-no-disposable`, RESOLUTIONS.bundler, ['disposable.ts']);
    const refused = await run(tsc, ['-p', bare]);
    assert.notEqual(refused.code, 0, 'disposable.ts should not compile without ESNext.Disposable');
    const config = tsconfig(`${tag}-disposable`, { ...RESOLUTIONS.bundler, lib: ['ES2022', 'DOM', 'ESNext.Disposable'] }, ['disposable.ts']);
    await leg('typescript', `${label} · \`lib\` with ESNext.Disposable (\`using\`)`, v, () => compile(tsc, config));
  });
}
