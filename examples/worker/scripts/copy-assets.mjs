// wrangler's [build] step: the admin page (../../www) at / and the package (../../pkg) at /pkg/,
// the layout the page expects (www/api.js imports ../pkg/browser.js).
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const www = here('../../../www');
const pkg = here('../../../pkg');
const out = here('../public');

for (const [dir, hint] of [[www, 'the admin page'], [pkg, 'run `cargo xtask dist` at the repository root']]) {
  if (!existsSync(dir)) {
    console.error(`copy-assets: ${dir} is missing (${hint})`);
    process.exit(1);
  }
}
rmSync(out, { recursive: true, force: true });
cpSync(www, out, { recursive: true });
cpSync(pkg, `${out}/pkg`, { recursive: true, filter: (src) => !src.endsWith('.d.ts') });
console.log(`copy-assets: ${www} and ${pkg} -> ${out}`);
