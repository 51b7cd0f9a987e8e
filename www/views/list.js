// The server list: status badges, counts, last sync, empty state (the frame is listing.js).
import { h, icon, button } from '../dom.js';
import { servers } from '../api.js';
import { renderListing, nameCell, PAGE_SIZES } from './listing.js';
import { relativeTime, absoluteTime, statusInfo, authLabel } from '../format.js';
import { name as nameText } from '../text.js';
import { pendingSlot } from './pending.js';

export { PAGE_SIZES };

export function statusBadge(status) {
  const s = statusInfo(status);
  return h('span', { class: `badge badge-${s.tone}`, title: s.hint }, h('span', { class: 'badge-dot', 'aria-hidden': 'true' }), s.label);
}

/**
 * Renders the server list for `query` = { search, page, perPage } into `root`.
 * `go(query)` changes the query (and the URL hash).
 */
export function renderList(root, query, go) {
  renderListing(root, query, go, {
    kind: 'servers',
    noun: 'server',
    idPrefix: 'server',
    title: 'MCP servers',
    subtitle: 'Upstream MCP servers that portals can expose to AI agents.',
    newLabel: 'New server',
    newView: 'new',
    searchPlaceholder: 'Search by id or name',
    searchHint: 'Search looks at server ids and names.',
    above: pendingSlot(),
    load: (params, opts) => servers.list(params, opts),
    table,
    emptyAll,
  });

  function emptyAll() {
    return h('div', { class: 'empty' },
      h('div', { class: 'empty-art', 'aria-hidden': 'true' }, icon('server', 'icon empty-icon')),
      h('p', { class: 'empty-title' }, 'No MCP servers yet'),
      h('p', { class: 'empty-text' }, 'Register an upstream MCP server to sync its tools and prompts and make them available through your portals.'),
      button('New server', { kind: 'primary', iconName: 'plus', onclick: () => go({ view: 'new' }) }));
  }
}

function table(items) {
  return h('table', { class: 'row-table servers-table' },
    h('caption', { id: 'list-caption', class: 'sr-only' }, 'MCP servers'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Server'),
      h('th', { scope: 'col' }, 'Hostname'),
      h('th', { scope: 'col' }, 'Auth'),
      h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Last synced'),
      h('th', { scope: 'col', class: 'num' }, 'Tools'),
      h('th', { scope: 'col', class: 'num' }, 'Prompts'))),
    h('tbody', null, items.map(row)));
}

function row(s) {
  const tools = Array.isArray(s.tools) ? s.tools.length : 0;
  const prompts = Array.isArray(s.prompts) ? s.prompts.length : 0;
  const rel = relativeTime(s.last_synced);
  return h('tr', { dataset: { id: s.id } },
    nameCell(`#/servers/${encodeURIComponent(s.id)}`, nameText(s.name || s.id), nameText(s.id)),
    h('td', { class: 'cell-host', 'data-label': 'Hostname' }, h('span', { class: 'mono truncate', title: s.hostname }, s.hostname)),
    h('td', { 'data-label': 'Auth' }, authLabel(s.auth_type)),
    h('td', { class: 'cell-status', 'data-label': 'Status' }, statusBadge(s.status)),
    h('td', { class: 'cell-time', 'data-label': 'Last synced' },
      rel ? h('time', { datetime: s.last_synced, title: absoluteTime(s.last_synced) }, rel) : h('span', { class: 'muted' }, 'Never')),
    h('td', { class: 'num', 'data-label': 'Tools' }, String(tools)),
    h('td', { class: 'num', 'data-label': 'Prompts' }, String(prompts)));
}
