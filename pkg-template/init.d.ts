{{EXPORTS}}
export { default, default as init, initSync } from './cf_mcp_servers.js';
export type { InitInput, SyncInitInput, InitOutput } from './cf_mcp_servers.js';
