// Memory: JS heap and (ours) wasm linear memory before and after 100,000 `read` calls, each
// sample taken after a full gc. Each client runs in its own `node --expose-gc` process.
// Usage: node bench/memory.mjs [calls]  → one JSON line { ours: {samples, growth}, official: … }
//        node --expose-gc bench/memory.mjs --child <ours|official> <calls>  (one client)

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SAMPLES = 4; // samples after the warm-up baseline, evenly spaced over the calls

if (process.argv[2] === '--child') {
  const [which, n] = [process.argv[3], Number(process.argv[4])];
  const { cannedBodies, makeStub } = await import('./fixtures.mjs');
  const { CLIENTS } = await import('./clients.mjs');
  let wasmMemory = null;
  if (which === 'ours') {
    // The package's entry already instantiated the module; initSync hands back its exports.
    const { initSync } = await import('../pkg/cf_mcp_servers.js');
    wasmMemory = initSync()?.memory ?? null;
  }
  const client = CLIENTS[which]({ fetch: makeStub(cannedBodies()) });
  const sample = (calls) => {
    globalThis.gc(); globalThis.gc();
    const m = process.memoryUsage();
    return { calls, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss,
      wasm: wasmMemory ? wasmMemory.buffer.byteLength : null };
  };
  const warm = Math.min(2000, n);
  for (let i = 0; i < warm; i++) await client.read('server-1');
  await new Promise((r) => setTimeout(r, 10)); // let finalizers and timers settle
  const samples = [sample(0)];
  for (let s = 1; s <= SAMPLES; s++) {
    const chunk = n / SAMPLES;
    for (let i = 0; i < chunk; i++) await client.read('server-1');
    await new Promise((r) => setTimeout(r, 10));
    samples.push(sample(s * chunk));
  }
  console.log(JSON.stringify(samples));
} else {
  const calls = Number(process.argv[2] ?? 100_000);
  const self = fileURLToPath(import.meta.url);
  const out = {};
  for (const which of ['ours', 'official']) {
    const r = spawnSync(process.execPath, ['--expose-gc', self, '--child', which, String(calls)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`memory run of ${which} failed: ${r.stderr}`);
    const samples = JSON.parse(r.stdout.trim().split('\n').pop());
    const first = samples[0], last = samples[samples.length - 1];
    const growth = {
      heapUsed: last.heapUsed - first.heapUsed,
      rss: last.rss - first.rss,
      wasm: first.wasm == null ? null : last.wasm - first.wasm,
    };
    // A leak grows with every call; warm-up (JIT code, inline caches, the externref table)
    // is paid once in the first chunk. So the leak check is the growth after the first chunk.
    const warm = samples[1] ?? first;
    const steady = {
      heapUsed: last.heapUsed - warm.heapUsed,
      rss: last.rss - warm.rss,
      wasm: first.wasm == null ? null : last.wasm - warm.wasm,
      calls: last.calls - warm.calls,
    };
    out[which] = { calls, samples, growth, steady };
  }
  console.log(JSON.stringify(out));
}
