// On a terminal (a pseudo-terminal from util-linux `script`): plan is in colour unless NO_COLOR,
// and apply asks before changing anything: "no" (or Ctrl-C) changes nothing, "yes" applies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { BIN, cli, startEmulator, userEnv, writeConfig } from './_harness.mjs';

const SCRIPT = spawnSync('script', ['--version']).status === 0;
const skip = SCRIPT ? false : 'util-linux `script` is not installed';

/** Runs the command on a pseudo-terminal, typing `input`; resolves to { code, output }. */
function onTerminal(args, env, input = '') {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env: { ...env, TERM: 'xterm' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let typed = false;
    child.stdout.on('data', (c) => {
      output += c;
      if (!typed && output.includes('Type yes to go on')) { typed = true; child.stdin.write(input); }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

let api;
let file;
before(async () => {
  if (skip) return;
  api = await startEmulator({ seed: true });
  file = writeConfig({ servers: [{ id: 'typed', name: 'Typed', hostname: 'https://t.example.com/mcp', auth_type: 'unauthenticated' }] });
});
after(async () => { await api?.stop(); });

test('plan on a terminal is in colour; NO_COLOR turns it off', { skip }, async () => {
  const coloured = await onTerminal(['plan', file], userEnv(api));
  assert.equal(coloured.code, 2, coloured.output);
  assert.match(coloured.output, /\x1b\[32m\+ create\x1b\[0m server/);
  const plain = await onTerminal(['plan', file], userEnv(api, { NO_COLOR: '1' }));
  assert.equal(plain.code, 2);
  assert.ok(!plain.output.includes('\x1b['), plain.output);
});

test('apply on a terminal asks: "no" or Ctrl-C changes nothing, "yes" applies', { skip }, async () => {
  const no = await onTerminal(['apply', file], userEnv(api, { NO_COLOR: '1' }), 'no\r');
  assert.equal(no.code, 1, no.output);
  assert.match(no.output, /Apply this step to account 0123456789abcdef0123456789abcdef\? Type yes to go on:/);
  assert.match(no.output, /Nothing was changed\./);
  assert.equal((await cli(['plan', file], { env: userEnv(api) })).code, 2, 'nothing was created');
  const interrupted = await onTerminal(['apply', file], userEnv(api, { NO_COLOR: '1' }), '\x03');
  assert.equal(interrupted.code, 1, `Ctrl-C at the prompt is a no:\n${interrupted.output}`);
  assert.match(interrupted.output, /Nothing was changed\./);
  const yes = await onTerminal(['apply', file], userEnv(api, { NO_COLOR: '1' }), 'yes\r');
  assert.equal(yes.code, 0, yes.output);
  assert.match(yes.output, /\[1\/1\] \+ create server typed done/);
  assert.equal((await cli(['plan', file], { env: userEnv(api) })).code, 0, 'created');
});
