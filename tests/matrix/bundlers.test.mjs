// Bundlers, where wasm packages most often break: the tiny app of app/ (the package imported by
// name from the installed project) built by esbuild, Vite and webpack 5, each output served by
// the emulator and run in headless Chromium: the .wasm asset found and loaded, the six
// operations made against the API on the same origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT, INSTALLED, HERE, documentedExports, leg, startEmulator, sixConfig, launchChromium, sixInPage, tempDir } from './_harness.mjs';
import { expected } from './six.mjs';

let api;
let www;
let browser;
before(async () => {
  www = tempDir('bundled');
  api = await startEmulator({ www });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await api?.stop();
});

/** The app's sources in the installed project, where `cf-mcp-servers` resolves as for a user. */
function sources(name) {
  const dir = join(PROJECT, 'apps', name);
  mkdirSync(dir, { recursive: true });
  cpSync(join(HERE, 'app'), dir, { recursive: true });
  cpSync(join(HERE, 'six.mjs'), join(dir, 'six.mjs'));
  return dir;
}

const BUNDLERS = {
  async esbuild(dir, out) {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [join(dir, 'app.mjs')], bundle: true, format: 'esm', platform: 'browser', target: 'es2022',
      outdir: out, absWorkingDir: dir, logLevel: 'error',
    });
    // esbuild leaves `new URL('./cf_mcp_servers_bg.wasm', import.meta.url)` as it is: the app
    // copies the .wasm beside its bundle (README, "Bundlers").
    cpSync(join(INSTALLED, 'cf_mcp_servers_bg.wasm'), join(out, 'cf_mcp_servers_bg.wasm'));
    writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./app.js"></script>');
    return esbuild.version;
  },
  async vite(dir, out) {
    const vite = await import('vite');
    await vite.build({
      root: dir, base: './', configFile: false, logLevel: 'error',
      build: { outDir: out, emptyOutDir: true, target: 'es2022' },
    });
    return vite.version;
  },
  async webpack(dir, out) {
    const { default: webpack } = await import('webpack');
    const stats = await new Promise((resolve, reject) => {
      webpack({
        mode: 'production', context: dir, entry: './app.mjs', target: 'web', devtool: false,
        output: { path: out, filename: 'main.js', publicPath: 'auto' },
      }, (err, s) => (err ? reject(err) : resolve(s)));
    });
    assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
    writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><script src="./main.js"></script>');
    return webpack.version;
  },
};

for (const [name, bundle] of Object.entries(BUNDLERS)) {
  test(`${name}: the bundled app loads the .wasm in Chromium and makes the six calls`, async () => {
    const dir = sources(name);
    const out = join(www, name);
    const id = `m-bundle-${name}`;
    let built;
    const { six, errors, wasm } = await leg('bundler', name, () => built, async () => {
      built = await bundle(dir, out);
      const url = `${api.origin}/${name}/index.html?config=${encodeURIComponent(JSON.stringify(sixConfig(api, id)))}`;
      const r = await sixInPage(browser, url);
      assert.deepEqual(r.six.six, expected(id), `${JSON.stringify(r.six)}\n${r.errors.join('\n')}`);
      return r;
    });
    assert.deepEqual(errors, []);
    assert.equal(wasm.length, 1, `the app fetched one .wasm: ${JSON.stringify(wasm)}`);
    assert.equal(wasm[0].status, 200, `${wasm[0].url} was found`);
    assert.equal(wasm[0].type, 'application/wasm');
    assert.deepEqual(six.exports, documentedExports(), 'the bundled entry exports what the README lists');
  });
}
