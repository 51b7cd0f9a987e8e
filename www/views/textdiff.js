// What changed in a capability, for people: a word diff of two texts and the properties of two
// input schemas that were added, removed or retyped. Pure functions over data; the review panel
// renders their output as text.

/** Longest-common-subsequence word diff: [{ op: 'same' | 'del' | 'ins', text }]. Falls back to
 * one deletion and one insertion when the texts are too long to compare word by word. */
export function wordDiff(before, after, limit = 250_000) {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > limit) {
    return [...(before ? [{ op: 'del', text: before }] : []), ...(after ? [{ op: 'ins', text: after }] : [])];
  }
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  const push = (op, text) => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { push('same', a[i]); i += 1; j += 1; }
    else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) { push('ins', b[j]); j += 1; }
    else { push('del', a[i]); i += 1; }
  }
  return out;
}

function tokens(text) {
  return typeof text === 'string' && text ? text.split(/(\s+)/).filter((t) => t !== '') : [];
}

/** The type of a JSON Schema property, in words: `string`, `number | null`, `object`, `any`. */
function typeOf(schema) {
  if (!schema || typeof schema !== 'object') return 'any';
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.enum)) return 'enum';
  return 'any';
}

/** Properties of two input schemas: { added: [{name, type}], removed: [...], retyped: [{name, from, to}],
 * required: { added: [], removed: [] } }. */
export function schemaChanges(before, after) {
  const props = (s) => (s && typeof s.properties === 'object' && s.properties !== null ? s.properties : {});
  const req = (s) => new Set(Array.isArray(s?.required) ? s.required.map(String) : []);
  const p = props(before);
  const q = props(after);
  const out = { added: [], removed: [], retyped: [], required: { added: [], removed: [] } };
  for (const name of Object.keys(q)) {
    if (!(name in p)) out.added.push({ name, type: typeOf(q[name]) });
    else if (typeOf(p[name]) !== typeOf(q[name])) out.retyped.push({ name, from: typeOf(p[name]), to: typeOf(q[name]) });
  }
  for (const name of Object.keys(p)) if (!(name in q)) out.removed.push({ name, type: typeOf(p[name]) });
  const [r, s] = [req(before), req(after)];
  for (const name of s) if (!r.has(name)) out.required.added.push(name);
  for (const name of r) if (!s.has(name)) out.required.removed.push(name);
  return out;
}
