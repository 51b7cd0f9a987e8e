// The commands' flags (node:util parseArgs) and their --help texts.
import { parseArgs } from 'node:util';
import { CliError } from './errors.js';

const CONNECTION = {
  account: { type: 'string' },
  'base-url': { type: 'string' },
};

const CONNECTION_HELP = `
Connection (flags win over the environment):
  --account ID       account id; else CLOUDFLARE_ACCOUNT_ID, else the file's account_id
  --base-url URL     API root; else CLOUDFLARE_BASE_URL, else https://api.cloudflare.com/client/v4
  Credentials: CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY.`;

export const COMMANDS = {
  export: {
    summary: "write the account's servers and portals as a configuration file",
    options: { ...CONNECTION, out: { type: 'string', short: 'o' }, catalogue: { type: 'boolean' } },
    positionals: 0,
    help: `Usage: cf-mcp-servers export [--out FILE] [--catalogue]

Writes the account's current configuration as JSON: every server and portal with every
writable field. Secrets are never written: each becomes { "env": "NAME" }, the environment
variable apply reads it from. "$schema" points at the package's config.schema.json, so
editors complete and check the file.

  --out FILE, -o     write to FILE instead of stdout
  --catalogue        also write each server's tools and prompts as approved digests, so a
                     later plan notes what upstream changed
${CONNECTION_HELP}

Examples:
  CLOUDFLARE_API_TOKEN=… CLOUDFLARE_ACCOUNT_ID=… npx cf-mcp-servers export --out mcp.json
  npx cf-mcp-servers export --base-url http://127.0.0.1:8787/client/v4 --account 0123… > mcp.json`,
  },
  plan: {
    summary: 'show what apply would change',
    options: { ...CONNECTION, json: { type: 'boolean' }, prune: { type: 'boolean' }, 'allow-replace': { type: 'boolean' } },
    positionals: 1,
    help: `Usage: cf-mcp-servers plan FILE [--json] [--prune] [--allow-replace]

Compares FILE with the account and prints the steps that would make the account what the
file says: creates, updates (field by field), replacements and deletes, then notes
(catalogue drift, secrets that cannot be compared). Nothing is changed.

  --json             print the plan as JSON (what apply runs), for scripts
  --prune            plan deletes of servers and portals the file does not name
  --allow-replace    plan replacements (delete, then create) for hostname and auth_type changes
${CONNECTION_HELP}

Exit code: 0 nothing would change, 2 something would, 1 an error (Terraform's -detailed-exitcode).

Examples:
  npx cf-mcp-servers plan mcp.json
  npx cf-mcp-servers plan mcp.json --json | jq '.steps[] | .action + " " + .id'`,
  },
  apply: {
    summary: 'make the account what the file says',
    options: { ...CONNECTION, yes: { type: 'boolean', short: 'y' }, prune: { type: 'boolean' }, 'allow-replace': { type: 'boolean' } },
    positionals: 1,
    help: `Usage: cf-mcp-servers apply FILE [--yes] [--prune] [--allow-replace]

Plans as plan does, shows the plan, asks for confirmation, then runs the steps in order, one
progress line each, with the client's retries. It stops at the first step that fails and says
what was done; run it again to finish (a new plan starts from what the account has then).
Secrets ({ "env": "NAME" }) are read from the environment; a missing one stops apply before
anything is sent.

  --yes, -y          do not ask (needed when stdin is not a terminal, as in CI)
  --prune            also delete servers and portals the file does not name (else they are kept)
  --allow-replace    replace (delete, then create) servers whose hostname or auth_type changes;
                     without it apply refuses such a plan and changes nothing
${CONNECTION_HELP}

Exit code: 0 done (or nothing to do), 1 an error, a refusal or a failed step.

Examples:
  npx cf-mcp-servers apply mcp.json
  GITHUB_MCP_TOKEN=… npx cf-mcp-servers apply mcp.json --yes --prune`,
  },
  validate: {
    summary: 'check a configuration file (no network)',
    options: {},
    positionals: 1,
    help: `Usage: cf-mcp-servers validate FILE

Checks FILE with the library's validators, with no network: JSON syntax (with line and
column), every field's type and rules (the same messages the client gives), secrets only as
{ "env": "NAME" }, each id once. Each problem names the file and the JSON path.

Exit code: 0 valid, 1 not.

Example:
  npx cf-mcp-servers validate mcp.json`,
  },
};

export const HELP = `Usage: cf-mcp-servers <command> [options]

Declarative configuration of Cloudflare Zero Trust Access AI Controls MCP servers and portals:
keep an account's servers and portals in one JSON file, review changes like code, apply them.

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`).join('\n')}

Run cf-mcp-servers <command> --help for its flags and examples.

Examples:
  npx cf-mcp-servers export --out mcp.json     # what the account has now
  npx cf-mcp-servers plan mcp.json             # what would change (exit 2 if anything)
  npx cf-mcp-servers apply mcp.json            # change it, after confirmation`;

/**
 * Reads a command's flags: `{ values, file }`, or `{ help: text }` for --help. A flag the
 * command does not take, or a missing FILE, is a CliError naming it.
 */
export function read(name, args) {
  const command = COMMANDS[name];
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${name}: ${e.message.split('\n')[0].replace(/\. To specify a positional.*$/, '')} (see cf-mcp-servers ${name} --help)`);
  }
  if (parsed.values.help) return { help: command.help };
  const { positionals } = parsed;
  if (positionals.length < command.positionals) throw new CliError(`${name}: FILE is missing (see cf-mcp-servers ${name} --help)`);
  if (positionals.length > command.positionals) {
    throw new CliError(`${name}: unexpected argument "${positionals[command.positionals]}" (see cf-mcp-servers ${name} --help)`);
  }
  return { values: parsed.values, file: positionals[0] };
}
