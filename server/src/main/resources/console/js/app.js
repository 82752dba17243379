// The shell: sign-in, the signed-in frame (who, theme, sign-out, navigation) and the hash router
// that renders one view at a time into <main id="view">.
import { h, button, field, notice, clear } from './dom.js';
import { api } from './api.js';
import * as session from './session.js';
import { views } from './views/index.js';

const root = document.getElementById('app');
const THEME = 'keyroute.theme';
const ROLE_NAMES = { admin: 'Admin', workspace_admin: 'Workspace admin', member: 'Member' };

let leave = null;
let rendering = 0;

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
}

function initialTheme() {
  const chosen = localStorage.getItem(THEME);
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function toggleTheme() {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  localStorage.setItem(THEME, next); // a preference, not a secret
  applyTheme(next);
  render(); // charts read their colours when drawn
}

function stopView() {
  if (leave) leave();
  leave = null;
}

function showSignIn(message) {
  stopView();
  const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', spellcheck: 'false', required: true });
  const status = h('div', { class: 'signin-status', 'aria-live': 'polite' }, message ? notice(message, 'warn') : null);
  const submit = button('Sign in', null, { kind: 'primary', type: 'submit' });
  const form = h('form', {
    class: 'card signin',
    onsubmit: async event => {
      event.preventDefault();
      submit.disabled = true;
      clear(status);
      try {
        await session.signIn(input.value);
        input.value = '';
        showShell();
      } catch (e) {
        status.append(notice(e.message));
        submit.disabled = false;
        input.focus();
      }
    },
  },
  h('h1', {}, 'Keyroute'),
  h('p', { class: 'muted' }, 'Sign in with the admin token or your Keyroute key (kr-…). It is kept in this tab only.'),
  field('Token', input),
  status,
  h('div', { class: 'toolbar' }, submit));
  clear(root).append(h('div', { class: 'signin-screen' }, form));
  input.focus();
}

function visibleViews(me) {
  return views.filter(view => view.roles.includes(me.role));
}

function identity(me) {
  if (me.role === 'admin') return [h('span', { class: 'badge' }, 'Admin'), ' admin token'];
  return [
    h('span', { class: 'badge' }, ROLE_NAMES[me.role] || me.role), ' ',
    h('span', { class: 'who' }, me.user ? me.user.email : ''),
    me.workspace ? h('span', { class: 'muted' }, ` · ${me.workspace.name}`) : null,
    me.key ? h('span', { class: 'muted mono' }, ` · ${me.key.masked}`) : null,
  ];
}

function showShell() {
  const me = session.me();
  const nav = h('nav', { class: 'nav', 'aria-label': 'Views' },
    h('ul', {}, visibleViews(me).map(view => h('li', {}, h('a', { href: `#/${view.path}`, 'data-path': view.path }, view.name)))));
  const header = h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: '#/' }, 'Keyroute'),
    h('div', { class: 'identity' }, identity(me)),
    h('div', { class: 'toolbar' },
      button('Theme', toggleTheme, { title: 'Switch between light and dark' }),
      button('Sign out', () => session.signOut())));
  const main = h('main', { id: 'view', tabindex: '-1' });
  clear(root).append(h('div', { class: 'shell' }, header, nav, main));
  render();
}

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const at = hash.indexOf('?');
  return { path: at < 0 ? hash : hash.slice(0, at), params: new URLSearchParams(at < 0 ? '' : hash.slice(at + 1)) };
}

async function render() {
  const me = session.me();
  const main = document.getElementById('view');
  if (!me || !main) return;
  stopView();
  const visible = visibleViews(me);
  const { path, params } = route();
  const view = path ? views.find(v => v.path === path) : visible[0];
  document.querySelectorAll('.nav a').forEach(a => {
    if (view && a.dataset.path === view.path) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  // Each render draws into its own page: a slow view that finishes after the next navigation writes
  // into a detached element, never over the view now shown.
  const page = h('div', { class: 'page' });
  clear(main).append(page);
  if (!view) {
    page.append(notice(`There is no view '${path}'.`));
    return;
  }
  if (!visible.includes(view)) {
    page.append(notice(`${view.name} is not available to your role.`));
    return;
  }
  document.title = `${view.name} · Keyroute`;
  const mine = ++rendering;
  main.setAttribute('aria-busy', 'true');
  const ctx = {
    api,
    me,
    params,
    navigate: target => { location.hash = `#/${target}`; },
    refresh: () => render(),
  };
  try {
    const cleanup = await view.render(page, ctx);
    if (typeof cleanup === 'function') {
      if (mine === rendering) leave = cleanup;
      else cleanup();
    }
  } catch (e) {
    if (mine === rendering) page.append(notice(e && e.message ? e.message : String(e)));
  } finally {
    if (mine === rendering) main.removeAttribute('aria-busy');
  }
}

session.onSignOut(() => {
  history.replaceState(null, '', location.pathname);
  document.title = 'Keyroute';
  showSignIn();
});
window.addEventListener('hashchange', () => render());
applyTheme(initialTheme());

if (session.token()) {
  session.restore().then(showShell, e => showSignIn(e.message));
} else {
  showSignIn();
}
