// A Cloudflare Worker built on `cf-mcp-servers`:
//   - cron: syncs every MCP server of the account and logs which are in error and why;
//   - GET /servers, GET /servers/:id, POST /servers/:id/sync: JSON for a dashboard;
//   - with a KV namespace bound as CATALOGUE, catalogue review (review.js): the cron keeps each
//     server's last approved snapshot and what is pending since, quarantining it when QUARANTINE
//     is set; GET /review, GET /review/:id and POST /review/:id/approve serve it as JSON;
//   - /client/v4/accounts/:account/access/ai-controls/mcp/servers… and …/mcp/portals…: a
//     pass-through for the admin page, with the API token added here (it never reaches the browser);
//   - everything else: the admin page, served from static assets by the runtime (wrangler.toml).
// Every route above sits behind the access check of access.js. Secrets come from `env` only.
// The `full` entry: the Worker reviews catalogues (syncAndReview), which the main entry leaves out.
import { McpServersClient, McpServersError } from 'cf-mcp-servers/full';
import { accessDenied } from './access.js';
import { reviewServer, pendingChanges, pendingOf, approveServer } from './review.js';

const DEFAULT_API = 'https://api.cloudflare.com/client/v4';
const API_PATH = /^\/client\/v4\/accounts\/([^/]+)\/access\/ai-controls\/mcp\/(?:servers(?:\/[^/]+(?:\/sync)?)?|portals(?:\/[^/]+)?)$/;

// One client per isolate (per configuration), not per request.
let cached = { key: undefined, client: undefined };
function clientFor(env) {
  const key = [env.CLOUDFLARE_API_TOKEN, env.CLOUDFLARE_ACCOUNT_ID, env.CLOUDFLARE_API_BASE_URL].join('\n');
  if (cached.key !== key) {
    cached = {
      key,
      client: new McpServersClient({
        apiToken: env.CLOUDFLARE_API_TOKEN,
        accountId: env.CLOUDFLARE_ACCOUNT_ID || undefined,
        baseURL: env.CLOUDFLARE_API_BASE_URL || DEFAULT_API,
        // A service binding to the API (optional) is used instead of the global fetch.
        fetch: env.CLOUDFLARE_API ? (url, init) => env.CLOUDFLARE_API.fetch(url, init) : undefined,
        // Never park a request (or a cron run) for minutes on a long Retry-After.
        maxRetryDelay: 10_000,
      }),
    };
  }
  return cached.client;
}

/** Syncs every server, at most `concurrency` at a time; resolves to a report. With `kv`, each
 * synced server is reviewed against its approved snapshot (review.js). */
async function syncAll(client, concurrency = 4, kv, env) {
  const ids = [];
  for await (const server of client.listAll({ per_page: 100 })) ids.push(server.id);
  const results = new Array(ids.length);
  let next = 0;
  async function lane() {
    while (next < ids.length) {
      const i = next++;
      const id = ids[i];
      try {
        let outcome;
        if (kv) {
          const { sync, server } = await client.syncAndReview(id);
          const reviewed = await reviewServer(client, kv, env, server);
          outcome = { ...sync, pending: reviewed.pending, quarantined: reviewed.quarantined };
        } else {
          outcome = await client.sync(id);
        }
        const { status, error, error_details } = outcome;
        results[i] = { id, status: status ?? 'unknown', error, error_details };
        if (kv) Object.assign(results[i], { pending: outcome.pending, quarantined: outcome.quarantined });
      } catch (e) {
        // The API itself failed for this server (after the client's retries).
        results[i] = { id, status: 'api_error', error: e.message, kind: e.kind, http_status: e.status, code: e.code };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, lane));
  const failing = results.filter((r) => r.status === 'error' || r.status === 'api_error');
  const report = { synced: results.length, ok: results.length - failing.length, failing };
  if (kv) {
    report.pending = results.filter((r) => r.pending).map((r) => r.id);
    report.quarantined = results.filter((r) => r.quarantined && (r.quarantined.tools.length || r.quarantined.prompts.length))
      .map((r) => ({ id: r.id, ...r.quarantined }));
  }
  return report;
}

const json = (body, status = 200) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

function errorResponse(e) {
  if (!(e instanceof McpServersError)) return json({ error: { message: String(e?.message ?? e) } }, 500);
  // 400 for our caller's mistakes, 404 passed on, anything else is the upstream API's failure.
  const status = e.kind === 'validation' ? 400 : e.status === 404 ? 404 : 502;
  return json({ error: e.toJSON() }, status);
}

async function passThrough(request, env, url) {
  const match = url.pathname.match(API_PATH);
  if (!match) return json({ error: { message: 'not an MCP servers or portals path' } }, 404);
  if (env.CLOUDFLARE_ACCOUNT_ID && match[1] !== env.CLOUDFLARE_ACCOUNT_ID) {
    return json({ error: { message: 'not the account this Worker manages' } }, 403);
  }
  const base = (env.CLOUDFLARE_API_BASE_URL || DEFAULT_API).replace(/\/+$/, '');
  const target = base + url.pathname.slice('/client/v4'.length) + url.search;
  const headers = new Headers();
  for (const name of ['accept', 'content-type']) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  // The browser's own credentials (if any) are dropped; the Worker's secret is used instead.
  headers.set('authorization', `Bearer ${env.CLOUDFLARE_API_TOKEN}`);
  const hasBody = !['GET', 'HEAD'].includes(request.method);
  const upstream = await fetch(target, { method: request.method, headers, body: hasBody ? request.body : undefined });
  const out = new Headers({ 'cache-control': 'no-store' });
  for (const name of ['content-type', 'cf-ray', 'retry-after', 'retry-after-ms', 'x-should-retry']) {
    const value = upstream.headers.get(name);
    if (value) out.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers: out });
}

async function route(request, env) {
  const url = new URL(request.url);
  const { pathname } = url;
  const isApi = pathname === '/servers' || pathname.startsWith('/servers/') || pathname.startsWith('/client/v4/')
    || pathname === '/review' || pathname.startsWith('/review/');
  if (!isApi) return env.ASSETS ? env.ASSETS.fetch(request) : json({ error: { message: 'not found' } }, 404);
  const denied = await accessDenied(request, env);
  if (denied) {
    return json({ error: { message: `refused (${denied}): this route must sit behind Cloudflare Access, see README` } }, 403);
  }
  if (pathname.startsWith('/client/v4/')) return passThrough(request, env, url);

  const client = clientFor(env);
  if (pathname === '/review' || pathname.startsWith('/review/')) return reviewRoute(request, env, client, pathname);
  const m = pathname.match(/^\/servers(?:\/([^/]+)(\/sync)?)?$/);
  if (!m) return json({ error: { message: 'not found' } }, 404);
  const [, rawId, action] = m;
  const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
  if (request.method === 'GET' && id === undefined) {
    const search = url.searchParams.get('search') || undefined;
    const servers = [];
    for await (const server of client.listAll({ per_page: 100, search })) servers.push(server);
    return json({ servers });
  }
  if (request.method === 'GET' && id && !action) return json(await client.read(id));
  if (request.method === 'POST' && id && action) return json(await client.sync(id));
  return json({ error: { message: 'not found' } }, 404);
}

/** GET /review, GET /review/:id, POST /review/:id/approve (needs the CATALOGUE binding). */
async function reviewRoute(request, env, client, pathname) {
  if (!env.CATALOGUE) return json({ error: { message: 'catalogue review needs a KV namespace bound as CATALOGUE' } }, 501);
  const m = pathname.match(/^\/review(?:\/([^/]+)(\/approve)?)?$/);
  if (!m) return json({ error: { message: 'not found' } }, 404);
  const [, rawId, approve] = m;
  const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
  if (request.method === 'GET' && id === undefined) return json({ pending: await pendingChanges(env.CATALOGUE) });
  if (request.method === 'GET' && id && !approve) return json({ id, pending: await pendingOf(env.CATALOGUE, id) });
  if (request.method === 'POST' && id && approve) return json(await approveServer(client, env.CATALOGUE, id));
  return json({ error: { message: 'not found' } }, 404);
}

export default {
  async fetch(request, env) {
    try {
      return await route(request, env);
    } catch (e) {
      return errorResponse(e);
    }
  },

  async scheduled(controller, env, ctx) {
    const concurrency = Number(env.SYNC_CONCURRENCY) || 4;
    // A failed listing throws, so the run counts as failed; a server in error is reported, not thrown.
    let report;
    try {
      report = await syncAll(clientFor(env), concurrency, env.CATALOGUE, env);
    } catch (e) {
      console.error(`mcp-sync failed: ${e.message}`);
      throw e;
    }
    console.log(JSON.stringify({ event: 'mcp-sync', cron: controller.cron, ...report }));
    for (const f of report.failing) {
      const d = f.error_details ?? {};
      console.warn(`mcp server ${f.id}: ${f.status}: ${f.error ?? ''} (status_code ${d.status_code ?? '-'}, upstream ${d.is_upstream ?? '-'})`);
    }
  },
};
