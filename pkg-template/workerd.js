// Cloudflare Workers: wrangler/esbuild bundle the wasm as a module; instantiated once per
// isolate, with no fetch of the .wasm and no import.meta.url.
import wasmModule from './cf_mcp_servers_bg.wasm';
import { initSync } from './cf_mcp_servers.js';

initSync({ module: wasmModule });

{{EXPORTS}}
