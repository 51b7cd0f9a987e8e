// A tiny browser app as a user writes it: the package by its name, bundled by esbuild, Vite or
// webpack. It runs the six operations with the configuration in the page's query string and
// leaves the outcome in `window.__six` for the test.
import * as pkg from 'cf-mcp-servers';
import { six } from './six.mjs';

const config = JSON.parse(new URLSearchParams(location.search).get('config'));
six(pkg, config).then(
  (r) => { window.__six = { six: r, exports: Object.keys(pkg).sort() }; },
  (e) => { window.__six = { failed: String((e && e.stack) || e) }; },
);
