// The few things Rust cannot express directly: an Error subclass, an async iterator, and
// timers that can be cancelled. Imported by the wasm-bindgen output as a snippet.

/** Every failure of the client rejects with this. */
export class McpServersError extends Error {
  constructor(message, fields) {
    super(message);
    this.name = 'McpServersError';
    this.kind = fields.kind;
    this.errors = fields.errors;
    this.retryable = fields.retryable;
    if (fields.status !== undefined) this.status = fields.status;
    if (fields.code !== undefined) this.code = fields.code;
    if (fields.rayId !== undefined) this.rayId = fields.rayId;
    if (fields.mayHaveApplied !== undefined) this.mayHaveApplied = fields.mayHaveApplied;
  }

  toJSON() {
    const { name, message, kind, status, errors, code, retryable, rayId, mayHaveApplied } = this;
    return { name, message, kind, status, errors, code, retryable, rayId, mayHaveApplied };
  }
}

export function makeError(message, fields) {
  return new McpServersError(message, fields);
}

/** A JSON object: not null, not an array. */
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Rust's `Json::conforms`: whether `value` has the type `type`, a schema that Rust's
 * `shape::Type` was turned into once: 's', 'b', 'n', 'o' (any object), ['a', element], or
 * ['m', [key, type, required], …] for an object with documented members (absent or null is
 * fine for an optional one). False also when a getter throws: Rust then walks the value and
 * says what is wrong. */
export function conforms(value, type) {
  try {
    return fits(value, type);
  } catch {
    return false;
  }
}

function fits(value, type) {
  switch (type) {
    case 's': return typeof value === 'string';
    case 'b': return typeof value === 'boolean';
    case 'n': return typeof value === 'number' && Number.isFinite(value);
    case 'o': return isObject(value);
  }
  if (type[0] === 'a') {
    if (!Array.isArray(value)) return false;
    const element = type[1];
    for (let i = 0; i < value.length; i++) if (!fits(value[i], element)) return false;
    return true;
  }
  if (!isObject(value)) return false;
  for (let i = 1; i < type.length; i++) {
    const [key, member, required] = type[i];
    const found = value[key];
    if (found === undefined || found === null) {
      if (required) return false;
    } else if (!fits(found, member)) {
      return false;
    }
  }
  return true;
}

/** A value's kind, coded as Rust's `json::Kind`: null, bool, number, string, array, object, other. */
export function kindOf(value) {
  switch (typeof value) {
    case 'undefined': return 0;
    case 'boolean': return 1;
    case 'number': return Number.isFinite(value) ? 2 : 6;
    case 'string': return 3;
    case 'object': return value === null ? 0 : Array.isArray(value) ? 4 : 5;
    default: return 6;
  }
}

/** `object[key]`; undefined when `object` is not an object or its getter throws. */
export function member(object, key) {
  if (object === null || typeof object !== 'object') return undefined;
  try {
    return object[key];
  } catch {
    return undefined;
  }
}

/** The kind code of `object[key]`, or -1 when that is undefined. */
export function memberKind(object, key) {
  const value = member(object, key);
  return value === undefined ? -1 : kindOf(value);
}

/**
 * Sends one request as the official SDK does: `fetch(url, init)`, with the caller's fetch (called
 * with `this` the global object) or the global one. `headers` is `name:value` lines. The runtime's
 * message for a refused header would quote its value, which may be a credential, so that error
 * names the header only. Redirects are not followed (`redirect: 'manual'`): Node and workerd then
 * return the 3xx itself, browsers an opaque redirect (status 0), and the core refuses both, so no
 * credential header or secret in a body goes to another origin.
 */
export function send(customFetch, url, method, headers, body, signal) {
  const init = { method, headers: new Headers(), signal, redirect: 'manual' };
  for (const line of headers.split('\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    try {
      init.headers.set(name, line.slice(colon + 1));
    } catch {
      throw new TypeError(`fetch refused the value of header ${name}`);
    }
  }
  if (body !== undefined) init.body = body;
  return customFetch ? customFetch.call(globalThis, url, init) : fetch(url, init);
}

/** A response's body: `[value]` if JSON, else its text. A JSON success is parsed from its bytes
 * (`response.json()`, faster than text then parse); if that fails, a note replaces the text. */
export async function readBody(response) {
  const type = response.headers.get('content-type') ?? '';
  if (response.ok && /[/+]json\b/i.test(type)) {
    try {
      return [await response.json()];
    } catch (e) {
      if (e instanceof SyntaxError) return `(a body labelled ${type} that does not parse as JSON)`;
      throw e;
    }
  }
  const text = await response.text();
  const parsed = parseJson(text);
  return parsed === undefined ? text : [parsed];
}

/** The body parsed as JSON, or undefined when it is not JSON (an HTML error page, nothing). */
export function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Turns a pager (`next()` resolving to a page or undefined) into an async iterable of items. */
export function pagesToItems(pager) {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          const page = await pager.next();
          if (page === undefined) return;
          yield* page.result;
        }
      } finally {
        pager.free();
      }
    },
  };
}

const TIMED_OUT = Symbol('timed out');

/** Aborts `controller` after `ms`; returns the timer to disarm. */
export function armTimeout(controller, ms) {
  return setTimeout(() => controller.abort(TIMED_OUT), ms);
}

export function disarm(timer) {
  clearTimeout(timer);
}

export function timedOut(controller) {
  return controller.signal.reason === TIMED_OUT;
}

/** Resolves after `ms`, or at once when `signal` (if any) aborts (so no timer outlives its request). */
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => { clearTimeout(timer); resolve(); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves when `signal` aborts; `release` removes the listener when the call is over. */
export function whenAborted(signal, release) {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    release.signal.addEventListener('abort', () => signal.removeEventListener('abort', onAbort), { once: true });
  });
}

let readEnvironment;

/** Called only by the package's Node, Deno and Bun entry, with a function that reads one
 * environment variable; browsers and Workers never call it, so there they have none. */
export function useEnvironment(read) {
  readEnvironment = read;
}

/** The environment variable `name`, or undefined where there is no environment or it may not
 * be read (Deno without --allow-env). */
export function envVar(name) {
  try {
    const value = readEnvironment?.(name);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** `logger[level](line)`, with `console` when no logger was given; a logger that lacks the
 * method or throws is ignored, so logging never fails a call. */
export function log(logger, level, line) {
  try {
    (logger ?? globalThis.console)?.[level]?.(line);
  } catch {
    // a broken logger must not break the call
  }
}

/** What a call of `withResponse()` resolves to; `headers` are `name:value` lines, and
 * `remaining` undefined means the response reported no rate limit. */
export function withResponse(data, status, retries, headers, rayId, policy, remaining, reset, limit, window) {
  const response = { status, headers: new Headers(), retries };
  for (const line of headers ? headers.split('\n') : []) {
    const colon = line.indexOf(':');
    response.headers.append(line.slice(0, colon), line.slice(colon + 1));
  }
  if (rayId !== undefined) response.rayId = rayId;
  if (remaining !== undefined) {
    const rateLimit = { policy, remaining, reset, limit, window };
    for (const key of Object.keys(rateLimit)) if (rateLimit[key] === undefined) delete rateLimit[key];
    response.rateLimit = rateLimit;
  }
  return { data, response };
}

/** Every header as `name:value` lines (raw responses only; a value has no line break). */
export function headerLines(headers) {
  let lines = '';
  for (const [name, value] of headers) lines += `${lines ? '\n' : ''}${name}:${value}`;
  return lines;
}
