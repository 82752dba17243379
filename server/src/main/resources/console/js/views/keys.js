// Keyroute keys: everyone manages their own; the admin token any user's. A new key's plaintext is
// shown once, in this page only: never stored, gone when the page is left or drawn again.
import { h, table, field, button, clear, formatInt, formatTime, formatUsd } from '../dom.js';
import { confirmAction } from '../parts/confirm.js';
import { actions, attempt, formPanel, input, numberOf, rowAction, statusArea, textOf } from '../parts/forms.js';
import { chooseUser, chooseWorkspace } from '../parts/pickers.js';

/** The limits a person sets on a key, as the API names them, with how each is read from its input. */
const LIMITS = [
  { key: 'rpm', label: 'Requests per minute', make: () => input('number', { min: 1, step: 1 }), read: numberOf },
  { key: 'tpm', label: 'Tokens per minute', make: () => input('number', { min: 1, step: 1 }), read: numberOf },
  { key: 'budget_usd', label: 'Budget (USD)', make: () => input('number', { min: 0, step: 'any' }), read: numberOf },
  { key: 'models', label: 'Models (comma-separated, empty for all)', make: () => input('text', { autocomplete: 'off' }),
    read: el => (textOf(el) ?? '').split(',').map(m => m.trim()).filter(Boolean), show: models => models.join(', ') },
  { key: 'expires_at', label: 'Expires at (date or RFC 3339, UTC)', make: () => input('text', { autocomplete: 'off',
    placeholder: 'e.g. 2027-01-31' }), read: expiry },
];

/** A bare date means that day's start in UTC; anything else goes as typed (the API checks it). */
function expiry(element) {
  const text = textOf(element);
  return text !== null && /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
}

function limitsText(k) {
  const parts = [];
  if (k.rpm != null) parts.push(`${formatInt(k.rpm)} rpm`);
  if (k.tpm != null) parts.push(`${formatInt(k.tpm)} tpm`);
  if (k.budget_usd != null) parts.push(`${formatUsd(k.budget_usd)} budget`);
  return parts.length ? parts.join(' · ') : 'none';
}

export const view = {
  name: 'Keys',
  path: 'keys',
  roles: ['admin', 'workspace_admin', 'member'],
  async render(main, ctx) {
    const page = h('div', { class: 'view-keys' }, h('h1', {}, 'Keys'));
    main.append(page);
    const owner = await whoseKeys(ctx, page);
    if (!owner) return undefined;
    const base = `/users/${encodeURIComponent(owner.id)}/keys`;
    const status = statusArea();
    const panel = formPanel(status);
    const fresh = h('div', { class: 'fresh-key' });
    const list = h('div');

    async function reload() {
      const { data } = await ctx.api.get(base);
      clear(list);
      list.append(table([
        { label: 'Name', value: k => k.id === ctx.me.key?.id ? h('span', {}, k.name ?? '', ' ', h('span', { class: 'badge' }, 'this session')) : k.name ?? '' },
        { label: 'Key', value: k => k.masked, class: 'mono' },
        { label: 'Limits', value: limitsText },
        { label: 'Models', value: k => k.models.length ? k.models.join(', ') : 'all' },
        { label: 'Expires', value: k => k.expires_at ? formatTime(k.expires_at) : 'never' },
        { label: 'Created', value: k => formatTime(k.created_at) },
        { label: 'Actions', value: k => actions(
          rowAction('Change limits', k.name ?? k.masked, () => change(k)),
          rowAction('Revoke', k.name ?? k.masked, () => revoke(k), 'danger')) },
      ], data, { empty: 'No keys yet.' }));
    }

    function issue() {
      const name = input('text', { autocomplete: 'off' });
      const inputs = LIMITS.map(limit => [limit, limit.make()]);
      panel.open(`Issue a key for ${owner.email}`, [field('Name', name), ...inputs.map(([l, el]) => field(l.label, el))],
        'Issue', async () => {
          const body = { name: textOf(name) };
          for (const [limit, el] of inputs) {
            const value = limit.read(el);
            if (value !== null && !(Array.isArray(value) && value.length === 0)) body[limit.key] = value;
          }
          showOnce(await ctx.api.post(base, body));
          await reload();
          return undefined;
        });
    }

    /** The plaintext, until Done, leaving the page or drawing it again; nothing else keeps it. */
    function showOnce(issued) {
      clear(fresh);
      const copied = statusArea();
      fresh.append(h('section', { class: 'card reveal', 'aria-label': 'New key' },
        h('h2', {}, `New key ${issued.name ?? ''}`),
        h('p', {}, 'Copy it now: this is the only time it is shown. From now on it appears masked, as ',
          h('span', { class: 'mono' }, issued.masked), '.'),
        h('code', { class: 'mono secret' }, issued.key),
        h('div', { class: 'toolbar' },
          button('Copy', () => attempt(copied, async () => {
            await navigator.clipboard.writeText(issued.key);
            return 'Copied to the clipboard.';
          }), { kind: 'primary' }),
          button('Done', () => clear(fresh))),
        copied));
    }

    function change(k) {
      const name = input('text', { autocomplete: 'off', value: k.name ?? '' });
      const inputs = LIMITS.map(limit => {
        const el = limit.make();
        const now = k[limit.key];
        el.value = now == null ? '' : (limit.show ? limit.show(now) : String(now));
        return [limit, el, el.value];
      });
      panel.open(`Change limits of ${k.name ?? k.masked}`, [field('Name', name), ...inputs.map(([l, el]) => field(l.label, el))],
        'Save', async () => {
          // Only what was changed is sent: a key changing keys is held to its own bounds on exactly those.
          const body = {};
          if (name.value !== (k.name ?? '')) body.name = textOf(name);
          for (const [limit, el, before] of inputs) {
            if (el.value !== before) body[limit.key] = limit.read(el);
          }
          await ctx.api.patch(`/keys/${encodeURIComponent(k.id)}`, body);
          await reload();
          return `Saved key ${k.name ?? k.masked}.`;
        });
    }

    async function revoke(k) {
      const own = k.id === ctx.me.key?.id ? ' It is the key this session signed in with: you will be signed out.' : '';
      const sure = await confirmAction(`Revoke key ${k.name ?? ''} (${k.masked})? It stops working at once, everywhere.${own}`,
        'Revoke key');
      if (!sure) return;
      panel.close();
      await attempt(status, async () => {
        await ctx.api.del(`/keys/${encodeURIComponent(k.id)}`);
        await reload();
        return `Revoked key ${k.name ?? k.masked}.`;
      });
    }

    page.append(h('div', { class: 'toolbar' }, button('Issue key', issue, { kind: 'primary' })),
      fresh, panel.element, status, list);
    await reload();
    return () => clear(fresh);
  },
};

/**
 * Whose keys the page shows: the caller's own, or for the admin token (which has no user) one it
 * picks. Only the admin token and the user themself may manage a user's keys (CONTRACT), so a
 * workspace admin sees its own here too. Resolves to the user, or null when there is none to show.
 */
async function whoseKeys(ctx, page) {
  if (ctx.me.role !== 'admin') {
    page.append(h('p', { class: 'muted' }, `Your keys (${ctx.me.user.email}). A key you issue is never wider than `
      + 'the key you signed in with: limits no higher, models a subset, expiry no later.'));
    if (ctx.me.role === 'workspace_admin') {
      page.append(h('p', { class: 'muted' }, 'Other users\' keys are theirs and the admin token\'s to manage: '
        + 'a key reaches its user\'s own provider credentials.'));
    }
    return { id: 'me', email: ctx.me.user.email };
  }
  const workspace = await chooseWorkspace(ctx, 'keys', ['user']);
  const bar = h('div', { class: 'toolbar' }, workspace.control);
  page.append(bar);
  if (!workspace.chosen) {
    page.append(h('p', { class: 'muted' }, 'No workspaces yet: create one under Workspaces, then its users under Users.'));
    return null;
  }
  const user = await chooseUser(ctx, 'keys', workspace.chosen);
  bar.append(user.control);
  if (!user.chosen) {
    page.append(h('p', { class: 'muted' }, `Workspace ${workspace.chosen.name} has no users yet: add one under Users.`));
  }
  return user.chosen;
}
