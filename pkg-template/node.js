// Node.js ≥ 20 and Deno: reads the wasm from disk, synchronously, once per process.
import { readFileSync } from 'node:fs';
import { initSync } from './cf_mcp_servers.js';
import { useEnvironment } from '{{GLUE}}';

initSync({ module: readFileSync(new URL('./cf_mcp_servers_bg.wasm', import.meta.url)) });

// Options left unset come from CLOUDFLARE_API_TOKEN, … as the official SDK reads them (Node,
// Bun, and Deno only when --allow-env grants the variable: asked without a prompt). The other
// entries (browsers, Workers) give no reader, so there nothing is read.
useEnvironment((name) => {
  const deno = globalThis.Deno;
  if (deno) {
    const granted = deno.permissions?.querySync?.({ name: 'env', variable: name }).state === 'granted';
    return granted ? deno.env.get(name) : undefined;
  }
  return globalThis.process?.env?.[name];
});

{{EXPORTS}}
