// Tiny DOM builder. Every string child becomes text (isolated, hidden characters marked, long
// texts clamped: see text.js) and every attribute goes through setAttribute or a property, so
// data from the API is never parsed as HTML and cannot spoof what is around it.

import { display, isolate, shortTitle } from './text.js';

const PROPS = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'indeterminate', 'open']);

/**
 * h('button', { class: 'btn', onclick: fn }, 'Save') → <button class="btn">Save</button>
 * Children may be strings, numbers, nodes, arrays of those, or null/false (skipped).
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (PROPS.has(key)) el[key] = value;
    // A tooltip or placeholder cannot isolate or mark: one short line, hidden characters as code points.
    else if (key === 'title' || key === 'placeholder') el.setAttribute(key, shortTitle(value));
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Elements whose content must stay plain text; in a button no toggle can nest, so text there
 * is isolated but not clamped. */
const PLAIN = new Set(['OPTION', 'TEXTAREA', 'TITLE', 'STYLE']);

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    if (child instanceof Node) parent.append(child);
    else if (PLAIN.has(parent.tagName)) parent.append(document.createTextNode(String(child)));
    else if (parent.tagName === 'BUTTON') parent.append(isolate(String(child)));
    else parent.append(display(String(child)));
  }
  return parent;
}

/** Replaces all children of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let uid = 0;
/** A fresh id for label/aria wiring. */
export function nextId(prefix = 'f') {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** An inline SVG icon from a small fixed set (paths are constants, never data). */
const ICONS = {
  plus: 'M12 5v14M5 12h14',
  search: 'M11 19a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm10 2-4.35-4.35',
  sync: 'M21 12a9 9 0 0 1-15.5 6.2M3 12A9 9 0 0 1 18.5 5.8M21 4v5h-5M3 20v-5h5',
  trash: 'M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6M10 11v6M14 11v6',
  edit: 'M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4 12.5-12.5z',
  back: 'M19 12H5M12 19l-7-7 7-7',
  close: 'M18 6 6 18M6 6l12 12',
  alert: 'M12 9v4M12 17h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z',
  check: 'M20 6 9 17l-5-5',
  server: 'M4 4h16v6H4zM4 14h16v6H4zM8 7h.01M8 17h.01',
  chevronLeft: 'M15 18l-6-6 6-6',
  chevronRight: 'M9 18l6-6-6-6',
  plug: 'M9 2v6M15 2v6M6 8h12v4a6 6 0 0 1-12 0zM12 18v4',
};

export function icon(name, cls = 'icon') {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', cls);
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name] ?? '');
  svg.append(path);
  return svg;
}

/** Marks a button busy (spinner, disabled, aria-busy) while `work` runs; returns its result. */
export async function withBusy(button, busyLabel, work) {
  const label = button.querySelector('.btn-label');
  const before = label ? label.textContent : null;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.classList.add('is-busy');
  if (label && busyLabel) label.textContent = busyLabel;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.classList.remove('is-busy');
    if (label && before !== null) label.textContent = before;
  }
}

/** A button with an optional icon, a label span (for busy text) and a spinner slot. */
export function button(labelText, { kind = 'secondary', iconName, type = 'button', onclick, ...rest } = {}) {
  return h('button', { type, class: ['btn', `btn-${kind}`, rest.class], onclick, ...omit(rest, ['class']) },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    iconName ? icon(iconName) : null,
    h('span', { class: 'btn-label' }, labelText));
}

function omit(obj, keys) {
  const out = { ...obj };
  for (const k of keys) delete out[k];
  return out;
}
