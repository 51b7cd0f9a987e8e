// A tiny Worker that imports the bare package (resolved through its `workerd` export condition)
// and runs all six operations, returning what it saw as JSON for bare-package.test.mjs.
import { McpServersClient, McpServersError } from 'cf-mcp-servers';

let client; // once per isolate
const plain = (e) => (e instanceof McpServersError
  ? { isMcpServersError: true, isError: e instanceof Error, ...e.toJSON(), string: String(e) }
  : { isMcpServersError: false, message: String(e?.stack ?? e) });

async function run(env) {
  client ??= new McpServersClient({ apiToken: env.TOKEN, baseURL: env.BASE_URL, accountId: env.ACCOUNT_ID, maxRetries: 0 });
  const out = {};
  const step = async (name, fn) => {
    try { out[name] = { ok: await fn() }; } catch (e) { out[name] = { error: plain(e) }; }
  };
  const id = 'bare-pkg-1';
  await step('create', () => client.create({ id, name: 'Bare', hostname: env.DEMO_MCP, auth_type: 'unauthenticated', description: null }));
  await step('create2', () => client.create({ id: 'bare-pkg-2', name: 'Bare 2', hostname: env.DEMO_MCP, auth_type: 'unauthenticated' }));
  await step('read', () => client.read(id));
  await step('list', () => client.list({ per_page: 1, search: 'bare-pkg' }));
  await step('listAll', async () => {
    const ids = [];
    for await (const s of client.listAll({ per_page: 1, search: 'bare-pkg' })) ids.push(s.id);
    return ids;
  });
  await step('update', () => client.update(id, { name: 'Bare renamed', description: 'updated in workerd' }));
  await step('sync', () => client.sync(id));
  await step('delete', () => client.delete(id));
  await step('readDeleted', () => client.read(id));
  await step('invalid', () => client.read('../x'));
  // A service binding's fetch as the client's transport.
  const viaBinding = new McpServersClient({
    apiToken: env.TOKEN, accountId: env.ACCOUNT_ID, baseURL: 'http://api.internal/client/v4',
    fetch: (url, init) => env.API.fetch(url, init),
  });
  await step('viaBinding', () => viaBinding.read('bare-pkg-2'));
  // withOptions: another base URL and the service binding, the rest kept.
  await step('withOptions', () => client.withOptions({
    baseURL: 'http://api.internal/client/v4', fetch: (url, init) => env.API.fetch(url, init), timeout: 5000,
  }).read('bare-pkg-2'));
  // withResponse: the binding's response with a rate-limit header added, as Cloudflare sends it.
  const withRateLimit = async (url, init) => {
    const r = await env.API.fetch(url, init);
    const headers = new Headers(r.headers);
    headers.set('ratelimit', '"default";r=7;t=9');
    headers.set('ratelimit-policy', '"default";q=1200;w=300');
    headers.set('cf-ray', '8f1c2e3d4b5a6978-SJC');
    return new Response(r.body, { status: r.status, headers });
  };
  await step('withResponse', async () => {
    const { data, response } = await client.withOptions({ fetch: withRateLimit }).withResponse().read('bare-pkg-2');
    return {
      id: data.id, status: response.status, rayId: response.rayId, rateLimit: response.rateLimit,
      headersAreHeaders: response.headers instanceof Headers, contentType: response.headers.get('content-type'),
    };
  });
  await step('logger', async () => {
    const lines = [];
    const logger = { error: (l) => lines.push(['error', l]), warn: (l) => lines.push(['warn', l]), info: (l) => lines.push(['info', l]), debug: (l) => lines.push(['debug', l]) };
    await client.withOptions({ fetch: withRateLimit, logger, logLevel: 'info' }).read('bare-pkg-2');
    return lines;
  });
  // Workers have no environment: even a `process.env` someone put on the global is not read.
  await step('noEnvironment', async () => {
    const saved = globalThis.process;
    globalThis.process = { env: { CLOUDFLARE_API_TOKEN: env.TOKEN, CLOUDFLARE_LOG: 'info' } };
    try {
      return await new McpServersClient({ baseURL: env.BASE_URL, accountId: env.ACCOUNT_ID }).read('bare-pkg-2');
    } finally {
      globalThis.process = saved;
    }
  });
  const wrong = new McpServersClient({ apiToken: 'wrong-token', baseURL: env.BASE_URL, accountId: env.ACCOUNT_ID, maxRetries: 0 });
  await step('wrongToken', () => wrong.list());
  await step('cleanup', () => client.delete('bare-pkg-2'));
  // A redirecting API: workerd with redirect 'manual' hands back the 3xx, which must not be followed.
  out.redirects = {};
  for (const status of [301, 302, 303, 307, 308]) {
    const redirected = new McpServersClient({ apiToken: env.TOKEN, baseURL: `${env.REDIRECTOR}/s${status}/client/v4`, accountId: env.ACCOUNT_ID });
    try {
      await redirected.create({ id: 'moved', name: 'Moved', hostname: env.DEMO_MCP, auth_type: 'bearer', auth_credentials: 'upstream-secret-1234' });
      out.redirects[status] = { ok: true };
    } catch (e) {
      out.redirects[status] = { error: plain(e) };
    }
  }
  return out;
}

export default {
  async fetch(request, env) {
    return Response.json(await run(env));
  },
};
