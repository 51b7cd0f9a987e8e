// The one place that talks to the client library from pkg/. The library is loaded with a dynamic
// import so that a missing or broken package shows a readable banner instead of a blank page.

// The `full` entry: the page reviews catalogues, which the main entry leaves out.
const PKG_URL = new URL('../pkg/full/browser.js', import.meta.url).href;

let lib = null;
let client = null;
let portalClient = null;
let pending = 0;
const listeners = new Set();

export async function loadLibrary() {
  if (!lib) {
    try {
      lib = await import(PKG_URL);
    } catch (cause) {
      const err = new Error(`The client library could not be loaded from ${PKG_URL}. Build it with "cargo xtask dist".`);
      err.cause = cause;
      throw err;
    }
  }
  return lib;
}

export function library() {
  return lib;
}

export function isLibraryError(err) {
  return Boolean(err) && ((lib && err instanceof lib.McpServersError) || err.name === 'McpServersError');
}

/** Builds the client for a connection; nothing is sent until the first call. */
export function connect({ baseURL, accountId, token }) {
  disconnect();
  const options = { apiToken: token, baseURL, accountId };
  client = new lib.McpServersClient(options);
  portalClient = new lib.McpPortalsClient(options);
  return client;
}

export function disconnect() {
  for (const c of [client, portalClient]) if (c && typeof c.free === 'function') c.free();
  client = null;
  portalClient = null;
}

export function isConnected() {
  return client !== null;
}

/** Subscribe to the number of requests in flight (drives the global progress bar). */
export function onActivity(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

async function track(promise) {
  pending += 1;
  listeners.forEach((fn) => fn(pending));
  try {
    return await promise;
  } finally {
    pending -= 1;
    listeners.forEach((fn) => fn(pending));
  }
}

function need(which = client) {
  if (!which) throw new Error('Not connected: enter the API token and account id first.');
  return which;
}

/** Every item of every page (the library's listAll), as one array. */
async function all(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export const servers = {
  list: (params, opts) => track(need().list(params, opts)),
  all: () => track(all(need().listAll({ per_page: 100 }))),
  create: (params) => track(need().create(params)),
  read: (id) => track(need().read(id, {})),
  update: (id, params) => track(need().update(id, params)),
  delete: (id) => track(need().delete(id, {})),
  sync: (id) => track(need().sync(id, {})),
  syncAndReview: (id, params) => track(need().syncAndReview(id, params)),
  approve: (id, names) => track(need().approve(id, names)),
  quarantine: (id, names) => track(need().quarantine(id, names)),
  pinDescriptions: (id, names) => track(need().pinDescriptions(id, names)),
};

/** Each capability as upstream describes it and as agents see it (see effectiveCatalogue). */
export const effective = (server) => lib.effectiveCatalogue(server);

export const portals = {
  list: (params, opts) => track(need(portalClient).list(params, opts)),
  all: () => track(all(need(portalClient).listAll({ per_page: 100 }))),
  create: (params) => track(need(portalClient).create(params)),
  read: (id) => track(need(portalClient).read(id, {})),
  update: (id, params) => track(need(portalClient).update(id, params)),
  delete: (id) => track(need(portalClient).delete(id, {})),
};

/** The tools and prompts agents see through a portal (names as they call them). */
export const agentView = (portal) => lib.effectivePortalView(portal);

/** Update parameters that keep `portal` as it is: an edit starts from these (PUT replaces the mapping). */
export const unchanged = (portal) => lib.portalToUpdateParams(portal);

export const validate = {
  create: (params) => lib.validateServerCreateParams(params),
  update: (params) => lib.validateServerUpdateParams(params),
  id: (id) => lib.validateServerId(id),
  portalCreate: (params) => lib.validatePortalCreateParams(params),
  portalUpdate: (params) => lib.validatePortalUpdateParams(params),
};
