// The "New server" form. Everything is checked with the library's own validators before a
// request is sent, so the messages are the ones the client would give.
import { h, replace, button, withBusy, icon } from '../dom.js';
import { servers, validate } from '../api.js';
import { showError, clearBanner, toast } from './banner.js';
import { field, toggle, applyProblems, errorSummary } from './forms.js';
import { AUTH_TYPES } from '../format.js';

export function renderCreate(root, go) {
  const f = {
    id: field({ name: 'id', label: 'Server ID', autocomplete: 'off', spellcheck: 'false', class: 'mono',
      placeholder: 'my-mcp-server',
      hint: 'Lowercase letters, digits and _, with single - between them; up to 32 characters. Cannot be changed later.' }),
    name: field({ name: 'name', label: 'Name', autocomplete: 'off', placeholder: 'My MCP server', counter: 350 }),
    hostname: field({ name: 'hostname', label: 'Hostname (URL)', type: 'url', inputmode: 'url', autocomplete: 'off',
      spellcheck: 'false', class: 'mono', placeholder: 'https://example.com/mcp',
      hint: 'The full URL of the upstream MCP endpoint.' }),
    auth_type: field({ name: 'auth_type', label: 'Auth type', control: 'select', options: AUTH_TYPES, value: 'unauthenticated',
      hint: 'How Cloudflare authenticates to the upstream server.' }),
    auth_credentials: field({ name: 'auth_credentials', label: 'Credentials', type: 'password', autocomplete: 'new-password',
      spellcheck: 'false',
      hint: 'A bearer token, or a JSON string {"headers": {…}} of static headers. Write-only: the API never returns it.' }),
    client_secret: field({ name: 'client_secret', label: 'OAuth client secret (optional)', type: 'password', autocomplete: 'new-password',
      spellcheck: 'false',
      hint: 'Only for a pre-registered OAuth client (manual mode). Write-only: the API never returns it.' }),
    description: field({ name: 'description', label: 'Description', control: 'textarea', counter: 512,
      placeholder: 'What this server offers (optional)' }),
  };
  const swg = toggle({ name: 'secure_web_gateway', label: 'Route through Secure Web Gateway',
    hint: 'Send this server’s outbound traffic through Zero Trust Gateway policies (secure_web_gateway).' });
  const shared = toggle({ name: 'is_shared_oauth_callback_enabled', label: 'Use the shared OAuth callback',
    hint: 'Use one shared callback URL for OAuth instead of one per portal (is_shared_oauth_callback_enabled).' });

  const syncCredentials = () => {
    const bearer = f.auth_type.input.value === 'bearer';
    const oauth = f.auth_type.input.value === 'oauth';
    f.auth_credentials.root.hidden = !bearer;
    if (!bearer) f.auth_credentials.input.value = '';
    f.client_secret.root.hidden = !oauth;
    if (!oauth) f.client_secret.input.value = '';
  };
  f.auth_type.input.addEventListener('change', syncCredentials);
  syncCredentials();

  const summarySlot = h('div', { class: 'summary-slot' });
  const submit = button('Create server', { kind: 'primary', type: 'submit', iconName: 'plus' });
  let attempted = false;

  const form = h('form', { class: 'card form-card', novalidate: true, 'aria-labelledby': 'create-title' },
    summarySlot,
    h('fieldset', { class: 'form-section' },
      h('legend', null, 'Server'),
      h('div', { class: 'grid-2' }, f.id.root, f.name.root),
      f.hostname.root,
      f.description.root),
    h('fieldset', { class: 'form-section' },
      h('legend', null, 'Authentication'),
      h('div', { class: 'grid-2' }, f.auth_type.root, f.auth_credentials.root, f.client_secret.root)),
    h('fieldset', { class: 'form-section' },
      h('legend', null, 'Options'),
      swg.root, shared.root),
    h('div', { class: 'form-actions' },
      button('Cancel', { kind: 'ghost', onclick: () => go({ view: 'list' }) }),
      submit));

  function params() {
    const p = {
      id: f.id.input.value.trim(),
      name: f.name.input.value.trim(),
      hostname: f.hostname.input.value.trim(),
      auth_type: f.auth_type.input.value,
      secure_web_gateway: swg.input.checked,
      is_shared_oauth_callback_enabled: shared.input.checked,
    };
    const description = f.description.input.value.trim();
    if (description) p.description = description;
    if (p.auth_type === 'bearer' && f.auth_credentials.input.value) p.auth_credentials = f.auth_credentials.input.value;
    if (p.auth_type === 'oauth' && f.client_secret.input.value) p.client_secret = f.client_secret.input.value;
    return p;
  }

  function check({ focus }) {
    const problems = validate.create(params());
    const unmatched = applyProblems(f, problems);
    replace(summarySlot, errorSummary(problems));
    if (focus && problems.length) {
      const first = problems.map((p) => f[p.field]).find(Boolean);
      (first ? first.input : summarySlot.firstChild)?.focus();
    }
    return { problems, unmatched };
  }

  form.addEventListener('input', () => { if (attempted) check({ focus: false }); });
  form.addEventListener('change', () => { if (attempted) check({ focus: false }); });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    attempted = true;
    const { problems } = check({ focus: true });
    if (problems.length) return;
    const p = params();
    try {
      const created = await withBusy(submit, 'Creating…', () => servers.create(p));
      clearBanner();
      toast(`Created “${created.name || created.id}”. Run Sync to discover its tools.`);
      go({ view: 'detail', id: created.id });
    } catch (err) {
      showError(err, { context: 'Creating the server' });
      // Map API field errors (path like ["id"]) back onto the form when possible.
      const apiProblems = (err.errors ?? [])
        .filter((x) => Array.isArray(x.path) && f[x.path[x.path.length - 1]])
        .map((x) => ({ field: x.path[x.path.length - 1], message: x.message }));
      if (apiProblems.length) applyProblems(f, apiProblems);
    }
  });

  replace(root,
    h('div', { class: 'view-header' },
      h('div', null,
        h('a', { class: 'back-link', href: '#/servers' }, icon('back'), 'All servers'),
        h('h1', { id: 'create-title', class: 'view-title', tabindex: '-1' }, 'New MCP server'),
        h('p', { class: 'view-subtitle' }, 'Register an upstream MCP server. After creating it, run a sync to discover its tools and prompts.'))),
    form);
  f.id.input.focus();
}
