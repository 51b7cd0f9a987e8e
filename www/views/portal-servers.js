// The portal form's server mapping: which servers the portal links, per link `default_disabled`
// and `on_behalf`, and per tool and prompt the portal-level enable, alias and description, with
// the server-level alias and description shown underneath. Collects `servers` for the request,
// starting from each link as it was (so overrides for capabilities not shown are kept).
import { h, nextId, replace } from '../dom.js';
import { toggle } from './forms.js';
import { statusBadge } from './list.js';
import { plural } from '../format.js';
import { name as nameText } from '../text.js';

const KINDS = [['tools', 'tool', 'Tools'], ['prompts', 'prompt', 'Prompts']];

/**
 * `servers`: the account's servers; `portal`: the portal as read (or null); `links`: the
 * `servers` of the update params that keep it unchanged (or []). Returns { root, collect(),
 * showProblems(problems) → number shown }.
 */
export function serverMapping(servers, portal, links) {
  const entries = new Map((portal?.servers ?? []).map((e) => [e.server_id ?? e.id, e]));
  const linkOf = new Map(links.map((l) => [l.server_id, l]));
  // Linked servers first, in the portal's order, then the rest of the account's.
  const known = new Map(servers.map((s) => [s.id, s]));
  const order = [...entries.keys(), ...servers.map((s) => s.id).filter((sid) => !entries.has(sid))];
  const blocks = order.map((sid) => block(sid, known.get(sid) ?? entries.get(sid), entries.get(sid), linkOf.get(sid)));
  const error = h('p', { class: 'field-error', hidden: true, id: nextId('servers-error') });
  const root = h('div', { class: 'map', dataset: { field: 'servers' } },
    error,
    blocks.length
      ? blocks.map((b) => b.root)
      : h('p', { class: 'empty-inline' }, 'This account has no MCP servers yet. ', h('a', { href: '#/new' }, 'Register one'), ' first, then link it here.'));
  let collected = [];

  function collect() {
    collected = blocks.filter((b) => b.linked()).map((b) => ({ b, link: b.link() }));
    return collected.map((c) => c.link);
  }

  function showProblems(problems) {
    error.hidden = true;
    for (const b of blocks) b.clear();
    let shown = 0;
    for (const p of problems) {
      if (p.field === 'servers') {
        replace(error, p.message);
        error.hidden = false;
        shown += 1;
        continue;
      }
      const m = /^servers\[(\d+)\](?:\.(updated_tools|updated_prompts)\[(\d+)\])?/.exec(p.field);
      const at = m && collected[Number(m[1])];
      if (!at) continue;
      if (at.b.show(m[2]?.slice('updated_'.length), m[3] === undefined ? null : Number(m[3]), local(p))) shown += 1;
    }
    return shown;
  }

  /** "Demo tools, tool add" for a field like servers[0].updated_tools[1].alias; null elsewhere. */
  function where(field) {
    const m = /^servers\[(\d+)\](?:\.(updated_tools|updated_prompts)\[(\d+)\])?/.exec(field);
    const at = m && collected[Number(m[1])];
    if (!at) return null;
    const name = m[2] ? at.b.nameAt(m[2].slice('updated_'.length), Number(m[3])) : null;
    return name ? `${at.b.title}, ${m[2] === 'updated_tools' ? 'tool' : 'prompt'} ${name}` : at.b.title;
  }

  return { root, collect, showProblems, where };
}

/** A problem's message without its path: "servers[0].updated_tools[1].alias may…" → "alias may…". */
export function local({ field, message }) {
  return message.startsWith(field) ? `${field.split('.').pop()}${message.slice(field.length)}` : message;
}

/** One server of the account: a tick to link it, then its link settings and capabilities. */
function block(sid, server, entry, link) {
  const title = server?.name || sid;
  const tickId = nextId('link');
  const tick = h('input', { id: tickId, type: 'checkbox', class: 'map-tick', checked: Boolean(entry || link), name: 'link',
    'aria-describedby': `${tickId}-about` });
  const tools = Array.isArray(server?.tools) ? server.tools.length : 0;
  const prompts = Array.isArray(server?.prompts) ? server.prompts.length : 0;
  const dd = toggle({ name: 'default_disabled', label: 'Allowlist: hide its tools and prompts unless enabled here',
    hint: 'default_disabled. Off: everything the server offers is shown unless you turn it off below.', checked: Boolean(link?.default_disabled) });
  const ob = toggle({ name: 'on_behalf', label: 'Require user auth (on behalf)',
    hint: 'on_behalf. On: each user signs in to this server; off: the portal uses the server’s admin credential.', checked: link?.on_behalf !== false });
  const error = h('p', { class: 'field-error', hidden: true });
  const editors = KINDS.map(([kind, singular, heading]) => capabilities(kind, singular, heading, server, entry, link, dd.input));
  const body = h('div', { class: 'map-body', hidden: !tick.checked },
    h('div', { class: 'map-options' }, dd.root, ob.root),
    editors.map((e) => e.root));
  tick.addEventListener('change', () => { body.hidden = !tick.checked; });
  dd.input.addEventListener('change', () => editors.forEach((e) => e.followDefault()));
  const root = h('div', { class: 'map-server', dataset: { id: sid } },
    h('div', { class: 'map-head' },
      tick,
      h('label', { for: tickId, class: 'map-label' }, nameText(title)),
      statusBadge(server?.status),
      h('p', { id: `${tickId}-about`, class: 'mono muted small map-about' }, nameText(sid), ' · ',
        `${plural(tools, 'tool')}, ${plural(prompts, 'prompt')}`)),
    error,
    body);

  return {
    root,
    title,
    nameAt: (kind, index) => editors.find((x) => x.kind === kind)?.nameAt(index) ?? null,
    linked: () => tick.checked,
    link: () => {
      const out = { ...(link ?? {}), server_id: sid, default_disabled: dd.input.checked, on_behalf: ob.input.checked };
      for (const e of editors) out[`updated_${e.kind}`] = e.collect();
      return out;
    },
    clear() {
      error.hidden = true;
      root.classList.remove('has-error');
      editors.forEach((e) => e.clear());
    },
    show(kind, index, message) {
      const e = editors.find((x) => x.kind === kind);
      if (e && index !== null && e.show(index, message)) return true;
      replace(error, message);
      error.hidden = false;
      root.classList.add('has-error');
      return true;
    },
  };
}

/** The tools (or prompts) of one linked server with their portal-level overrides. */
function capabilities(kind, singular, heading, server, entry, link, defaultDisabled) {
  const sid = server?.id ?? entry?.server_id ?? link?.server_id;
  const items = Array.isArray(server?.[kind]) ? server[kind] : [];
  const atPortal = new Map((link?.[`updated_${kind}`] ?? []).map((o) => [o.name, o]));
  // Server-level alias and description: from the portal's response when linked, else the server's own.
  const atServer = new Map((entry?.[`updated_${kind}`] ?? []).map((o) => [o.name, { alias: o.server_alias, description: o.server_description }]));
  for (const o of server?.[`updated_${kind}`] ?? []) if (!atServer.has(o.name)) atServer.set(o.name, o);
  const names = new Set(items.map((i) => String(i?.name ?? '')));
  const kept = [...atPortal.values()].filter((o) => !names.has(o.name));
  const rows = items.map((item) => row(String(item?.name ?? ''), item, atPortal.get(String(item?.name ?? '')) ?? {}, atServer.get(String(item?.name ?? '')) ?? {}));
  let collected = [];

  function row(name, item, o, s) {
    const explicit = { enabled: o.enabled !== undefined };
    const sw = h('input', { type: 'checkbox', role: 'switch', class: 'switch-input', name: `${kind}-enabled`,
      checked: o.enabled ?? !defaultDisabled.checked, 'aria-label': `Show ${singular} ${name} in this portal` });
    sw.addEventListener('change', () => { explicit.enabled = true; tr.classList.toggle('is-off', !sw.checked); });
    const alias = h('input', { type: 'text', class: 'mono input-sm', value: o.alias ?? '', placeholder: s.alias || name, name: `${kind}-alias`,
      autocomplete: 'off', spellcheck: 'false', 'aria-label': `Portal alias for ${singular} ${name}` });
    const desc = h('textarea', { rows: 1, class: 'input-sm', value: o.description ?? '', name: `${kind}-description`,
      placeholder: s.description || (typeof item?.description === 'string' ? item.description : 'Upstream description'),
      'aria-label': `Portal description for ${singular} ${name}` });
    const err = h('p', { class: 'field-error', hidden: true, id: nextId('cap-error') });
    alias.setAttribute('aria-describedby', err.id);
    // The name agents call it by: {server id}_{portal alias, else server alias, else name}.
    const calls = h('p', { class: 'server-level agent-name' });
    const showName = () => replace(calls, sw.checked
      ? ['Agents call it ', h('code', null, nameText(`${sid}_${alias.value.trim() || s.alias || name}`))]
      : 'Hidden from agents');
    alias.addEventListener('input', showName);
    sw.addEventListener('change', showName);
    showName();
    const tr = h('tr', { class: sw.checked ? null : 'is-off', dataset: { name } },
      h('td', { class: 'col-switch' }, h('label', { class: 'switch-hit' }, sw, h('span', { class: 'sr-only' }, 'Shown'))),
      h('td', { class: 'cap-main' },
        h('code', { class: 'cap-name' }, nameText(name)),
        typeof item?.description === 'string' && item.description ? h('p', { class: 'cap-desc' }, item.description) : h('p', { class: 'cap-desc muted' }, 'No description'),
        calls),
      h('td', { class: 'col-alias', 'data-label': 'Portal alias' }, alias,
        s.alias ? h('p', { class: 'server-level' }, 'Server alias: ', h('code', null, nameText(s.alias))) : null, err),
      h('td', { class: 'col-desc', 'data-label': 'Portal description' }, desc,
        s.description ? h('p', { class: 'server-level' }, 'Server description: ', s.description) : null));
    return { tr, name, sw, alias, desc, err, explicit, showName };
  }

  const root = h('div', { class: 'map-caps', dataset: { kind } },
    h('h4', { class: 'map-caps-title' }, heading, h('span', { class: 'count-pill' }, String(items.length))),
    items.length
      ? h('div', { class: 'table-wrap' }, h('table', { class: 'cap-table' },
        h('caption', { class: 'sr-only' }, `${heading} of ${server?.name || server?.id || ''}`),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col', class: 'col-switch' }, 'Shown'),
          h('th', { scope: 'col' }, singular === 'tool' ? 'Tool' : 'Prompt'),
          h('th', { scope: 'col', class: 'col-alias' }, 'Portal alias'),
          h('th', { scope: 'col', class: 'col-desc' }, 'Portal description'))),
        h('tbody', null, rows.map((r) => r.tr))))
      : h('p', { class: 'empty-inline' }, `No ${kind} known: sync the server to discover them.`),
    kept.length ? h('p', { class: 'field-hint' }, `Overrides for ${kept.map((o) => o.name).join(', ')} (no longer offered by the server) are kept.`) : null);

  return {
    root,
    kind,
    /** After the allowlist switch flips: rows nobody set follow the new default. */
    followDefault() {
      for (const r of rows) {
        if (r.explicit.enabled) continue;
        r.sw.checked = !defaultDisabled.checked;
        r.tr.classList.toggle('is-off', !r.sw.checked);
        r.showName();
      }
    },
    collect() {
      collected = [];
      for (const r of rows) {
        const entry = { name: r.name };
        if (r.explicit.enabled || r.sw.checked === defaultDisabled.checked) entry.enabled = r.sw.checked;
        const alias = r.alias.value.trim();
        const description = r.desc.value.trim();
        if (alias) entry.alias = alias;
        if (description) entry.description = description;
        if (Object.keys(entry).length > 1) collected.push({ entry, r });
      }
      return [...collected.map((c) => c.entry), ...kept];
    },
    nameAt(index) {
      return [...collected.map((c) => c.entry), ...kept][index]?.name ?? null;
    },
    clear() {
      for (const r of rows) { r.err.hidden = true; r.alias.removeAttribute('aria-invalid'); r.tr.classList.remove('has-error'); }
    },
    show(index, message) {
      const r = collected[index]?.r;
      if (!r) return false;
      replace(r.err, message);
      r.err.hidden = false;
      r.alias.setAttribute('aria-invalid', 'true');
      r.tr.classList.add('has-error');
      return true;
    },
  };
}
