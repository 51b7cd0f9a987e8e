// Canned API data and the in-process fetch stub shared by both clients.
//
// Both clients call `fetch(url, init)`; the stub also takes a Request or a URL, as any fetch
// does.

export const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
export const BASE = 'https://api.cloudflare.com/client/v4';

const WORDS = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa'.split(' ');

/** A tool as MCP's tools/list reports it, with an input schema of about 1 KB. */
export function tool(i) {
  const w = (k) => WORDS[(i + k) % WORDS.length];
  return {
    name: `${w(0)}_${w(3)}_${i}`,
    description: `Runs the ${w(1)} ${w(2)} operation against the upstream ${w(4)} service and returns the matching records.`,
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: `Free-text ${w(5)} query; supports quoted phrases and field:value filters.`, minLength: 1, maxLength: 2048 },
        limit: { type: 'integer', description: 'Maximum number of results to return.', minimum: 1, maximum: 100, default: 20 },
        cursor: { type: 'string', description: 'Opaque cursor from a previous response, for the next page.' },
        sort: { type: 'string', enum: ['relevance', 'created', 'updated', w(6)], description: 'Sort order of the results.' },
        filters: {
          type: 'object',
          description: `Structured ${w(7)} filters combined with AND.`,
          properties: {
            owner: { type: 'string', description: 'Owner login or id.' },
            labels: { type: 'array', items: { type: 'string' }, description: 'Labels that must all be present.' },
            since: { type: 'string', format: 'date-time', description: 'Only items changed after this instant.' },
          },
          additionalProperties: false,
        },
      },
      required: ['query'],
      additionalProperties: false,
      $schema: 'http://json-schema.org/draft-07/schema#',
    },
    annotations: { readOnlyHint: true, openWorldHint: i % 2 === 0 },
  };
}

/** A fully populated server as the API returns it. */
export function server(i, tools = 2) {
  const id = `server-${i}`;
  return {
    id,
    name: `MCP server ${i}`,
    hostname: `https://mcp${i}.example.com/mcp`,
    auth_type: i % 3 === 0 ? 'oauth' : i % 3 === 1 ? 'bearer' : 'unauthenticated',
    description: `Upstream MCP server number ${i}`,
    status: 'ready',
    authentication_status: i % 3 === 0 ? 'connected' : 'not_required',
    created_at: '2026-11-01T10:00:00Z',
    created_by: 'admin@example.com',
    modified_at: '2026-11-20T12:30:00Z',
    modified_by: 'admin@example.com',
    last_synced: '2026-11-24T08:00:00Z',
    last_successful_sync: '2026-11-24T08:00:00Z',
    is_shared_oauth_callback_enabled: false,
    secure_web_gateway: true,
    tools: Array.from({ length: tools }, (_, t) => tool(i * 1000 + t)),
    prompts: [{ name: 'summarize', description: 'Summarize a document', arguments: [{ name: 'text', required: true }] }],
    updated_tools: [{ name: tools ? tool(i * 1000).name : 'x', alias: 'search', enabled: true }],
    updated_prompts: [],
  };
}

export function envelope(result, result_info) {
  const body = { success: true, errors: [], messages: [], result };
  if (result_info) body.result_info = result_info;
  return JSON.stringify(body);
}

/** A portal as the API returns it: its fields and `servers`, each the full server plus the link. */
export function portal(i, servers = 3) {
  return {
    id: `portal-${i}`,
    name: `MCP portal ${i}`,
    hostname: `portal${i}.example.com`,
    description: `Portal number ${i}`,
    code_mode: 'opt_in',
    allow_code_mode: true,
    secure_web_gateway: false,
    created_at: '2026-11-01T10:00:00Z',
    created_by: 'admin@example.com',
    modified_at: '2026-11-20T12:30:00Z',
    modified_by: 'admin@example.com',
    servers: Array.from({ length: servers }, (_, k) => {
      const s = server(i * 10 + k, 2);
      return {
        ...s,
        server_id: s.id,
        default_disabled: k % 2 === 1,
        on_behalf: true,
        updated_tools: [{ name: s.tools[0].name, portal_alias: 'find', server_alias: 'search', enabled: true }],
        updated_prompts: [],
      };
    }),
  };
}

/** Canned bodies: one server, a default page of 20, and a large page (100 servers × 50 tools). */
export function cannedBodies() {
  const page = (n, tools) => {
    const result = Array.from({ length: n }, (_, i) => server(i, tools));
    return envelope(result, { page: 1, per_page: n, count: n, total_count: n, total_pages: 1 });
  };
  let large;
  return {
    read: envelope(server(1, 5)),
    create: envelope(server(7, 0)),
    list: page(20, 2),
    get large() { return (large ??= page(100, 50)); }, // 6 MB: built when first asked for
    portalRead: envelope(portal(1, 3)),
    portalCreate: envelope(portal(7, 1)),
    portalList: envelope(Array.from({ length: 20 }, (_, i) => portal(i, 2)), { page: 1, per_page: 20, count: 20, total_count: 20, total_pages: 1 }),
  };
}

const HEADERS = { 'content-type': 'application/json', 'cf-ray': '8f0000000000abcd-SJC' };

/**
 * A fetch that answers from `bodies` by method and path, with no I/O: GET …/servers/:id → read,
 * POST …/servers → create, GET …/servers → list (or `large` when `useLarge()` says so), and
 * likewise for …/portals.
 */
export function makeStub(bodies, { large = false } = {}) {
  let calls = 0;
  const stub = async (input, init) => {
    calls++;
    let url, method;
    if (typeof input === 'string') { url = input; method = init?.method ?? 'GET'; }
    else if (input instanceof URL) { url = input.href; method = init?.method ?? 'GET'; }
    else { url = input.url; method = init?.method ?? input.method; }
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    let body;
    if (path.endsWith('/portals')) body = method === 'POST' ? bodies.portalCreate : bodies.portalList;
    else if (path.includes('/portals/')) body = bodies.portalRead;
    else if (path.endsWith('/servers')) body = method === 'POST' ? bodies.create : large ? bodies.large : bodies.list;
    else body = bodies.read;
    return new Response(body, { status: 200, headers: HEADERS });
  };
  stub.count = () => calls;
  return stub;
}
