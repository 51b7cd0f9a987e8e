// What a detail page shows while its item loads, and when it cannot be loaded.
import { h, replace } from '../dom.js';
import { isLibraryError } from '../api.js';
import { showError } from './banner.js';

/** The heading (the id), "Loading server…" and a skeleton card. `what` is 'server' or 'portal'. */
export function showLoading(root, back, id, what) {
  replace(root, h('div', { class: 'view-header' },
    h('div', null,
      back,
      h('h1', { class: 'view-title', tabindex: '-1' }, id),
      h('p', { class: 'view-subtitle', role: 'status' }, h('span', { class: 'inline-spinner', 'aria-hidden': 'true' }), `Loading ${what}…`))),
  h('div', { class: 'card skeleton-card', 'aria-hidden': 'true' }, h('span', { class: 'sk sk-lg' }), h('span', { class: 'sk sk-md' }), h('span', { class: 'sk sk-sm' })));
}

/** "Server not found" (no retry) or "could not be loaded" with Try again (`retry`). */
export function showLoadFailure(root, back, err, { id, what, retry }) {
  const notFound = isLibraryError(err) && err.status === 404;
  const title = `${what[0].toUpperCase()}${what.slice(1)}`;
  replace(root, h('div', { class: 'view-header' }, h('div', null, back,
    h('h1', { class: 'view-title', tabindex: '-1' }, notFound ? `${title} not found` : `${title} could not be loaded`),
    h('p', { class: 'view-subtitle' }, notFound ? `There is no ${what} with id “${id}” in this account.` : ''))));
  showError(err, { context: `Loading the ${what}`, retry: notFound ? null : retry });
}
