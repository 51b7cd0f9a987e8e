// In a real browser, the client never follows a redirect: `fetch` with `redirect: 'manual'` gives
// an opaque redirect (status 0, no location), the core refuses it, and the other origin the
// redirect points at receives nothing, so the token and the body never leave for it. A plain
// `fetch` of the same URL, which follows, shows that the target would otherwise be reached.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, launchBrowser } from './harness.mjs';

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

function listen(handler) {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${server.address().port}` }));
  });
}

test('a redirect from the API is refused in Chromium, and its target gets no request', async () => {
  // The other origin: records whatever reaches it.
  const hits = [];
  const target = await listen((req, res) => {
    hits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'application/json' });
    res.end('{"success":true,"errors":[],"messages":[],"result":{}}');
  });
  // The page's own origin: the package, an empty page, and an API that redirects every call.
  const site = await listen((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname.startsWith('/client/v4/')) {
      res.writeHead(302, { location: `${target.base}/steal${url.pathname}` });
      return res.end();
    }
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<!doctype html><title>redirect</title>');
    }
    try {
      const file = path.join(ROOT, 'pkg', path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${site.base}/`);
    const outcome = await page.evaluate(async (base) => {
      const { McpServersClient } = await import('/browser.js');
      const client = new McpServersClient({ apiToken: 'secret-token-123', accountId: 'acc', baseURL: `${base}/client/v4`, maxRetries: 0 });
      const results = [];
      for (const call of [() => client.read('gh'), () => client.update('gh', { name: 'x', auth_credentials: 'upstream-secret' })]) {
        try {
          await call();
          results.push({ resolved: true });
        } catch (e) {
          results.push({ kind: e.kind, status: e.status, message: e.message });
        }
      }
      return results;
    }, site.base);
    for (const o of outcome) {
      assert.equal(o.resolved, undefined, 'the call must not resolve');
      assert.equal(o.kind, 'api');
      assert.match(o.message, /a redirect \(the runtime hides its status and target\).*not followed/);
      assert.doesNotMatch(o.message, /secret-token-123|upstream-secret/);
    }
    assert.deepEqual(hits, [], 'nothing reached the redirect target');
    // The control: a fetch that follows redirects does reach it.
    await page.evaluate((base) => fetch(`${base}/client/v4/accounts/acc/x`).then((r) => r.text()), site.base);
    assert.equal(hits.length, 1, `a following fetch reaches the target: ${JSON.stringify(hits)}`);
  } finally {
    await browser.close();
    site.server.close();
    target.server.close();
  }
});
