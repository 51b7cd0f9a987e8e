// Entry point: connection settings, the hash router and the global progress bar.
import { h, replace, withBusy, icon } from './dom.js';
import * as api from './api.js';
import { getConnection, restoreConnection, setConnection, forgetToken, DEFAULT_BASE_URL } from './state.js';
import { mountBanner, showError, clearBanner, toast } from './views/banner.js';
import { renderList, PAGE_SIZES } from './views/list.js';
import { renderCreate } from './views/create.js';
import { renderDetail } from './views/detail.js';
import { renderPortalList } from './views/portal-list.js';
import { renderPortal } from './views/portal.js';
import { renderPortalForm } from './views/portal-form.js';

const $ = (id) => document.getElementById(id);
const view = $('view');
const connForm = $('connection-form');
const connPanel = $('connection');
const fields = {
  baseURL: $('conn-base-url'),
  accountId: $('conn-account-id'),
  token: $('conn-token'),
  remember: $('conn-remember'),
};

mountBanner($('banner-region'));
api.onActivity((n) => { $('progress').hidden = n === 0; document.body.classList.toggle('is-loading', n > 0); });

// ---------- routing ----------

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/servers';
  const [path, qs = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean);
  const q = new URLSearchParams(qs);
  if (parts[0] === 'new') return { view: 'new' };
  if (parts[0] === 'new-portal') return { view: 'portal-new' };
  if (parts[0] === 'servers' && parts[1]) return { view: 'detail', id: decodeURIComponent(parts[1]) };
  if (parts[0] === 'portals' && parts[1]) {
    return { view: parts[2] === 'edit' ? 'portal-edit' : 'portal', id: decodeURIComponent(parts[1]) };
  }
  const perPage = Number(q.get('per_page'));
  const page = Number(q.get('page'));
  return {
    view: parts[0] === 'portals' ? 'portals' : 'list',
    search: q.get('search') ?? '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    perPage: PAGE_SIZES.includes(perPage) ? perPage : PAGE_SIZES[0],
  };
}

const LISTS = new Set(['list', 'portals']);

function toHash(r) {
  if (r.view === 'new') return '#/new';
  if (r.view === 'portal-new') return '#/new-portal';
  if (r.view === 'detail') return `#/servers/${encodeURIComponent(r.id)}`;
  if (r.view === 'portal') return `#/portals/${encodeURIComponent(r.id)}`;
  if (r.view === 'portal-edit') return `#/portals/${encodeURIComponent(r.id)}/edit`;
  const q = new URLSearchParams();
  if (r.search) q.set('search', r.search);
  if (r.page && r.page > 1) q.set('page', String(r.page));
  if (r.perPage && r.perPage !== PAGE_SIZES[0]) q.set('per_page', String(r.perPage));
  const s = q.toString();
  return `#/${r.view === 'portals' ? 'portals' : 'servers'}${s ? `?${s}` : ''}`;
}

function go(r, { replace: replaceEntry = false } = {}) {
  const route = LISTS.has(r.view) ? { search: '', page: 1, perPage: PAGE_SIZES[0], ...r } : r;
  const hash = toHash(route);
  if (hash === location.hash) { route_(); return; }
  if (replaceEntry) { history.replaceState(null, '', hash); route_(); } else location.hash = hash;
}

const TITLES = {
  new: () => 'New server', detail: (r) => r.id, list: () => 'MCP servers',
  portals: () => 'MCP portals', portal: (r) => r.id, 'portal-edit': (r) => `Edit ${r.id}`, 'portal-new': () => 'New portal',
};

/** The nav shows which half of the page a route belongs to. */
function markSection(r) {
  const section = ['portals', 'portal', 'portal-edit', 'portal-new'].includes(r.view) ? 'portals' : 'servers';
  for (const a of document.querySelectorAll('#main-nav a')) {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

let lastView = null;
function route_() {
  if (!api.isConnected()) {
    replace(view);
    return;
  }
  const r = parseHash();
  if (lastView !== null && lastView !== r.view) clearBanner();
  const focusHeading = lastView !== null && (lastView !== r.view || r.view === 'detail' || r.view === 'portal');
  lastView = r.view;
  markSection(r);
  if (r.view === 'new') renderCreate(view, go);
  else if (r.view === 'detail') renderDetail(view, r.id, go);
  else if (r.view === 'portals') renderPortalList(view, r, go);
  else if (r.view === 'portal') renderPortal(view, r.id, go);
  else if (r.view === 'portal-new' || r.view === 'portal-edit') renderPortalForm(view, r.id, go);
  else renderList(view, r, go);
  document.title = `${TITLES[r.view](r)} · MCP Servers admin`;
  const forms = new Set(['new', 'portal-new', 'portal-edit']);
  if (focusHeading && !forms.has(r.view)) view.querySelector('.view-title')?.focus({ preventScroll: false });
}

window.addEventListener('hashchange', route_);

// ---------- connection ----------

function fillForm(c) {
  fields.baseURL.value = c.baseURL || DEFAULT_BASE_URL;
  fields.accountId.value = c.accountId || '';
  fields.token.value = c.token || '';
  fields.remember.checked = Boolean(c.remember);
}

function setFieldError(input, message) {
  const err = $(`${input.id}-error`);
  err.textContent = message ?? '';
  err.hidden = !message;
  if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
}

function showConnected(connected) {
  const c = getConnection();
  const summary = $('conn-summary');
  if (connected) {
    replace(summary,
      h('span', { class: 'conn-pill', title: `${c.baseURL} · account ${c.accountId}` },
        h('span', { class: 'conn-dot', 'aria-hidden': 'true' }),
        h('span', { class: 'conn-text' }, 'Account ', h('span', { class: 'mono' }, shortId(c.accountId)))),
      h('button', { type: 'button', class: 'btn btn-ghost btn-sm', id: 'conn-toggle', 'aria-expanded': 'false', 'aria-controls': 'connection',
        onclick: (e) => {
          const open = connPanel.hidden;
          connPanel.hidden = !open;
          e.currentTarget.setAttribute('aria-expanded', String(open));
          if (open) fields.baseURL.focus();
        } }, 'Connection'));
    connPanel.hidden = true;
    $('main-nav').hidden = false;
    $('disconnect').hidden = false;
    $('conn-intro').hidden = true;
  } else {
    replace(summary);
    $('main-nav').hidden = true;
    connPanel.hidden = false;
    $('disconnect').hidden = true;
    $('conn-intro').hidden = false;
  }
}

function shortId(id) {
  return id.length > 14 ? `${id.slice(0, 6)}…${id.slice(-4)}` : id;
}

async function connectWith(c, { submitButton } = {}) {
  await api.loadLibrary();
  api.connect(c);
  const verify = () => api.servers.list({ page: 1, per_page: 1 });
  try {
    if (submitButton) await withBusy(submitButton, 'Connecting…', verify);
    else await verify();
  } catch (err) {
    api.disconnect();
    showConnected(false);
    replace(view);
    showError(err, { context: 'Connecting' });
    return false;
  }
  clearBanner();
  showConnected(true);
  lastView = null;
  route_();
  return true;
}

connForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const c = {
    baseURL: fields.baseURL.value.trim() || DEFAULT_BASE_URL,
    accountId: fields.accountId.value.trim(),
    token: fields.token.value.trim(),
    remember: fields.remember.checked,
  };
  setFieldError(fields.accountId, c.accountId ? null : 'Enter the Cloudflare account id.');
  setFieldError(fields.token, c.token ? null : 'Enter an API token.');
  if (!c.accountId) { fields.accountId.focus(); return; }
  if (!c.token) { fields.token.focus(); return; }
  setConnection(c);
  const ok = await connectWith(c, { submitButton: $('connect') });
  if (ok) toast('Connected.');
});

$('disconnect').addEventListener('click', () => {
  api.disconnect();
  forgetToken();
  fields.token.value = '';
  fields.remember.checked = false;
  showConnected(false);
  lastView = null;
  route_();
  fields.token.focus();
  toast('Disconnected; the token was forgotten.');
});

/** When the emulator serves a demo account it publishes it at demo.json; absent elsewhere. */
async function demoAccount() {
  try {
    const res = await fetch(new URL('demo.json', location.href), { cache: 'no-store', headers: { accept: 'application/json' } });
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return null;
    const d = await res.json();
    const accountId = d.accountId ?? d.account_id;
    const token = d.token ?? d.apiToken ?? d.api_token;
    if (typeof accountId !== 'string' || typeof token !== 'string') return null;
    return { accountId, token, baseURL: typeof d.baseURL === 'string' ? d.baseURL : undefined };
  } catch {
    return null;
  }
}

async function start() {
  const saved = restoreConnection();
  fillForm(saved);
  showConnected(false);
  try {
    await api.loadLibrary();
  } catch (err) {
    showError(err, { context: 'Starting' });
    $('connect').disabled = true;
    return;
  }
  if (saved.token && saved.accountId) {
    await connectWith(saved);
    return;
  }
  const demo = await demoAccount();
  if (demo && !fields.token.value) {
    if (!fields.accountId.value || fields.accountId.value === demo.accountId) fields.accountId.value = demo.accountId;
    fields.token.value = demo.token;
    if (demo.baseURL) fields.baseURL.value = demo.baseURL;
    const note = $('demo-note');
    note.hidden = false;
    replace(note, icon('plug'), h('span', null, 'The local emulator’s demo account has been filled in. Press Connect to start.'));
  }
}

start();
