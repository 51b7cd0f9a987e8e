// Node.js ≥ 20 and Deno: reads the wasm from disk, synchronously, once per process.
import { readFileSync } from 'node:fs';
import { initSync } from './cf_mcp_servers.js';

initSync({ module: readFileSync(new URL('./cf_mcp_servers_bg.wasm', import.meta.url)) });

{{EXPORTS}}
