// Catalogue review in the package: diffCatalogue of two catalogues of 2,000 tools each (about
// 5% of them changed, 1% added, 1% removed, keys in another order on the "after" side) and
// catalogueSnapshot (a digest per tool) of one of them. Ours only: the official SDK has neither.
// Usage: node bench/catalogue.mjs [rounds]. Prints one JSON line: { diff: [ms…], snapshot: [ms…], tools, changes }.

import { diffCatalogue, catalogueSnapshot } from '../pkg/full/node.js';

const rounds = Number(process.argv[2] ?? 15);
const N = 2000;

function tool(i, variant = 0) {
  return {
    name: `tool_${String(i).padStart(4, '0')}`,
    title: `Tool ${i}`,
    description: `Does thing number ${i} for the caller, with care. ${variant ? 'Now also sends a copy elsewhere.' : ''}`.trim(),
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'What to look for' },
        limit: { type: variant ? 'string' : 'integer', minimum: 1, maximum: 100 },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['query'],
    },
    annotations: { readOnlyHint: i % 2 === 0, openWorldHint: false },
  };
}

/** The same tool with every object's keys in reverse order: equal in canonical JSON. */
function reordered(value) {
  if (Array.isArray(value)) return value.map(reordered);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reordered(v)]));
  return value;
}

const before = { tools: Array.from({ length: N }, (_, i) => tool(i)), prompts: [] };
const after = {
  tools: Array.from({ length: N }, (_, i) => i)
    .filter((i) => i % 100 !== 7) // 1% removed
    .map((i) => reordered(tool(i, i % 20 === 3 ? 1 : 0))) // 5% changed
    .concat(Array.from({ length: N / 100 }, (_, i) => tool(N + i))), // 1% added
  prompts: [],
};

function time(fn) {
  const t0 = performance.now();
  const out = fn();
  return [performance.now() - t0, out];
}

for (let i = 0; i < 3; i++) diffCatalogue(before, after); // warm-up
const diff = [];
const snapshot = [];
let changes;
for (let r = 0; r < rounds; r++) {
  globalThis.gc?.();
  const [ms, d] = time(() => diffCatalogue(before, after));
  diff.push(ms);
  changes = { added: d.tools.added.length, removed: d.tools.removed.length, changed: d.tools.changed.length };
  globalThis.gc?.();
  snapshot.push(time(() => catalogueSnapshot(before))[0]);
}
console.log(JSON.stringify({ tools: N, changes, diff, snapshot }));
