// A small in-process stand-in for the Cloudflare MCP servers API (node:http, 127.0.0.1 only),
// used when CF_MCP_API=stand-in; the default is the real emulator (target/debug/cf-mcp-emulator).
// Enough of the API for these tests: the v4 envelope, bearer auth, paging, 404/7002, sync.
import http from 'node:http';

export async function startStandIn({ token }) {
  const servers = new Map();
  const requests = [];
  const syncs = { inFlight: 0, maxInFlight: 0 };
  let origin;
  const send = (res, status, body) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cf-ray': 'standin-ray' });
    res.end(JSON.stringify(body));
  };
  const fail = (res, status, code, message) =>
    send(res, status, { success: false, errors: [{ code, message }], messages: [], result: null });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, origin);
    let body = '';
    for await (const chunk of req) body += chunk;
    requests.push({ method: req.method, path: url.pathname, authorization: req.headers.authorization });
    if (url.pathname === '/demo-mcp') return send(res, 200, { jsonrpc: '2.0', result: {} });
    const m = url.pathname.match(/^\/client\/v4\/accounts\/([^/]+)\/access\/ai-controls\/mcp\/servers(?:\/([^/]+))?(\/sync)?$/);
    if (!m) return fail(res, 404, 7000, 'No route for that URI');
    if (req.headers.authorization !== `Bearer ${token}`) return fail(res, 401, 10000, 'Authentication error');
    const [, , id, sync] = m;
    const now = new Date().toISOString();
    if (!id && req.method === 'GET') {
      const page = Number(url.searchParams.get('page') || 1);
      const perPage = Number(url.searchParams.get('per_page') || 20);
      const search = url.searchParams.get('search');
      const all = [...servers.values()].filter((s) => !search || s.id.includes(search) || s.name.includes(search));
      const result = all.slice((page - 1) * perPage, page * perPage);
      const result_info = { page, per_page: perPage, count: result.length, total_count: all.length, total_pages: Math.ceil(all.length / perPage) };
      return send(res, 200, { success: true, errors: [], messages: [], result, result_info });
    }
    if (!id && req.method === 'POST') {
      const p = JSON.parse(body || '{}');
      if (servers.has(p.id)) return fail(res, 409, 7003, 'Server already exists');
      const s = { id: p.id, name: p.name, hostname: p.hostname, auth_type: p.auth_type, description: p.description,
        tools: [], prompts: [], status: 'waiting', created_at: now, modified_at: now };
      servers.set(p.id, s);
      return send(res, 201, { success: true, errors: [], messages: [], result: s });
    }
    const s = servers.get(id);
    if (!s) return fail(res, 404, 7002, 'Not Found');
    if (sync && req.method === 'POST') {
      syncs.inFlight += 1;
      syncs.maxInFlight = Math.max(syncs.maxInFlight, syncs.inFlight);
      await new Promise((resolve) => setTimeout(resolve, 30));
      syncs.inFlight -= 1;
      s.last_synced = now;
      const reachable = s.hostname === `${origin}/demo-mcp`;
      const result = reachable
        ? { status: 'ready' }
        : { status: 'error', error: 'connection refused',
            error_details: { cause: 'connection refused', is_upstream: false, retryable: true } };
      Object.assign(s, result, reachable ? { tools: [{ name: 'echo' }], last_successful_sync: now } : {});
      return send(res, 200, { success: true, errors: [], messages: [], result });
    }
    if (req.method === 'GET') return send(res, 200, { success: true, result: s });
    if (req.method === 'PUT') {
      Object.assign(s, JSON.parse(body || '{}'), { modified_at: now });
      return send(res, 200, { success: true, result: s });
    }
    if (req.method === 'DELETE') {
      servers.delete(id);
      return send(res, 200, { success: true, result: s });
    }
    return fail(res, 405, 10405, 'Method not allowed');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, requests, syncs, stop: () => new Promise((resolve) => server.close(resolve)) };
}
