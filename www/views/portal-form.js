// "New portal" and "Edit portal": the portal's fields and its server mapping. An edit starts from
// the library's portalToUpdateParams(portal), because a PUT replaces the whole mapping: what
// the form does not show is sent back as it was. Everything is checked with the library's
// validators before a request is sent, and problems are shown at their fields.
import { h, replace, button, withBusy, icon } from '../dom.js';
import { servers, portals, unchanged, validate, isLibraryError } from '../api.js';
import { showError, clearBanner, toast } from './banner.js';
import { field, toggle, applyProblems, errorSummary } from './forms.js';
import { serverMapping, local } from './portal-servers.js';
import { CODE_MODES } from '../format.js';

/** `id` undefined: a new portal; otherwise that portal's edit form. */
export function renderPortalForm(root, id, go) {
  const editing = id !== undefined;
  const back = editing
    ? h('a', { class: 'back-link', href: `#/portals/${encodeURIComponent(id)}` }, icon('back'), 'Back to the portal')
    : h('a', { class: 'back-link', href: '#/portals' }, icon('back'), 'All portals');
  const header = (subtitle) => h('div', { class: 'view-header' },
    h('div', null, back,
      h('h1', { id: 'portal-form-title', class: 'view-title', tabindex: '-1' }, editing ? `Edit portal ${id}` : 'New MCP portal'),
      h('p', { class: 'view-subtitle' }, subtitle)));
  replace(root, header(h('span', { role: 'status' }, h('span', { class: 'inline-spinner', 'aria-hidden': 'true' }), 'Loading servers…')));

  (async () => {
    let all;
    let portal = null;
    try {
      [all, portal] = await Promise.all([servers.all(), editing ? portals.read(id) : null]);
    } catch (err) {
      const notFound = isLibraryError(err) && err.status === 404;
      replace(root, header(notFound ? `There is no portal with id “${id}” in this account.` : 'The form could not be loaded.'));
      showError(err, { context: editing ? 'Loading the portal' : 'Loading the servers', retry: notFound ? null : () => renderPortalForm(root, id, go) });
      return;
    }
    clearBanner();
    draw(all, portal);
  })();

  function draw(all, portal) {
    const base = portal ? unchanged(portal) : {};
    const initialMode = base.code_mode ?? (base.allow_code_mode === false ? 'off' : 'opt_in');
    const f = {
      name: field({ name: 'name', label: 'Name', autocomplete: 'off', placeholder: 'Engineering tools', counter: 350, value: base.name ?? '' }),
      hostname: field({ name: 'hostname', label: 'Hostname', autocomplete: 'off', spellcheck: 'false', class: 'mono', placeholder: 'mcp.example.com',
        value: base.hostname ?? '',
        hint: 'A bare host name in one of your zones (no https://, path or port). Agents connect to https://<hostname>/mcp. A portal created through the API gets no DNS record: add a proxied CNAME to gateway.agents.cloudflare.com.' }),
      description: field({ name: 'description', label: 'Description', control: 'textarea', counter: 512, value: base.description ?? '',
        placeholder: 'What this portal is for (optional)' }),
      code_mode: field({ name: 'code_mode', label: 'Code Mode', control: 'select', value: initialMode,
        options: CODE_MODES.map((m) => ({ value: m.value, label: m.label })), hint: ' ' }),
    };
    if (!editing) {
      f.id = field({ name: 'id', label: 'Portal ID', autocomplete: 'off', spellcheck: 'false', class: 'mono', placeholder: 'my-mcp-portal',
        hint: 'Lowercase letters, digits and _, with single - between them; up to 32 characters. Cannot be changed later.' });
    }
    const modeHint = f.code_mode.root.querySelector('.field-hint');
    const showModeHint = () => { modeHint.textContent = CODE_MODES.find((m) => m.value === f.code_mode.input.value)?.hint ?? ''; };
    f.code_mode.input.addEventListener('change', showModeHint);
    showModeHint();
    f.allow_code_mode = f.code_mode; // a contradiction between the two is reported on either
    const swg = toggle({ name: 'secure_web_gateway', label: 'Route through Secure Web Gateway', checked: Boolean(base.secure_web_gateway),
      hint: 'Send this portal’s tool calls through Zero Trust Gateway policies (secure_web_gateway); it takes precedence over the servers’ own setting.' });
    const mapping = serverMapping(all, portal, base.servers ?? []);

    const summarySlot = h('div', { class: 'summary-slot' });
    const submit = button(editing ? 'Save portal' : 'Create portal', { kind: 'primary', type: 'submit', iconName: editing ? null : 'plus' });
    let attempted = false;
    const form = h('form', { class: 'card form-card portal-form', novalidate: true, 'aria-labelledby': 'portal-form-title' },
      summarySlot,
      h('fieldset', { class: 'form-section' },
        h('legend', null, 'Portal'),
        editing ? f.name.root : h('div', { class: 'grid-2' }, f.id.root, f.name.root),
        f.hostname.root,
        f.description.root),
      h('fieldset', { class: 'form-section' },
        h('legend', null, 'Options'),
        f.code_mode.root, swg.root),
      h('fieldset', { class: 'form-section' },
        h('legend', null, 'Servers'),
        h('p', { class: 'field-hint' }, 'Tick the servers whose tools and prompts this portal offers (at most 40). Agents see each one as {server id}_{name}; a portal alias replaces the name, a portal description the description, for this portal only.'),
        mapping.root),
      h('div', { class: 'form-actions' },
        button('Cancel', { kind: 'ghost', onclick: () => go(editing ? { view: 'portal', id } : { view: 'portals' }) }),
        submit));

    function params() {
      const p = { ...base };
      if (!editing) p.id = f.id.input.value.trim();
      p.name = f.name.input.value.trim();
      p.hostname = f.hostname.input.value.trim();
      const description = f.description.input.value.trim();
      if (description) p.description = description;
      else if (base.description) p.description = ''; // cleared (the field is not nullable)
      else delete p.description;
      if (!editing || f.code_mode.input.value !== initialMode) {
        p.code_mode = f.code_mode.input.value;
        delete p.allow_code_mode;
      }
      p.secure_web_gateway = swg.input.checked;
      p.servers = mapping.collect();
      return p;
    }

    function check({ focus }) {
      const p = params();
      const problems = editing ? validate.portalUpdate(p) : validate.portalCreate(p);
      applyProblems(f, problems.filter((x) => !x.field.startsWith('servers')));
      mapping.showProblems(problems);
      replace(summarySlot, errorSummary(problems.map((x) => {
        const at = mapping.where(x.field);
        return at ? { ...x, message: `${at}: ${local(x)}` } : x;
      })));
      if (focus && problems.length) {
        const first = f[problems[0].field];
        (first ? first.input : form.querySelector('[aria-invalid="true"], .map-server.has-error input') ?? summarySlot.firstChild)?.focus();
      }
      return problems;
    }

    form.addEventListener('input', () => { if (attempted) check({ focus: false }); });
    form.addEventListener('change', () => { if (attempted) check({ focus: false }); });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      attempted = true;
      if (check({ focus: true }).length) return;
      const p = params();
      try {
        const saved = await withBusy(submit, editing ? 'Saving…' : 'Creating…', () => (editing ? portals.update(id, p) : portals.create(p)));
        clearBanner();
        toast(editing ? `Saved portal “${saved.name || saved.id}”.` : `Created portal “${saved.name || saved.id}”.`);
        go({ view: 'portal', id: saved.id });
      } catch (err) {
        showError(err, { context: editing ? 'Saving the portal' : 'Creating the portal' });
        // API field errors (path like ["hostname"]) go back onto the form when they name a field.
        const onForm = (err.errors ?? [])
          .map((x) => (Array.isArray(x.path) ? x.path.filter((s) => s !== 'body') : []))
          .map((path, i) => ({ field: path.reduce((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), ''), message: err.errors[i].message }))
          .filter((x) => x.field);
        if (onForm.length) {
          applyProblems(f, onForm.filter((x) => f[x.field]));
          mapping.showProblems(onForm);
        }
      }
    });

    replace(root,
      header(editing
        ? 'Change the portal’s settings and its servers. Everything you do not change is sent back as it was.'
        : 'One MCP endpoint for your agents, offering the tools and prompts of the servers you pick.'),
      form);
    (editing ? f.name : f.id).input.focus();
  }
}
