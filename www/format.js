// Pure formatting: dates, labels, and the sync state put into words. No DOM here.

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 minutes ago", "yesterday", "just now"; null when there is no date. */
export function relativeTime(iso, now = Date.now()) {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return String(iso);
  const seconds = (t - now) / 1000;
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size * 0.9 || unit === 'minute') {
      return rtf.format(Math.round(seconds / size), unit);
    }
  }
  return 'just now';
}

/** "25 Nov 2026, 14:03" in the user's locale; the raw text when it is not a date. */
export function absoluteTime(iso) {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return String(iso);
  return new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const STATUS = {
  waiting: { label: 'Waiting', tone: 'neutral', hint: 'Not synced yet' },
  ready: { label: 'Ready', tone: 'ok', hint: 'Synced; tools and prompts are current' },
  stale: { label: 'Stale', tone: 'warn', hint: 'Tools and prompts may be out of date' },
  error: { label: 'Error', tone: 'bad', hint: 'The last sync failed' },
};

export function statusInfo(status) {
  if (!status) return { label: 'Unknown', tone: 'neutral', hint: 'The API did not report a status' };
  return STATUS[status] ?? { label: String(status), tone: 'neutral', hint: `Status “${status}” reported by the API` };
}

export const AUTH_TYPES = [
  { value: 'unauthenticated', label: 'None (unauthenticated)' },
  { value: 'bearer', label: 'Bearer token / static headers' },
  { value: 'oauth', label: 'OAuth' },
];

export function authLabel(type) {
  return { oauth: 'OAuth', bearer: 'Bearer', unauthenticated: 'None' }[type] ?? String(type ?? '—');
}

export const AUTHENTICATION_STATUS = {
  not_required: 'Not required',
  required: 'Required: an administrator must authenticate in the Cloudflare dashboard before a sync',
  connected: 'Connected',
  stale: 'Stale: the administrator credential needs to be renewed',
  manual: 'Manual: OAuth is managed by the user',
};

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The failure of a sync, in words: what happened, the codes, and whether trying again may help.
 * Works for a server's `error`/`error_details` and for a SyncResult.
 */
export function explainFailure(details, errorText) {
  const lines = [];
  const d = details ?? {};
  if (d.is_upstream === true) {
    const codes = [];
    if (d.status_code !== undefined && d.status_code !== null) codes.push(`HTTP ${d.status_code}`);
    if (d.mcp_code !== undefined && d.mcp_code !== null) codes.push(`MCP error ${d.mcp_code}`);
    lines.push(`The MCP server was reached but answered with an error${codes.length ? ` (${codes.join(', ')})` : ''}.`);
  } else if (d.is_upstream === false) {
    lines.push('The MCP server could not be reached (no answer from the upstream URL).');
    if (d.status_code !== undefined && d.status_code !== null) lines.push(`HTTP status: ${d.status_code}.`);
  } else if (d.status_code !== undefined || d.mcp_code !== undefined) {
    const codes = [];
    if (d.status_code !== undefined && d.status_code !== null) codes.push(`HTTP ${d.status_code}`);
    if (d.mcp_code !== undefined && d.mcp_code !== null) codes.push(`MCP error ${d.mcp_code}`);
    lines.push(`The sync failed (${codes.join(', ')}).`);
  }
  const cause = d.cause || errorText;
  if (cause) lines.push(`Cause: ${cause}`);
  if (d.retryable === true) lines.push('This looks temporary: syncing again may succeed.');
  else if (d.retryable === false) lines.push('Syncing again will not help until the server or its settings change.');
  if (!lines.length) lines.push('The sync failed and the API gave no details.');
  return lines;
}

/** The server's sync state as a title and a few sentences. */
export function explainSync(server) {
  const tools = Array.isArray(server.tools) ? server.tools.length : 0;
  const prompts = Array.isArray(server.prompts) ? server.prompts.length : 0;
  const last = server.last_synced ? `${relativeTime(server.last_synced)} (${absoluteTime(server.last_synced)})` : null;
  const lastOk = server.last_successful_sync
    ? `${relativeTime(server.last_successful_sync)} (${absoluteTime(server.last_successful_sync)})`
    : null;
  const lines = [];
  let title;
  switch (server.status) {
    case 'waiting':
      title = 'Waiting for the first sync';
      lines.push('No sync has completed yet, so no tools or prompts are known. Run Sync to connect to the server and discover them.');
      break;
    case 'ready':
      title = 'In sync';
      lines.push(`Last synced ${last ?? 'at an unknown time'}. The server offers ${plural(tools, 'tool')} and ${plural(prompts, 'prompt')}.`);
      break;
    case 'stale':
      title = 'Out of date';
      lines.push(lastOk
        ? `The tools and prompts below come from the last successful sync, ${lastOk}; later syncs did not refresh them.`
        : 'The tools and prompts below may no longer match what the server offers.');
      if (server.error || server.error_details) lines.push(...explainFailure(server.error_details, server.error));
      else lines.push('Run Sync to refresh them.');
      break;
    case 'error':
      title = 'Last sync failed';
      if (last) lines.push(`The sync ${last} did not succeed.`);
      lines.push(...explainFailure(server.error_details, server.error));
      if (lastOk) lines.push(`The last successful sync was ${lastOk}.`);
      break;
    default:
      title = server.status ? `Status “${server.status}”` : 'Status unknown';
      if (last) lines.push(`Last synced ${last}.`);
  }
  if (server.authentication_status === 'required') {
    lines.push('An administrator must authenticate with this server in the Cloudflare dashboard before it can sync.');
  }
  return { title, tone: statusInfo(server.status).tone, lines };
}

/** A readable one-line preview of an MCP tool's input parameters. */
export function toolParams(tool) {
  const props = tool?.inputSchema?.properties;
  if (!props || typeof props !== 'object') return [];
  const required = new Set(Array.isArray(tool.inputSchema.required) ? tool.inputSchema.required : []);
  return Object.keys(props).map((k) => (required.has(k) ? k : `${k}?`));
}

export function promptArgs(prompt) {
  if (!Array.isArray(prompt?.arguments)) return [];
  return prompt.arguments.map((a) => (a && a.required ? String(a.name) : `${a?.name}?`));
}

/** The portal's Code Mode policies (code_mode), as the form offers them. */
export const CODE_MODES = [
  { value: 'off', label: 'Off', hint: 'Agents always get the tools themselves.' },
  { value: 'opt_in', label: 'Opt-in', hint: 'Off unless the client connects with ?codemode=search_and_execute (the default).' },
  { value: 'default_on', label: 'On by default', hint: 'On unless the client connects with ?codemode=off.' },
  { value: 'enforced', label: 'Enforced', hint: 'Always on: agents write code against the tools.' },
];

/** A portal's Code Mode in words: code_mode, else the deprecated allow_code_mode, else the default. */
export function codeModeLabel(portal) {
  const mode = portal?.code_mode ?? (portal?.allow_code_mode === false ? 'off' : portal?.allow_code_mode === true ? 'opt_in' : null);
  if (!mode) return 'Opt-in (default)';
  return CODE_MODES.find((m) => m.value === mode)?.label ?? String(mode);
}
