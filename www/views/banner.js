// The error banner (keyed on McpServersError.kind) and the toast for quiet confirmations.
import { h, replace, icon, button } from '../dom.js';
import { isLibraryError } from '../api.js';

const API_TITLES = {
  400: 'The API rejected the request',
  401: 'The API token was not accepted',
  403: 'The API token is not allowed to do this',
  404: 'Not found',
  409: 'Conflict with the current state',
  429: 'Too many requests',
};

/** { title, hint, items[], meta[] } for any error, with the library's fields when present. */
export function describeError(err) {
  if (!isLibraryError(err)) {
    return { kind: 'unexpected', title: err?.message || 'Something went wrong', hint: '', items: [], meta: [] };
  }
  let title;
  let hint = '';
  switch (err.kind) {
    case 'validation':
      title = 'Some values are not valid';
      hint = 'Nothing was sent. Correct the fields below and try again.';
      break;
    case 'api':
      title = API_TITLES[err.status] ?? (err.status >= 500 ? 'The API had a problem' : 'The API returned an error');
      if (err.status === 401 || err.status === 403) hint = 'Check the API token and account id in the connection settings. The token needs the “MCP Portals Write” permission to change servers and portals.';
      else if (err.status === 429) hint = 'The account’s API rate limit was reached. Wait a moment and try again.';
      else if (err.status >= 500) hint = 'This is usually temporary.';
      break;
    case 'network':
      title = 'Could not reach the API';
      hint = 'Check the API base URL and your connection. In a browser the API must be on this origin (or behind a same-origin proxy).';
      break;
    case 'timeout':
      title = 'The API did not answer in time';
      hint = 'The request was retried and timed out. Try again in a moment.';
      break;
    case 'aborted':
      title = 'The request was cancelled';
      break;
    case 'decode':
      title = 'The API answered in an unexpected shape';
      hint = 'The response did not match the MCP servers and portals API. Is the base URL right?';
      break;
    default:
      title = 'The request failed';
  }
  const items = (err.errors ?? []).map((e) => {
    const where = Array.isArray(e.path) && e.path.length ? ` (at ${e.path.join('.')})` : '';
    return `${e.code !== undefined ? `[${e.code}] ` : ''}${e.message}${where}`;
  });
  const meta = [];
  meta.push(['Kind', err.kind]);
  if (err.status !== undefined) meta.push(['HTTP', String(err.status)]);
  if (err.code !== undefined) meta.push(['Code', String(err.code)]);
  if (err.rayId) meta.push(['Ray ID', err.rayId]);
  if (err.retryable) meta.push(['Retryable', 'yes']);
  return { kind: err.kind, title, hint, items, meta, message: err.message };
}

let region = null;

export function mountBanner(el) {
  region = el;
}

export function clearBanner() {
  if (region) replace(region);
}

/**
 * Shows `err` in the banner. `context` says what was being done ("Loading servers");
 * `retry` (optional) adds a Try again button; `extra` (optional nodes) says what to do about it.
 */
export function showError(err, { context, retry, extra } = {}) {
  if (!region) return;
  if (isLibraryError(err) && err.kind === 'aborted') return; // we cancelled it ourselves
  const d = describeError(err);
  const banner = h('div', { class: `banner banner-${d.kind}`, role: 'alert', 'data-kind': d.kind },
    icon('alert', 'icon banner-icon'),
    h('div', { class: 'banner-body' },
      h('p', { class: 'banner-title' }, context ? `${context}: ${d.title}` : d.title),
      d.hint ? h('p', { class: 'banner-hint' }, d.hint) : null,
      d.items.length ? h('ul', { class: 'banner-items' }, d.items.map((t) => h('li', null, t))) : null,
      extra ?? null,
      d.meta.length
        ? h('dl', { class: 'banner-meta' }, d.meta.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))))
        : null,
      d.message && d.message !== d.items[0]
        ? h('details', { class: 'banner-details' }, h('summary', null, 'Technical details'), h('code', null, d.message))
        : null,
      retry
        ? h('div', { class: 'banner-actions' }, button('Try again', {
          kind: 'secondary',
          class: 'btn-sm',
          onclick: () => { clearBanner(); retry(); },
        }))
        : null),
    h('button', { type: 'button', class: 'icon-btn banner-close', 'aria-label': 'Dismiss error', onclick: clearBanner },
      icon('close')));
  replace(region, banner);
  banner.scrollIntoView({ block: 'nearest' });
}

let toastTimer = null;
export function toast(message, tone = 'ok') {
  const el = document.getElementById('toast');
  if (!el) return;
  clearTimeout(toastTimer);
  replace(el, h('div', { class: `toast toast-${tone}` }, icon(tone === 'ok' ? 'check' : 'alert'), h('span', null, message)));
  toastTimer = setTimeout(() => replace(el), 5000);
}
