// The admin page's portals half in headless Chromium against cf-mcp-emulator: the list and a
// click anywhere on a row, create with a server mapping and overrides, an edit that changes one
// override and keeps the others (read back through the API), "what agents see" against what a
// real MCP client lists at the emulator's portal endpoint, a server's portals, the refused delete
// of a linked server, delete with confirmation, and validation messages at their fields.
// Screenshots: target/screenshots/portals-*.png.
import { describe, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startEmulator, launchBrowser, openPage, apiFor, connectAndWaitForList, listReady, screenshot, unlabelled, TOKEN } from './harness.mjs';

const ACCOUNT = 'e2e-portals';
let emulator;
let browser;
let servers; // the servers API of ACCOUNT (harness)
const problems = [];
const contexts = [];

async function newPage(opts = {}) {
  const p = await openPage(browser, problems, opts);
  contexts.push(p.context);
  return p;
}

/** The portals API of ACCOUNT, straight (not through the page). */
async function portalApi(method, tail = '', body) {
  const res = await fetch(`${emulator.base}/client/v4/accounts/${ACCOUNT}/access/ai-controls/mcp/portals${tail}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}
const readPortal = async (id) => (await portalApi('GET', `/${id}`)).json?.result;
const byName = (list) => Object.fromEntries((list ?? []).map((o) => [o.name, o]));

/** Connected, on the portal list. */
async function portalsPage(opts) {
  const p = await newPage(opts);
  await connectAndWaitForList(p.page, emulator.base, ACCOUNT);
  await p.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Portals' }).click();
  await p.page.getByRole('heading', { name: 'MCP portals', level: 1 }).waitFor();
  await p.page.locator('.list-body[aria-busy="false"]').waitFor();
  return p;
}

const rowIds = (page, table) => page.locator(`${table} tbody tr`).evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
const capRow = (page, server, kind, name) => page.locator(`.map-server[data-id="${server}"] .map-caps[data-kind="${kind}"] tr[data-name="${name}"]`);

describe('admin page: portals', () => {
  before(async () => {
    emulator = await startEmulator();
    browser = await launchBrowser();
    servers = apiFor(emulator.base, ACCOUNT);
    // The demo MCP server, with a server-level alias and description the portal form shows underneath.
    await servers.create({ id: 'demo', name: 'Demo tools', hostname: `${emulator.base}/demo-mcp`,
      updated_tools: [{ name: 'roll_dice', alias: 'dice', description: 'Server-level: rolls a die.' }] });
    await servers.create({ id: 'spare', name: 'Spare server', hostname: 'https://spare.example.com/mcp' });
    assert.equal((await servers.sync('demo')).json?.result?.status, 'ready');
    const made = await portalApi('POST', '', { id: 'listed', name: 'Listed portal', hostname: 'listed.example.com', code_mode: 'enforced',
      servers: [{ server_id: 'demo' }, { server_id: 'spare' }] });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    assert.equal((await portalApi('POST', '', { id: 'empty-one', name: 'Empty portal', hostname: 'empty.example.com' })).status, 201);
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await emulator?.stop();
  });

  test('lists portals with hostname, server count and Code Mode; a click anywhere on a row opens it', async () => {
    const { page } = await portalsPage({ label: 'portal list' });
    assert.equal(await page.locator('#main-nav a[aria-current="page"]').innerText(), 'Portals');
    assert.deepEqual(await rowIds(page, '.portals-table'), ['empty-one', 'listed']);
    const listed = page.locator('.portals-table tr[data-id="listed"]');
    assert.equal(await listed.locator('td[data-label="Hostname"]').innerText(), 'listed.example.com');
    assert.equal(await listed.locator('td[data-label="Servers"]').innerText(), '2');
    assert.equal(await listed.locator('td[data-label="Code Mode"]').innerText(), 'Enforced');
    assert.equal(await page.locator('.portals-table tr[data-id="empty-one"] td[data-label="Code Mode"]').innerText(), 'Opt-in', 'the API’s default');
    assert.equal(await listed.getByRole('link', { name: 'Listed portal' }).getAttribute('href'), '#/portals/listed', 'the name stays a link');
    assert.deepEqual(await unlabelled(page), [], 'every control of the list has a name');
    await screenshot(page, 'portals-list');

    await listed.locator('td[data-label="Servers"]').click(); // not the link: the row
    await page.getByRole('heading', { name: 'Listed portal', level: 1 }).waitFor();
    assert.match(page.url(), /#\/portals\/listed$/);

    // The server list too.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Servers' }).click();
    await listReady(page);
    assert.equal(await page.locator('#main-nav a[aria-current="page"]').innerText(), 'Servers');
    await page.locator('.servers-table tr[data-id="spare"] td[data-label="Auth"]').click();
    await page.getByRole('heading', { name: 'Spare server', level: 1 }).waitFor();
    assert.match(page.url(), /#\/servers\/spare$/);
  });

  test('creates a portal with a server mapping and overrides, shown as agents see it', async () => {
    const { page } = await portalsPage({ label: 'portal create' });
    await page.locator('.view-header').getByRole('button', { name: 'New portal' }).click();
    await page.getByRole('heading', { name: 'New MCP portal' }).waitFor();
    await page.getByLabel('Portal ID').fill('team');
    await page.getByLabel('Name', { exact: true }).fill('Team portal');
    await page.getByLabel('Hostname', { exact: true }).fill('team.example.com');
    await page.getByLabel('Description', { exact: true }).fill('Made in the browser');
    await page.getByLabel('Code Mode').selectOption('default_on');
    await page.getByLabel('Demo tools').check();
    // The server-level alias and description are shown under the portal's own fields.
    const dice = capRow(page, 'demo', 'tools', 'roll_dice');
    assert.match(await dice.innerText(), /Server alias: dice/);
    assert.match(await dice.innerText(), /Server description: Server-level: rolls a die\./);
    assert.match(await dice.innerText(), /Agents call it demo_dice/);
    await capRow(page, 'demo', 'tools', 'list_issues').getByLabel('Portal alias for tool list_issues').fill('issues');
    assert.match(await capRow(page, 'demo', 'tools', 'list_issues').innerText(), /Agents call it demo_issues/);
    await capRow(page, 'demo', 'tools', 'add').getByLabel('Portal description for tool add').fill('Adds two numbers, for the team.');
    await capRow(page, 'demo', 'tools', 'echo').getByLabel('Show tool echo in this portal').uncheck();
    await capRow(page, 'demo', 'prompts', 'greeting').getByLabel('Show prompt greeting in this portal').uncheck();
    assert.match(await capRow(page, 'demo', 'prompts', 'greeting').innerText(), /Hidden from agents/);
    assert.deepEqual(await unlabelled(page), [], 'every control of the form has a label');
    await screenshot(page, 'portals-create');
    await page.getByRole('button', { name: 'Create portal' }).click();

    await page.getByRole('heading', { name: 'Team portal', level: 1 }).waitFor();
    assert.match(page.url(), /#\/portals\/team$/);
    const portal = await readPortal('team');
    assert.equal(portal.code_mode, 'default_on');
    assert.equal(portal.description, 'Made in the browser');
    assert.deepEqual(portal.servers.map((s) => s.server_id ?? s.id), ['demo']);
    const tools = byName(portal.servers[0].updated_tools);
    assert.equal(tools.list_issues.portal_alias, 'issues');
    assert.equal(tools.add.portal_description, 'Adds two numbers, for the team.');
    assert.equal(tools.echo.enabled, false);
    assert.equal(byName(portal.servers[0].updated_prompts).greeting.enabled, false);

    const agentTools = await page.locator('.agent-list[data-kind="tools"] .agent-item').evaluateAll((li) => li.map((x) => x.dataset.name));
    assert.deepEqual(agentTools, ['demo_add', 'demo_current_time', 'demo_dice', 'demo_issues']);
    assert.match(await page.locator('.agent-item[data-name="demo_add"]').innerText(), /Adds two numbers, for the team\./);
    assert.match(await page.locator('.agent-item[data-name="demo_issues"]').innerText(), /upstream name list_issues/);
    assert.deepEqual(await unlabelled(page), [], 'every control of the portal page has a name');
    await screenshot(page, 'portals-detail');
  });

  test('an edit of one override keeps every other override and setting', async () => {
    const before = await readPortal('team');
    const { page } = await newPage({ label: 'portal edit' });
    await connectAndWaitForList(page, emulator.base, ACCOUNT);
    await page.goto(`${emulator.base}/#/portals/team`);
    await page.getByRole('heading', { name: 'Team portal', level: 1 }).waitFor();
    await page.locator('.header-actions').getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit portal team' }).waitFor();
    const alias = capRow(page, 'demo', 'tools', 'list_issues').getByLabel('Portal alias for tool list_issues');
    assert.equal(await alias.inputValue(), 'issues', 'the form starts from the portal as it is');
    assert.equal(await capRow(page, 'demo', 'tools', 'echo').getByLabel('Show tool echo in this portal').isChecked(), false);
    await alias.fill('open_issues');
    await screenshot(page, 'portals-edit');
    await page.getByRole('button', { name: 'Save portal' }).click();
    await page.getByRole('heading', { name: 'Team portal', level: 1 }).waitFor();
    await page.locator('.agent-item[data-name="demo_open_issues"]').waitFor();

    const after = await readPortal('team');
    const tools = byName(after.servers[0].updated_tools);
    assert.equal(tools.list_issues.portal_alias, 'open_issues', 'the one change');
    assert.equal(tools.add.portal_description, 'Adds two numbers, for the team.', 'another override survived');
    assert.equal(tools.echo.enabled, false, 'the hidden tool stayed hidden');
    assert.equal(byName(after.servers[0].updated_prompts).greeting.enabled, false, 'the hidden prompt too');
    for (const key of ['name', 'hostname', 'description', 'code_mode', 'secure_web_gateway']) assert.deepEqual(after[key], before[key], key);
    assert.equal(after.servers[0].default_disabled, before.servers[0].default_disabled);
    assert.equal(after.servers[0].on_behalf, before.servers[0].on_behalf);
  });

  test('what agents see on the page is what an MCP client lists at the portal endpoint', async () => {
    const { page } = await newPage({ label: 'portal agents' });
    await connectAndWaitForList(page, emulator.base, ACCOUNT);
    await page.goto(`${emulator.base}/#/portals/team`);
    await page.locator('#agents-card .agent-item').first().waitFor();
    const shown = (kind) => page.locator(`.agent-list[data-kind="${kind}"] .agent-item`).evaluateAll((items) => items.map((li) => ({
      name: li.dataset.name,
      description: li.querySelector('.cap-desc:not(.muted)')?.textContent ?? null,
    })));
    const client = new Client({ name: 'e2e-agent', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${emulator.base}/portals/team/mcp?account_id=${ACCOUNT}`), {
      requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
    }));
    try {
      const listed = (items) => items.map((t) => ({ name: t.name, description: t.description ?? null }));
      const { tools } = await client.listTools();
      const { prompts } = await client.listPrompts();
      assert.ok(tools.length >= 4 && prompts.length >= 2, 'the agent sees something');
      assert.deepEqual(await shown('tools'), listed(tools));
      assert.deepEqual(await shown('prompts'), listed(prompts));
    } finally {
      await client.close();
    }
  });

  test('a server’s page lists the portals that expose it, and a refused delete says which', async () => {
    const { page } = await newPage({ label: 'server portals', expectApiErrors: true });
    await connectAndWaitForList(page, emulator.base, ACCOUNT);
    await page.getByRole('link', { name: 'Demo tools' }).click();
    await page.getByRole('heading', { name: 'Demo tools', level: 1 }).waitFor();
    const card = page.locator('#portals-card');
    await card.locator('a').first().waitFor();
    assert.deepEqual(await card.locator('a').allInnerTexts(), ['Listed portal', 'Team portal']);
    await screenshot(page, 'portals-server-page');

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /still exposed by “Listed portal”, “Team portal”/);
    await dialog.getByRole('button', { name: 'Delete “Demo tools”' }).click();
    const banner = page.locator('#banner-region .banner');
    await banner.waitFor();
    const text = await banner.innerText();
    assert.match(text, /Deleting the server: Conflict/);
    assert.match(text, /linked in portal/);
    assert.equal(await banner.getByRole('link', { name: '“Team portal”' }).getAttribute('href'), '#/portals/team');
    await screenshot(page, 'portals-delete-refused');
    assert.equal((await servers.read('demo')).status, 200, 'the server is still there');

    await card.getByRole('link', { name: 'Team portal' }).click();
    await page.getByRole('heading', { name: 'Team portal', level: 1 }).waitFor();
  });

  test('validation problems are shown at their fields and nothing is sent', async () => {
    const { page, apiRequests } = await newPage({ label: 'portal validation' });
    await connectAndWaitForList(page, emulator.base, ACCOUNT);
    await page.goto(`${emulator.base}/#/new-portal`);
    await page.getByRole('heading', { name: 'New MCP portal' }).waitFor();
    await page.getByLabel('Demo tools').waitFor();
    await page.getByLabel('Portal ID').fill('Bad ID!');
    await page.getByLabel('Hostname', { exact: true }).fill('https://mcp.example.com/mcp');
    await page.getByLabel('Description', { exact: true }).fill('x'.repeat(513));
    await page.getByLabel('Demo tools').check();
    await capRow(page, 'demo', 'tools', 'add').getByLabel('Portal alias for tool add').fill('not an alias!');
    const sent = apiRequests.length;
    await page.getByRole('button', { name: 'Create portal' }).click();
    await page.getByText('fields need attention').waitFor();
    assert.equal(apiRequests.length, sent, `nothing may be sent, got ${apiRequests.slice(sent).join(', ')}`);

    const expected = await page.evaluate(async () => {
      const lib = await import('/pkg/browser.js');
      return lib.validatePortalCreateParams({ id: 'Bad ID!', name: '', hostname: 'https://mcp.example.com/mcp', description: 'x'.repeat(513),
        code_mode: 'opt_in', secure_web_gateway: false,
        servers: [{ server_id: 'demo', default_disabled: false, on_behalf: true, updated_tools: [{ name: 'add', alias: 'not an alias!' }], updated_prompts: [] }] });
    });
    const fields = expected.map((p) => p.field);
    for (const f of ['id', 'name', 'hostname', 'description']) assert.ok(fields.includes(f), `the library reports ${f}: ${fields}`);
    assert.ok(fields.some((f) => f.startsWith('servers[0].updated_tools[0]')), `and the alias: ${fields}`);
    const labels = { id: 'Portal ID', name: 'Name', hostname: 'Hostname', description: 'Description' };
    for (const { field, message } of expected) {
      const input = field.startsWith('servers')
        ? capRow(page, 'demo', 'tools', 'add').getByLabel('Portal alias for tool add')
        : page.getByLabel(labels[field], { exact: true });
      assert.equal(await input.getAttribute('aria-invalid'), 'true', `${field} is marked invalid`);
      const describedBy = await input.getAttribute('aria-describedby');
      const shown = await page.evaluate((ids) => ids.split(' ').map((i) => document.getElementById(i)?.textContent ?? '').join('\n'), describedBy);
      // At its row an alias's message names the alias, not the path to it.
      const expectedText = field.startsWith('servers') ? message.replace(field, 'alias') : message;
      assert.ok(shown.includes(expectedText), `${field} shows “${expectedText}”, got “${shown}”`);
    }
    assert.match(await page.locator('.form-summary').innerText(), /Demo tools, tool add: alias may/);
    assert.match(await page.getByLabel('Hostname', { exact: true }).evaluate((el) => el.closest('.field').innerText), /not a URL/);
    await screenshot(page, 'portals-validation');
  });

  test('deletes a portal only after a confirmation that names it', async () => {
    const { page } = await portalsPage({ label: 'portal delete' });
    await page.locator('.portals-table tr[data-id="empty-one"]').getByRole('link', { name: 'Empty portal' }).click();
    await page.getByRole('heading', { name: 'Empty portal', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /Empty portal[\s\S]*empty-one[\s\S]*https:\/\/empty\.example\.com\/mcp/);
    await screenshot(page, 'portals-delete-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await portalApi('GET', '/empty-one')).status, 200, 'cancel keeps it');

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete “Empty portal”' }).click();
    await page.getByRole('heading', { name: 'MCP portals', level: 1 }).waitFor();
    await page.locator('.list-body[aria-busy="false"]').waitFor();
    assert.deepEqual(await rowIds(page, '.portals-table'), ['listed', 'team']);
    assert.equal((await portalApi('GET', '/empty-one')).status, 404);
  });

  test('fits a 375 px screen and the dark scheme', async () => {
    const { page } = await newPage({ label: 'portal mobile', width: 375, height: 812, colorScheme: 'dark' });
    await connectAndWaitForList(page, emulator.base, ACCOUNT);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Portals' }).click();
    await page.locator('.portals-table tbody tr').first().waitFor();
    await screenshot(page, 'portals-mobile-list');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling on the list');
    await page.goto(`${emulator.base}/#/portals/team`);
    await page.locator('#agents-card .agent-item').first().waitFor();
    await screenshot(page, 'portals-mobile-detail');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling on the portal page');
    await page.goto(`${emulator.base}/#/portals/team/edit`);
    await page.getByLabel('Demo tools').waitFor();
    await screenshot(page, 'portals-mobile-edit');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nor on its form');
  });

  test('no console errors, CSP violations or uncaught exceptions', () => {
    assert.deepEqual(problems, []);
  });
});
