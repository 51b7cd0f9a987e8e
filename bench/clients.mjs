// Both clients built the same way: same base URL, account, token, retries and fetch.

import { McpPortalsClient, McpServersClient } from '../pkg/node.js';
import { createClient } from 'cloudflare/tree-shakable';
import { Portals } from 'cloudflare/resources/zero-trust/access/ai-controls/mcp/portals';
import { Servers } from 'cloudflare/resources/zero-trust/access/ai-controls/mcp/servers';
import { ACCOUNT, BASE } from './fixtures.mjs';

export const SERVER_PARAMS = {
  id: 'bench-server', name: 'Bench server', hostname: 'https://bench.example.com/mcp', auth_type: 'unauthenticated',
};

export const PORTAL_PARAMS = {
  id: 'bench-portal', name: 'Bench portal', hostname: 'bench-portal.example.com',
  servers: [{ server_id: 'server-1', default_disabled: true, updated_tools: [{ name: 'search', alias: 'find', enabled: true }] }],
};

/** Uniform surface: read(id), create(), list(params) → items, listAll(params) → async iterable. */
export function ours({ fetch, baseURL = BASE } = {}) {
  const options = { apiToken: 'bench-token', baseURL, accountId: ACCOUNT, maxRetries: 0, ...(fetch ? { fetch } : {}) };
  const c = new McpServersClient(options);
  const p = new McpPortalsClient(options);
  return {
    name: 'ours',
    read: (id) => c.read(id),
    create: () => c.create(SERVER_PARAMS),
    list: (params) => c.list(params).then((p) => p.result),
    listAll: (params) => c.listAll(params),
    portalRead: (id) => p.read(id),
    portalCreate: () => p.create(PORTAL_PARAMS),
    portalList: (params) => p.list(params).then((page) => page.result),
  };
}

export function official({ fetch, baseURL = BASE } = {}) {
  const c = createClient({ apiToken: 'bench-token', baseURL, maxRetries: 0, resources: [Servers, Portals], ...(fetch ? { fetch } : {}) });
  const s = c.zeroTrust.access.aiControls.mcp.servers;
  const p = c.zeroTrust.access.aiControls.mcp.portals;
  return {
    name: 'official',
    read: (id) => s.read(id, { account_id: ACCOUNT }),
    create: () => s.create({ account_id: ACCOUNT, ...SERVER_PARAMS }),
    list: (params) => s.list({ account_id: ACCOUNT, ...params }).then((p) => p.result),
    listAll: (params) => s.list({ account_id: ACCOUNT, ...params }),
    portalRead: (id) => p.read(id, { account_id: ACCOUNT }),
    portalCreate: () => p.create({ account_id: ACCOUNT, ...PORTAL_PARAMS }),
    portalList: (params) => p.list({ account_id: ACCOUNT, ...params }).then((page) => page.result),
  };
}

export const CLIENTS = { ours, official };
