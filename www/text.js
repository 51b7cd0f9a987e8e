// Third-party text (names, descriptions and errors from the API and from MCP servers) made safe
// to look at: it cannot reorder what surrounds it, characters that hide or reorder text are
// shown as markers, and a long text is clamped with a "Show all" toggle. dom.js applies this
// to every string it renders, so no view has to remember.

/** Characters that reorder or hide text, shown as markers wherever they appear: controls
 * (but tab and line breaks), bidi embeddings, overrides, isolates and marks, and the BOM. */
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;
/** In names also the invisible ones that make two names look alike: zero-width characters,
 * the soft hyphen, fillers, invisible operators, variation selectors and tag characters. */
const INVISIBLE = /[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200d\u2060-\u2064\u3164\ufe00-\ufe0f\uffa0\u{e0000}-\u{e007f}]/u;

/** Texts longer than this many characters, or of more lines, are clamped. */
export const CLAMP_CHARS = 280;
export const CLAMP_LINES = 4;
/** The most characters a `title` attribute (a tooltip) carries. */
export const TITLE_CHARS = 120;

const NAMES = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE',
  0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK', 0x061c: 'ARABIC LETTER MARK',
  0x200b: 'ZERO WIDTH SPACE', 0x200c: 'ZERO WIDTH NON-JOINER', 0x200d: 'ZERO WIDTH JOINER',
  0x2060: 'WORD JOINER', 0xfeff: 'ZERO WIDTH NO-BREAK SPACE', 0x00ad: 'SOFT HYPHEN',
};

/** `U+202E`, the form markers and tooltips use. */
export function codePoint(c) {
  return `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function isMarked(c, strict) {
  return HIDDEN.test(c) || (strict && INVISIBLE.test(c));
}

/** Whether `text` holds a character that would be shown as a marker. */
export function hasHidden(text, { strict = false } = {}) {
  for (const c of text) if (isMarked(c, strict)) return true;
  return false;
}

/** `text` as nodes: text runs, with each hidden character as a visible marker whose tooltip
 * gives its code point and name. */
export function visible(text, { strict = false } = {}) {
  const nodes = [];
  let run = '';
  for (const c of text) {
    if (!isMarked(c, strict)) {
      run += c;
      continue;
    }
    if (run) nodes.push(document.createTextNode(run));
    run = '';
    const cp = codePoint(c);
    const name = NAMES[c.codePointAt(0)];
    const marker = document.createElement('span');
    marker.className = 'char-marker';
    marker.title = name ? `${cp} ${name}` : `${cp} (invisible or control character)`;
    marker.textContent = cp.slice(2);
    nodes.push(marker);
  }
  if (run) nodes.push(document.createTextNode(run));
  return nodes;
}

/** An isolated run of third-party text (`<bdi>`: it cannot reorder what is beside it). */
export function isolate(text, { strict = false } = {}) {
  const bdi = document.createElement('bdi');
  bdi.append(...visible(text, { strict }));
  return bdi;
}

/** A name (a server's, a tool's, an id): isolated, and every invisible character marked. */
export function name(text) {
  return isolate(String(text ?? ''), { strict: true });
}

/** Whether `text` is long enough to be clamped. */
export function isLong(text) {
  if (text.length > CLAMP_CHARS) return true;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lines += 1;
    if (lines > CLAMP_LINES) return true;
  }
  return false;
}

/** The start of a long text: at most CLAMP_CHARS characters and CLAMP_LINES lines. */
function head(text) {
  const cut = [...text.slice(0, CLAMP_CHARS * 2)].slice(0, CLAMP_CHARS).join('');
  return cut.split('\n').slice(0, CLAMP_LINES).join('\n');
}

/** A long text shown clamped, with a toggle to show all of it and to clamp it again. Only the
 * start is rendered until the reader asks: a 100 KB description costs nothing until then. */
export function clamp(text, { strict = false } = {}) {
  const root = document.createElement('span');
  root.className = 'clamp';
  const body = document.createElement('bdi');
  body.className = 'clamp-text';
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'clamp-toggle';
  const size = text.length >= 10_000 ? `${Math.round(text.length / 1024)} KB` : `${text.length} characters`;
  let open = false;
  const render = () => {
    body.replaceChildren(...visible(open ? text : `${head(text)}…`, { strict }));
    toggle.textContent = open ? 'Show less' : `Show all (${size})`;
    toggle.setAttribute('aria-expanded', String(open));
    root.classList.toggle('is-open', open);
  };
  toggle.addEventListener('click', () => { open = !open; render(); });
  render();
  root.append(body, ' ', toggle);
  return root;
}

/** Any third-party text as the page shows it: clamped when long, else isolated when it holds
 * anything but printable ASCII (which can neither reorder nor hide), else plain text. */
export function display(text, { strict = false } = {}) {
  if (isLong(text)) return clamp(text, { strict });
  // eslint-disable-next-line no-control-regex
  if (/[^\x20-\x7e\n\t]/.test(text)) return isolate(text, { strict });
  return document.createTextNode(text);
}

/** A `title` attribute's value: one short line, hidden characters written as code points. */
export function shortTitle(value) {
  let out = '';
  let count = 0;
  for (const c of String(value)) {
    if (count === TITLE_CHARS) return `${out}…`;
    out += isMarked(c, true) ? `[${codePoint(c)}]` : c === '\n' || c === '\t' ? ' ' : c;
    count += 1;
  }
  return out;
}
