// Forms and row actions shared by the management views: each shows its outcome where it happened.
import { h, button, notice, clear } from '../dom.js';

/** A live region where an action's outcome is announced. */
export function statusArea() {
  return h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
}

/** Replaces what `status` says with `text`. */
export function say(status, text, kind = 'ok') {
  clear(status);
  status.append(notice(text, kind));
}

/**
 * Runs `action`; shows in `status` the text it resolves to (if any) or the error's message (the
 * API's own, e.g. "'rpm' must be a whole number…"). Resolves true when the action succeeded.
 */
export async function attempt(status, action) {
  clear(status);
  try {
    const said = await action();
    if (said) say(status, said);
    return true;
  } catch (error) {
    say(status, error.message || String(error), 'error');
    return false;
  }
}

/**
 * A titled form: `onSubmit` runs through {@link attempt} (its error shown in the form) with the
 * submit button disabled meanwhile; `extra` are further buttons (e.g. Cancel).
 */
function actionForm(title, fields, submitName, onSubmit, ...extra) {
  const status = statusArea();
  const submit = button(submitName, null, { kind: 'primary', type: 'submit' });
  return h('form', {
    class: 'card action-form', 'aria-label': title,
    onsubmit: async event => {
      event.preventDefault();
      submit.disabled = true;
      try {
        await attempt(status, onSubmit);
      } finally {
        submit.disabled = false;
      }
    },
  }, h('h2', {}, title), h('div', { class: 'fields' }, ...fields), h('div', { class: 'toolbar' }, submit, ...extra), status);
}

/**
 * The one place a view shows a form (create, edit, rotate…): opening another replaces it, so a
 * page never has two fields with the same label. Cancel, or a submit that succeeds, closes it and
 * what the submit resolved to is said in `status` (the page's).
 */
export function formPanel(status) {
  const element = h('div', { class: 'panel' });
  const close = () => clear(element);
  function open(title, fields, submitName, onSubmit) {
    clear(element);
    element.append(actionForm(title, fields, submitName, async () => {
      const said = await onSubmit();
      close();
      if (said) say(status, said);
    }, button('Cancel', close)));
    element.querySelector('input, select')?.focus();
  }
  return { element, open, close };
}

/**
 * A button acting on one row: its text is the verb, its accessible name also says which row
 * ("Revoke ci-key"), so a screen reader or a test can tell the rows' buttons apart.
 */
export function rowAction(verb, subject, onclick, kind = 'plain') {
  const b = button(verb, onclick, { kind });
  b.setAttribute('aria-label', `${verb} ${subject}`);
  return b;
}

/** The row's action buttons, side by side; a null is an action this row does not offer. */
export function actions(...buttons) {
  return h('div', { class: 'row-actions' }, ...buttons.filter(Boolean));
}

/** An input of `type` with `attrs` (min, step, autocomplete, value…). */
export function input(type, attrs = {}) {
  return h('input', { type, ...attrs });
}

/** A `<select>` of `options` ([value, text]) with `selected` chosen. */
export function select(options, selected) {
  return h('select', { value: selected }, options.map(([value, text]) => h('option', { value }, text)));
}

/** The trimmed text of an input, or null when it is empty. */
export function textOf(element) {
  const value = element.value.trim();
  return value === '' ? null : value;
}

/** The number in an input, or null when it is empty. */
export function numberOf(element) {
  const value = textOf(element);
  return value === null ? null : Number(value);
}
