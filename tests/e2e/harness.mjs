// Shared setup for the admin page tests: the emulator, a hostile MCP server, headless Chromium,
// and a direct API helper to arrange and check data without the page.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TOKEN = 'e2e-token-7f3a9c1d5b';
export const SCREENSHOTS = path.join(ROOT, 'target', 'screenshots');
export const XSS_IMG = '<img src=x onerror=window.__xss=1>';
export const XSS_SCRIPT = '<script>window.__xss=1</script>';
export const RLO = '\u202e';
export const ZWSP = '\u200b';
export const LONG_TEXT = `Start of a long description. ${'Lorem ipsum dolor sit amet. '.repeat(3600)}End.`;

/**
 * Starts cf-mcp-emulator on a free port; resolves to { base, stop() }.
 * `proxyTo` starts it in --proxy-to mode instead of emulating the API.
 */
export async function startEmulator({ proxyTo, withoutPkg = false } = {}) {
  const bin = process.env.CF_MCP_EMULATOR
    ? path.resolve(ROOT, process.env.CF_MCP_EMULATOR)
    : path.join(ROOT, 'target', 'debug', 'cf-mcp-emulator');
  const dir = mkdtempSync(path.join(tmpdir(), 'cf-mcp-e2e-'));
  // Serve a snapshot of pkg/, so a `cargo xtask dist` running meanwhile cannot pull it away mid-run.
  const pkgSource = path.resolve(ROOT, process.env.CF_MCP_PKG || 'pkg');
  const pkg = path.join(dir, 'pkg');
  if (withoutPkg) {
    mkdirSync(pkg);
  } else {
    for (const f of ['browser.js', 'cf_mcp_servers.js', 'cf_mcp_servers_bg.wasm', 'full/browser.js']) {
      if (!existsSync(path.join(pkgSource, f))) throw new Error(`${pkgSource}/${f} is missing: build the package with cargo xtask dist`);
    }
    cpSync(pkgSource, pkg, { recursive: true });
  }
  const args = ['--listen', '127.0.0.1:0', '--www', path.join(ROOT, 'www'), '--pkg', pkg];
  if (proxyTo) args.push('--proxy-to', proxyTo);
  else args.push('--seed-demo', '--data', path.join(dir, 'data.json'), '--token', TOKEN);
  const child = spawn(bin, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start within 30 s; output:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/cf-mcp-emulator listening on (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => { clearTimeout(timer); reject(new Error(`could not start ${bin}: ${e.message} (build it with cargo build -p cf-mcp-emulator, or set CF_MCP_EMULATOR)`)); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`emulator exited with ${code}:\n${output}`)); });
  });
  return {
    base,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A tiny MCP server (Streamable HTTP, JSON responses) whose tools and prompts carry markup. */
export async function startHostileMcp() {
  const tools = [
    { name: 'evil_img', title: XSS_IMG, description: `Looks harmless ${XSS_IMG}`, inputSchema: { type: 'object', properties: { q: { type: 'string' } } } },
    { name: 'evil_script', description: XSS_SCRIPT, inputSchema: { type: 'object', properties: {} } },
  ];
  const prompts = [{ name: 'evil_prompt', description: XSS_IMG, arguments: [{ name: XSS_SCRIPT, required: false }] }];
  // At /spoof: a name that reverses what follows it, an invisible character, and a 100 KB text.
  const spoofTools = [
    { name: `invoice${RLO}fdp.exe`, description: `Reads ${RLO}the invoice`, inputSchema: { type: 'object', properties: {} } },
    { name: `admin${ZWSP}_tool`, description: LONG_TEXT, inputSchema: { type: 'object', properties: {} } },
  ];
  const seenAuthorization = []; // Authorization headers of initialize requests, to check credentials
  const server = http.createServer(async (req, res) => {
    if (req.method !== 'POST') { res.writeHead(405, { allow: 'POST' }); res.end(); return; }
    if (req.url === '/unauthorized') { res.writeHead(401, { 'content-type': 'text/plain' }); res.end('no entry'); return; }
    let body = '';
    for await (const chunk of req) body += chunk;
    let msg;
    try { msg = JSON.parse(body); } catch { res.writeHead(400); res.end(); return; }
    if (msg.id === undefined || !msg.method) { res.writeHead(202); res.end(); return; }
    if (msg.method === 'initialize') seenAuthorization.push(req.headers.authorization ?? null);
    const results = {
      initialize: () => ({ protocolVersion: msg.params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {}, prompts: {} }, serverInfo: { name: 'hostile', version: '1.0.0' } }),
      'tools/list': () => ({ tools: req.url === '/spoof' ? spoofTools : tools }),
      'prompts/list': () => ({ prompts }),
      'resources/list': () => ({ resources: [] }),
      ping: () => ({}),
    };
    const make = results[msg.method];
    const reply = make
      ? { jsonrpc: '2.0', id: msg.id, result: make() }
      : { jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'Method not found' } };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/mcp`,
    unauthorizedUrl: `http://127.0.0.1:${server.address().port}/unauthorized`,
    spoofUrl: `http://127.0.0.1:${server.address().port}/spoof`,
    seenAuthorization,
    stop: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

/** Direct API calls (not through the page), to arrange data and to check what the page did. */
export function apiFor(base, accountId) {
  const root = `${base}/client/v4/accounts/${encodeURIComponent(accountId)}/access/ai-controls/mcp/servers`;
  async function call(method, suffix = '', body) {
    const res = await fetch(root + suffix, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => null);
    return { status: res.status, json };
  }
  return {
    accountId,
    create: async (server) => {
      const r = await call('POST', '', { auth_type: 'unauthenticated', ...server });
      if (r.status !== 200 && r.status !== 201) throw new Error(`create ${server.id}: ${r.status} ${JSON.stringify(r.json)}`);
      return r.json.result;
    },
    read: (id) => call('GET', `/${encodeURIComponent(id)}`),
    list: (qs = '') => call('GET', qs),
    sync: (id) => call('POST', `/${encodeURIComponent(id)}/sync`),
  };
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A fresh page (own storage) that records console errors, page errors and API requests.
 * `problems` is shared so one test at the end can assert that the whole run was clean.
 */
export async function openPage(browser, problems, { width = 1280, height = 860, label = '', expectApiErrors = false, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium logs every non-2xx fetch as "Failed to load resource"; a test that provokes API
    // errors on purpose (bad token, unknown id) accepts those for /client/v4 only.
    const url = m.location().url ?? '';
    if (expectApiErrors && m.text().startsWith('Failed to load resource') && new URL(url, 'http://x').pathname.startsWith('/client/v4/')) return;
    problems.push(`${label}: console error: ${m.text()} (${url})`);
  });
  page.on('pageerror', (e) => problems.push(`${label}: uncaught: ${e.message}`));
  const apiRequests = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/client/v4/')) apiRequests.push(`${r.method()} ${r.url()}`); });
  return { page, context, apiRequests };
}

/** Fills the connection settings by their visible labels and connects. */
export async function connect(page, base, accountId, { remember = false, token = TOKEN } = {}) {
  await page.goto(`${base}/`);
  // The page prefills the demo account once /demo.json answers (after the library loads); typing
  // before that races it (a token prefilled between fill's select-all and its typing doubles up).
  await page.waitForLoadState('networkidle');
  await page.getByLabel('API base URL').fill('/client/v4');
  await page.getByLabel('Account ID').fill(accountId);
  await page.getByLabel('API token').fill(token);
  if (remember) await page.getByLabel('Remember for this tab').check();
  await page.getByRole('button', { name: 'Connect' }).click();
}

export async function connectAndWaitForList(page, base, accountId, opts) {
  await connect(page, base, accountId, opts);
  await listReady(page);
}

/** Waits until the list has finished loading (rows or the empty state are shown). */
export async function listReady(page) {
  await page.getByRole('heading', { name: 'MCP servers', level: 1 }).waitFor();
  await page.locator('.list-body[aria-busy="false"]').waitFor();
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Visible form controls and buttons that have no accessible name. */
export const unlabelled = (page) => page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button, a[href]')]
  .filter((el) => el.getClientRects().length > 0)
  .filter((el) => {
    if (el.getAttribute('aria-label')?.trim()) return false;
    const by = el.getAttribute('aria-labelledby');
    if (by && by.split(' ').some((id) => document.getElementById(id)?.textContent.trim())) return false;
    if (el.labels && [...el.labels].some((l) => l.textContent.trim())) return false;
    if ((el.tagName === 'BUTTON' || el.tagName === 'A') && el.textContent.trim()) return false;
    return true;
  })
  .map((el) => el.outerHTML.slice(0, 120)));
