// Catalogue review for the cron and the JSON routes, on a KV namespace (binding CATALOGUE):
//   approved:<id>  the last approved snapshot of a server (digests of its tools and prompts by name);
//   pending:<id>   what differs from it since: { id, checked_at, tools, prompts, quarantined }.
// The first time a server is seen its catalogue is approved as it is (trust on first use);
// after that, what upstream adds or changes stays pending until someone approves it, and with
// QUARANTINE set it is disabled at once (new or changed: QUARANTINE = "changed", the default
// when set; only new: QUARANTINE = "new").

const APPROVED = 'approved:';
const PENDING = 'pending:';

/** The quarantine mode from the QUARANTINE variable: 'off', 'new' or 'changed'. */
export function quarantineMode(env) {
  const v = String(env.QUARANTINE ?? '').trim().toLowerCase();
  if (!v || v === 'false' || v === 'off' || v === '0') return 'off';
  return v === 'new' ? 'new' : 'changed';
}

const isPending = (r) => r.tools.added.length + r.tools.changed.length + r.tools.removed.length
  + r.prompts.added.length + r.prompts.changed.length + r.prompts.removed.length > 0;

/**
 * After a sync of `server`: compares it with its approved snapshot, records what is pending and,
 * with QUARANTINE, disables what is new (or new and changed) and still enabled.
 * Resolves to { id, pending, quarantined }.
 */
export async function reviewServer(client, kv, env, server) {
  const { id } = server;
  const approved = await kv.get(APPROVED + id, 'json');
  const review = client.review(server, approved);
  if (approved === null) {
    await kv.put(APPROVED + id, JSON.stringify(review.snapshot));
    await kv.delete(PENDING + id);
    return { id, pending: false, quarantined: { tools: [], prompts: [] } };
  }
  const mode = quarantineMode(env);
  const quarantined = { tools: [], prompts: [] };
  if (mode !== 'off') {
    for (const kind of ['tools', 'prompts']) {
      const names = mode === 'new' ? review[kind].added : [...review[kind].added, ...review[kind].changed];
      const enabled = new Set(review.effective[kind].filter((c) => c.enabled).map((c) => c.name));
      quarantined[kind] = names.filter((n) => enabled.has(n));
    }
    if (quarantined.tools.length || quarantined.prompts.length) await client.quarantine(id, quarantined);
  }
  if (!isPending(review)) {
    await kv.delete(PENDING + id);
    return { id, pending: false, quarantined };
  }
  const pending = { id, checked_at: new Date().toISOString(), tools: review.tools, prompts: review.prompts, quarantined };
  await kv.put(PENDING + id, JSON.stringify(pending));
  return { id, pending: true, quarantined };
}

/** Every server's pending changes: [{ id, checked_at, tools, prompts, quarantined }]. */
export async function pendingChanges(kv) {
  const out = [];
  let cursor;
  do {
    const page = await kv.list({ prefix: PENDING, cursor });
    for (const key of page.keys) {
      const value = await kv.get(key.name, 'json');
      if (value) out.push(value);
    }
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return out;
}

/** One server's pending changes, or null. */
export function pendingOf(kv, id) {
  return kv.get(PENDING + id, 'json');
}

/**
 * Approves a server's catalogue as it is now: what is pending is enabled and its descriptions
 * pinned (one update that keeps every other override), and the snapshot of now becomes the
 * approved one. Resolves to the server as updated.
 */
export async function approveServer(client, kv, id) {
  const pending = await kv.get(PENDING + id, 'json');
  let server = await client.read(id);
  const names = { tools: [], prompts: [] };
  if (pending) {
    for (const kind of ['tools', 'prompts']) {
      const offered = new Set(server[kind].map((c) => c.name));
      names[kind] = [...pending[kind].added, ...pending[kind].changed].filter((n) => offered.has(n));
    }
  }
  if (names.tools.length || names.prompts.length) server = await client.approve(id, names);
  await kv.put(APPROVED + id, JSON.stringify(client.review(server, null).snapshot));
  await kv.delete(PENDING + id);
  return server;
}
