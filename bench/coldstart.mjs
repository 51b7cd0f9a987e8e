// Cold start: fresh `node` processes importing each client and constructing it, clients
// alternating, measured inside the child (from process start) and as the parent's spawn wall time.
// Two ways of loading: the installed packages as they are (`package`), and an esbuild bundle
// for Node (`bundled`; the official package's client.mjs imports every resource, so unbundled
// Node loads hundreds of files).
// Usage: node bench/coldstart.mjs [runs]. Prints one JSON line:
// { package: { ours: { load, total, wall }, official: … }, bundled: { … } } (arrays of ms).

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const runs = Number(process.argv[2] ?? 15);
const root = resolve(import.meta.dirname, '..');
const child = fileURLToPath(new URL('./coldstart-child.mjs', import.meta.url));

const SOURCES = {
  ours: `import { McpServersClient } from ${JSON.stringify(join(root, 'pkg/node.js'))};
globalThis.client = new McpServersClient({ apiToken: 't', accountId: 'a' });`,
  official: `import { createClient } from 'cloudflare/tree-shakable';
import { Servers } from 'cloudflare/resources/zero-trust/access/ai-controls/mcp/servers';
globalThis.client = createClient({ apiToken: 't', resources: [Servers] });`,
};

async function bundles(dir) {
  const paths = {};
  for (const [which, source] of Object.entries(SOURCES)) {
    const entry = join(dir, `${which}-entry.mjs`);
    writeFileSync(entry, source);
    paths[which] = join(dir, `${which}.mjs`);
    await build({
      entryPoints: [entry], outfile: paths[which], bundle: true, minify: true, format: 'esm',
      platform: 'node', target: 'node20', logLevel: 'error', absWorkingDir: root, nodePaths: [join(root, 'node_modules')],
    });
  }
  copyFileSync(join(root, 'pkg/cf_mcp_servers_bg.wasm'), join(dir, 'cf_mcp_servers_bg.wasm'));
  return paths;
}

function measure(paths) {
  const out = {};
  for (const which of ['ours', 'official']) out[which] = { load: [], total: [], wall: [] };
  for (let i = 0; i < runs + 1; i++) {
    for (const which of i % 2 ? ['ours', 'official'] : ['official', 'ours']) {
      const args = paths ? [child, which, paths[which]] : [child, which];
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
      const wall = performance.now() - t0;
      if (r.status !== 0) throw new Error(`cold start of ${which} failed: ${r.stderr}`);
      if (i === 0) continue; // the first pair warms the OS file cache
      const m = JSON.parse(r.stdout.trim().split('\n').pop());
      out[which].load.push(m.load);
      out[which].total.push(m.total);
      out[which].wall.push(wall);
    }
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'cf-bench-cold-'));
try {
  const result = { package: measure(null), bundled: measure(await bundles(dir)) };
  console.log(JSON.stringify(result));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
