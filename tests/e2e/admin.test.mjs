// End-to-end tests of the admin page (www/) in headless Chromium against cf-mcp-emulator.
// Run: cargo build -p cf-mcp-emulator && cargo xtask dist && node --test tests/e2e/
import { describe, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  startEmulator, startHostileMcp, launchBrowser, openPage, apiFor, connect, connectAndWaitForList, listReady,
  screenshot, unlabelled, TOKEN, XSS_IMG, XSS_SCRIPT, RLO, LONG_TEXT,
} from './harness.mjs';

let emulator;
let hostile;
let browser;
const problems = []; // console errors and uncaught exceptions from every page of the run
const pages = [];

async function newPage(opts = {}) {
  const p = await openPage(browser, problems, opts);
  pages.push(p.context);
  return p;
}

const rows = (page) => page.locator('.servers-table tbody tr');
const rowIds = (page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
const banner = (page) => page.locator('#banner-region .banner');

describe('admin page', () => {
  before(async () => {
    emulator = await startEmulator();
    hostile = await startHostileMcp();
    browser = await launchBrowser();
  });

  after(async () => {
    for (const c of pages) await c.close().catch(() => {});
    await browser?.close();
    await hostile?.stop();
    await emulator?.stop();
  });

  test('connects with the labelled settings and lists the servers with status, counts and last sync', async () => {
    const api = apiFor(emulator.base, 'e2e-list');
    await api.create({ id: 'alpha', name: 'Alpha server', hostname: 'https://alpha.example.com/mcp' });
    await api.create({ id: 'demo-synced', name: 'Synced demo', hostname: `${emulator.base}/demo-mcp` });
    assert.equal((await api.sync('demo-synced')).json?.result?.status, 'ready', 'the emulator syncs its demo MCP server');

    const { page } = await newPage({ label: 'list' });
    await page.goto(`${emulator.base}/`);
    assert.equal(await page.getByLabel('API base URL').inputValue(), '/client/v4', 'base URL defaults to same origin');
    assert.equal(await page.getByLabel('API token').getAttribute('type'), 'password');
    const reviewAsks = []; // the Worker example's review route: absent here (review.json is the placeholder)
    page.on('response', (r) => { const p = new URL(r.url()).pathname; if (p.startsWith('/review')) reviewAsks.push(`${p} ${r.status()}`); });
    await connectAndWaitForList(page, emulator.base, 'e2e-list');
    await page.waitForLoadState('networkidle');
    assert.deepEqual(reviewAsks, ['/review.json 200'], 'the page looked for the Worker’s review route once, and asked nothing more');
    assert.equal(await page.locator('#pending-review').isHidden(), true);
    assert.equal(await page.locator('#pending-review').innerHTML(), '', 'no pending review off the Worker');

    assert.deepEqual(await rowIds(page), ['alpha', 'demo-synced']);
    const alpha = rows(page).filter({ hasText: 'Alpha server' });
    assert.match(await alpha.innerText(), /Waiting/);
    assert.match(await alpha.innerText(), /Never/);
    const synced = rows(page).filter({ hasText: 'Synced demo' });
    const syncedText = await synced.innerText();
    assert.match(syncedText, /Ready/);
    assert.match(syncedText, /just now|seconds? ago|minute/);
    assert.equal(await synced.locator('td[data-label="Tools"]').innerText(), '5');
    assert.equal(await synced.locator('td[data-label="Prompts"]').innerText(), '3');
    assert.match(await page.locator('.list-status').innerText(), /Showing 1–2 of 2/);
  });

  test('shows a clear empty state for an account without servers', async () => {
    const { page } = await newPage({ label: 'empty' });
    await connectAndWaitForList(page, emulator.base, 'e2e-empty');
    await page.getByText('No MCP servers yet').waitFor();
    await page.locator('.empty').getByRole('button', { name: 'New server' }).click();
    await page.getByRole('heading', { name: 'New MCP server' }).waitFor();
  });

  describe('with 26 servers', () => {
    const api = () => apiFor(emulator.base, 'e2e-paging');
    before(async () => {
      for (let i = 1; i <= 25; i += 1) {
        const n = String(i).padStart(2, '0');
        await api().create({ id: `page-${n}`, name: `Paging server ${n}`, hostname: `https://p${n}.example.com/mcp` });
      }
      await api().create({ id: 'zz-needle', name: 'Needle in the haystack', hostname: 'https://needle.example.com/mcp' });
    });

    test('searches through the API and shows when nothing matches', async () => {
      const { page, apiRequests } = await newPage({ label: 'search' });
      await connectAndWaitForList(page, emulator.base, 'e2e-paging');
      const before = apiRequests.length;
      await page.getByLabel('Search servers').fill('needle');
      await page.waitForFunction(() => document.querySelectorAll('.servers-table tbody tr').length === 1);
      assert.deepEqual(await rowIds(page), ['zz-needle']);
      assert.ok(apiRequests.slice(before).some((r) => r.includes('search=needle')), 'the search went to the API');
      assert.match(page.url(), /search=needle/);

      await page.getByLabel('Search servers').fill('nothing-like-this');
      await page.locator('.empty-title').getByText('No servers match “nothing-like-this”').waitFor();
      await page.getByRole('button', { name: 'Clear search' }).click();
      await page.waitForFunction(() => document.querySelectorAll('.servers-table tbody tr').length === 20);
      assert.equal(await page.getByLabel('Search servers').inputValue(), '');
    });

    test('paginates with 20, 50 or 100 per page', async () => {
      const { page } = await newPage({ label: 'paging' });
      await connectAndWaitForList(page, emulator.base, 'e2e-paging');
      assert.equal(await rows(page).count(), 20);
      assert.match(await page.locator('.list-status').innerText(), /Showing 1–20 of 26/);
      assert.match(await page.locator('.pager').innerText(), /Page 1 of 2/);
      assert.ok(await page.getByRole('button', { name: 'Previous page' }).isDisabled());

      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText('Page 2 of 2').waitFor();
      await listReady(page);
      assert.deepEqual(await rowIds(page), ['page-21', 'page-22', 'page-23', 'page-24', 'page-25', 'zz-needle']);
      assert.ok(await page.getByRole('button', { name: 'Next page' }).isDisabled());

      const select = page.getByLabel('Rows per page');
      assert.deepEqual(await select.locator('option').allInnerTexts(), ['20', '50', '100']);
      await select.selectOption('50');
      await page.getByText('Page 1 of 1').waitFor();
      await listReady(page);
      assert.equal(await rows(page).count(), 26);

      await page.goBack(); // the page is in the URL, so Back returns to page 2 of 20
      await page.getByText('Page 2 of 2').waitFor();
    });
  });

  test('rejects an invalid new server inline with the library’s messages, sending nothing', async () => {
    const { page, apiRequests } = await newPage({ label: 'create-invalid' });
    await connectAndWaitForList(page, emulator.base, 'e2e-crud');
    await page.locator('.view-header').getByRole('button', { name: 'New server' }).click();
    await page.getByRole('heading', { name: 'New MCP server' }).waitFor();

    await page.getByLabel('Server ID').fill('Bad ID!');
    await page.getByLabel('Hostname (URL)').fill('ftp://example.com');
    await page.getByLabel('Description').fill('x'.repeat(513));
    const sent = apiRequests.length;
    await page.getByRole('button', { name: 'Create server' }).click();
    await page.getByText('fields need attention').waitFor();
    assert.equal(apiRequests.length, sent, `no request may be sent, got ${apiRequests.slice(sent).join(', ')}`);

    const expected = await page.evaluate(async () => {
      const lib = await import('/pkg/browser.js');
      return lib.validateServerCreateParams({ id: 'Bad ID!', name: '', hostname: 'ftp://example.com', auth_type: 'unauthenticated', description: 'x'.repeat(513) });
    });
    assert.deepEqual(expected.map((p) => p.field).sort(), ['description', 'hostname', 'id', 'name']);
    for (const { field, message } of expected) {
      const label = { id: 'Server ID', name: 'Name', hostname: 'Hostname (URL)', description: 'Description' }[field];
      const input = page.getByLabel(label, { exact: true });
      assert.equal(await input.getAttribute('aria-invalid'), 'true', `${field} is marked invalid`);
      const describedBy = await input.getAttribute('aria-describedby');
      const errorText = await page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join('\n'), describedBy);
      assert.ok(errorText.includes(message), `${field} shows “${message}”, got “${errorText}”`);
    }
    // Fixing the fields clears the messages as you type.
    await page.getByLabel('Server ID').fill('good-id');
    await page.waitForFunction(() => !document.querySelector('[data-field="id"]').classList.contains('has-error'));
    assert.equal(apiRequests.length, sent);
  });

  test('creates a server and opens it; credentials are a password field, only for bearer', async () => {
    const api = apiFor(emulator.base, 'e2e-crud');
    const { page } = await newPage({ label: 'create', expectApiErrors: true });
    await connectAndWaitForList(page, emulator.base, 'e2e-crud');
    await page.locator('.view-header').getByRole('button', { name: 'New server' }).click();
    assert.ok(!(await page.getByLabel('Credentials').isVisible()), 'no credentials field for unauthenticated');
    await page.getByLabel('Server ID').fill('made-in-browser');
    await page.getByLabel('Name', { exact: true }).fill('Made in the browser');
    await page.getByLabel('Hostname (URL)').fill('https://made.example.com/mcp');
    await page.getByLabel('Auth type').selectOption('oauth');
    assert.equal(await page.getByLabel('OAuth client secret (optional)').getAttribute('type'), 'password');
    assert.ok(!(await page.getByLabel('Credentials').isVisible()), 'no bearer credentials for OAuth');
    await page.getByLabel('Auth type').selectOption('bearer');
    assert.ok(!(await page.getByLabel('OAuth client secret (optional)').isVisible()));
    const cred = page.getByLabel('Credentials');
    assert.equal(await cred.getAttribute('type'), 'password');
    await cred.fill('sk-upstream-secret');
    await page.getByLabel('Description').fill('Created by the e2e test');
    await page.getByLabel('Route through Secure Web Gateway').check();
    await page.getByRole('button', { name: 'Create server' }).click();

    await page.getByRole('heading', { name: 'Made in the browser', level: 1 }).waitFor();
    assert.match(page.url(), /#\/servers\/made-in-browser$/);
    assert.match(await page.locator('#sync-card').innerText(), /Waiting for the first sync/);
    const { status, json } = await api.read('made-in-browser');
    assert.equal(status, 200);
    assert.equal(json.result.name, 'Made in the browser');
    assert.equal(json.result.auth_type, 'bearer');
    assert.equal(json.result.description, 'Created by the e2e test');
    assert.equal(json.result.secure_web_gateway, true);
    assert.equal(json.result.is_shared_oauth_callback_enabled, false);
    assert.ok(!(await page.content()).includes('sk-upstream-secret'), 'the credential is not shown after saving');

    // The same id again: the API's 409 shows in the banner, and the form keeps what was typed.
    await page.getByRole('link', { name: 'All servers' }).click();
    await listReady(page);
    await page.locator('.view-header').getByRole('button', { name: 'New server' }).click();
    await page.getByLabel('Server ID').fill('made-in-browser');
    await page.getByLabel('Name', { exact: true }).fill('Duplicate');
    await page.getByLabel('Hostname (URL)').fill('https://dup.example.com/mcp');
    await page.getByRole('button', { name: 'Create server' }).click();
    const b = banner(page);
    await b.waitFor({ timeout: 20_000 });
    const text = await b.innerText();
    assert.match(text, /Creating the server: Conflict/);
    assert.match(text, /already exists/);
    assert.match(text, /HTTP\s*409/);
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Duplicate');
    assert.equal((await api.read('made-in-browser')).json.result.name, 'Made in the browser');
  });

  test('changes the credentials of a bearer server; the upstream sees the new ones at the next sync', async () => {
    const api = apiFor(emulator.base, 'e2e-cred');
    await api.create({ id: 'bearer-one', name: 'Bearer one', hostname: hostile.url, auth_type: 'bearer', auth_credentials: 'first-secret' });
    const { page } = await newPage({ label: 'credentials' });
    await connectAndWaitForList(page, emulator.base, 'e2e-cred');
    await page.getByRole('link', { name: 'Bearer one' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const cred = page.getByLabel('Credentials');
    assert.equal(await cred.getAttribute('type'), 'password');
    assert.equal(await cred.inputValue(), '', 'the stored credential is never shown');
    await cred.fill('second-secret');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved.').waitFor();
    hostile.seenAuthorization.length = 0;
    await page.getByRole('button', { name: 'Sync' }).click();
    await page.getByText(/Sync finished .*: found 2 tools/).waitFor();
    assert.ok(hostile.seenAuthorization.includes('Bearer second-secret'), `upstream saw ${JSON.stringify(hostile.seenAuthorization)}`);
    assert.ok(!(await page.content()).includes('second-secret'));
  });

  test('edits name, description and switches', async () => {
    const api = apiFor(emulator.base, 'e2e-edit');
    await api.create({ id: 'to-edit', name: 'Before', hostname: 'https://edit.example.com/mcp', description: 'Old text' });
    const { page } = await newPage({ label: 'edit' });
    await connectAndWaitForList(page, emulator.base, 'e2e-edit');
    await page.getByRole('link', { name: 'Before' }).click();
    await page.getByRole('heading', { name: 'Before', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Name', { exact: true }).fill('After');
    await page.getByLabel('Description').fill('New text');
    await page.getByLabel('Use the shared OAuth callback').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'After', level: 1 }).waitFor();
    const settings = await page.locator('#settings-card').innerText();
    assert.match(settings, /New text/);
    const { json } = await api.read('to-edit');
    assert.equal(json.result.name, 'After');
    assert.equal(json.result.description, 'New text');
    assert.equal(json.result.is_shared_oauth_callback_enabled, true);
    assert.equal(json.result.hostname, 'https://edit.example.com/mcp');

    // An over-long name is refused before sending.
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Name', { exact: true }).fill('n'.repeat(351));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('name must be at most 350 characters').first().waitFor();
    assert.equal((await api.read('to-edit')).json.result.name, 'After');
  });

  test('syncs against the demo MCP server, then disables a tool and aliases another', async () => {
    const api = apiFor(emulator.base, 'e2e-sync');
    await api.create({ id: 'demo', name: 'Demo upstream', hostname: `${emulator.base}/demo-mcp` });
    const { page, apiRequests } = await newPage({ label: 'sync' });
    await connectAndWaitForList(page, emulator.base, 'e2e-sync');
    await page.getByRole('link', { name: 'Demo upstream' }).click();
    await page.getByText('No tools yet. Run Sync to discover them.').waitFor();

    await page.getByRole('button', { name: 'Sync' }).click();
    await page.getByText(/Sync finished .*: found 5 tools and 3 prompts/).waitFor();
    const toolNames = await page.locator('#tools-card .cap-name').allInnerTexts();
    assert.deepEqual(toolNames.sort(), ['add', 'current_time', 'echo', 'list_issues', 'roll_dice']);
    assert.equal(await page.locator('#prompts-card .cap-name').count(), 3);
    assert.match(await page.locator('.title-row .badge').innerText(), /Ready/);
    assert.match(await page.locator('#sync-card').innerText(), /In sync/);

    // Disable echo, alias add, override a prompt's description.
    await page.getByRole('switch', { name: 'Enable tool echo' }).uncheck();
    await page.getByLabel('Alias for add').fill('plus');
    await page.getByLabel('Description override for greeting').fill('Say hello nicely');
    // A bad alias is caught by the library's validator with no request.
    assert.ok(await page.getByRole('button', { name: 'Sync' }).isDisabled(), 'no sync over unsaved edits');
    await page.getByLabel('Alias for roll_dice').fill('bad alias!');
    const sent = apiRequests.length;
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('alias may hold only letters and digits').waitFor();
    assert.equal(apiRequests.length, sent);
    await page.getByLabel('Alias for roll_dice').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Tool and prompt settings saved.').waitFor();
    assert.ok(await page.getByRole('button', { name: 'Sync' }).isEnabled());

    const { json } = await api.read('demo');
    const tools = Object.fromEntries(json.result.updated_tools.map((t) => [t.name, t]));
    assert.equal(tools.echo.enabled, false);
    assert.equal(tools.add.alias, 'plus');
    assert.notEqual(tools.add.enabled, false);
    assert.equal(tools.roll_dice, undefined);
    const prompts = Object.fromEntries(json.result.updated_prompts.map((t) => [t.name, t]));
    assert.equal(prompts.greeting.description, 'Say hello nicely');
    assert.equal(json.result.name, 'Demo upstream', 'saving overrides keeps the other fields');

    // Coming back to the server, the switches show what is stored.
    await page.getByRole('link', { name: 'All servers' }).click();
    await listReady(page);
    await page.getByRole('link', { name: 'Demo upstream' }).click();
    await page.locator('#tools-card .cap-name').first().waitFor();
    assert.equal(await page.getByRole('switch', { name: 'Enable tool echo' }).isChecked(), false);
    assert.equal(await page.getByRole('switch', { name: 'Enable tool add' }).isChecked(), true);
    assert.equal(await page.getByLabel('Alias for add').inputValue(), 'plus');
  });

  test('explains a failed sync in words', async () => {
    const api = apiFor(emulator.base, 'e2e-syncfail');
    await api.create({ id: 'nowhere', name: 'Nowhere', hostname: 'http://127.0.0.1:9/mcp' });
    const { page } = await newPage({ label: 'syncfail' });
    await connectAndWaitForList(page, emulator.base, 'e2e-syncfail');
    await page.getByRole('link', { name: 'Nowhere' }).click();
    await page.getByRole('button', { name: 'Sync' }).click();
    await page.getByText(/Sync finished .* with status “Error”/).waitFor({ timeout: 30_000 });
    const text = await page.locator('#sync-card').innerText();
    assert.match(text, /could not be reached/);
    assert.match(text, /syncing again may succeed|will not help/);
    assert.match(await page.locator('.title-row .badge').innerText(), /Error/);

    // An upstream that answers, but with HTTP 401.
    await api.create({ id: 'refuses', name: 'Refuses', hostname: hostile.unauthorizedUrl });
    await page.getByRole('link', { name: 'All servers' }).click();
    await listReady(page);
    await page.getByRole('link', { name: 'Refuses' }).click();
    await page.getByRole('button', { name: 'Sync' }).click();
    await page.getByText(/Sync finished .* with status “Error”/).waitFor({ timeout: 30_000 });
    const refused = await page.locator('#sync-card').innerText();
    assert.match(refused, /was reached but answered with an error \(HTTP 401/);
    assert.match(refused, /will not help until/);
  });

  test('deletes only after a confirmation that names the server', async () => {
    const api = apiFor(emulator.base, 'e2e-delete');
    await api.create({ id: 'doomed', name: 'Doomed server', hostname: 'https://doomed.example.com/mcp' });
    await api.create({ id: 'keeper', name: 'Keeper', hostname: 'https://keeper.example.com/mcp' });
    const { page } = await newPage({ label: 'delete' });
    await connectAndWaitForList(page, emulator.base, 'e2e-delete');
    await page.getByRole('link', { name: 'Doomed server' }).click();
    await page.getByRole('heading', { name: 'Doomed server', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const text = await dialog.innerText();
    assert.match(text, /Doomed server/);
    assert.match(text, /doomed/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await api.read('doomed')).status, 200, 'cancel keeps the server');

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete “Doomed server”' }).click();
    await listReady(page);
    assert.deepEqual(await rowIds(page), ['keeper']);
    assert.equal((await api.read('doomed')).status, 404);
  });

  test('renders hostile names, descriptions and upstream tool descriptions as text and runs nothing', async () => {
    const api = apiFor(emulator.base, 'e2e-hostile');
    await api.create({ id: 'hostile', name: XSS_IMG, description: XSS_SCRIPT, hostname: hostile.url });
    const { page } = await newPage({ label: 'hostile' });
    await connectAndWaitForList(page, emulator.base, 'e2e-hostile');
    await page.locator('.server-link').getByText(XSS_IMG, { exact: true }).waitFor();

    await page.locator('.server-link').click();
    await page.getByRole('heading', { name: XSS_IMG, level: 1 }).waitFor();
    await page.locator('#settings-card').getByText(XSS_SCRIPT, { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Sync' }).click();
    await page.getByText(/Sync finished .*: found 2 tools and 1 prompt/).waitFor();
    await page.locator('#tools-card').getByText(`Looks harmless ${XSS_IMG}`, { exact: true }).waitFor();
    await page.locator('#tools-card').getByText(XSS_SCRIPT, { exact: true }).waitFor();
    await page.locator('#prompts-card').getByText(XSS_IMG, { exact: true }).waitFor();

    // Open the delete dialog too: it names the server.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog').getByText(`“${XSS_IMG}”`).first().waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await page.waitForTimeout(300); // give an injected onerror a chance to fire
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.locator('#view img, #view script, dialog img').count(), 0, 'no element was created from data');

    await page.goto(`${emulator.base}/#/servers`);
    await listReady(page);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
  });

  test('isolates third-party text, marks hidden characters, clamps a 100 KB description, keeps titles short', async () => {
    const api = apiFor(emulator.base, 'e2e-spoof');
    await api.create({ id: 'spoof', name: `Report${RLO}gnp.exe`, hostname: hostile.spoofUrl });
    const { page } = await newPage({ label: 'spoof' });
    await connectAndWaitForList(page, emulator.base, 'e2e-spoof');
    const link = page.locator('.server-link');
    await link.locator('bdi .char-marker[title="U+202E RIGHT-TO-LEFT OVERRIDE"]').waitFor();
    assert.ok(!(await link.textContent()).includes(RLO), 'the override itself is not rendered');
    await link.click();
    await page.getByRole('button', { name: 'Sync' }).click();
    await page.getByText(/Sync finished .*: found 2 tools/).waitFor();
    const tools = page.locator('#tools-card');
    await tools.locator('.cap-name bdi .char-marker[title="U+202E RIGHT-TO-LEFT OVERRIDE"]').waitFor();
    await tools.locator('.cap-name bdi .char-marker[title="U+200B ZERO WIDTH SPACE"]').waitFor();
    // The override inside a description is marked too, and the description is isolated.
    await tools.locator('.cap-desc bdi .char-marker').first().waitFor();
    const clamp = tools.locator('.cap-desc .clamp');
    const toggle = clamp.getByRole('button', { name: /Show all \(\d+ KB\)/ });
    await toggle.waitFor();
    assert.ok((await clamp.locator('.clamp-text').textContent()).length < 400, 'only the start is rendered');
    const longestTitle = await page.evaluate(() => Math.max(...[...document.querySelectorAll('[title]')].map((e) => e.title.length)));
    assert.ok(longestTitle <= 121, `a title attribute holds ${longestTitle} characters`);
    assert.equal(await tools.locator('input[placeholder="invoice[U+202E]fdp.exe"]').count(), 1, 'a placeholder shows the override as a code point');
    await screenshot(page, 'spoof-clamped');
    await toggle.click();
    assert.equal(await clamp.locator('.clamp-text').textContent(), LONG_TEXT);
    await clamp.getByRole('button', { name: 'Show less' }).click();
    assert.ok((await clamp.locator('.clamp-text').textContent()).length < 400);
    // A right-to-left override in a name cannot reverse the text after it: the cell reads in order.
    const row = await tools.locator('tr', { has: page.locator('.cap-name .char-marker[title^="U+202E"]') }).innerText();
    assert.match(row, /invoice\s*202E\s*fdp\.exe/);
  });

  test('shows API errors in a banner with the kind and Cloudflare code, and never stores the token', async () => {
    const { page } = await newPage({ label: 'bad-token', expectApiErrors: true });
    await connect(page, emulator.base, 'e2e-list', { token: 'wrong-token' });
    const b = banner(page);
    await b.waitFor();
    assert.equal(await b.getAttribute('role'), 'alert');
    const text = await b.innerText();
    assert.match(text, /Connecting: The API token is not allowed to do this/);
    assert.match(text, /Kind\s*api/);
    assert.match(text, /HTTP\s*403/);
    assert.match(text, /Code\s*\d+/);
    assert.ok(!text.includes('wrong-token'), 'the banner does not show the token');
    await page.getByRole('button', { name: 'Dismiss error' }).click();
    await b.waitFor({ state: 'detached' });

    // A 404 for a server id in the URL.
    await connectAndWaitForList(page, emulator.base, 'e2e-list');
    await page.goto(`${emulator.base}/#/servers/does-not-exist`);
    await page.getByRole('heading', { name: 'Server not found' }).waitFor();
    assert.match(await banner(page).innerText(), /Code\s*7002/);
  });

  test('keeps the token out of localStorage and the URL; “Remember for this tab” uses sessionStorage', async () => {
    const { page } = await newPage({ label: 'storage' });
    const storage = () => page.evaluate(() => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      url: location.href,
    }));
    await connectAndWaitForList(page, emulator.base, 'e2e-list');
    await page.getByRole('link', { name: 'Alpha server' }).click();
    await page.getByRole('heading', { name: 'Alpha server', level: 1 }).waitFor();
    let s = await storage();
    assert.ok(!s.local.includes(TOKEN) && !s.session.includes(TOKEN) && !s.url.includes(TOKEN), 'not stored without opting in');

    await page.reload(); // memory only: a reload asks again (prefilled only with what the demo publishes)
    await page.getByRole('button', { name: 'Connect' }).waitFor();
    const published = await page.evaluate(async () => {
      const res = await fetch('/demo.json');
      return res.ok ? ((await res.json()).token ?? '') : '';
    });
    // The page prefills from /demo.json after it renders: wait for that, not just for the form.
    const token = page.getByLabel('API token');
    const deadline = Date.now() + 5000;
    while ((await token.inputValue()) !== published && Date.now() < deadline) await page.waitForTimeout(50);
    assert.equal(await token.inputValue(), published);

    await connectAndWaitForList(page, emulator.base, 'e2e-list', { remember: true });
    s = await storage();
    assert.ok(s.session.includes(TOKEN), 'remembered for the tab');
    assert.ok(!s.local.includes(TOKEN) && !s.url.includes(TOKEN));
    await page.reload();
    await listReady(page); // reconnected from sessionStorage
    await page.getByRole('button', { name: 'Connection' }).click();
    await page.getByRole('button', { name: 'Disconnect' }).click();
    s = await storage();
    assert.ok(!s.session.includes(TOKEN) && !s.local.includes(TOKEN), 'disconnect forgets it');
  });

  test('is keyboard operable with a visible focus ring', async () => {
    const { page } = await newPage({ label: 'keyboard' });
    await connectAndWaitForList(page, emulator.base, 'e2e-list');
    await page.locator('.brand').focus();
    let found = false;
    for (let i = 0; i < 8 && !found; i += 1) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'New server');
    }
    assert.ok(found, 'New server is reachable with Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New MCP server' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), await page.getByLabel('Server ID').getAttribute('id'));
  });

  test('gives every visible control an accessible name (connection, list, create, detail, edit)', async () => {
    const api = apiFor(emulator.base, 'e2e-a11y');
    await api.create({ id: 'synced', name: 'Synced', hostname: `${emulator.base}/demo-mcp`, auth_type: 'bearer', auth_credentials: 't' });
    await api.sync('synced');
    const { page } = await newPage({ label: 'a11y' });
    await page.goto(`${emulator.base}/`);
    await page.getByRole('button', { name: 'Connect' }).waitFor();
    assert.deepEqual(await unlabelled(page), [], 'connection form');
    await connectAndWaitForList(page, emulator.base, 'e2e-a11y');
    assert.deepEqual(await unlabelled(page), [], 'list');
    await page.getByRole('button', { name: 'Connection' }).click();
    assert.deepEqual(await unlabelled(page), [], 'list with the connection panel open');
    await page.getByRole('button', { name: 'Connection' }).click();
    await page.locator('.view-header').getByRole('button', { name: 'New server' }).click();
    await page.getByLabel('Auth type').selectOption('bearer');
    assert.deepEqual(await unlabelled(page), [], 'create form');
    await page.goto(`${emulator.base}/#/servers/synced`);
    await page.locator('#tools-card .cap-name').first().waitFor();
    assert.ok(await page.locator('#tools-card .cap-name').count() > 0);
    assert.deepEqual(await unlabelled(page), [], 'detail with tools and prompts');
    await page.getByRole('button', { name: 'Edit' }).click();
    assert.deepEqual(await unlabelled(page), [], 'edit form');
  });

  test('screenshots: list, detail and create form at desktop and 375 px, with no sideways scrolling on mobile', async () => {
    const api = apiFor(emulator.base, 'e2e-shots');
    await api.create({ id: 'docs-search', name: 'Docs search', hostname: `${emulator.base}/demo-mcp`, description: 'Searches the product documentation.' });
    await api.sync('docs-search');
    await api.create({ id: 'github', name: 'GitHub', hostname: 'https://github-mcp.example.com/mcp', auth_type: 'oauth', secure_web_gateway: true });
    await api.create({ id: 'offline-tools', name: 'Offline tools', hostname: 'http://127.0.0.1:9/mcp', auth_type: 'bearer', auth_credentials: 'x' });
    await api.sync('offline-tools');
    for (const [width, height, tag, colorScheme] of [[1280, 860, 'desktop', 'light'], [375, 812, 'mobile', 'light'], [1280, 860, 'desktop-dark', 'dark']]) {
      const { page } = await newPage({ width, height, colorScheme, label: `shots-${tag}` });
      await page.goto(`${emulator.base}/`);
      await page.getByRole('button', { name: 'Connect' }).waitFor();
      await screenshot(page, `connect-${tag}`);
      await connectAndWaitForList(page, emulator.base, 'e2e-shots');
      await page.waitForTimeout(5200); // let the "Connected" toast fade out of the pictures
      await screenshot(page, `list-${tag}`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${tag}: list fits the width`);

      await page.getByRole('link', { name: 'Docs search' }).click();
      await page.locator('#tools-card .cap-name').first().waitFor();
      await screenshot(page, `detail-${tag}`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${tag}: detail fits the width`);

      await page.goto(`${emulator.base}/#/servers/offline-tools`);
      await page.getByRole('heading', { name: 'Offline tools', level: 1 }).waitFor();
      await screenshot(page, `detail-error-${tag}`);

      await page.goto(`${emulator.base}/#/new`);
      await page.getByLabel('Server ID').fill('Not valid');
      await page.getByLabel('Auth type').selectOption('bearer');
      await page.getByRole('button', { name: 'Create server' }).click();
      await page.getByText('fields need attention').waitFor();
      await screenshot(page, `create-${tag}`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${tag}: form fits the width`);
    }
  });

  test('works through the emulator in --proxy-to mode', async () => {
    const upstream = apiFor(emulator.base, 'e2e-proxy');
    await upstream.create({ id: 'upstream-one', name: 'Upstream one', hostname: 'https://one.example.com/mcp' });
    const proxy = await startEmulator({ proxyTo: `${emulator.base}/client/v4` });
    try {
      const { page } = await newPage({ label: 'proxy' });
      await connectAndWaitForList(page, proxy.base, 'e2e-proxy');
      assert.deepEqual(await rowIds(page), ['upstream-one']);
      await page.locator('.view-header').getByRole('button', { name: 'New server' }).click();
      await page.getByLabel('Server ID').fill('via-proxy');
      await page.getByLabel('Name', { exact: true }).fill('Created through the proxy');
      await page.getByLabel('Hostname (URL)').fill('https://two.example.com/mcp');
      await page.getByRole('button', { name: 'Create server' }).click();
      await page.getByRole('heading', { name: 'Created through the proxy', level: 1 }).waitFor();
      assert.equal((await upstream.read('via-proxy')).status, 200, 'the server exists upstream');
    } finally {
      await proxy.stop();
    }
  });

  test('says so plainly when the client library cannot be loaded', async () => {
    const bare = await startEmulator({ withoutPkg: true });
    try {
      const ownProblems = []; // the missing /pkg/full/browser.js is logged as a 404 here, on purpose
      const { page, context } = await openPage(browser, ownProblems, { label: 'no-pkg' });
      pages.push(context);
      await page.goto(`${bare.base}/`);
      const b = banner(page);
      await b.waitFor();
      assert.match(await b.innerText(), /The client library could not be loaded from .*\/pkg\/full\/browser\.js/);
      assert.ok(await page.getByRole('button', { name: 'Connect' }).isDisabled());
      assert.ok(ownProblems.every((p) => p.includes('404')), ownProblems.join('\n'));
    } finally {
      await bare.stop();
    }
  });

  test('prefills the demo account the emulator publishes at /demo.json, and connects with it', async () => {
    const demo = await (await fetch(`${emulator.base}/demo.json`)).json();
    assert.equal(typeof demo.accountId, 'string', 'the emulator in --seed-demo mode publishes its demo account');
    const { page } = await newPage({ label: 'demo' });
    await page.goto(`${emulator.base}/`);
    await page.locator('#demo-note').waitFor();
    assert.equal(await page.getByLabel('Account ID').inputValue(), demo.accountId);
    assert.equal(await page.getByLabel('API token').inputValue(), demo.token);
    await page.getByRole('button', { name: 'Connect' }).click();
    await listReady(page);
    await page.getByRole('link', { name: 'Built-in demo server' }).first().waitFor();
  });

  test('no console errors or uncaught exceptions during the run', () => {
    assert.deepEqual(problems, []);
  });
});
