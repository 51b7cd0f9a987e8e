// Only the documented API is exported: the runtime exports of every entry of the installed
// package, and the values its .d.ts declares, are the README's list (`documentedExports`);
// `cf-mcp-servers/init` adds `init`, `default` and `initSync`, and nothing of the generated
// glue (`ServerPager`, the loader's types) reaches the main entry. The runtimes and bundlers
// tests check the same list for each runtime's and bundler's view of the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT, TOOLS, documentedExports, ok } from './_harness.mjs';

const INIT_EXTRAS = ['default', 'init', 'initSync'];
const INTERNAL = ['ServerPager', 'initSync', 'default', 'InitInput', 'InitOutput', 'SyncInitInput'];

test('README lists the client, the error class and the validators', () => {
  const names = documentedExports();
  for (const name of ['McpServersClient', 'McpServersError', 'validateServerId']) assert.ok(names.includes(name), name);
});

test('Node: import, import of /init and require give exactly the documented names', async () => {
  const script = `
    const main = Object.keys(await import('cf-mcp-servers')).sort();
    const init = Object.keys(await import('cf-mcp-servers/init')).sort();
    const { createRequire } = await import('node:module');
    const required = Object.keys(createRequire(import.meta.url)('cf-mcp-servers')).filter((k) => k !== '__esModule').sort();
    console.log(JSON.stringify({ main, init, required }));`;
  writeFileSync(join(PROJECT, 'exports.mjs'), script);
  const seen = JSON.parse(await ok(TOOLS.node22, ['exports.mjs']));
  const names = documentedExports();
  assert.deepEqual(seen.main, names);
  assert.deepEqual(seen.required, names);
  assert.deepEqual(seen.init, [...names, ...INIT_EXTRAS].sort());
});

test('each export condition (workerd, worker, browser, node, deno, default) exports the documented names', async () => {
  const esbuild = await import('esbuild');
  const names = documentedExports();
  for (const conditions of [['workerd'], ['worker'], ['browser'], ['node'], ['deno'], []]) {
    const entry = join(PROJECT, 'condition.mjs');
    writeFileSync(entry, "export * from 'cf-mcp-servers';\n");
    const result = await esbuild.build({
      entryPoints: [entry], bundle: true, format: 'esm', platform: 'neutral', conditions, mainFields: ['module', 'main'],
      external: ['*.wasm', 'node:*'], write: false, metafile: true, outfile: join(PROJECT, 'condition.out.mjs'), logLevel: 'error',
    });
    const [output] = Object.values(result.metafile.outputs);
    assert.deepEqual([...output.exports].sort(), names, `conditions ${conditions.join(',') || '(none)'}`);
  }
});

/** The exports of `specifier` as TypeScript sees them from the installed project: { values, types }. */
function declared(specifier) {
  const ts = createRequire(import.meta.url)('typescript5');
  mkdirSync(join(PROJECT, 'types'), { recursive: true });
  const file = join(PROJECT, 'types', 'exports.ts');
  writeFileSync(file, `import * as M from '${specifier}';\nexport { M };\n`);
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.Preserve, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], strict: true, noEmit: true, skipLibCheck: true, // the type tests check the declarations
  });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.deepEqual(problems, [], `${specifier} type-checks`);
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file).statements[0].moduleSpecifier);
  const values = [];
  const types = [];
  for (const symbol of checker.getExportsOfModule(module)) {
    const decl = symbol.declarations?.[0];
    const typeOnly = decl && ts.isExportSpecifier(decl) && (decl.isTypeOnly || decl.parent.parent.isTypeOnly);
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (!typeOnly && target.flags & ts.SymbolFlags.Value) values.push(symbol.name);
    else types.push(symbol.name);
  }
  return { values: values.sort(), types: types.sort() };
}

test('the .d.ts of the main entry declares exactly the documented values, and no internals', () => {
  const { values, types } = declared('cf-mcp-servers');
  assert.deepEqual(values, documentedExports());
  for (const name of INTERNAL) assert.ok(!types.includes(name) && !values.includes(name), `${name} is not exported`);
  for (const name of ['McpServer', 'ServerCreateParams', 'ClientOptions', 'AuthType', 'KnownAuthType', 'ServerReadResponse']) {
    assert.ok(types.includes(name), `type ${name} is exported`);
  }
});

/** What cf-mcp-servers/full exports: the main list and its own. */
const fullExports = () => [...documentedExports(), ...documentedExports('<!-- exports full:')].sort();

test('cf-mcp-servers/full: import and each export condition give the main names and its own', async () => {
  writeFileSync(join(PROJECT, 'full.mjs'), "console.log(JSON.stringify(Object.keys(await import('cf-mcp-servers/full')).sort()));");
  assert.deepEqual(JSON.parse(await ok(TOOLS.node22, ['full.mjs'])), fullExports());
  const esbuild = await import('esbuild');
  for (const conditions of [['workerd'], ['browser'], ['node'], []]) {
    const entry = join(PROJECT, 'condition.mjs');
    writeFileSync(entry, "export * from 'cf-mcp-servers/full';\n");
    const result = await esbuild.build({
      entryPoints: [entry], bundle: true, format: 'esm', platform: 'neutral', conditions, mainFields: ['module', 'main'],
      external: ['*.wasm', 'node:*'], write: false, metafile: true, outfile: join(PROJECT, 'condition.out.mjs'), logLevel: 'error',
    });
    const [output] = Object.values(result.metafile.outputs);
    assert.deepEqual([...output.exports].sort(), fullExports(), `conditions ${conditions.join(',') || '(none)'}`);
  }
  const { values } = declared('cf-mcp-servers/full');
  assert.deepEqual(values, fullExports());
});

test('the main entry has no catalogue review or declarative layer (they are cf-mcp-servers/full\'s)', () => {
  const { values } = declared('cf-mcp-servers');
  for (const name of documentedExports('<!-- exports full:')) assert.ok(!values.includes(name), name);
});

test('the .d.ts of cf-mcp-servers/init adds init, default and initSync', () => {
  const { values } = declared('cf-mcp-servers/init');
  assert.deepEqual(values, [...documentedExports(), ...INIT_EXTRAS].sort());
});
