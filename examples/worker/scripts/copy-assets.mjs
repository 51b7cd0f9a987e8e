// wrangler's [build] step: the admin page (../../www) at / and the package (../../pkg) at /pkg/,
// the layout the page expects (www/api.js imports ../pkg/browser.js), and review.json telling the
// page where this Worker serves catalogue review (www/ has a `{}` placeholder for other hosts).
// Optional: an output folder as the first argument (tests), CF_MCP_PKG for another package folder.
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const www = here('../../../www');
const pkg = process.env.CF_MCP_PKG ? resolve(process.env.CF_MCP_PKG) : here('../../../pkg');
const out = process.argv[2] ? resolve(process.argv[2]) : here('../public');

for (const [dir, hint] of [[www, 'the admin page'], [pkg, 'run `cargo xtask dist` at the repository root']]) {
  if (!existsSync(dir)) {
    console.error(`copy-assets: ${dir} is missing (${hint})`);
    process.exit(1);
  }
}
rmSync(out, { recursive: true, force: true });
cpSync(www, out, { recursive: true });
cpSync(pkg, `${out}/pkg`, { recursive: true, filter: (src) => !src.endsWith('.d.ts') });
writeFileSync(`${out}/review.json`, `${JSON.stringify({ route: 'review' })}\n`);
console.log(`copy-assets: ${www} and ${pkg} -> ${out}`);
