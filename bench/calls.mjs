// Per-call overhead and large-page decoding of ONE client against the in-process fetch stub.
// Usage: node bench/calls.mjs <ours|official> [--rounds N] [--only read,create,list,large,portalRead,…]
// Prints one JSON line: { client, ops: { read: [ops/s per round], … } }.

import { cannedBodies, makeStub } from './fixtures.mjs';
import { CLIENTS } from './clients.mjs';

const args = process.argv.slice(2);
const which = args[0];
const opt = (name, dflt) => { const i = args.indexOf(name); return i < 0 ? dflt : args[i + 1]; };
const rounds = Number(opt('--rounds', 5));
const only = opt('--only', 'read,create,list,large,portalRead,portalCreate,portalList').split(',');
const WARMUP_MS = Number(opt('--warmup-ms', 1500));

// Calls per timed round: enough for ~50–300 ms of work per round.
export const WORK = {
  read: { calls: 1500, run: (c) => c.read('server-1') },
  create: { calls: 1500, run: (c) => c.create() },
  list: { calls: 200, run: (c) => c.list({}) },
  large: { calls: 10, run: (c) => c.list({ per_page: 100 }) },
  portalRead: { calls: 1000, run: (c) => c.portalRead('portal-1') },
  portalCreate: { calls: 1000, run: (c) => c.portalCreate() },
  portalList: { calls: 100, run: (c) => c.portalList({}) },
};

const bodies = cannedBodies();
const make = CLIENTS[which];
if (!make) throw new Error(`unknown client ${which}`);
const client = make({ fetch: makeStub(bodies) });
const largeClient = make({ fetch: makeStub(bodies, { large: true }) });

async function round(c, { calls, run }) {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await run(c);
  return (calls * 1000) / (performance.now() - t0);
}

const ops = {};
for (const name of only) {
  const work = WORK[name];
  const c = name === 'large' ? largeClient : client;
  // Warm up for a fixed time, not a fixed count: V8 tiers wasm up (Liftoff → TurboFan) by a
  // budget, and ours needs more than the official JS before it reaches a steady state.
  const until = performance.now() + WARMUP_MS;
  while (performance.now() < until) await round(c, { ...work, calls: Math.max(1, Math.ceil(work.calls / 10)) });
  ops[name] = [];
  for (let r = 0; r < rounds; r++) {
    // A large-page round starts from a collected heap (run.mjs passes --expose-gc), so it is not
    // charged for the 6 MB pages of the round before: with 10 calls a round, that luck decided.
    // Not for the small calls: a collection shrinks the young generation, and the next round
    // pays for growing it again (the official client, allocating more, twice as much).
    if (name === 'large') globalThis.gc?.();
    ops[name].push(await round(c, work));
  }
}
console.log(JSON.stringify({ client: which, ops }));
