// Custom loading: nothing runs at import. Call `await init(source)` (a URL, Response,
// BufferSource or WebAssembly.Module) or `initSync({ module })` before using the client.
export { default as init, default, initSync } from './cf_mcp_servers.js';
{{EXPORTS}}
