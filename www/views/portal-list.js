// The portal list: hostname, how many servers, Code Mode, empty state (the frame is listing.js).
import { h, icon, button } from '../dom.js';
import { portals } from '../api.js';
import { renderListing, nameCell } from './listing.js';
import { codeModeLabel } from '../format.js';
import { name as nameText } from '../text.js';

/** Renders the portal list for `query` = { search, page, perPage } into `root`. */
export function renderPortalList(root, query, go) {
  renderListing(root, query, go, {
    kind: 'portals',
    noun: 'portal',
    idPrefix: 'portal',
    title: 'MCP portals',
    subtitle: 'The MCP endpoints agents connect to, each exposing the tools and prompts of its servers.',
    newLabel: 'New portal',
    newView: 'portal-new',
    searchPlaceholder: 'Search by id, name or hostname',
    searchHint: 'Search looks at portal ids, names and hostnames.',
    load: (params, opts) => portals.list(params, opts),
    table,
    emptyAll: () => h('div', { class: 'empty' },
      h('div', { class: 'empty-art', 'aria-hidden': 'true' }, icon('plug', 'icon empty-icon')),
      h('p', { class: 'empty-title' }, 'No MCP portals yet'),
      h('p', { class: 'empty-text' }, 'A portal is one MCP endpoint (https://<hostname>/mcp) that gives agents the tools and prompts of the servers you pick.'),
      button('New portal', { kind: 'primary', iconName: 'plus', onclick: () => go({ view: 'portal-new' }) })),
  });
}

function table(items) {
  return h('table', { class: 'row-table portals-table' },
    h('caption', { class: 'sr-only' }, 'MCP portals'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Portal'),
      h('th', { scope: 'col' }, 'Hostname'),
      h('th', { scope: 'col' }, 'Code Mode'),
      h('th', { scope: 'col', class: 'num' }, 'Servers'))),
    h('tbody', null, items.map(row)));
}

function row(p) {
  const servers = Array.isArray(p.servers) ? p.servers : [];
  return h('tr', { dataset: { id: p.id } },
    nameCell(`#/portals/${encodeURIComponent(p.id)}`, nameText(p.name || p.id), nameText(p.id)),
    h('td', { class: 'cell-host', 'data-label': 'Hostname' }, h('span', { class: 'mono truncate', title: p.hostname }, p.hostname)),
    h('td', { class: 'cell-status', 'data-label': 'Code Mode' }, h('span', { class: 'pill' }, codeModeLabel(p))),
    h('td', { class: 'num', 'data-label': 'Servers', title: servers.map((s) => s.server_id ?? s.id).join(', ') },
      String(servers.length)));
}
