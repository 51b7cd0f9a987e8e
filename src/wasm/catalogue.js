// What catalogue review needs from the runtime to write canonical JSON (RFC 8785) of the
// caller's own values, exactly as JavaScript sees them.

/** RFC 8785 canonical JSON of a value, as the Rust walker in src/catalogue/canonical.rs writes
 * it, in one call instead of a few calls into JavaScript per value: JSON.stringify writes
 * numbers and well-formed strings exactly as JCS asks, and the default sort compares UTF-16
 * code units. Undefined when the value holds something JSON cannot (the Rust walker then finds
 * it and says where). */
export function canonicalJson(value) {
  try {
    return jcs(value);
  } catch {
    return undefined;
  }
}

const SKIPPED = new Set(['undefined', 'function', 'symbol']);

function jcs(value) {
  switch (typeof value) {
    case 'string':
      if (!wellFormed(value)) throw new TypeError('lone surrogate');
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('not finite');
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${Array.from(value, (item) => (item === undefined ? 'null' : jcs(item))).join(',')}]`;
      const keys = Object.keys(value).filter((k) => !SKIPPED.has(typeof value[k])).sort();
      return `{${keys.map((k) => `${jcs(k)}:${jcs(value[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError('not JSON');
  }
}

/** An object's members as a flat [key, value, key, value, …] array, leaving out what
 * JSON.stringify leaves out (undefined, functions, symbols); undefined when a getter throws or
 * a key holds a lone surrogate. */
export function entries(object) {
  try {
    const out = [];
    for (const [key, value] of Object.entries(object)) {
      if (!wellFormed(key)) return undefined;
      const type = typeof value;
      if (type !== 'undefined' && type !== 'function' && type !== 'symbol') out.push(key, value);
    }
    return out;
  } catch {
    return undefined;
  }
}

// With the u flag a surrogate pair is one code point, so this matches lone surrogates only.
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether a string has no lone surrogate. */
export const wellFormed = typeof ''.isWellFormed === 'function'
  ? (text) => text.isWellFormed()
  : (text) => !LONE_SURROGATE.test(text);

/** A number as ECMAScript writes it, which is what RFC 8785 asks for. */
export function numberText(n) {
  return String(n);
}
