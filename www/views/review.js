// Catalogue review on the server page: the panel after a Sync (what was added, removed and
// changed, with approve / keep disabled / pin description), the notice of pinned descriptions
// that upstream has changed since, and the session's "quarantine new tools on sync" switch.
// Everything from the API or the MCP server is rendered as text through dom.js.
import { h, button, withBusy, icon } from '../dom.js';
import { servers, effective } from '../api.js';
import { showError, clearBanner, toast } from './banner.js';
import { toolParams, promptArgs, plural } from '../format.js';
import { wordDiff, schemaChanges } from './textdiff.js';

const QUARANTINE_KEY = 'cf-mcp-admin.quarantine-new';
const KINDS = [['tools', 'Tools', 'tool'], ['prompts', 'Prompts', 'prompt']];

/** Whether this tab's session quarantines new tools and prompts on Sync. */
export function quarantineOnSync() {
  try {
    return sessionStorage.getItem(QUARANTINE_KEY) === 'on';
  } catch {
    return false;
  }
}

/** The switch for `quarantineOnSync`, kept in sessionStorage (this tab, until it closes). */
export function quarantineSwitch() {
  const input = h('input', { id: 'quarantine-new', type: 'checkbox', role: 'switch', class: 'switch-input', checked: quarantineOnSync(),
    'aria-describedby': 'quarantine-new-hint' });
  input.addEventListener('change', () => {
    try {
      if (input.checked) sessionStorage.setItem(QUARANTINE_KEY, 'on');
      else sessionStorage.removeItem(QUARANTINE_KEY);
    } catch {
      // Storage may be disabled; the switch then lasts until the page is left.
    }
  });
  return h('div', { class: 'toggle quarantine-toggle' }, input,
    h('div', { class: 'toggle-text' },
      h('label', { for: 'quarantine-new', class: 'toggle-label' }, 'Quarantine new tools on sync'),
      h('p', { id: 'quarantine-new-hint', class: 'field-hint' }, 'Tools and prompts a sync brings in stay disabled until you approve them. For this tab’s session.')));
}

const ACTIONS = {
  approve: { label: 'Approve', busy: 'Approving…', call: (id, names) => servers.approve(id, names), done: 'approved: enabled, description pinned' },
  disable: { label: 'Keep disabled', busy: 'Disabling…', call: (id, names) => servers.quarantine(id, names), done: 'kept disabled' },
  pin: { label: 'Pin description', busy: 'Pinning…', call: (id, names) => servers.pinDescriptions(id, names), done: 'description pinned' },
};

/** Runs one action on one capability; `onUpdated(server)` redraws the page. */
async function act(btn, action, server, kind, name, decisions, onUpdated) {
  const a = ACTIONS[action];
  let updated;
  try {
    updated = await withBusy(btn, a.busy, () => a.call(server.id, { [kind]: [name] }));
  } catch (err) {
    showError(err, { context: `${a.label}: ${name}` });
    return;
  }
  clearBanner();
  decisions.set(`${kind}:${name}`, a.done);
  onUpdated(updated);
  toast(`“${name}” ${a.done}.`);
}

function actions(server, kind, name, decisions, onUpdated, { pin = true } = {}) {
  const decided = decisions.get(`${kind}:${name}`);
  const buttons = Object.entries(ACTIONS)
    .filter(([key]) => pin || key !== 'pin')
    .map(([key, a]) => {
      const btn = button(a.label, { kind: key === 'approve' ? 'primary' : 'secondary', class: 'btn-sm',
        'aria-label': `${a.label}: ${name}`, onclick: () => act(btn, key, server, kind, name, decisions, onUpdated) });
      return btn;
    });
  return h('div', { class: 'review-actions' },
    decided ? h('span', { class: 'pill pill-on review-decided' }, icon('check'), decided) : null,
    buttons);
}

function stateOf(view, kind, name) {
  return view?.[kind]?.find((c) => c.name === name);
}

function stateBadge(state) {
  if (!state) return null;
  return h('span', { class: state.enabled ? 'pill pill-on' : 'pill pill-off' }, state.enabled ? 'Enabled' : 'Disabled');
}

function textDiff(before, after) {
  const parts = wordDiff(before ?? '', after ?? '');
  const side = (drop, tag) => h('p', { class: 'diff-text' },
    parts.filter((p) => p.op !== drop).map((p) => (p.op === 'same' ? p.text : h(tag, null, p.text))));
  return h('div', { class: 'diff-pair' },
    h('div', { class: 'diff-side diff-before' }, h('p', { class: 'diff-label' }, 'Before'), before ? side('ins', 'del') : h('p', { class: 'muted' }, 'No description')),
    h('div', { class: 'diff-side diff-after' }, h('p', { class: 'diff-label' }, 'After'), after ? side('del', 'ins') : h('p', { class: 'muted' }, 'No description')));
}

function schemaDiff(before, after) {
  const c = schemaChanges(before, after);
  const lines = [
    ...c.added.map((p) => ['added', `Parameter added: ${p.name} (${p.type})`]),
    ...c.removed.map((p) => ['removed', `Parameter removed: ${p.name} (${p.type})`]),
    ...c.retyped.map((p) => ['retyped', `Parameter retyped: ${p.name}: ${p.from} → ${p.to}`]),
    ...c.required.added.map((n) => ['retyped', `Now required: ${n}`]),
    ...c.required.removed.map((n) => ['retyped', `No longer required: ${n}`]),
  ];
  if (!lines.length) lines.push(['retyped', 'The schema changed (no parameter added, removed or retyped).']);
  return h('ul', { class: 'schema-changes' }, lines.map(([cls, text]) => h('li', { class: `schema-${cls}` }, text)));
}

function show(value) {
  if (value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function changedDetail(field, old, now) {
  if (field === 'description') return h('div', { class: 'review-field' }, h('p', { class: 'review-field-name' }, 'Description'), textDiff(old?.description, now?.description));
  if (field === 'inputSchema' || field === 'outputSchema') {
    return h('div', { class: 'review-field' }, h('p', { class: 'review-field-name' }, field === 'inputSchema' ? 'Input schema' : 'Output schema'), schemaDiff(old?.[field], now?.[field]));
  }
  return h('div', { class: 'review-field' }, h('p', { class: 'review-field-name' }, field),
    h('p', { class: 'diff-text' }, h('del', null, show(old?.[field])), ' → ', h('ins', null, show(now?.[field]))));
}

/**
 * The panel after a Sync. `review` is `{ changes, quarantined, before }` (the sync's changes,
 * what was quarantined, the server before), `decisions` remembers the actions taken on it.
 */
export function reviewCard(server, review, decisions, onUpdated) {
  const { changes, quarantined, before } = review;
  const view = effectiveView(server);
  const find = (s, kind, name) => (Array.isArray(s?.[kind]) ? s[kind].find((c) => c?.name === name) : undefined);
  const count = (k) => KINDS.reduce((n, [kind]) => n + changes[kind][k].length, 0);
  const total = count('added') + count('removed') + count('changed');
  const sections = KINDS.map(([kind, label, one]) => {
    const c = changes[kind];
    if (!c.added.length && !c.removed.length && !c.changed.length) return null;
    const items = [
      ...c.added.map((name) => {
        const item = find(server, kind, name);
        const params = kind === 'tools' ? toolParams(item) : promptArgs(item);
        return h('li', { class: 'review-item is-added', dataset: { kind, name } },
          h('div', { class: 'review-item-head' }, h('span', { class: 'badge badge-ok' }, 'New'), h('code', { class: 'cap-name' }, name), stateBadge(stateOf(view, kind, name))),
          typeof item?.description === 'string' ? h('p', { class: 'review-desc' }, item.description) : h('p', { class: 'muted' }, 'No description'),
          params.length ? h('p', { class: 'cap-params' }, h('span', { class: 'muted' }, kind === 'tools' ? 'Parameters: ' : 'Arguments: '), params.join(', ')) : null,
          actions(server, kind, name, decisions, onUpdated));
      }),
      ...c.changed.map(({ name, fields }) => h('li', { class: 'review-item is-changed', dataset: { kind, name } },
        h('div', { class: 'review-item-head' }, h('span', { class: 'badge badge-warn' }, 'Changed'), h('code', { class: 'cap-name' }, name), stateBadge(stateOf(view, kind, name)),
          h('span', { class: 'muted small' }, fields.join(', '))),
        fields.map((f) => changedDetail(f, find(before, kind, name), find(server, kind, name))),
        actions(server, kind, name, decisions, onUpdated))),
      ...c.removed.map((name) => h('li', { class: 'review-item is-removed', dataset: { kind, name } },
        h('div', { class: 'review-item-head' }, h('span', { class: 'badge badge-bad' }, 'Removed'), h('code', { class: 'cap-name' }, name)),
        h('p', { class: 'muted small' }, `Upstream no longer offers this ${one}; agents cannot use it.`))),
    ];
    return h('div', { class: 'review-section' }, h('h3', { class: 'review-kind' }, label), h('ul', { class: 'review-list' }, items));
  });
  const held = [...quarantined.tools, ...quarantined.prompts];
  return h('section', { class: 'card review-card', id: 'review-card', 'aria-labelledby': 'review-title' },
    h('div', { class: 'card-head' },
      h('h2', { id: 'review-title', class: 'card-title' }, 'What this sync changed', h('span', { class: 'count-pill' }, String(total))),
      h('span', { class: 'muted small' }, `${count('added')} added · ${count('removed')} removed · ${count('changed')} changed`)),
    held.length ? h('p', { class: 'review-note' }, icon('alert'), `Quarantined on sync (disabled until approved): ${held.join(', ')}.`) : null,
    total ? sections : h('p', { class: 'empty-inline' }, 'Nothing changed: the tools and prompts are as before.'));
}

function effectiveView(server) {
  try {
    return effective(server);
  } catch {
    return null; // a catalogue the library cannot read: the review shows no state badges
  }
}

/** Pinned descriptions that upstream has changed since: both texts, and approve to repin. */
export function driftCard(server, decisions, onUpdated) {
  const view = effectiveView(server);
  if (!view) return null;
  const drifted = KINDS.flatMap(([kind, , one]) => view[kind].filter((c) => c.upstreamChanged).map((c) => ({ kind, one, c })));
  if (!drifted.length) return null;
  return h('section', { class: 'card drift-card', id: 'drift-card', 'aria-labelledby': 'drift-title' },
    h('div', { class: 'card-head' },
      h('h2', { id: 'drift-title', class: 'card-title' }, icon('alert'), 'Upstream changed pinned descriptions'),
      h('span', { class: 'muted small' }, `Agents still read the pinned text of ${plural(drifted.length, 'capability', 'capabilities')}.`)),
    h('ul', { class: 'review-list' }, drifted.map(({ kind, one, c }) => h('li', { class: 'review-item is-drifted', dataset: { kind, name: c.name } },
      h('div', { class: 'review-item-head' }, h('span', { class: 'badge badge-warn' }, 'Upstream changed this description'), h('code', { class: 'cap-name' }, c.name), h('span', { class: 'muted small' }, one)),
      h('div', { class: 'diff-pair' },
        h('div', { class: 'diff-side diff-before' }, h('p', { class: 'diff-label' }, 'Pinned (agents see)'), h('p', { class: 'diff-text' }, c.description ?? '')),
        h('div', { class: 'diff-side diff-after' }, h('p', { class: 'diff-label' }, 'Upstream now'), c.upstreamDescription ? h('p', { class: 'diff-text' }, c.upstreamDescription) : h('p', { class: 'muted' }, 'No description'))),
      actions(server, kind, c.name, decisions, onUpdated, { pin: false })))));
}
