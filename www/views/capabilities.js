// The tools/prompts table: each capability's enable switch, alias and description override,
// collected into the `updated_tools` / `updated_prompts` array the API stores.
import { h, nextId, replace } from '../dom.js';
import { toolParams, promptArgs } from '../format.js';
import { name as nameText } from '../text.js';

/**
 * kind: 'tools' | 'prompts'. Returns { root, collect(), isDirty(), showProblems(problems), onChange }.
 * `collect()` gives the override array: one entry per capability that differs from the upstream
 * default (disabled, aliased or re-described), plus overrides for names the server no longer
 * offers, which are kept as they were.
 */
export function capabilityEditor(kind, server, onChange) {
  const singular = kind === 'tools' ? 'tool' : 'prompt';
  const items = Array.isArray(server[kind]) ? server[kind] : [];
  const overrides = Array.isArray(server[`updated_${kind}`]) ? server[`updated_${kind}`] : [];
  const byName = new Map(overrides.map((o) => [o.name, o]));
  const names = new Set(items.map((i) => String(i?.name ?? '')));
  const orphans = overrides.filter((o) => !names.has(o.name));

  const rows = items.map((item) => row(item, byName.get(String(item?.name ?? '')) ?? {}));
  const initial = JSON.stringify(collect());

  let body;
  if (!items.length) {
    body = h('p', { class: 'empty-inline' },
      server.status === 'waiting' || !server.last_synced
        ? `No ${kind} yet. Run Sync to discover them.`
        : !server.last_successful_sync
          ? `No ${kind} known yet: no sync has succeeded.`
          : `The server offered no ${kind} at the last sync.`);
  } else {
    body = h('div', { class: 'table-wrap' },
      h('table', { class: 'cap-table' },
        h('caption', { class: 'sr-only' }, kind === 'tools' ? 'Tools' : 'Prompts'),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col', class: 'col-switch' }, 'Enabled'),
          h('th', { scope: 'col' }, kind === 'tools' ? 'Tool' : 'Prompt'),
          h('th', { scope: 'col', class: 'col-alias' }, 'Alias'),
          h('th', { scope: 'col', class: 'col-desc' }, 'Description override'))),
        h('tbody', null, rows.map((r) => r.tr))));
  }
  const note = orphans.length
    ? h('p', { class: 'field-hint' },
      `${orphans.length} saved override${orphans.length === 1 ? '' : 's'} for ${singular}s the server no longer offers (${orphans.map((o) => o.name).join(', ')}) will be kept.`)
    : null;

  const root = h('div', { class: 'cap-editor', dataset: { kind } }, body, note);

  function row(item, o) {
    const name = String(item?.name ?? '');
    const upstreamDesc = typeof item?.description === 'string' ? item.description : '';
    const params = kind === 'tools' ? toolParams(item) : promptArgs(item);
    const sw = h('input', { type: 'checkbox', role: 'switch', class: 'switch-input', checked: o.enabled !== false,
      'aria-label': `Enable ${singular} ${name}`, name: `${kind}-enabled` });
    const aliasId = nextId('alias');
    const alias = h('input', { id: aliasId, type: 'text', class: 'mono input-sm', value: o.alias ?? '', placeholder: name,
      'aria-label': `Alias for ${name}`, autocomplete: 'off', spellcheck: 'false', name: `${kind}-alias` });
    const desc = h('textarea', { rows: 1, class: 'input-sm', value: o.description ?? '', placeholder: 'Upstream description',
      'aria-label': `Description override for ${name}`, name: `${kind}-description` });
    const err = h('p', { class: 'field-error', hidden: true, id: `${aliasId}-error` });
    alias.setAttribute('aria-describedby', err.id);
    for (const el of [sw, alias, desc]) el.addEventListener(el === sw ? 'change' : 'input', () => { tr.classList.toggle('is-off', !sw.checked); onChange?.(); });
    const tr = h('tr', { class: o.enabled === false ? 'is-off' : null, dataset: { name } },
      h('td', { class: 'col-switch' }, h('label', { class: 'switch-hit' }, sw, h('span', { class: 'sr-only' }, `Enabled`))),
      h('td', { class: 'cap-main' },
        h('code', { class: 'cap-name' }, nameText(name)),
        upstreamDesc ? h('p', { class: 'cap-desc' }, upstreamDesc) : h('p', { class: 'cap-desc muted' }, 'No description'),
        params.length ? h('p', { class: 'cap-params' }, h('span', { class: 'muted' }, kind === 'tools' ? 'Parameters: ' : 'Arguments: '), params.join(', ')) : null),
      h('td', { class: 'col-alias', 'data-label': 'Alias' }, alias, err),
      h('td', { class: 'col-desc', 'data-label': 'Description override' }, desc));
    return { tr, name, sw, alias, desc, err, o };
  }

  function collect() {
    const list = [];
    for (const r of rows) {
      const entry = { name: r.name };
      const enabled = r.sw.checked;
      const alias = r.alias.value.trim();
      const description = r.desc.value.trim();
      if (!enabled || alias || description || r.o.enabled === false) entry.enabled = enabled;
      if (alias) entry.alias = alias;
      if (description) entry.description = description;
      if (Object.keys(entry).length > 1) list.push({ entry, r });
    }
    return [...list.map((x) => x.entry), ...orphans];
  }

  /** Shows validator problems like `updated_tools[2].alias` on the row they belong to. */
  function showProblems(problems) {
    const list = [];
    for (const r of rows) {
      const e = collectOne(r);
      if (e) list.push(r);
    }
    for (const r of rows) { r.err.hidden = true; r.alias.removeAttribute('aria-invalid'); r.tr.classList.remove('has-error'); }
    const prefix = `updated_${kind}[`;
    let shown = 0;
    for (const p of problems) {
      if (!p.field.startsWith(prefix)) continue;
      const index = Number.parseInt(p.field.slice(prefix.length), 10);
      const r = list[index];
      if (!r) continue;
      replace(r.err, p.message);
      r.err.hidden = false;
      r.alias.setAttribute('aria-invalid', 'true');
      r.tr.classList.add('has-error');
      if (!shown) r.alias.focus();
      shown += 1;
    }
    return shown;
  }

  function collectOne(r) {
    return !r.sw.checked || r.alias.value.trim() || r.desc.value.trim() || r.o.enabled === false;
  }

  return {
    root,
    count: items.length,
    collect,
    isDirty: () => JSON.stringify(collect()) !== initial,
    showProblems,
  };
}
