// Small read-only pieces the detail pages share: a property list, On/Off, a time with its author.
import { h } from '../dom.js';
import { relativeTime, absoluteTime } from '../format.js';

/** A <dl> of [label, value] rows (null rows skipped). */
export function dl(rows) {
  return h('dl', { class: 'props' }, rows.filter(Boolean).map(([k, v]) => h('div', { class: 'prop' }, h('dt', null, k), h('dd', null, v))));
}

/** `some_field` as "Some field". */
export function label(key) {
  const text = key.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function onOff(v) {
  return h('span', { class: v ? 'pill pill-on' : 'pill' }, v ? 'On' : 'Off');
}

export function when(iso, by) {
  if (!iso && !by) return h('span', { class: 'muted' }, 'Never');
  return h('span', null,
    iso ? h('time', { datetime: iso, title: absoluteTime(iso) }, relativeTime(iso)) : null,
    iso ? h('span', { class: 'muted' }, ` · ${absoluteTime(iso)}`) : null,
    by ? h('span', { class: 'muted block' }, `by ${by}`) : null);
}

/** Fields the page does not know, shown as they came (text only). */
export function unknownRows(object, known) {
  return Object.entries(object)
    .filter(([k, v]) => !known.has(k) && v !== undefined)
    .map(([k, v]) => [k, h('span', { class: 'mono break' }, typeof v === 'string' ? v : JSON.stringify(v))]);
}
