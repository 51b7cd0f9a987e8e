// A KV namespace for workerd's own `kvNamespace` binding: workerd's KV client (the code behind
// env.KV.get/put/delete/list in production Workers) speaks HTTP to the service named in the
// binding, and this is that service, on 127.0.0.1, with the store in memory so a test can look
// at what the Worker wrote. The protocol, as workerd sends it:
//   GET    /<key>?urlencoded=true        → 200 value (+ CF-KV-Metadata) or 404
//   PUT    /<key>?urlencoded=true        ← value, CF-KV-Metadata header
//   DELETE /<key>?urlencoded=true
//   GET    /?prefix=&limit=&cursor=       → { keys: [{ name, metadata? }], list_complete, cursor? }
import http from 'node:http';

export async function startKv() {
  const store = new Map(); // key → { value: Buffer, metadata?: string }
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://kv');
      const key = decodeURIComponent(url.pathname.slice(1));
      requests.push(`${req.method} ${key}`);
      if (req.method === 'PUT') {
        store.set(key, { value: Buffer.concat(chunks), metadata: req.headers['cf-kv-metadata'] });
        res.end();
      } else if (req.method === 'DELETE') {
        store.delete(key);
        res.end();
      } else if (req.method === 'GET' && key === '') {
        const prefix = url.searchParams.get('prefix') ?? '';
        const limit = Number(url.searchParams.get('limit')) || 1000;
        const start = Number(url.searchParams.get('cursor') || 0);
        const names = [...store.keys()].filter((k) => k.startsWith(prefix)).sort();
        const page = names.slice(start, start + limit);
        const done = start + limit >= names.length;
        const keys = page.map((name) => {
          const { metadata } = store.get(name);
          return metadata ? { name, metadata: JSON.parse(metadata) } : { name };
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys, list_complete: done, ...(done ? {} : { cursor: String(start + limit) }) }));
      } else if (req.method === 'GET') {
        const hit = store.get(key);
        if (!hit) { res.writeHead(404); res.end(); return; }
        res.writeHead(200, hit.metadata ? { 'cf-kv-metadata': hit.metadata } : {});
        res.end(hit.value);
      } else {
        res.writeHead(405);
        res.end();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${server.address().port}`,
    store,
    requests,
    /** The stored value of `key` parsed as JSON, or undefined. */
    json: (key) => (store.has(key) ? JSON.parse(store.get(key).value.toString('utf8')) : undefined),
    stop: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
