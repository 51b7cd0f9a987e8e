// The six operations, as a user's first program would call them, against the emulator. Every
// runtime and bundle of the matrix runs this very file and reports what it returns, so each leg
// checks the same things: `create`, `read`, `update`, `list`/`listAll`, `sync`, `delete`, and
// that a failure is a `McpServersError`.

/** Runs the six operations with `pkg` (the imported package) and resolves to what was seen. */
export async function six(pkg, { base, token, account, hostname, id }) {
  const { McpServersClient, McpServersError } = pkg;
  const client = new McpServersClient({ apiToken: token, baseURL: base, accountId: account, maxRetries: 0 });
  const created = await client.create({ id, name: 'Matrix', hostname, auth_type: 'unauthenticated' });
  const read = await client.read(id);
  const updated = await client.update(id, { name: 'Matrix renamed', description: 'from the matrix' });
  const page = await client.list({ search: id });
  const all = [];
  for await (const s of client.listAll({ per_page: 1, search: id })) all.push(s.id);
  const synced = await client.sync(id);
  const deleted = await client.delete(id);
  let error;
  try {
    await client.read(id);
  } catch (e) {
    error = { isMcpServersError: e instanceof McpServersError, isError: e instanceof Error, kind: e.kind, code: e.code };
  }
  return {
    created: created.id,
    read: read.name,
    updated: [updated.name, updated.description],
    listed: page.result.map((s) => s.id),
    listedAll: all,
    synced: typeof synced.status,
    deleted: deleted.id,
    error,
  };
}

/** What `six` resolves to when everything works (what each leg asserts). */
export function expected(id) {
  return {
    created: id,
    read: 'Matrix',
    updated: ['Matrix renamed', 'from the matrix'],
    listed: [id],
    listedAll: [id],
    synced: 'string',
    deleted: id,
    error: { isMcpServersError: true, isError: true, kind: 'api', code: 7002 },
  };
}
