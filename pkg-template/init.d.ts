export * from './cf_mcp_servers.js';
export { default, default as init, initSync } from './cf_mcp_servers.js';
