// Reading a configuration file: JSON syntax errors with line and column, then every problem
// the library's validateConfig finds, each as `FILE: path message`. Nothing of the file's
// text is quoted back, so a secret written in it by mistake is not printed either.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateConfig } from '../full/node.js';
import { CliError } from './errors.js';

/** Line and column (from 1) of a character offset. */
function lineColumn(text, offset) {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

/** JSON.parse's complaint without its quote of the text (V8 quotes a stretch of it). */
function syntaxProblem(error, text) {
  const message = String(error.message);
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : text.length;
  const { line, column } = lineColumn(text, offset);
  let what = 'invalid JSON';
  if (/Unexpected end|Unterminated string/.test(message)) what = 'unexpected end of the JSON text (a bracket, brace or quote is not closed)';
  else if (/Expected property name|Expected double-quoted property name/.test(message)) what = 'expected a property name in double quotes (a trailing comma?)';
  else if (/Expected ',' or/.test(message)) what = "expected ',' or a closing bracket or brace";
  else if (/Bad control character/.test(message)) what = 'a control character (a raw newline or tab?) inside a string';
  else if (/Unexpected non-whitespace character after JSON/.test(message)) what = 'more text after the JSON value';
  else if (/Unexpected token|is not valid JSON/.test(message)) what = 'unexpected character';
  return `line ${line}, column ${column}: ${what}`;
}

/** `FILE: servers[2].hostname must be …` (the library's messages start with their path). */
export function describe(file, problem) {
  const { field, message } = problem;
  if (!field || message.startsWith(field)) return `${file}: ${message}`;
  return `${file}: ${field}: ${message}`;
}

/** Reads and parses `file`; throws a CliError naming the file. */
export function readJson(file, cwd) {
  let text;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (e) {
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.code || 'cannot be read';
    throw new CliError(`${file}: ${why}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file}: ${syntaxProblem(e, text)}`);
  }
}

/** Reads `file` and checks it; returns the configuration, or throws with every problem. */
export function load(file, cwd) {
  const config = readJson(file, cwd);
  const problems = validateConfig(config);
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new CliError(`${file}: ${count}`, problems.map((p) => describe(file, p)));
  }
  return config;
}
