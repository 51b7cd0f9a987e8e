// The "Delete …?" dialog: Cancel has the focus; the confirm button runs `work` busy, and the
// dialog closes when it ends (the caller shows what failed).
import { h, button, withBusy } from '../dom.js';

/**
 * Opens a modal dialog. `title` and `text` (nodes or strings) say what will happen; the button
 * says Delete “name”; `work()` deletes; `done(err)` runs after the dialog has closed.
 */
export function confirmDelete({ title, text, name, work, done, returnFocus }) {
  const short = name.length > 40 ? `${name.slice(0, 39)}…` : name;
  const confirmBtn = button(`Delete “${short}”`, { kind: 'danger', iconName: 'trash' });
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'delete-title', 'aria-describedby': 'delete-text' },
    h('form', { method: 'dialog', class: 'dialog-body' },
      h('h2', { id: 'delete-title', class: 'dialog-title' }, title),
      h('p', { id: 'delete-text' }, text),
      h('div', { class: 'form-actions' },
        button('Cancel', { kind: 'secondary', type: 'submit', value: 'cancel', autofocus: true }),
        confirmBtn)));
  confirmBtn.addEventListener('click', async () => {
    let error = null;
    try {
      await withBusy(confirmBtn, 'Deleting…', work);
    } catch (err) {
      error = err;
    }
    dialog.close();
    done(error);
  });
  // A link in the text (a portal, say) leaves the page the dialog belongs to.
  dialog.addEventListener('click', (e) => { if (e.target.closest('a[href]')) dialog.close(); });
  dialog.addEventListener('close', () => { dialog.remove(); if (returnFocus?.isConnected) returnFocus.focus(); });
  document.body.append(dialog);
  dialog.showModal();
}
