// apply's part after the plan: refusals, the secrets check, the confirmation, one progress line
// per step, and the report. Nothing is sent before all of them pass.
import { createInterface } from 'node:readline/promises';
import { CliError } from './errors.js';
import { effective, heading, renderPlan, safe, style } from './render.js';
import { envRefs } from './secrets.js';

/** `NAME (server id auth_credentials)` for each secret a step sends that the environment lacks. */
function missingSecrets(steps, env) {
  return steps.flatMap((step) => envRefs(step.params)
    .filter(({ name }) => !(typeof env[name] === 'string' && env[name] !== ''))
    .map(({ path, name }) => `${name} (${step.kind} ${safe(step.id)} ${path})`));
}

/** Asks on the terminal; Ctrl-C or Ctrl-D at the prompt is a no. */
async function confirm(io, question) {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  const cancel = new AbortController();
  rl.once('SIGINT', () => cancel.abort());
  rl.once('close', () => cancel.abort());
  try {
    const answer = await rl.question(question, { signal: cancel.signal });
    return /^\s*y(es)?\s*$/i.test(answer);
  } catch {
    io.stderr.write('\n');
    return false;
  } finally {
    rl.close();
  }
}

/** The flag that allows a refused step, from its reason (`… (--allow-replace)`). */
const flagOf = (step) => /--[a-z-]+/.exec(step.refused ?? '')?.[0] ?? 'a flag';

export async function applyPlan(plan, { values, file, accountId, api }, io) {
  const s = style(io.stdout, io.env);
  io.stdout.write(renderPlan(plan, { file, accountId, s }));
  const steps = effective(plan);
  if (steps.length === 0) return 0;
  const refused = steps.filter((st) => st.refused);
  if (refused.length > 0) {
    const lines = refused.map((st) => `  ${st.action} ${st.kind} ${safe(st.id)}: needs ${flagOf(st)}`);
    throw new CliError(`apply refused: ${refused.length === 1 ? 'a step needs' : 'steps need'} a flag; nothing was changed`, lines);
  }
  const missing = missingSecrets(steps, io.env);
  if (missing.length > 0) {
    throw new CliError('apply: secrets the plan needs are not set in the environment; nothing was changed',
      missing.map((m) => `  ${m}`));
  }
  if (!values.yes) {
    if (!io.stdin.isTTY) {
      throw new CliError('apply: stdin is not a terminal, so there is no one to confirm: run it with --yes to apply without asking (nothing was changed)');
    }
    const n = steps.length === 1 ? 'this step' : `these ${steps.length} steps`;
    if (!(await confirm(io, `\nApply ${n} to account ${accountId}? Type yes to go on: `))) {
      io.stderr.write('Nothing was changed.\n');
      return 1;
    }
  }
  io.stdout.write('\n');
  // Ctrl-C stops the run cleanly: the step in flight fails as aborted and the report says
  // what was done, so the next apply can finish.
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once('SIGINT', interrupt);
  const report = await api.apply(plan, {
    env: io.env,
    signal: stop.signal,
    // One line per step as it ends: `[2/5] ~ update server demo done`.
    onStep: ({ type, step, index, total }) => {
      if (type === 'start') return;
      const outcome = type === 'done' ? s.green('done') : s.red('failed');
      io.stdout.write(`[${index + 1}/${total}] ${heading(step, s)} ${outcome}\n`);
    },
  }).finally(() => process.off('SIGINT', interrupt));
  const done = report.done.length;
  if (report.failed) {
    const { step, error } = report.failed;
    const left = report.remaining.length;
    throw new CliError(`apply: ${step.action} ${step.kind} ${safe(step.id)} failed: ${safe(error?.message ?? error)}`, [
      `${done} of ${steps.length} steps done, 1 failed, ${left} not run. Run apply again to finish: it plans again from what the account has now.`,
    ]);
  }
  io.stdout.write(`\n${s.green(`Applied ${done} of ${steps.length} steps.`)}\n`);
  return 0;
}
