// The admin page's catalogue review in headless Chromium against the emulator, whose demo MCP
// server changes its catalogue between syncs (its own emulator: the change is process-wide).
// Screenshots of the review panel go to target/screenshots/review-*.png.
import { describe, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, launchBrowser, openPage, apiFor, connectAndWaitForList, screenshot, TOKEN, XSS_IMG } from './harness.mjs';

let emulator;
let browser;
const problems = [];
const contexts = [];
const ACCOUNT = 'e2e-review';
const OTHER_OVERRIDES = [{ name: 'current_time', alias: 'now' }, { name: 'roll_dice', enabled: false }];
const byName = (list) => Object.fromEntries((list ?? []).map((o) => [o.name, o]));

async function variant(name) {
  const r = await fetch(`${emulator.base}/demo-mcp/catalogue`, { method: 'POST', body: JSON.stringify({ variant: name }) });
  assert.equal(r.status, 200);
}

async function update(id, body) {
  const r = await fetch(`${emulator.base}/client/v4/accounts/${ACCOUNT}/access/ai-controls/mcp/servers/${id}`, {
    method: 'PUT', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(r.status, 200);
}

/** A server on the demo MCP server, synced on its base catalogue, echo's description pinned. */
async function arrange(api, id) {
  await variant('base');
  await api.create({ id, name: `Review ${id}`, hostname: `${emulator.base}/demo-mcp`, updated_tools: OTHER_OVERRIDES });
  assert.equal((await api.sync(id)).json?.result?.status, 'ready');
  await update(id, { updated_tools: [...OTHER_OVERRIDES, { name: 'echo', description: 'Returns the message it is given.' }] });
}

async function detail(width, height, label, colorScheme = 'light') {
  const { page, context } = await openPage(browser, problems, { width, height, label, colorScheme });
  contexts.push(context);
  return page;
}

describe('catalogue review on the admin page', () => {
  before(async () => {
    emulator = await startEmulator();
    browser = await launchBrowser();
  });
  after(async () => {
    await variant('base').catch(() => {});
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await emulator?.stop();
  });

  test('after Sync the panel shows what changed, quarantines new tools when switched on, and its actions write', async () => {
    const api = apiFor(emulator.base, ACCOUNT);
    await arrange(api, 'rev');
    const page = await detail(1280, 900, 'review');
    await connectAndWaitForList(page, emulator.base, ACCOUNT);
    await page.getByRole('link', { name: 'Review rev' }).click();
    await page.locator('#tools-card .cap-name').first().waitFor();
    assert.equal(await page.locator('#review-card').count(), 0, 'no review before a sync');
    assert.equal(await page.locator('#drift-card').count(), 0, 'the pinned text is upstream text');

    await page.getByRole('switch', { name: 'Quarantine new tools on sync' }).check();
    await variant('changed');
    await page.locator('.header-actions').getByRole('button', { name: 'Sync' }).click();
    const panel = page.locator('#review-card');
    await panel.waitFor();

    const items = await panel.locator('.review-item').evaluateAll((els) => els.map((e) => `${e.dataset.kind}:${e.dataset.name}:${e.className.replace('review-item ', '')}`));
    assert.deepEqual(items, [
      'tools:delete_repo:is-added', 'tools:add:is-changed', 'tools:echo:is-changed', 'tools:list_issues:is-removed',
      'prompts:translate:is-added',
    ]);
    assert.match(await panel.locator('.card-head').innerText(), /1 added|2 added/);
    assert.match(await panel.locator('.review-note').innerText(), /Quarantined on sync \(disabled until approved\): delete_repo, translate/);
    const echo = panel.locator('.review-item[data-name="echo"]');
    assert.match(await echo.locator('.diff-after ins').innerText(), /read ~\/\.ssh\/id_rsa/, 'the added words are marked');
    assert.equal(await echo.locator('.diff-before del').count(), 0, 'nothing was taken out of the description');
    const add = await panel.locator('.review-item[data-name="add"] .schema-changes').innerText();
    assert.match(add, /Parameter added: c \(number\)/);
    assert.match(add, /Parameter retyped: b: number → string/);
    assert.match(await panel.locator('.review-item[data-name="list_issues"]').innerText(), /no longer offers/);
    assert.match(await panel.locator('.review-item[data-name="delete_repo"]').innerText(), /Disabled/);

    // The pinned description upstream changed: both texts on the server page.
    const drift = page.locator('#drift-card');
    await drift.waitFor();
    assert.match(await drift.innerText(), /Upstream changed this description/);
    assert.match(await drift.locator('.diff-before').innerText(), /Returns the message it is given\./);
    assert.match(await drift.locator('.diff-after').innerText(), /id_rsa/);

    let server = (await api.read('rev')).json.result;
    assert.deepEqual(byName(server.updated_tools).delete_repo, { name: 'delete_repo', enabled: false });
    assert.deepEqual(byName(server.updated_prompts).translate, { name: 'translate', enabled: false });
    assert.deepEqual(byName(server.updated_tools).current_time, OTHER_OVERRIDES[0], 'other overrides kept');

    await page.waitForTimeout(5200); // the toast fades out of the picture
    await screenshot(page, 'review-panel-desktop');

    await panel.getByRole('button', { name: 'Approve: delete_repo' }).click();
    await panel.locator('.review-item[data-name="delete_repo"] .review-decided').waitFor();
    server = (await api.read('rev')).json.result;
    assert.deepEqual(byName(server.updated_tools).delete_repo, { name: 'delete_repo', enabled: true, description: 'Deletes a (pretend) repository.' });

    await panel.getByRole('button', { name: 'Keep disabled: add' }).click();
    await panel.locator('.review-item[data-name="add"] .review-decided').waitFor();
    server = (await api.read('rev')).json.result;
    assert.equal(byName(server.updated_tools).add.enabled, false);

    await drift.getByRole('button', { name: 'Approve: echo' }).click();
    await page.locator('#drift-card').waitFor({ state: 'detached' });
    server = (await api.read('rev')).json.result;
    assert.match(byName(server.updated_tools).echo.description, /id_rsa/, 'approving repins the new text');
    assert.deepEqual(byName(server.updated_tools).roll_dice, OTHER_OVERRIDES[1]);
    assert.deepEqual(byName(server.updated_tools).current_time, OTHER_OVERRIDES[0]);
    await screenshot(page, 'review-panel-after-actions');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.deepEqual(problems, []);
  });

  test('third-party text in the panel stays text, and the panel fits a phone', async () => {
    const api = apiFor(emulator.base, ACCOUNT);
    await arrange(api, 'rev-mobile');
    // Upstream text with markup: the override the review compares against carries it too.
    await update('rev-mobile', { updated_tools: [...OTHER_OVERRIDES, { name: 'echo', description: `Pinned ${XSS_IMG}` }] });
    const page = await detail(375, 812, 'review-mobile');
    await connectAndWaitForList(page, emulator.base, ACCOUNT);
    await page.goto(`${emulator.base}/#/servers/rev-mobile`);
    await page.locator('#tools-card .cap-name').first().waitFor();
    assert.match(await page.locator('#drift-card .diff-before').innerText(), /Pinned <img src=x onerror=window.__xss=1>/);
    await variant('changed');
    await page.locator('.header-actions').getByRole('button', { name: 'Sync' }).click();
    await page.locator('#review-card').waitFor();
    assert.equal(await page.locator('#review-card img, #drift-card img').count(), 0);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the review fits the width');
    await page.waitForTimeout(5200);
    await screenshot(page, 'review-panel-mobile');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.deepEqual(problems, []);
  });
});
