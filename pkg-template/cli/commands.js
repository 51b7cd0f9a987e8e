// The four commands. Each resolves to its exit code: 0 done or nothing to change, 2 (plan) the
// account differs from the file, 1 a problem (thrown as CliError, printed by run.js).
import { writeFileSync, renameSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportConfig, planConfig } from '../full/node.js';
import { account, client } from './connect.js';
import { describe, load } from './file.js';
import { envRefs } from './secrets.js';
import { effective, renderPlan, style } from './render.js';
import { applyPlan } from './apply.js';
import { CliError } from './errors.js';

const SCHEMA = fileURLToPath(new URL('../config.schema.json', import.meta.url));

/** `$schema` for a file in `dir`: the package's schema, relative to it (editors resolve it). */
function schemaRef(dir) {
  const path = relative(dir, SCHEMA).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function exportCommand({ values }, io) {
  const accountId = account(values, io.env, undefined, undefined);
  const state = await client(values, io.env, accountId).state();
  const exported = exportConfig(state, values.catalogue ? { catalogue: true } : undefined);
  const target = values.out === undefined ? undefined : resolve(io.cwd, values.out);
  const config = { $schema: schemaRef(target ? dirname(target) : io.cwd), account_id: accountId, ...exported };
  const text = `${JSON.stringify(config, null, 2)}\n`;
  if (target === undefined) {
    io.stdout.write(text);
  } else {
    // A whole file or none: written beside, then renamed over.
    const temp = `${target}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, text);
      renameSync(temp, target);
    } catch (e) {
      throw new CliError(`${values.out}: cannot write (${e.code || e.message})`);
    }
  }
  const servers = config.servers?.length ?? 0;
  const portals = config.portals?.length ?? 0;
  const where = target === undefined ? '' : ` to ${values.out}`;
  io.stderr.write(`Exported ${plural(servers, 'server')} and ${plural(portals, 'portal')} of account ${accountId}${where}.\n`);
  const secrets = new Set(envRefs(config).map((r) => r.name));
  if (secrets.size > 0) io.stderr.write(`Secrets are placeholders: apply reads them from ${[...secrets].join(', ')}.\n`);
  return 0;
}

/** Reads, checks and plans `file` against the account: `{ plan, accountId, api }`. */
async function planFile({ values, file }, io) {
  const config = load(file, io.cwd);
  const accountId = account(values, io.env, file, config);
  const api = client(values, io.env, accountId);
  const state = await api.state();
  try {
    const plan = planConfig(config, state, { prune: Boolean(values.prune), allowReplace: Boolean(values['allow-replace']) });
    return { plan, accountId, api };
  } catch (e) {
    // What only the account can tell (a portal linking a server neither in the file nor there).
    if (e?.kind !== 'validation') throw e;
    const problems = (e.errors ?? []).map((p) => describe(file, { message: p.message }));
    throw new CliError(`${file}: cannot be planned against account ${accountId}`, problems);
  }
}

export async function planCommand(args, io) {
  const { plan, accountId } = await planFile(args, io);
  if (args.values.json) io.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  else io.stdout.write(renderPlan(plan, { file: args.file, accountId, s: style(io.stdout, io.env) }));
  return effective(plan).length > 0 ? 2 : 0;
}

export async function applyCommand(args, io) {
  const { plan, accountId, api } = await planFile(args, io);
  return applyPlan(plan, { ...args, accountId, api }, io);
}

export async function validateCommand({ file }, io) {
  load(file, io.cwd);
  io.stdout.write(`${file}: valid\n`);
  return 0;
}
