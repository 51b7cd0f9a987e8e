// "Pending review (from the Worker's cron)" on the server list, when the page is served by the
// Worker example: per server what changed since its approved snapshot, a link to the server and
// Approve (the Worker's POST /review/:id/approve). Elsewhere the slot stays empty and hidden.
// Names come from third-party MCP servers: text only, through dom.js.
import { h, replace, button, withBusy, icon } from '../dom.js';
import { pendingReviews, approvePending } from '../worker.js';
import { showError, toast } from './banner.js';
import { relativeTime, absoluteTime, plural } from '../format.js';

const KINDS = [['tools', 'Tools'], ['prompts', 'Prompts']];
const CHANGES = [['added', 'New', 'badge-ok'], ['changed', 'Changed', 'badge-warn'], ['removed', 'Removed', 'badge-bad']];

const nameOf = (c) => (typeof c === 'string' ? c : String(c?.name ?? ''));
const listOf = (p, kind, change) => (Array.isArray(p?.[kind]?.[change]) ? p[kind][change].map(nameOf) : []);

let last = null; // the list last shown, drawn at once on the next render (no jump) while it reloads

/** An empty, hidden slot that fills itself when the Worker has changes pending. */
export function pendingSlot() {
  const slot = h('div', { id: 'pending-review', hidden: !last });
  if (last) replace(slot, card(last, slot));
  load(slot);
  return slot;
}

async function load(slot) {
  let pending;
  try {
    pending = await pendingReviews();
  } catch (err) {
    if (slot.isConnected) showError(err, { context: 'Loading the pending review' });
    return;
  }
  last = pending;
  slot.hidden = !pending;
  if (!pending) { replace(slot); return; } // not served by the Worker (or it keeps no review): nothing new
  replace(slot, card(pending, slot));
}

function card(pending, slot) {
  const items = pending.map((p) => {
    const href = `#/servers/${encodeURIComponent(p.id)}`;
    const held = KINDS.flatMap(([kind]) => (Array.isArray(p.quarantined?.[kind]) ? p.quarantined[kind].map(nameOf) : []));
    const approve = button('Approve', { kind: 'primary', class: 'btn-sm', 'aria-label': `Approve the pending changes of ${p.id}`,
      onclick: async () => {
        try {
          await withBusy(approve, 'Approving…', () => approvePending(p.id));
        } catch (err) {
          showError(err, { context: `Approving ${p.id}` });
          return;
        }
        toast(`The changes of “${p.id}” are approved: enabled and pinned.`);
        load(slot);
      } });
    const when = relativeTime(p.checked_at);
    return h('li', { class: 'review-item pending-item', dataset: { id: p.id } },
      h('div', { class: 'review-item-head' },
        h('a', { class: 'server-link', href }, p.id),
        when ? h('time', { class: 'muted small', datetime: p.checked_at, title: absoluteTime(p.checked_at) }, `checked ${when}`) : null),
      KINDS.map(([kind, label]) => {
        const rows = CHANGES.map(([change, text, tone]) => [change, text, tone, listOf(p, kind, change)]).filter((r) => r[3].length);
        if (!rows.length) return null;
        return h('div', { class: 'pending-kind', dataset: { kind } }, h('p', { class: 'review-field-name' }, label),
          h('ul', { class: 'pending-changes' }, rows.map(([change, text, tone, names]) => h('li', { dataset: { change } },
            h('span', { class: `badge ${tone}` }, text), ' ', names.map((n, i) => [i ? ', ' : '', h('code', { class: 'cap-name' }, n)])))));
      }),
      held.length ? h('p', { class: 'review-note' }, icon('alert'), `Quarantined by the cron (disabled until approved): ${held.join(', ')}.`) : null,
      h('div', { class: 'review-actions' }, approve));
  });
  return h('section', { class: 'card review-card pending-card', 'aria-labelledby': 'pending-title' },
    h('div', { class: 'card-head' },
      h('h2', { id: 'pending-title', class: 'card-title' }, 'Pending review (from the Worker’s cron)', h('span', { class: 'count-pill' }, String(pending.length))),
      h('span', { class: 'muted small' }, pending.length
        ? `${plural(pending.length, 'server')} changed upstream since the last approval.`
        : 'Nothing pending: every server is as last approved.')),
    items.length ? h('ul', { class: 'review-list' }, items) : null);
}
