// The confirmation step before an action that cannot be undone (deactivate, revoke, delete).
import { h, button } from '../dom.js';

/**
 * Asks `question` in a modal dialog; resolves true when the person presses `actionName`, false on
 * Cancel or Escape. Cancel has the focus first, so Enter alone never confirms.
 */
export function confirmAction(question, actionName) {
  return new Promise(resolve => {
    const text = h('p', { id: 'confirm-question' }, question);
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'confirm-question' }, text,
      h('div', { class: 'toolbar' },
        button('Cancel', () => dialog.close('cancel')),
        button(actionName, () => dialog.close('confirm'), { kind: 'danger' })));
    // Leaving the view (back button, a link) answers no: the question was about what it showed.
    const leave = () => dialog.close('cancel');
    window.addEventListener('hashchange', leave);
    dialog.addEventListener('close', () => {
      window.removeEventListener('hashchange', leave);
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
