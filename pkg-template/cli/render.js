// A plan as people read it: one block per step (+ create, ~ update, -/+ replace, - delete) with
// its field changes, the notes, and a summary line. Colour only on a terminal and without
// NO_COLOR. Every value shown is one the plan holds, and a plan holds no secret (a secret field
// is its { env: NAME } placeholder), so nothing here can print one.

const CODES = { green: 32, yellow: 33, red: 31, magenta: 35, cyan: 36, dim: 2, bold: 1 };

/** Paint functions: ANSI colours, or none (`style.color` false). */
export function style(stream, env) {
  const color = Boolean(stream.isTTY) && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') && env.TERM !== 'dumb';
  const paint = {};
  for (const [name, code] of Object.entries(CODES)) paint[name] = color ? (s) => `\x1b[${code}m${s}\x1b[0m` : (s) => s;
  return { color, ...paint };
}

/**
 * Text from the API or a file, made harmless for a terminal: control characters (escape
 * sequences), and bidirectional overrides that could make a line read as something else,
 * are shown as \u escapes.
 */
export function safe(text) {
  return String(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const LONGEST = 160;

/** A JSON value on one line, cut to a readable length. */
function value(v) {
  if (v === undefined) return '(none)';
  const text = safe(JSON.stringify(v));
  return text.length > LONGEST ? `${text.slice(0, LONGEST - 1)}…` : text;
}

const MARKS = {
  create: ['+', 'green'],
  update: ['~', 'yellow'],
  replace: ['-/+', 'magenta'],
  delete: ['-', 'red'],
};

/** Whether a step is a delete left out because --prune was not given: the object is kept. */
export const keptDelete = (step) => step.action === 'delete' && Boolean(step.refused);

/** The steps apply would run, or refuse to run, with these options (not the kept deletes). */
export const effective = (plan) => plan.steps.filter((s) => !keptDelete(s));

function changeLine(c, s) {
  const path = safe(c.path);
  if (c.before === undefined) return `    ${path}: ${s.green(value(c.after))}`;
  if (c.after === undefined) return `    ${path}: ${s.red(value(c.before))} → (removed)`;
  return `    ${path}: ${s.red(value(c.before))} → ${s.green(value(c.after))}`;
}

/** One step's heading: `~ update server demo`. */
export function heading(step, s) {
  const [mark, colour] = MARKS[step.action] ?? ['?', 'bold'];
  return `${s[colour](`${mark} ${step.action}`)} ${step.kind} ${s.bold(safe(step.id))}`;
}

function counts(steps) {
  const by = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const step of steps) by[step.action] = (by[step.action] ?? 0) + 1;
  return `${by.create} to create, ${by.update} to update, ${by.replace} to replace, ${by.delete} to delete`;
}

/** The whole plan as text (ends with a newline). */
export function renderPlan(plan, { file, accountId, s }) {
  const out = [];
  const shown = effective(plan);
  const kept = plan.steps.filter(keptDelete);
  out.push(`Plan for account ${safe(accountId)} from ${safe(file)}:`);
  if (shown.length === 0) {
    out.push('', s.green(`No changes: the account matches ${safe(file)}.`));
  }
  for (const step of shown) {
    out.push('', heading(step, s) + (step.refused ? `  ${s.red('(refused)')}` : ''));
    for (const c of step.changes ?? []) out.push(changeLine(c, s));
    if (step.refused) out.push(`    ${s.red(`refused: ${safe(step.refused)}`)}`);
  }
  if (kept.length > 0) {
    out.push('', s.dim(`Kept (not in the file; --prune deletes them): ${kept.map((k) => `${k.kind} ${safe(k.id)}`).join(', ')}`));
  }
  if (plan.notes.length > 0) {
    out.push('', 'Notes:');
    for (const n of plan.notes) out.push(`  ${s.cyan(`[${safe(n.kind)}]`)} ${safe(n.message)}`);
  }
  if (shown.length > 0) {
    const refused = shown.filter((st) => st.refused).length;
    out.push('', s.bold(`Plan: ${counts(shown)}.`) + (refused ? ` ${s.red(`${refused} refused (see above).`)}` : ''));
  }
  return `${out.join('\n')}\n`;
}
