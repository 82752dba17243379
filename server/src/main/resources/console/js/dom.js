// Building the DOM without markup: every string becomes a text node (never innerHTML), so a value
// from the API, whatever it holds, shows as the characters it is.

const BOOLEAN = new Set(['disabled', 'checked', 'selected', 'required', 'readonly', 'multiple', 'hidden']);
const SAFE_URL = /^(#|\/(?!\/)|blob:)/;

/** An element: `props` are attributes (class, id, for, aria-*, …) or `on<event>` listeners; children text or nodes. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  let value;
  for (const [name, prop] of Object.entries(props || {})) {
    if (prop === undefined || prop === null || prop === false) continue;
    if (name.startsWith('on')) {
      if (typeof prop !== 'function') throw new TypeError(`${name} must be a function`);
      el.addEventListener(name.slice(2), prop);
    } else if (name === 'value') {
      value = prop;
    } else if (BOOLEAN.has(name)) {
      el[name] = true;
    } else if ((name === 'href' || name === 'src' || name === 'action') && !SAFE_URL.test(String(prop))) {
      throw new TypeError(`${name} must be a same-origin path, a #route or a blob: URL`);
    } else {
      el.setAttribute(name, String(prop));
    }
  }
  append(el, children);
  if (value !== undefined) el.value = String(value); // after the children: a <select> needs its options first
  return el;
}

/** Appends text (as text nodes) and nodes; null, undefined and false are skipped, arrays flattened. */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** `<table class="data">`: columns `[{label, value: row => text|Node, class?}]`; `empty` when there is no row. */
export function table(columns, rows, { empty = 'Nothing to show yet.', caption } = {}) {
  if (!rows || rows.length === 0) return h('p', { class: 'muted empty' }, empty);
  return h('table', { class: 'data' },
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.class }, c.label)))),
    h('tbody', {}, rows.map(row => h('tr', {}, columns.map(c => h('td', { class: c.class }, c.value(row)))))));
}

/** A `<label>` around its text and `input`: the input's accessible name is the label. */
export function field(label, input) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), input);
}

/** A button named `name`; `kind` is primary, danger or plain. */
export function button(name, onclick, { kind = 'plain', type = 'button', disabled = false, title } = {}) {
  return h('button', { type, class: `btn ${kind}`, onclick, disabled, title }, name);
}

/** A message: `kind` error (announced at once), ok, warn or muted. */
export function notice(text, kind = 'error') {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

const NONE = '—';

export function formatUsd(n) {
  if (n === null || n === undefined || n === '') return NONE;
  const value = Number(n);
  const digits = value === 0 || Math.abs(value) >= 1 ? 2 : 6;
  return (value < 0 ? '-$' : '$') + Math.abs(value).toLocaleString('en-US',
    { minimumFractionDigits: 2, maximumFractionDigits: digits });
}

export function formatInt(n) {
  if (n === null || n === undefined || n === '') return NONE;
  return Math.round(Number(n)).toLocaleString('en-US');
}

export function formatMs(n) {
  if (n === null || n === undefined || n === '') return NONE;
  const ms = Number(n);
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

/** An RFC 3339 time as `YYYY-MM-DD HH:MM:SS UTC` (one zone for everyone reading the same gateway). */
export function formatTime(rfc3339) {
  if (!rfc3339) return NONE;
  const at = new Date(rfc3339);
  if (Number.isNaN(at.getTime())) return String(rfc3339);
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
