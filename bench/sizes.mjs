// Download size: each client bundled by esbuild for the browser (minified, ESM), then raw,
// gzip -9 and brotli (max quality). Ours counts the bundle plus the .wasm it fetches.
// `…-both`: a client of each resource (servers and portals), the official one tree-shaken with
// `Servers` and `Portals`; `ours-whole`: every export of `cf-mcp-servers/full` (catalogue review
// and declarative configuration too), so nothing is shaken off.
// Also the floor (bench/floor: one GET in Rust on wasm-bindgen) when `cargo xtask bench` built it.
// Prints one JSON line: { ours: { files, raw, gzip, brotli }, official: { … }, floor?: { … } }.

import { build } from 'esbuild';
import { existsSync, mkdtempSync, writeFileSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');

const ENTRIES = {
  ours: `import { McpServersClient } from ${JSON.stringify(join(root, 'pkg/browser.js'))};
const client = new McpServersClient({ apiToken: 't', accountId: 'a' });
globalThis.server = await client.read('x');`,
  official: `import { createClient } from 'cloudflare/tree-shakable';
import { Servers } from 'cloudflare/resources/zero-trust/access/ai-controls/mcp/servers';
const client = createClient({ apiToken: 't', resources: [Servers] });
globalThis.server = await client.zeroTrust.access.aiControls.mcp.servers.read('x', { account_id: 'a' });`,
  'ours-both': `import { McpServersClient, McpPortalsClient } from ${JSON.stringify(join(root, 'pkg/browser.js'))};
const options = { apiToken: 't', accountId: 'a' };
globalThis.server = await new McpServersClient(options).read('x');
globalThis.portal = await new McpPortalsClient(options).read('x');`,
  'ours-whole': `import * as all from ${JSON.stringify(join(root, 'pkg/full/browser.js'))};
globalThis.all = all;`,
  'official-both': `import { createClient } from 'cloudflare/tree-shakable';
import { Portals } from 'cloudflare/resources/zero-trust/access/ai-controls/mcp/portals';
import { Servers } from 'cloudflare/resources/zero-trust/access/ai-controls/mcp/servers';
const client = createClient({ apiToken: 't', resources: [Servers, Portals] });
const mcp = client.zeroTrust.access.aiControls.mcp;
globalThis.server = await mcp.servers.read('x', { account_id: 'a' });
globalThis.portal = await mcp.portals.read('x', { account_id: 'a' });`,
};
// The wasm each entry fetches: esbuild leaves `new URL('….wasm', import.meta.url)` alone, and
// the browser downloads it too.
const ourWasm = join(root, 'pkg/cf_mcp_servers_bg.wasm');
const WASM = { ours: ourWasm, 'ours-both': ourWasm, 'ours-whole': join(root, 'pkg/full/cf_mcp_servers_bg.wasm') };
const floor = join(root, 'target/floor/pkg');
if (existsSync(join(floor, 'floor.js'))) {
  ENTRIES.floor = `import init, { read } from ${JSON.stringify(join(floor, 'floor.js'))};
await init();
globalThis.server = await read('https://api.cloudflare.com/client/v4/x', 't');`;
  WASM.floor = join(floor, 'floor_bg.wasm');
}

function measure(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const out = {};
const dir = mkdtempSync(join(tmpdir(), 'cf-bench-size-'));
try {
  for (const [name, source] of Object.entries(ENTRIES)) {
    const entry = join(dir, `${name}-entry.mjs`);
    const outdir = join(dir, name);
    writeFileSync(entry, source);
    await build({
      entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser',
      target: 'es2022', outdir, logLevel: 'error', absWorkingDir: root, nodePaths: [join(root, 'node_modules')],
    });
    const files = readdirSync(outdir).map((f) => ({ file: f, ...measure(readFileSync(join(outdir, f))) }));
    if (WASM[name]) files.push({ file: WASM[name].split('/').pop(), ...measure(readFileSync(WASM[name])) });
    const total = (k) => files.reduce((s, f) => s + f[k], 0);
    out[name] = { files, raw: total('raw'), gzip: total('gzip'), brotli: total('brotli') };
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(out));
