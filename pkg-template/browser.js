// Browsers, web workers and bundlers: fetches and instantiates the wasm beside this file.
import init from './cf_mcp_servers.js';

await init({ module_or_path: new URL('./cf_mcp_servers_bg.wasm', import.meta.url) });

{{EXPORTS}}
