// Static checks of www/ that guard the page's safety rules: no HTML parsing of strings, no
// inline script or style, and the meta CSP matching the policy the emulator sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const WWW = path.join(ROOT, 'www');

function files(dir, ext) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p, ext);
    return p.endsWith(ext) ? [p] : [];
  });
}

test('no script in www/ turns strings into HTML or code', () => {
  const banned = /\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|createContextualFragment|DOMParser/;
  const offenders = files(WWW, '.js').filter((f) => banned.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders.map((f) => path.relative(ROOT, f)), []);
});

test('index.html has no inline script or style and ships the CSP as a meta tag', () => {
  const html = readFileSync(path.join(WWW, 'index.html'), 'utf8');
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    assert.match(m[1], /\bsrc=/, 'every script has a src');
    assert.equal(m[2].trim(), '', 'no inline script body');
  }
  assert.doesNotMatch(html, /<style\b/);
  assert.doesNotMatch(html, /\sstyle=/);
  assert.doesNotMatch(html, /\son[a-z]+=/, 'no inline event handlers');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.ok(meta, 'CSP meta tag present');

  const emulatorSource = path.join(ROOT, 'emulator', 'src', 'static_files.rs');
  if (existsSync(emulatorSource)) {
    const header = readFileSync(emulatorSource, 'utf8').match(/pub const CSP: &str = "([^"]+)";/);
    assert.ok(header, 'the emulator declares its CSP');
    // frame-ancestors is ignored (and warned about) in a meta tag, so only the header has it.
    const withoutFrameAncestors = header[1].split(';').map((d) => d.trim()).filter((d) => !d.startsWith('frame-ancestors')).join('; ');
    assert.equal(meta[1], withoutFrameAncestors);
  }
});
