// The six operations (six.mjs) against the emulator, in each runtime, importing the installed
// package the way that runtime's users do: `import 'cf-mcp-servers'` through node_modules (Node
// 20, 22, 24, Bun, Deno in its node_modules mode), `require('cf-mcp-servers')` from CommonJS
// (Node ≥ 20.19), and in headless Chromium the `browser` entry from a plain page with no bundler.
// workerd runs tests/workers/bare-package.test.mjs on the same install (matrix.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT, TOOLS, documentedExports, leg, ok, version, startEmulator, sixConfig, copyIn, launchChromium, sixInPage, tempDir } from './_harness.mjs';
import { expected } from './six.mjs';

const ESM = `import * as pkg from 'cf-mcp-servers';
import { six } from './six.mjs';
const config = JSON.parse(globalThis.Deno ? Deno.args[0] : process.argv[2]);
console.log(JSON.stringify({ six: await six(pkg, config), exports: Object.keys(pkg).sort() }));
`;
const CJS = `const pkg = require('cf-mcp-servers');
import('./six.mjs')
  .then(({ six }) => six(pkg, JSON.parse(process.argv[2])))
  .then((r) => console.log(JSON.stringify({ six: r, exports: Object.keys(pkg).sort() })), (e) => { console.error(e); process.exitCode = 1; });
`;
const PAGE = `<!doctype html><meta charset="utf-8"><title>plain page</title><script type="module" src="./main.js"></script>`;
const MAIN = `import * as pkg from '/pkg/browser.js';
import { six } from './six.mjs';
const config = JSON.parse(new URLSearchParams(location.search).get('config'));
six(pkg, config).then((r) => { window.__six = { six: r, exports: Object.keys(pkg).sort() }; }, (e) => { window.__six = { failed: String(e && e.stack || e) }; });
`;

const WORKER_PAGE = `<!doctype html><meta charset="utf-8"><title>web worker</title><script type="module" src="./start.js"></script>`;
const WORKER_START = `const worker = new Worker('./worker.js' + location.search, { type: 'module' });
worker.onmessage = (e) => { window.__six = e.data; };
worker.onerror = (e) => { window.__six = { failed: String(e.message) }; };
`;
const WORKER = `import * as pkg from '/pkg/browser.js';
import { six } from './six.mjs';
const config = JSON.parse(new URLSearchParams(location.search).get('config'));
six(pkg, config).then((r) => postMessage({ six: r, exports: Object.keys(pkg).sort() }), (e) => postMessage({ failed: String(e && e.stack || e) }));
`;

let api;
let www;
before(async () => {
  copyIn('six.mjs', PROJECT);
  writeFileSync(join(PROJECT, 'smoke.mjs'), ESM);
  writeFileSync(join(PROJECT, 'smoke.cjs'), CJS);
  www = tempDir('www');
  mkdirSync(join(www, 'plain'));
  writeFileSync(join(www, 'plain', 'index.html'), PAGE);
  writeFileSync(join(www, 'plain', 'main.js'), MAIN);
  copyIn('six.mjs', join(www, 'plain'));
  mkdirSync(join(www, 'worker'));
  writeFileSync(join(www, 'worker', 'index.html'), WORKER_PAGE);
  writeFileSync(join(www, 'worker', 'start.js'), WORKER_START);
  writeFileSync(join(www, 'worker', 'worker.js'), WORKER);
  copyIn('six.mjs', join(www, 'worker'));
  api = await startEmulator({ www });
});
after(async () => { await api?.stop(); });

/** Runs a smoke script and checks what it saw; resolves to its exports' names. */
async function smoke(name, cmd, args, env) {
  const id = `m-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 24)}`.replace(/-+$/, '');
  const out = await ok(cmd, [...args, JSON.stringify(sixConfig(api, id))], { env });
  const report = JSON.parse(out.trim().split('\n').pop());
  assert.deepEqual(report.six, expected(id), `${name}: the six operations`);
  return report.exports;
}

const DENO_ENV = { DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', NO_COLOR: '1' };
const LEGS = [
  ['Node 20', 'ESM `import`', TOOLS.node20, ['smoke.mjs']],
  ['Node 20', 'CommonJS `require`', TOOLS.node20, ['smoke.cjs']],
  ['Node 22', 'ESM `import`', TOOLS.node22, ['smoke.mjs']],
  ['Node 22', 'CommonJS `require`', TOOLS.node22, ['smoke.cjs']],
  ['Node 24', 'ESM `import`', TOOLS.node24, ['smoke.mjs']],
  ['Node 24', 'CommonJS `require`', TOOLS.node24, ['smoke.cjs']],
  ['Deno 2', '`import` through node_modules (`--node-modules-dir=manual`)', TOOLS.deno,
    ['run', '--node-modules-dir=manual', '--allow-read', '--allow-env', '--allow-net=127.0.0.1', 'smoke.mjs'], DENO_ENV],
  ['Bun 1', 'ESM `import`', TOOLS.bun, ['smoke.mjs']],
  ['Bun 1', 'CommonJS `require`', TOOLS.bun, ['smoke.cjs']],
];

for (const [runtime, how, cmd, args, env] of LEGS) {
  test(`${runtime}, ${how.replace(/`/g, '')}: the six operations against the emulator`, async () => {
    // `deno --version` adds build details after its version: keep `deno 2.x.y`.
    const v = (await version(cmd, ['--version'], { env })).split(' (')[0];
    const exports = await leg('runtime', `${runtime} · ${how}`, v, () => smoke(`${runtime} ${how}`, cmd, args, env));
    assert.deepEqual(exports, documentedExports(), 'the entry exports what the README lists');
  });
}

const PAGES = [
  ['plain', 'Chromium (headless) · page, `<script type="module">` importing the `browser` entry, no bundler'],
  ['worker', 'Chromium (headless) · module Web Worker importing the `browser` entry'],
];
for (const [page, title] of PAGES) test(`headless Chromium, ${page}: the six operations`, async () => {
  const browser = await launchChromium();
  try {
    const id = `m-chromium-${page}`;
    const url = `${api.origin}/${page}/index.html?config=${encodeURIComponent(JSON.stringify(sixConfig(api, id)))}`;
    const { six, errors, wasm } = await leg('runtime', title, 'system `/usr/bin/chromium`', async () => {
      console.log(`Chromium ${browser.version()}`);
      const r = await sixInPage(browser, url);
      assert.deepEqual(r.six.six, expected(id), `${JSON.stringify(r.six)}\n${r.errors.join('\n')}`);
      return { six: r.six, ...r };
    });
    assert.deepEqual(errors, []);
    assert.equal(wasm.length, 1, `the ${page} fetched the .wasm once`);
    assert.equal(wasm[0].status, 200);
    assert.equal(wasm[0].type, 'application/wasm');
    assert.deepEqual(six.exports, documentedExports(), 'the browser entry exports what the README lists');
  } finally {
    await browser.close();
  }
});

