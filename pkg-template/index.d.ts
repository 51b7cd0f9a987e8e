export * from './cf_mcp_servers.js';
