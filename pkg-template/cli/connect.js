// The client the commands use: credentials from the environment (read by the package's Node
// entry, as the library reads them), the account and the API root from flags or environment.
import { McpServersClient } from '../full/node.js';
import { CliError } from './errors.js';

const set = (v) => typeof v === 'string' && v.trim() !== '';

/**
 * The account to work on: --account, else CLOUDFLARE_ACCOUNT_ID, else the file's account_id.
 * A file that names another account is refused: it describes that account, not this one.
 */
export function account(values, env, file, config) {
  const chosen = values.account ?? (set(env.CLOUDFLARE_ACCOUNT_ID) ? env.CLOUDFLARE_ACCOUNT_ID.trim() : undefined);
  const own = config?.account_id;
  if (chosen && own && chosen !== own) {
    const from = values.account ? '--account' : 'CLOUDFLARE_ACCOUNT_ID';
    throw new CliError(`${file}: account_id is ${own}, but ${from} is ${chosen}: the file describes another account (change account_id, or remove it to use the file for any account)`);
  }
  const id = chosen ?? own;
  if (!id) throw new CliError('no account: set CLOUDFLARE_ACCOUNT_ID or pass --account ID');
  return id;
}

/** Log lines go to stderr, so stdout stays the file or the JSON plan. */
const logger = { error: console.error, warn: console.error, info: console.error, debug: console.error };

/** A client for `accountId`; throws a CliError when no credential is set. */
export function client(values, env, accountId) {
  const token = set(env.CLOUDFLARE_API_TOKEN);
  const pair = set(env.CLOUDFLARE_EMAIL) && set(env.CLOUDFLARE_API_KEY);
  if (!token && !pair && !set(env.CLOUDFLARE_API_USER_SERVICE_KEY)) {
    throw new CliError('no credentials: set CLOUDFLARE_API_TOKEN (or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY)');
  }
  const options = { accountId, logger };
  if (values['base-url'] !== undefined) options.baseURL = values['base-url'];
  try {
    return new McpServersClient(options);
  } catch (e) {
    throw new CliError(e.message);
  }
}
