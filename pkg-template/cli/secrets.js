// Where a configuration or a plan names its secrets: every `{ "env": "NAME" }` object, found by
// shape rather than by field name, so a secret field the library adds later is covered too.

/** `[{ path, name }]` for each `{ env: NAME }` inside `value` (path like `auth_credentials`). */
export function envRefs(value, path = '') {
  if (Array.isArray(value)) return value.flatMap((v, i) => envRefs(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'env' && typeof value.env === 'string') return [{ path, name: value.env }];
  return keys.flatMap((k) => envRefs(value[k], path ? `${path}.${k}` : k));
}
