// One server: every field, the sync state in words, Sync, Edit, capabilities, Delete.
import { h, replace, button, withBusy, icon } from '../dom.js';
import { servers, portals, validate } from '../api.js';
import { showError, clearBanner, toast } from './banner.js';
import { showLoading, showLoadFailure } from './loading.js';
import { confirmDelete } from './confirm.js';
import { dl, label, onOff, when, unknownRows } from './props.js';
import { field, toggle, applyProblems, errorSummary } from './forms.js';
import { capabilityEditor } from './capabilities.js';
import { reviewCard, driftCard, quarantineSwitch, quarantineOnSync } from './review.js';
import { statusBadge } from './list.js';
import {
  explainSync, explainFailure, relativeTime, absoluteTime, authLabel, statusInfo, plural, AUTHENTICATION_STATUS,
} from '../format.js';
import { name as nameText } from '../text.js';

const KNOWN = new Set(['id', 'name', 'hostname', 'auth_type', 'tools', 'prompts', 'status', 'description', 'error',
  'error_details', 'last_synced', 'last_successful_sync', 'created_at', 'created_by', 'modified_at', 'modified_by',
  'secure_web_gateway', 'is_shared_oauth_callback_enabled', 'updated_tools', 'updated_prompts',
  'authentication_status', 'auth_config_summary']);

export function renderDetail(root, id, go) {
  let server = null;
  let lastSync = null; // { result, at } of a sync run from this page
  let lastReview = null; // { changes, quarantined, before } of that sync
  const decisions = new Map(); // review actions taken on this page, by `kind:name`
  let editing = false;
  let editors = {};
  let usedBy = null; // the portals that link this server: null while loading, undefined if that failed

  showLoading(root, backLink(), id, 'server');

  load();

  async function load() {
    try {
      server = await servers.read(id);
    } catch (err) {
      showLoadFailure(root, backLink(), err, { id, what: 'server', retry: () => renderDetail(root, id, go) });
      return;
    }
    clearBanner();
    draw();
    loadPortals();
  }

  function draw() {
    const title = h('h1', { class: 'view-title', tabindex: '-1' }, nameText(server.name || server.id));
    const syncBtn = button('Sync', { kind: 'primary', iconName: 'sync', onclick: () => runSync(syncBtn) });
    const deleteBtn = button('Delete', { kind: 'danger-ghost', iconName: 'trash', onclick: () => confirmDeleteServer(deleteBtn) });
    editors = {
      tools: capabilityEditor('tools', server, () => updateSaveBar()),
      prompts: capabilityEditor('prompts', server, () => updateSaveBar()),
    };
    const saveBar = h('div', { class: 'save-bar', hidden: true, role: 'region', 'aria-label': 'Unsaved capability changes' });

    replace(root,
      h('div', { class: 'view-header' },
        h('div', { class: 'view-header-main' },
          backLink(),
          h('div', { class: 'title-row' }, title, statusBadge(server.status)),
          h('p', { class: 'view-subtitle' },
            h('span', { class: 'mono' }, nameText(server.id)), h('span', { class: 'dot-sep', 'aria-hidden': 'true' }, '·'),
            h('span', { class: 'mono break' }, server.hostname))),
        h('div', { class: 'header-actions' }, deleteBtn, syncBtn)),
      h('div', { class: 'detail-grid' },
        h('div', { class: 'detail-main' },
          syncCard(),
          lastReview ? reviewCard(server, lastReview, decisions, updated) : null,
          driftCard(server, decisions, updated),
          capabilityCard('tools', 'Tools', editors.tools),
          capabilityCard('prompts', 'Prompts', editors.prompts),
          saveBar),
        h('div', { class: 'detail-side' },
          editing ? editCard() : settingsCard(),
          portalsCard(),
          metaCard())));

    function updateSaveBar() {
      const dirty = editors.tools.isDirty() || editors.prompts.isDirty();
      saveBar.hidden = !dirty;
      // A sync redraws the tables, so it waits until the edits are saved or discarded.
      syncBtn.disabled = dirty;
      if (dirty) {
        syncBtn.setAttribute('aria-describedby', 'unsaved-note');
        syncBtn.title = 'Save or discard your changes to tools and prompts first';
      } else {
        syncBtn.removeAttribute('aria-describedby');
        syncBtn.removeAttribute('title');
      }
      if (dirty && !saveBar.firstChild) {
        const saveBtn = button('Save changes', { kind: 'primary', onclick: () => saveCapabilities(saveBtn) });
        replace(saveBar,
          h('p', { id: 'unsaved-note' }, 'You have unsaved changes to tools or prompts.'),
          h('div', { class: 'save-bar-actions' },
            button('Discard', { kind: 'ghost', onclick: () => draw() }),
            saveBtn));
      }
    }
  }

  function syncCard() {
    const ex = explainSync(server);
    const card = h('section', { class: `card sync-card tone-${ex.tone}`, 'aria-labelledby': 'sync-title', id: 'sync-card' },
      h('div', { class: 'card-head' },
        h('h2', { id: 'sync-title', class: 'card-title' }, 'Sync'),
        server.last_synced
          ? h('span', { class: 'muted small' }, 'Last synced ', h('time', { datetime: server.last_synced, title: absoluteTime(server.last_synced) }, relativeTime(server.last_synced)))
          : h('span', { class: 'muted small' }, 'Never synced')),
      h('p', { class: 'sync-state' }, ex.title),
      ex.lines.map((line) => h('p', { class: 'sync-line' }, line)),
      quarantineSwitch(),
      h('div', { class: 'sync-result', role: 'status', 'aria-live': 'polite' }, lastSync ? syncResultView(lastSync) : null));
    return card;
  }

  function syncResultView({ result, at }) {
    const s = statusInfo(result.status);
    const ok = result.status === 'ready';
    return h('div', { class: `sync-outcome tone-${s.tone}` },
      h('p', { class: 'sync-outcome-title' }, icon(ok ? 'check' : 'alert'),
        ok
          ? `Sync finished ${relativeTime(at)}: found ${plural(server.tools?.length ?? 0, 'tool')} and ${plural(server.prompts?.length ?? 0, 'prompt')}.`
          : `Sync finished ${relativeTime(at)} with status “${s.label}”.`),
      !ok && (result.error || result.error_details)
        ? explainFailure(result.error_details, result.error).map((l) => h('p', { class: 'sync-line' }, l))
        : null);
  }

  async function runSync(btn) {
    const card = root.querySelector('#sync-card .sync-result');
    if (card) {
      replace(card, h('div', { class: 'sync-progress' },
        h('div', { class: 'progress-track' }, h('div', { class: 'progress-bar' })),
        h('p', { class: 'sync-line' }, `Syncing: connecting to ${server.hostname} and listing its tools and prompts…`)));
    }
    let result;
    try {
      const before = server;
      result = await withBusy(btn, 'Syncing…', async () => {
        const r = await servers.syncAndReview(server.id, { quarantine: quarantineOnSync() ? 'new' : 'off' });
        server = r.server;
        lastReview = { changes: r.changes, quarantined: r.quarantined, before };
        decisions.clear();
        return r.sync;
      });
    } catch (err) {
      if (card) replace(card);
      showError(err, { context: 'Syncing', retry: () => runSync(root.querySelector('.header-actions .btn-primary') ?? btn) });
      return;
    }
    clearBanner();
    lastSync = { result, at: new Date().toISOString() };
    draw();
    toast(result.status === 'ready'
      ? `Synced “${server.name || server.id}”: ${plural(server.tools?.length ?? 0, 'tool')}, ${plural(server.prompts?.length ?? 0, 'prompt')}.`
      : `Sync of “${server.name || server.id}” ended with status ${statusInfo(result.status).label}.`,
    result.status === 'ready' ? 'ok' : 'warn');
  }

  /** After a review action: the server as updated, redrawn (the review panel stays). */
  function updated(next) {
    server = next;
    draw();
  }

  function capabilityCard(kind, label, editor) {
    const headingId = `${kind}-title`;
    return h('section', { class: 'card', 'aria-labelledby': headingId, id: `${kind}-card` },
      h('div', { class: 'card-head' },
        h('h2', { id: headingId, class: 'card-title' }, label, h('span', { class: 'count-pill' }, String(editor.count))),
        h('span', { class: 'muted small' }, kind === 'tools' ? 'Disable, rename or re-describe what agents see.' : 'Disable, rename or re-describe prompts.')),
      editor.root);
  }

  async function saveCapabilities(btn) {
    const params = {
      ...baseline(),
      updated_tools: editors.tools.collect(),
      updated_prompts: editors.prompts.collect(),
    };
    const problems = validate.update(params);
    const shown = editors.tools.showProblems(problems) + editors.prompts.showProblems(problems);
    if (problems.length) {
      if (shown < problems.length) {
        showError({ message: problems.map((p) => p.message).join('; ') }, { context: 'Saving tools and prompts' });
      }
      return;
    }
    try {
      server = await withBusy(btn, 'Saving…', () => servers.update(server.id, params));
    } catch (err) {
      showError(err, { context: 'Saving tools and prompts' });
      return;
    }
    clearBanner();
    draw();
    toast('Tool and prompt settings saved.');
  }

  /** Every updatable field as it is now, so an update never resets what it does not mean to change. */
  function baseline() {
    const p = {};
    if (typeof server.name === 'string') p.name = server.name;
    if (server.description !== undefined) p.description = server.description;
    if (typeof server.secure_web_gateway === 'boolean') p.secure_web_gateway = server.secure_web_gateway;
    if (typeof server.is_shared_oauth_callback_enabled === 'boolean') p.is_shared_oauth_callback_enabled = server.is_shared_oauth_callback_enabled;
    if (Array.isArray(server.updated_tools)) p.updated_tools = server.updated_tools;
    if (Array.isArray(server.updated_prompts)) p.updated_prompts = server.updated_prompts;
    return p;
  }

  function settingsCard() {
    const editBtn = button('Edit', { kind: 'secondary', iconName: 'edit', class: 'btn-sm', onclick: () => { editing = true; draw(); root.querySelector('#edit-card input')?.focus(); } });
    return h('section', { class: 'card', 'aria-labelledby': 'settings-title', id: 'settings-card' },
      h('div', { class: 'card-head' }, h('h2', { id: 'settings-title', class: 'card-title' }, 'Settings'), editBtn),
      dl([
        ['Name', nameText(server.name || '—')],
        ['Description', server.description ? server.description : h('span', { class: 'muted' }, 'No description')],
        ['Hostname', h('span', { class: 'mono break' }, server.hostname)],
        ['Auth type', authLabel(server.auth_type)],
        server.auth_type === 'bearer' ? ['Credentials', h('span', { class: 'muted' }, 'Write-only: never shown')] : null,
        ['Secure Web Gateway', onOff(server.secure_web_gateway)],
        ['Shared OAuth callback', onOff(server.is_shared_oauth_callback_enabled)],
      ]));
  }

  function editCard() {
    const f = {
      name: field({ name: 'name', label: 'Name', value: server.name ?? '', counter: 350, autocomplete: 'off' }),
      description: field({ name: 'description', label: 'Description', control: 'textarea', counter: 512, value: server.description ?? '' }),
    };
    if (server.auth_type === 'bearer') {
      f.auth_credentials = field({ name: 'auth_credentials', label: 'Credentials', type: 'password', autocomplete: 'new-password',
        hint: 'Leave empty to keep the current credentials. A bearer token or a JSON string {"headers": {…}}.' });
    }
    if (server.auth_type === 'oauth') {
      f.client_secret = field({ name: 'client_secret', label: 'OAuth client secret', type: 'password', autocomplete: 'new-password',
        hint: 'Leave empty to keep the current secret. Only for a pre-registered OAuth client (manual mode).' });
    }
    const swg = toggle({ name: 'secure_web_gateway', label: 'Route through Secure Web Gateway', checked: Boolean(server.secure_web_gateway) });
    const shared = toggle({ name: 'is_shared_oauth_callback_enabled', label: 'Use the shared OAuth callback', checked: Boolean(server.is_shared_oauth_callback_enabled) });
    const summarySlot = h('div');
    const saveBtn = button('Save', { kind: 'primary', type: 'submit' });
    const form = h('form', { class: 'card edit-card', id: 'edit-card', novalidate: true, 'aria-labelledby': 'edit-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'edit-title', class: 'card-title' }, 'Edit settings')),
      summarySlot,
      f.name.root, f.description.root, f.auth_credentials?.root, f.client_secret?.root, swg.root, shared.root,
      h('p', { class: 'field-hint' }, 'Server ID, hostname and auth type cannot be changed; delete and re-create the server instead.'),
      h('div', { class: 'form-actions' },
        button('Cancel', { kind: 'ghost', onclick: () => { editing = false; draw(); } }),
        saveBtn));

    const params = () => {
      const description = f.description.input.value.trim();
      const p = {
        ...baseline(),
        name: f.name.input.value.trim(),
        description: description ? description : (server.description ? null : server.description),
        secure_web_gateway: swg.input.checked,
        is_shared_oauth_callback_enabled: shared.input.checked,
      };
      if (p.description === undefined) delete p.description;
      if (f.auth_credentials && f.auth_credentials.input.value) p.auth_credentials = f.auth_credentials.input.value;
      if (f.client_secret && f.client_secret.input.value) p.client_secret = f.client_secret.input.value;
      return p;
    };

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const p = params();
      const problems = validate.update(p);
      applyProblems(f, problems);
      replace(summarySlot, errorSummary(problems));
      if (problems.length) {
        (f[problems[0].field]?.input ?? summarySlot.firstChild)?.focus();
        return;
      }
      try {
        server = await withBusy(saveBtn, 'Saving…', () => servers.update(server.id, p));
      } catch (err) {
        showError(err, { context: 'Saving settings' });
        return;
      }
      clearBanner();
      editing = false;
      draw();
      toast('Settings saved.');
    });
    return form;
  }

  function metaCard() {
    const s = server;
    const rows = [
      ['Server ID', h('span', { class: 'mono' }, s.id)],
      ['Status', statusBadge(s.status)],
      s.authentication_status ? ['Authentication', AUTHENTICATION_STATUS[s.authentication_status] ?? String(s.authentication_status)] : null,
      ['Last synced', when(s.last_synced)],
      ['Last successful sync', when(s.last_successful_sync)],
      s.error ? ['Last error', s.error] : null,
      ['Created', when(s.created_at, s.created_by)],
      ['Modified', when(s.modified_at, s.modified_by)],
    ];
    const a = s.auth_config_summary;
    if (a && typeof a === 'object') {
      if (a.auth_mode) rows.push(['OAuth mode', a.auth_mode === 'dcr' ? 'Dynamic client registration' : a.auth_mode === 'manual' ? 'Pre-registered client' : String(a.auth_mode)]);
      if (a.has_client_secret !== undefined) rows.push(['Client secret', a.has_client_secret ? `Stored${a.client_secret_version !== undefined ? ` (version ${a.client_secret_version})` : ''}` : 'None']);
      for (const [k, v] of Object.entries(a.config ?? {})) rows.push([label(k), h('span', { class: 'mono break' }, String(v))]);
      for (const [k, v] of Object.entries(a.registration_info ?? {})) rows.push([label(k), h('span', { class: 'mono break' }, Array.isArray(v) ? v.join(', ') : String(v))]);
    }
    rows.push(...unknownRows(s, KNOWN));
    return h('section', { class: 'card', 'aria-labelledby': 'meta-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'meta-title', class: 'card-title' }, 'Details')),
      dl(rows));
  }

  function confirmDeleteServer(btn) {
    const label = server.name || server.id;
    confirmDelete({
      title: 'Delete this MCP server?',
      name: label,
      text: ['The server ', h('strong', null, '“', nameText(label), '”'), ' (', h('code', null, nameText(server.id)), ') will be removed from this account. ',
        usedBy?.length
          ? ['It is still exposed by ', portalLinks(usedBy), ': the API refuses to delete it until it is removed from those portals.']
          : 'No portal exposes it.',
        ' This cannot be undone.'],
      returnFocus: btn,
      work: () => servers.delete(server.id),
      done: (err) => {
        if (err) {
          showError(err, { context: 'Deleting the server', extra: err.status === 409 && usedBy?.length ? inUse() : null });
          return;
        }
        clearBanner();
        toast(`Deleted “${label}”.`);
        go({ view: 'list' });
      },
    });
  }

  /** What to do when the API refuses the delete because portals still link the server. */
  function inUse() {
    return h('p', { class: 'banner-hint' }, 'Open ', portalLinks(usedBy), ', edit it, untick this server under Servers and save; then delete the server.');
  }

  function portalsCard() {
    return h('section', { class: 'card', 'aria-labelledby': 'portals-title', id: 'portals-card' },
      h('div', { class: 'card-head' },
        h('h2', { id: 'portals-title', class: 'card-title' }, 'Portals', usedBy ? h('span', { class: 'count-pill' }, String(usedBy.length)) : null)),
      usedBy === null
        ? h('p', { class: 'muted small' }, 'Looking for the portals that expose this server…')
        : usedBy === undefined
          ? h('p', { class: 'muted small' }, 'The portals could not be loaded.')
          : usedBy.length
            ? h('ul', { class: 'link-list' }, usedBy.map((p) => h('li', null,
              h('a', { href: `#/portals/${encodeURIComponent(p.id)}` }, nameText(p.name || p.id)),
              h('span', { class: 'mono muted small' }, ' ', p.hostname))))
            : h('p', { class: 'muted small' }, 'No portal exposes this server yet, so no agent sees its tools. ',
              h('a', { href: '#/new-portal' }, 'Create a portal'), ' or add it to one.'));
  }

  async function loadPortals() {
    try {
      const all = await portals.all();
      usedBy = all.filter((p) => (p.servers ?? []).some((s) => (s.server_id ?? s.id) === id));
    } catch {
      usedBy = undefined;
    }
    const card = root.querySelector('#portals-card');
    if (card) card.replaceWith(portalsCard());
  }

  function backLink() {
    return h('a', { class: 'back-link', href: '#/servers' }, icon('back'), 'All servers');
  }
}

function portalLinks(list) {
  return list.map((p, i) => [i ? ', ' : '', h('a', { href: `#/portals/${encodeURIComponent(p.id)}` }, '“', nameText(p.name || p.id), '”')]);
}
