// Auto-pagination: how many requests each client makes to walk 10 full pages (per_page 20,
// 200 servers) from a loopback HTTP server, in three server behaviours:
//   none    – no result_info at all
//   partial – result_info without totals (page, per_page, count)
//   totals  – result_info with total_count and total_pages
// Prints one JSON line: { none: { ours: { requests, items }, official: … }, partial: …, totals: … }.

import { createServer } from 'node:http';
import { envelope, server } from './fixtures.mjs';
import { CLIENTS } from './clients.mjs';

const PER_PAGE = 20;
const TOTAL = 200;
const ITEMS = Array.from({ length: TOTAL }, (_, i) => server(i, 1));

let mode = 'none';
let requests = 0;
const http = createServer((req, res) => {
  requests++;
  const url = new URL(req.url, 'http://x');
  const page = Number(url.searchParams.get('page') ?? 1);
  const perPage = Number(url.searchParams.get('per_page') ?? 20);
  const result = ITEMS.slice((page - 1) * perPage, page * perPage);
  let info;
  if (mode === 'partial') info = { page, per_page: perPage, count: result.length };
  if (mode === 'totals') info = { page, per_page: perPage, count: result.length, total_count: TOTAL, total_pages: Math.ceil(TOTAL / perPage) };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(envelope(result, info));
});
await new Promise((ok) => http.listen(0, '127.0.0.1', ok));
const baseURL = `http://127.0.0.1:${http.address().port}/client/v4`;

const out = {};
try {
  for (mode of ['none', 'partial', 'totals']) {
    out[mode] = {};
    for (const [name, make] of Object.entries(CLIENTS)) {
      const client = make({ baseURL });
      requests = 0;
      let items = 0;
      for await (const _ of client.listAll({ per_page: PER_PAGE })) items++;
      out[mode][name] = { requests, items };
    }
  }
} finally {
  http.close();
  http.closeAllConnections?.();
}
console.log(JSON.stringify(out));
