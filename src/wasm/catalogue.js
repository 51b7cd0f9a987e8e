// What catalogue review needs from the runtime to write canonical JSON (RFC 8785) of the
// caller's own values, exactly as JavaScript sees them.

/** An object's members as a flat [key, value, key, value, …] array, leaving out what
 * JSON.stringify leaves out (undefined, functions, symbols); undefined when a getter throws. */
export function entries(object) {
  try {
    const out = [];
    for (const [key, value] of Object.entries(object)) {
      const type = typeof value;
      if (type !== 'undefined' && type !== 'function' && type !== 'symbol') out.push(key, value);
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Whether a string has no lone surrogate (with the u flag, a paired one is one code point). */
export function wellFormed(text) {
  return !/\p{Cs}/u.test(text);
}

/** A number as ECMAScript writes it, which is what RFC 8785 asks for. */
export function numberText(n) {
  return String(n);
}
