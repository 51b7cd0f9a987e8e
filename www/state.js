// Connection settings. The token lives in this module's memory; only when the user ticks
// "Remember for this tab" is it copied to sessionStorage (gone when the tab closes). It never
// goes to localStorage, a URL or the console. Base URL and account id are not secrets and are
// kept in localStorage for convenience.

const SESSION_KEY = 'cf-mcp-admin.session';
const PREFS_KEY = 'cf-mcp-admin.prefs';

export const DEFAULT_BASE_URL = '/client/v4';

const connection = { baseURL: DEFAULT_BASE_URL, accountId: '', token: '', remember: false };

export function getConnection() {
  return { ...connection };
}

/** Restores what was saved: prefs from localStorage, the token from sessionStorage (if remembered). */
export function restoreConnection() {
  const prefs = readJson(localStorage, PREFS_KEY);
  if (prefs) {
    if (typeof prefs.baseURL === 'string' && prefs.baseURL) connection.baseURL = prefs.baseURL;
    if (typeof prefs.accountId === 'string') connection.accountId = prefs.accountId;
  }
  const session = readJson(sessionStorage, SESSION_KEY);
  if (session && typeof session.token === 'string') {
    connection.token = session.token;
    connection.remember = true;
    if (typeof session.baseURL === 'string' && session.baseURL) connection.baseURL = session.baseURL;
    if (typeof session.accountId === 'string') connection.accountId = session.accountId;
  }
  return getConnection();
}

export function setConnection({ baseURL, accountId, token, remember }) {
  connection.baseURL = baseURL || DEFAULT_BASE_URL;
  connection.accountId = accountId;
  connection.token = token;
  connection.remember = Boolean(remember);
  writeJson(localStorage, PREFS_KEY, { baseURL: connection.baseURL, accountId: connection.accountId });
  if (connection.remember) {
    writeJson(sessionStorage, SESSION_KEY, { baseURL: connection.baseURL, accountId, token });
  } else {
    removeKey(sessionStorage, SESSION_KEY);
  }
}

/** Forgets the token everywhere (memory and sessionStorage); keeps base URL and account id. */
export function forgetToken() {
  connection.token = '';
  connection.remember = false;
  removeKey(sessionStorage, SESSION_KEY);
}

function readJson(storage, key) {
  try {
    const raw = storage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

function writeJson(storage, key, value) {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage may be disabled (private mode, policy); the page still works from memory.
  }
}

function removeKey(storage, key) {
  try {
    storage.removeItem(key);
  } catch {
    // ignore, as above
  }
}
