// Labelled form controls with a hint and an inline error slot, wired for screen readers.
import { h, nextId, replace } from '../dom.js';

/**
 * A labelled field. `control` is 'input' | 'textarea' | 'select'. Returns { root, input, setError }.
 */
export function field({ name, label, control = 'input', hint, options, counter, ...attrs }) {
  const id = nextId(name);
  const hintId = hint ? `${id}-hint` : null;
  const errId = `${id}-error`;
  let input;
  if (control === 'select') {
    input = h('select', { id, name, ...attrs },
      options.map((o) => h('option', { value: o.value, selected: o.value === attrs.value }, o.label)));
  } else if (control === 'textarea') {
    input = h('textarea', { id, name, rows: 3, ...attrs });
  } else {
    input = h('input', { id, name, type: 'text', ...attrs });
  }
  input.setAttribute('aria-describedby', [hintId, errId].filter(Boolean).join(' '));
  const error = h('p', { id: errId, class: 'field-error', hidden: true });
  const count = counter ? h('span', { class: 'field-counter', 'aria-hidden': 'true' }) : null;
  if (count) {
    const update = () => {
      count.textContent = `${input.value.length} / ${counter}`;
      count.classList.toggle('over', input.value.length > counter);
    };
    input.addEventListener('input', update);
    update();
  }
  const root = h('div', { class: 'field', dataset: { field: name } },
    h('div', { class: 'field-label-row' }, h('label', { for: id, class: 'field-label' }, label), count),
    input,
    hint ? h('p', { id: hintId, class: 'field-hint' }, hint) : null,
    error);
  return {
    root,
    input,
    setError(message) {
      if (message) {
        replace(error, message);
        error.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        root.classList.add('has-error');
      } else {
        replace(error);
        error.hidden = true;
        input.removeAttribute('aria-invalid');
        root.classList.remove('has-error');
      }
    },
  };
}

/** A checkbox styled as a switch (role="switch"), with a label and an optional hint. */
export function toggle({ name, label, hint, checked = false }) {
  const id = nextId(name);
  const hintId = hint ? `${id}-hint` : null;
  const input = h('input', { id, name, type: 'checkbox', role: 'switch', class: 'switch-input', checked, 'aria-describedby': hintId });
  const root = h('div', { class: 'toggle' },
    input,
    h('div', { class: 'toggle-text' },
      h('label', { for: id, class: 'toggle-label' }, label),
      hint ? h('p', { id: hintId, class: 'field-hint' }, hint) : null));
  return { root, input };
}

/** Puts validator problems ({field, message}[]) next to their fields; returns the unmatched ones. */
export function applyProblems(fields, problems) {
  for (const f of Object.values(fields)) f.setError(null);
  const unmatched = [];
  for (const p of problems) {
    const f = fields[p.field];
    if (f) {
      if (f.root.classList.contains('has-error')) continue; // first message per field
      f.setError(p.message);
    } else {
      unmatched.push(p);
    }
  }
  return unmatched;
}

/** The form-level summary of problems (focusable, announced). */
export function errorSummary(problems) {
  if (!problems.length) return null;
  return h('div', { class: 'form-summary', role: 'alert', tabindex: '-1' },
    h('p', { class: 'form-summary-title' },
      problems.length === 1 ? '1 field needs attention' : `${problems.length} fields need attention`),
    h('ul', null, problems.map((p) => h('li', null, p.message))));
}
