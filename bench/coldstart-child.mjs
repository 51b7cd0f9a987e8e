// One cold start: import the client and construct it, in a fresh process.
// Usage: node coldstart-child.mjs <ours|official> [bundle.mjs]
// Without a bundle it imports the installed packages; with one, the esbuild bundle that does the
// same. Prints { boot, load, total } in ms: boot = process start → this script runs, load =
// import + construct (wasm compile and instantiate included for ours), total = process start → ready.

const [which, bundle] = process.argv.slice(2);
const t0 = performance.now(); // performance.timeOrigin is the process start
if (bundle) {
  await import(bundle);
} else if (which === 'ours') {
  const { McpServersClient } = await import('../pkg/node.js');
  globalThis.client = new McpServersClient({ apiToken: 't', accountId: 'a' });
} else {
  const { createClient } = await import('cloudflare/tree-shakable');
  const { Servers } = await import('cloudflare/resources/zero-trust/access/ai-controls/mcp/servers');
  globalThis.client = createClient({ apiToken: 't', resources: [Servers] });
}
if (!globalThis.client) throw new Error('no client');
const t1 = performance.now();
console.log(JSON.stringify({ boot: t0, load: t1 - t0, total: t1 }));
