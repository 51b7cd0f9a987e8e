// Both clients built the same way: same base URL, account, token, retries and fetch.

import { McpServersClient } from '../pkg/node.js';
import { createClient } from 'cloudflare/tree-shakable';
import { Servers } from 'cloudflare/resources/zero-trust/access/ai-controls/mcp/servers';
import { ACCOUNT, BASE } from './fixtures.mjs';

export const SERVER_PARAMS = {
  id: 'bench-server', name: 'Bench server', hostname: 'https://bench.example.com/mcp', auth_type: 'unauthenticated',
};

/** Uniform surface: read(id), create(), list(params) → items, listAll(params) → async iterable. */
export function ours({ fetch, baseURL = BASE } = {}) {
  const c = new McpServersClient({ apiToken: 'bench-token', baseURL, accountId: ACCOUNT, maxRetries: 0, ...(fetch ? { fetch } : {}) });
  return {
    name: 'ours',
    read: (id) => c.read(id),
    create: () => c.create(SERVER_PARAMS),
    list: (params) => c.list(params).then((p) => p.result),
    listAll: (params) => c.listAll(params),
  };
}

export function official({ fetch, baseURL = BASE } = {}) {
  const c = createClient({ apiToken: 'bench-token', baseURL, maxRetries: 0, resources: [Servers], ...(fetch ? { fetch } : {}) });
  const s = c.zeroTrust.access.aiControls.mcp.servers;
  return {
    name: 'official',
    read: (id) => s.read(id, { account_id: ACCOUNT }),
    create: () => s.create({ account_id: ACCOUNT, ...SERVER_PARAMS }),
    list: (params) => s.list({ account_id: ACCOUNT, ...params }).then((p) => p.result),
    listAll: (params) => s.list({ account_id: ACCOUNT, ...params }),
  };
}

export const CLIENTS = { ours, official };
