// The frame both lists share: heading, search, status line, refresh, pager, skeleton, and rows
// that open on a click anywhere (the name link stays for keyboard users).
import { h, replace, icon, button } from '../dom.js';
import { showError, clearBanner } from './banner.js';

export const PAGE_SIZES = [20, 50, 100];

const inflight = new Map(); // one load in flight per list kind

/**
 * Renders a paged, searchable list of `kind` ('servers' | 'portals') for `query` =
 * { search, page, perPage } into `root`. `spec` gives the words, `load(params, opts)` (a page
 * with result and result_info), `table(items)`, and the empty states; `go(query)` navigates.
 */
export function renderListing(root, query, go, spec) {
  const { kind, noun } = spec;
  const heading = h('h1', { class: 'view-title', tabindex: '-1' }, spec.title);
  const searchInput = h('input', {
    id: `${spec.idPrefix}-search`, type: 'search', name: 'search', value: query.search,
    placeholder: spec.searchPlaceholder, autocomplete: 'off', spellcheck: 'false',
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
    h('label', { for: searchInput.id, class: 'sr-only' }, `Search ${kind}`),
    icon('search', 'icon search-icon'),
    searchInput);

  const status = h('p', { class: 'list-status', role: 'status', 'aria-live': 'polite' });
  const refresh = h('button', { type: 'button', class: 'btn btn-ghost btn-icon btn-sm', 'aria-label': 'Refresh the list', title: 'Refresh',
    onclick: () => load() }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), icon('sync'));
  const body = h('div', { class: 'list-body', 'aria-busy': 'true' }, skeleton());
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pagination' });

  replace(root,
    h('div', { class: 'view-header' },
      h('div', null, heading, h('p', { class: 'view-subtitle' }, spec.subtitle)),
      button(spec.newLabel, { kind: 'primary', iconName: 'plus', onclick: () => go({ view: spec.newView }) })),
    spec.above ?? null,
    h('section', { class: 'card list-card', 'aria-label': `${noun[0].toUpperCase()}${noun.slice(1)} list` },
      h('div', { class: 'toolbar' }, searchForm, h('div', { class: 'toolbar-end' }, status, refresh)),
      body,
      pager));

  load();

  async function load() {
    inflight.get(kind)?.abort();
    const controller = new AbortController();
    inflight.set(kind, controller);
    body.setAttribute('aria-busy', 'true');
    refresh.classList.add('is-busy');
    status.textContent = `Loading ${kind}…`;
    const params = { page: query.page, per_page: query.perPage };
    if (query.search) params.search = query.search;
    let page;
    try {
      page = await spec.load(params, { signal: controller.signal });
    } catch (err) {
      if (controller.signal.aborted) return;
      body.setAttribute('aria-busy', 'false');
      status.textContent = '';
      replace(body, h('div', { class: 'empty' }, h('p', { class: 'empty-title' }, `${kind[0].toUpperCase()}${kind.slice(1)} could not be loaded.`)));
      showError(err, { context: `Loading ${kind}`, retry: load });
      return;
    } finally {
      if (inflight.get(kind) === controller) {
        inflight.delete(kind);
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
      status.textContent = query.search ? 'No matches' : `0 ${kind}`;
      replace(body, query.search ? emptySearch() : spec.emptyAll());
    } else {
      status.textContent = total !== null
        ? `Showing ${first}–${last} of ${total}`
        : `Showing ${first}–${last}`;
      const table = spec.table(items);
      openRowsOnClick(table);
      replace(body, h('div', { class: 'table-wrap' }, table));
    }

    const hasPrev = query.page > 1;
    const hasNext = totalPages !== null ? query.page < totalPages : items.length === query.perPage;
    const sizeSelect = h('select', { id: `${spec.idPrefix}-page-size`, name: 'per_page' },
      PAGE_SIZES.map((n) => h('option', { value: String(n), selected: n === query.perPage }, String(n))));
    sizeSelect.addEventListener('change', () => go({ ...query, perPage: Number(sizeSelect.value), page: 1 }));
    replace(pager,
      h('div', { class: 'pager-size' }, h('label', { for: sizeSelect.id }, 'Rows per page'), sizeSelect),
      h('div', { class: 'pager-nav' },
        h('span', { class: 'pager-label' },
          totalPages !== null ? `Page ${query.page} of ${totalPages}` : `Page ${query.page}`),
        h('button', { type: 'button', class: 'btn btn-secondary btn-icon', 'aria-label': 'Previous page', disabled: !hasPrev,
          onclick: () => go({ ...query, page: query.page - 1 }) }, icon('chevronLeft')),
        h('button', { type: 'button', class: 'btn btn-secondary btn-icon', 'aria-label': 'Next page', disabled: !hasNext,
          onclick: () => go({ ...query, page: query.page + 1 }) }, icon('chevronRight'))));
    pager.hidden = !items.length && query.page === 1;

    if (!items.length && query.page > 1) {
      // A page past the end (e.g. after deleting the last item on it): step back.
      go({ ...query, page: query.page - 1 }, { replace: true });
    }
  }

  function emptySearch() {
    return h('div', { class: 'empty' },
      h('div', { class: 'empty-art', 'aria-hidden': 'true' }, icon('search', 'icon empty-icon')),
      h('p', { class: 'empty-title' }, `No ${kind} match “${query.search}”`),
      h('p', { class: 'empty-text' }, spec.searchHint),
      button('Clear search', { kind: 'secondary', onclick: () => go({ ...query, search: '', page: 1 }) }));
  }
}

/** A click anywhere on a row follows the row's link, unless it was on a control or selected text. */
export function openRowsOnClick(table) {
  table.addEventListener('click', (e) => {
    const tr = e.target.closest('tbody tr');
    if (!tr || e.target.closest('a, button, input, select, textarea, label, summary')) return;
    if (String(window.getSelection?.() ?? '')) return;
    const link = tr.querySelector('a[href]');
    if (!link) return;
    if (e.ctrlKey || e.metaKey || e.shiftKey) window.open(link.href, '_blank', 'noopener');
    else link.click();
  });
  for (const tr of table.querySelectorAll('tbody tr')) tr.classList.add('is-clickable');
}

/** The first column of a row: the name as a link (keyboard and screen readers) over the id. */
export function nameCell(href, title, id) {
  return h('td', { class: 'cell-server' },
    h('a', { class: 'server-link', href }, title),
    h('span', { class: 'mono muted server-id' }, id));
}

function skeleton() {
  return h('div', { class: 'skeleton', 'aria-hidden': 'true' },
    Array.from({ length: 5 }, () => h('div', { class: 'skeleton-row' },
      h('span', { class: 'sk sk-lg' }), h('span', { class: 'sk sk-md' }), h('span', { class: 'sk sk-sm' }))));
}
