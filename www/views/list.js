// The server list: search, pagination, status badges, empty state.
import { h, replace, icon, button } from '../dom.js';
import { servers } from '../api.js';
import { showError, clearBanner } from './banner.js';
import { relativeTime, absoluteTime, statusInfo, authLabel } from '../format.js';
import { name as nameText } from '../text.js';
import { pendingSlot } from './pending.js';

export const PAGE_SIZES = [20, 50, 100];

export function statusBadge(status) {
  const s = statusInfo(status);
  return h('span', { class: `badge badge-${s.tone}`, title: s.hint }, h('span', { class: 'badge-dot', 'aria-hidden': 'true' }), s.label);
}

let inflight = null;

/**
 * Renders the list for `query` = { search, page, perPage } into `root`.
 * `go(query)` changes the query (and the URL hash).
 */
export function renderList(root, query, go) {
  const heading = h('h1', { class: 'view-title', tabindex: '-1' }, 'MCP servers');
  const searchInput = h('input', {
    id: 'server-search', type: 'search', name: 'search', value: query.search,
    placeholder: 'Search by id or name', autocomplete: 'off', spellcheck: 'false',
  });
  let debounce = null;
  const submitSearch = () => {
    clearTimeout(debounce);
    const value = searchInput.value.trim();
    if (value !== query.search) go({ ...query, search: value, page: 1 }, { replace: true });
  };
  searchInput.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(submitSearch, 350);
  });
  const searchForm = h('form', { class: 'search', role: 'search', onsubmit: (e) => { e.preventDefault(); submitSearch(); } },
    h('label', { for: 'server-search', class: 'sr-only' }, 'Search servers'),
    icon('search', 'icon search-icon'),
    searchInput);

  const status = h('p', { class: 'list-status', role: 'status', 'aria-live': 'polite' });
  const refresh = h('button', { type: 'button', class: 'btn btn-ghost btn-icon btn-sm', 'aria-label': 'Refresh the list', title: 'Refresh',
    onclick: () => load() }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), icon('sync'));
  const body = h('div', { class: 'list-body', 'aria-busy': 'true' }, skeleton());
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pagination' });

  replace(root,
    h('div', { class: 'view-header' },
      h('div', null, heading,
        h('p', { class: 'view-subtitle' }, 'Upstream MCP servers that portals can expose to AI agents.')),
      button('New server', { kind: 'primary', iconName: 'plus', onclick: () => go({ view: 'new' }) })),
    pendingSlot(),
    h('section', { class: 'card list-card', 'aria-label': 'Server list' },
      h('div', { class: 'toolbar' }, searchForm, h('div', { class: 'toolbar-end' }, status, refresh)),
      body,
      pager));

  load();

  async function load() {
    if (inflight) inflight.abort();
    const controller = new AbortController();
    inflight = controller;
    body.setAttribute('aria-busy', 'true');
    refresh.classList.add('is-busy');
    status.textContent = 'Loading servers…';
    const params = { page: query.page, per_page: query.perPage };
    if (query.search) params.search = query.search;
    let page;
    try {
      page = await servers.list(params, { signal: controller.signal });
    } catch (err) {
      if (controller.signal.aborted) return;
      body.setAttribute('aria-busy', 'false');
      status.textContent = '';
      replace(body, h('div', { class: 'empty' }, h('p', { class: 'empty-title' }, 'Servers could not be loaded.')));
      showError(err, { context: 'Loading servers', retry: load });
      return;
    } finally {
      if (inflight === controller) {
        inflight = null;
        refresh.classList.remove('is-busy');
      }
    }
    clearBanner();
    body.setAttribute('aria-busy', 'false');
    draw(page);
  }

  function draw(page) {
    const items = page.result ?? [];
    const info = page.result_info ?? {};
    const total = typeof info.total_count === 'number' ? info.total_count : null;
    const totalPages = typeof info.total_pages === 'number'
      ? info.total_pages
      : total !== null ? Math.max(1, Math.ceil(total / query.perPage)) : null;
    const first = (query.page - 1) * query.perPage + 1;
    const last = first + items.length - 1;

    if (!items.length) {
      status.textContent = query.search ? 'No matches' : '0 servers';
      replace(body, query.search ? emptySearch() : emptyAll());
    } else {
      status.textContent = total !== null
        ? `Showing ${first}–${last} of ${total}`
        : `Showing ${first}–${last}`;
      replace(body, table(items));
    }

    const hasPrev = query.page > 1;
    const hasNext = totalPages !== null ? query.page < totalPages : items.length === query.perPage;
    const sizeSelect = h('select', { id: 'page-size', name: 'per_page' },
      PAGE_SIZES.map((n) => h('option', { value: String(n), selected: n === query.perPage }, String(n))));
    sizeSelect.addEventListener('change', () => go({ ...query, perPage: Number(sizeSelect.value), page: 1 }));
    replace(pager,
      h('div', { class: 'pager-size' }, h('label', { for: 'page-size' }, 'Rows per page'), sizeSelect),
      h('div', { class: 'pager-nav' },
        h('span', { class: 'pager-label' },
          totalPages !== null ? `Page ${query.page} of ${totalPages}` : `Page ${query.page}`),
        h('button', { type: 'button', class: 'btn btn-secondary btn-icon', 'aria-label': 'Previous page', disabled: !hasPrev,
          onclick: () => go({ ...query, page: query.page - 1 }) }, icon('chevronLeft')),
        h('button', { type: 'button', class: 'btn btn-secondary btn-icon', 'aria-label': 'Next page', disabled: !hasNext,
          onclick: () => go({ ...query, page: query.page + 1 }) }, icon('chevronRight'))));
    pager.hidden = !items.length && query.page === 1;

    if (!items.length && query.page > 1) {
      // A page past the end (e.g. after deleting the last server on it): step back.
      go({ ...query, page: query.page - 1 }, { replace: true });
    }
  }

  function table(items) {
    return h('div', { class: 'table-wrap' },
      h('table', { class: 'servers-table' },
        h('caption', { id: 'list-caption', class: 'sr-only' }, 'MCP servers'),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'Server'),
          h('th', { scope: 'col' }, 'Hostname'),
          h('th', { scope: 'col' }, 'Auth'),
          h('th', { scope: 'col' }, 'Status'),
          h('th', { scope: 'col' }, 'Last synced'),
          h('th', { scope: 'col', class: 'num' }, 'Tools'),
          h('th', { scope: 'col', class: 'num' }, 'Prompts'))),
        h('tbody', null, items.map(row))));
  }

  function row(s) {
    const tools = Array.isArray(s.tools) ? s.tools.length : 0;
    const prompts = Array.isArray(s.prompts) ? s.prompts.length : 0;
    const rel = relativeTime(s.last_synced);
    return h('tr', { dataset: { id: s.id } },
      h('td', { class: 'cell-server' },
        h('a', { class: 'server-link', href: `#/servers/${encodeURIComponent(s.id)}` }, nameText(s.name || s.id)),
        h('span', { class: 'mono muted server-id' }, nameText(s.id))),
      h('td', { class: 'cell-host', 'data-label': 'Hostname' }, h('span', { class: 'mono truncate', title: s.hostname }, s.hostname)),
      h('td', { 'data-label': 'Auth' }, authLabel(s.auth_type)),
      h('td', { class: 'cell-status', 'data-label': 'Status' }, statusBadge(s.status)),
      h('td', { class: 'cell-time', 'data-label': 'Last synced' },
        rel ? h('time', { datetime: s.last_synced, title: absoluteTime(s.last_synced) }, rel) : h('span', { class: 'muted' }, 'Never')),
      h('td', { class: 'num', 'data-label': 'Tools' }, String(tools)),
      h('td', { class: 'num', 'data-label': 'Prompts' }, String(prompts)));
  }

  function emptyAll() {
    return h('div', { class: 'empty' },
      h('div', { class: 'empty-art', 'aria-hidden': 'true' }, icon('server', 'icon empty-icon')),
      h('p', { class: 'empty-title' }, 'No MCP servers yet'),
      h('p', { class: 'empty-text' }, 'Register an upstream MCP server to sync its tools and prompts and make them available through your portals.'),
      button('New server', { kind: 'primary', iconName: 'plus', onclick: () => go({ view: 'new' }) }));
  }

  function emptySearch() {
    return h('div', { class: 'empty' },
      h('div', { class: 'empty-art', 'aria-hidden': 'true' }, icon('search', 'icon empty-icon')),
      h('p', { class: 'empty-title' }, `No servers match “${query.search}”`),
      h('p', { class: 'empty-text' }, 'Search looks at server ids and names.'),
      button('Clear search', { kind: 'secondary', onclick: () => go({ ...query, search: '', page: 1 }) }));
  }
}

function skeleton() {
  return h('div', { class: 'skeleton', 'aria-hidden': 'true' },
    Array.from({ length: 5 }, () => h('div', { class: 'skeleton-row' },
      h('span', { class: 'sk sk-lg' }), h('span', { class: 'sk sk-md' }), h('span', { class: 'sk sk-sm' }))));
}
