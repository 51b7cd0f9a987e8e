// Picks the command, runs it, and turns every failure into one message on stderr and exit 1.
import { COMMANDS, HELP, read } from './usage.js';
import { CliError } from './errors.js';
import { safe } from './render.js';
import { applyCommand, exportCommand, planCommand, validateCommand } from './commands.js';

const RUN = { export: exportCommand, plan: planCommand, apply: applyCommand, validate: validateCommand };

/** Runs `args` (argv without node and the script); resolves to the exit code. */
export async function run(args, io) {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(`${HELP}\n`);
    return name === undefined ? 1 : 0;
  }
  try {
    if (!Object.hasOwn(COMMANDS, name)) throw new CliError(`unknown command "${name}": one of ${Object.keys(COMMANDS).join(', ')} (see cf-mcp-servers --help)`);
    const parsed = read(name, rest);
    if (parsed.help) {
      io.stdout.write(`${parsed.help}\n`);
      return 0;
    }
    return await RUN[name](parsed, io);
  } catch (e) {
    const lines = e instanceof CliError ? e.lines : [];
    // A McpServersError's message is already redacted by the client; say which call failed.
    io.stderr.write(`cf-mcp-servers: ${safe(e?.message ?? e)}\n${lines.map((l) => `${safe(l)}\n`).join('')}`);
    return 1;
  }
}
