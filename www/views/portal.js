// One portal: what agents see through it (computed by the library), its servers with their
// link settings and portal-level overrides, its settings, Edit and Delete.
import { h, replace, button, icon } from '../dom.js';
import { portals, agentView } from '../api.js';
import { showError, clearBanner, toast } from './banner.js';
import { showLoading, showLoadFailure } from './loading.js';
import { confirmDelete } from './confirm.js';
import { dl, onOff, when, unknownRows } from './props.js';
import { statusBadge } from './list.js';
import { codeModeLabel, plural } from '../format.js';
import { name as nameText } from '../text.js';

const KNOWN = new Set(['id', 'name', 'hostname', 'description', 'code_mode', 'allow_code_mode', 'secure_web_gateway',
  'servers', 'created_at', 'created_by', 'modified_at', 'modified_by']);

export function renderPortal(root, id, go) {
  showLoading(root, backLink(), id, 'portal');

  load();

  async function load() {
    let portal;
    try {
      portal = await portals.read(id);
    } catch (err) {
      showLoadFailure(root, backLink(), err, { id, what: 'portal', retry: () => renderPortal(root, id, go) });
      return;
    }
    clearBanner();
    draw(portal);
  }

  function draw(portal) {
    const view = agentView(portal);
    const deleteBtn = button('Delete', { kind: 'danger-ghost', iconName: 'trash', onclick: () => remove(portal, deleteBtn) });
    const editBtn = button('Edit', { kind: 'primary', iconName: 'edit', onclick: () => go({ view: 'portal-edit', id: portal.id }) });
    replace(root,
      h('div', { class: 'view-header' },
        h('div', { class: 'view-header-main' },
          backLink(),
          h('div', { class: 'title-row' }, h('h1', { class: 'view-title', tabindex: '-1' }, nameText(portal.name || portal.id))),
          h('p', { class: 'view-subtitle' },
            h('span', { class: 'mono' }, nameText(portal.id)), h('span', { class: 'dot-sep', 'aria-hidden': 'true' }, '·'),
            h('span', { class: 'mono break' }, endpoint(portal)))),
        h('div', { class: 'header-actions' }, deleteBtn, editBtn)),
      h('div', { class: 'detail-grid' },
        h('div', { class: 'detail-main' },
          agentsCard(view, portal),
          serversCard(portal)),
        h('div', { class: 'detail-side' },
          settingsCard(portal),
          metaCard(portal))));
  }

  function remove(portal, btn) {
    const label = portal.name || portal.id;
    confirmDelete({
      title: 'Delete this MCP portal?',
      name: label,
      text: ['The portal ', h('strong', null, '“', nameText(label), '”'), ' (', h('code', null, nameText(portal.id)), ') will be removed: agents connected to ',
        h('code', null, endpoint(portal)), ' lose its tools and prompts. Its servers stay in the account. This cannot be undone.'],
      returnFocus: btn,
      work: () => portals.delete(portal.id),
      done: (err) => {
        if (err) { showError(err, { context: 'Deleting the portal' }); return; }
        clearBanner();
        toast(`Deleted portal “${label}”.`);
        go({ view: 'portals' });
      },
    });
  }
}

function endpoint(portal) {
  return `https://${portal.hostname}/mcp`;
}

/** The effective tool and prompt lists: the names agents call, their descriptions, and where from. */
function agentsCard(view, portal) {
  const names = new Map((portal.servers ?? []).map((s) => [s.server_id ?? s.id, s.name || s.server_id || s.id]));
  const list = (kind, items) => h('div', { class: 'agent-list', dataset: { kind } },
    h('h3', { class: 'agent-kind' }, kind === 'tools' ? 'Tools' : 'Prompts', h('span', { class: 'count-pill' }, String(items.length))),
    items.length
      ? h('ul', { class: 'agent-items' }, items.map((c) => h('li', { class: 'agent-item', dataset: { name: c.name } },
        h('code', { class: 'cap-name' }, nameText(c.name)),
        c.description ? h('p', { class: 'cap-desc' }, c.description) : h('p', { class: 'cap-desc muted' }, 'No description'),
        h('p', { class: 'agent-from muted small' }, 'From ',
          h('a', { href: `#/servers/${encodeURIComponent(c.server_id)}` }, nameText(names.get(c.server_id) ?? c.server_id)),
          c.upstream_name !== c.name.slice(c.server_id.length + 1) ? [' (upstream name ', h('code', null, nameText(c.upstream_name)), ')'] : null))))
      : h('p', { class: 'empty-inline' }, `No ${kind}: ${portal.servers?.length ? `its servers expose none through this portal (not synced yet, hidden, or allowlisted away).` : 'the portal has no servers yet.'}`));
  return h('section', { class: 'card', 'aria-labelledby': 'agents-title', id: 'agents-card' },
    h('div', { class: 'card-head' },
      h('h2', { id: 'agents-title', class: 'card-title' }, 'What agents see'),
      h('span', { class: 'muted small' }, `${plural(view.tools.length, 'tool')} and ${plural(view.prompts.length, 'prompt')} at ${endpoint(portal)}`)),
    h('p', { class: 'field-hint' }, 'Named {server id}_{alias or name}, after the portal’s and the servers’ aliases, descriptions and enables, from each server’s last sync.'),
    h('div', { class: 'agent-lists' }, list('tools', view.tools), list('prompts', view.prompts)));
}

function serversCard(portal) {
  const entries = portal.servers ?? [];
  return h('section', { class: 'card', 'aria-labelledby': 'pservers-title', id: 'portal-servers-card' },
    h('div', { class: 'card-head' },
      h('h2', { id: 'pservers-title', class: 'card-title' }, 'Servers', h('span', { class: 'count-pill' }, String(entries.length)))),
    entries.length
      ? h('ul', { class: 'link-list portal-servers' }, entries.map((s) => {
        const sid = s.server_id ?? s.id;
        const overrides = [...(s.updated_tools ?? []).map((o) => ['tool', o]), ...(s.updated_prompts ?? []).map((o) => ['prompt', o])]
          .filter(([, o]) => o.portal_alias || o.portal_description || o.enabled !== undefined);
        return h('li', { class: 'portal-server', dataset: { id: sid } },
          h('div', { class: 'title-row' },
            h('a', { class: 'server-link', href: `#/servers/${encodeURIComponent(sid)}` }, nameText(s.name || sid)),
            statusBadge(s.status)),
          h('p', { class: 'mono muted small' }, nameText(sid), ' · ', s.hostname),
          h('p', { class: 'small' },
            s.default_disabled ? 'Allowlist: only the tools and prompts enabled below are shown.' : 'Every tool and prompt is shown unless hidden below.',
            ' ', s.on_behalf === false ? 'Uses the server’s admin credential.' : 'Each user signs in to it (on behalf).'),
          overrides.length
            ? h('ul', { class: 'override-list small' }, overrides.map(([kind, o]) => h('li', null,
              `${kind} `, h('code', null, nameText(o.name)),
              o.enabled === false ? ' hidden' : o.enabled === true ? ' enabled' : null,
              o.portal_alias ? [' as ', h('code', null, nameText(o.portal_alias))] : null,
              o.portal_description ? [': “', o.portal_description, '”'] : null)))
            : h('p', { class: 'muted small' }, 'No portal-level overrides.'));
      }))
      : h('p', { class: 'empty-inline' }, 'No servers yet: Edit the portal to pick the servers whose tools it offers.'));
}

function settingsCard(portal) {
  return h('section', { class: 'card', 'aria-labelledby': 'psettings-title', id: 'portal-settings-card' },
    h('div', { class: 'card-head' }, h('h2', { id: 'psettings-title', class: 'card-title' }, 'Settings')),
    dl([
      ['Name', nameText(portal.name || '—')],
      ['Description', portal.description ? portal.description : h('span', { class: 'muted' }, 'No description')],
      ['Hostname', h('span', { class: 'mono break' }, portal.hostname)],
      ['MCP endpoint', h('span', { class: 'mono break' }, endpoint(portal))],
      ['Code Mode', codeModeLabel(portal)],
      ['Secure Web Gateway', onOff(portal.secure_web_gateway)],
    ]));
}

function metaCard(portal) {
  return h('section', { class: 'card', 'aria-labelledby': 'pmeta-title' },
    h('div', { class: 'card-head' }, h('h2', { id: 'pmeta-title', class: 'card-title' }, 'Details')),
    dl([
      ['Portal ID', h('span', { class: 'mono' }, portal.id)],
      ['Created', when(portal.created_at, portal.created_by)],
      ['Modified', when(portal.modified_at, portal.modified_by)],
      ...unknownRows(portal, KNOWN),
    ]));
}

function backLink() {
  return h('a', { class: 'back-link', href: '#/portals' }, icon('back'), 'All portals');
}
