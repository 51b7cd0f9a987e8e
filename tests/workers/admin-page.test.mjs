// The admin page as the example Worker serves it (its build's assets: www/, the package and the
// review.json it writes), in workerd with the KV stand-in and the emulator, opened in headless
// Chromium: after a cron run that found upstream changes, the server list shows the Worker's
// "Pending review" per server, and Approve (the Worker's POST /review/:id/approve) clears it;
// the portals half works through the Worker's pass-through too.
// Cloudflare Access in front of the Worker is played by the browser sending Cf-Access-Jwt-Assertion.
// Screenshots: target/screenshots/worker-pending-review{,-mobile,-approved}.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, PKG, ACCOUNT, tempDir, api } from './harness.mjs';
import { startReviewWorker } from './review-worker.mjs';
import { launchBrowser, openPage, connect, listReady, screenshot } from '../e2e/harness.mjs';

const TOKEN = 'page-worker-token-5647382910';
const ID = 'page-rev';
const skip = process.env.CF_MCP_API === 'stand-in' ? 'needs the emulator (its demo MCP server changes its catalogue)' : false;

let w, dir, browser;
const problems = [];

before(async () => {
  if (skip) return;
  dir = tempDir('worker-assets');
  // The Worker's own build step (wrangler's [build]), into a folder of the test's.
  execFileSync(process.execPath, [join(ROOT, 'examples', 'worker', 'scripts', 'copy-assets.mjs'), join(dir, 'public')],
    { env: { ...process.env, CF_MCP_PKG: PKG }, stdio: 'pipe' });
  w = await startReviewWorker({ token: TOKEN, assets: join(dir, 'public') });
  await api(w.api.base, TOKEN, 'POST', '', { id: ID, name: 'Page review demo', hostname: `${w.api.origin}/demo-mcp`, auth_type: 'unauthenticated' });
  await w.cron(); // approves the catalogue as first seen
  assert.equal((await w.variant('changed')).status, 200);
  await w.cron(); // finds the changes: pending, quarantined
  assert.ok(w.kv.json(`pending:${ID}`), 'the cron recorded pending changes');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await w?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the server list shows the Worker’s pending review, and approving clears it', { skip }, async () => {
  const { page, context } = await openPage(browser, problems, { label: 'worker page' });
  await context.setExtraHTTPHeaders({ 'Cf-Access-Jwt-Assertion': 'header.payload.signature' });
  // The Worker adds its own token to the pass-through: the page's token field takes a placeholder.
  await connect(page, w.url, ACCOUNT, { token: 'not-used-by-the-worker' });
  await listReady(page);

  const card = page.locator('#pending-review .pending-card');
  await card.waitFor();
  assert.match(await card.getByRole('heading', { level: 2 }).innerText(), /^Pending review \(from the Worker’s cron\)\s*1$/);
  const item = card.locator(`.pending-item[data-id="${ID}"]`);
  assert.equal(await item.getByRole('link', { name: ID }).getAttribute('href'), `#/servers/${ID}`);
  const changes = await item.locator('.pending-changes li').evaluateAll((lis) => lis.map((li) => `${li.closest('.pending-kind').dataset.kind}:${li.dataset.change}:${li.textContent}`));
  assert.deepEqual(changes, ['tools:added:New delete_repo', 'tools:changed:Changed add, echo', 'tools:removed:Removed list_issues', 'prompts:added:New translate']);
  assert.match(await item.locator('.review-note').innerText(), /Quarantined by the cron \(disabled until approved\): delete_repo, add, echo, translate\./);
  await screenshot(page, 'worker-pending-review');

  const mobile = await openPage(browser, problems, { label: 'worker page 375 px', width: 375, height: 812 });
  await mobile.context.setExtraHTTPHeaders({ 'Cf-Access-Jwt-Assertion': 'header.payload.signature' });
  await connect(mobile.page, w.url, ACCOUNT, { token: 'not-used-by-the-worker' });
  await mobile.page.locator(`#pending-review .pending-item[data-id="${ID}"]`).waitFor();
  assert.ok(await mobile.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling at 375 px');
  await screenshot(mobile.page, 'worker-pending-review-mobile');
  await mobile.context.close();

  const approve = item.getByRole('button', { name: `Approve the pending changes of ${ID}` });
  await approve.click();
  await card.getByText('Nothing pending: every server is as last approved.').waitFor();
  assert.equal(await card.locator('.pending-item').count(), 0);
  assert.equal(await card.locator('.count-pill').innerText(), '0');
  assert.equal(w.kv.json(`pending:${ID}`), undefined, 'the Worker dropped what was pending');
  const server = await api(w.api.base, TOKEN, 'GET', `/${ID}`);
  const tools = Object.fromEntries(server.updated_tools.map((t) => [t.name, t]));
  assert.equal(tools.delete_repo.enabled, true, 'approving enabled the quarantined tool');
  assert.match(tools.echo.description, /~\/\.ssh\/id_rsa/, 'and pinned the approved upstream text');
  await screenshot(page, 'worker-pending-review-approved');

  // Opened afresh, the page asks the Worker again: still nothing pending.
  await connect(page, w.url, ACCOUNT, { token: 'not-used-by-the-worker' });
  await listReady(page);
  await card.getByText('Nothing pending: every server is as last approved.').waitFor();
  await page.getByRole('link', { name: 'Page review demo' }).click();
  await page.getByRole('heading', { name: 'Page review demo', level: 1 }).waitFor();
  await page.locator('#portals-card').getByText('No portal exposes this server yet').waitFor();

  // The portals half goes through the Worker's pass-through too.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Portals' }).click();
  await page.getByRole('heading', { name: 'MCP portals', level: 1 }).waitFor();
  await page.getByText('No MCP portals yet').waitFor();
  assert.equal(await page.locator('#banner-region .banner').count(), 0, 'listed through the Worker without an error');
  await context.close();
});

test('no console errors or uncaught exceptions on the Worker’s page', { skip }, () => {
  assert.deepEqual(problems, []);
});
