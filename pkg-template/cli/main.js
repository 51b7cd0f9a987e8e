#!/usr/bin/env node
// The `cf-mcp-servers` command (the package's `bin`): export, plan, apply and validate an
// account's MCP servers and portals as one JSON file. Everything it does goes through the
// package's own Node entry (the same wasm core), so what it plans is what the library plans.
import { run } from './run.js';

// `plan --json | head`: a reader that stops early is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await run(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
