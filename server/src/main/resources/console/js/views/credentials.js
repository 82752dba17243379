// Provider credentials: a user's own, and (for a workspace admin or the admin token) a workspace's.
// Keys are only ever shown masked; a key typed here lives in a password input until it is sent.
import { h, table, field, button, clear, formatTime } from '../dom.js';
import { confirmAction } from '../parts/confirm.js';
import { actions, attempt, formPanel, input, rowAction, select, statusArea, textOf } from '../parts/forms.js';
import { chooseWorkspace } from '../parts/pickers.js';

export const view = {
  name: 'Credentials',
  path: 'credentials',
  roles: ['admin', 'workspace_admin', 'member'],
  async render(main, ctx) {
    const page = h('div', { class: 'view-credentials' }, h('h1', {}, 'Credentials'));
    main.append(page);
    const providers = (await ctx.api.get('/providers')).data.map(p => p.id);
    const sections = [];
    if (ctx.me.role === 'admin') {
      page.append(h('p', { class: 'muted' }, 'The admin token has no user, so it has no credentials of its own '
        + 'and cannot see any user\'s. It manages a workspace\'s shared credentials: choose the workspace.'));
      const choice = await chooseWorkspace(ctx, 'credentials');
      page.append(h('div', { class: 'toolbar' }, choice.control));
      if (!choice.chosen) {
        page.append(h('p', { class: 'muted' }, 'No workspaces yet: create one under Workspaces first.'));
        return;
      }
      sections.push(workspaceSection(choice.chosen));
    } else {
      sections.push({ title: 'Your credentials', base: '/users/me/llm-credentials', whose: 'my', adding: 'Add credential',
        about: 'Used for your own requests before the workspace\'s and the gateway\'s keys.' });
      if (ctx.me.role === 'workspace_admin') {
        sections.push(workspaceSection(ctx.me.workspace));
      } else {
        page.append(h('p', { class: 'muted' }, 'Your workspace\'s shared credentials are managed by its admins.'));
      }
    }
    for (const section of sections) {
      const element = credentialSection(ctx, section, providers);
      page.append(element.element);
      await element.reload();
    }
  },
};

function workspaceSection(workspace) {
  return { title: `Workspace credentials (${workspace.name})`,
    base: `/workspaces/${encodeURIComponent(workspace.id)}/llm-credentials`, whose: 'workspace', adding: 'Add workspace credential',
    about: 'Shared by every user of the workspace who has no credential of their own for the provider.' };
}

function validation(c) {
  if (c.last_error) return h('span', { class: 'error' }, `Failed: ${c.last_error}`);
  if (c.validated_at) return h('span', { class: 'ok' }, `Valid (checked ${formatTime(c.validated_at)})`);
  return h('span', { class: 'muted' }, 'Not checked');
}

function state(c) {
  const badges = [];
  if (c.is_default) badges.push(h('span', { class: 'badge' }, 'default'));
  if (!c.is_active) badges.push(h('span', { class: 'badge warn' }, 'disabled'));
  return h('span', {}, ...badges);
}

/** A password input that never keeps a key: the form takes the value and empties it before sending. */
function secretInput() {
  return input('password', { autocomplete: 'new-password', spellcheck: 'false' });
}

function takeSecret(element) {
  const value = textOf(element);
  element.value = '';
  return value;
}

/**
 * One owner's credentials (`section.base`): table, add, rotate, set default, validate, delete. A row's
 * buttons are named with `section.whose` ("Rotate workspace openai"): both sections may hold an "openai".
 */
function credentialSection(ctx, section, providers) {
  const status = statusArea();
  const panel = formPanel(status);
  const list = h('div');
  const url = c => `${section.base}/${encodeURIComponent(c.id)}`;
  const act = (verb, c, onclick, kind) => rowAction(verb, `${section.whose} ${c.name}`, onclick, kind);

  async function reload() {
    const { data } = await ctx.api.get(section.base);
    clear(list);
    list.append(table([
      { label: 'Name', value: c => c.name },
      { label: 'Provider', value: c => c.provider },
      { label: 'Key', value: c => c.masked_key, class: 'mono' },
      { label: 'Base URL', value: c => c.base_url ?? 'provider\'s own', class: 'mono' },
      { label: 'State', value: state },
      { label: 'Version', value: c => String(c.version) },
      { label: 'Validation', value: validation },
      { label: 'Actions', value: c => actions(
        act('Rotate', c, () => rotate(c)),
        c.is_default ? null : act('Make default', c, () => makeDefault(c)),
        act('Validate', c, () => validate(c)),
        act(c.is_active ? 'Disable' : 'Enable', c, () => setActive(c, !c.is_active)),
        act('Delete', c, () => remove(c), 'danger')) },
    ], data, { empty: 'No credentials stored.' }));
  }

  function add() {
    const provider = select(providers.map(p => [p, p]), providers[0]);
    const key = secretInput();
    const name = input('text', { autocomplete: 'off', placeholder: 'defaults to the provider' });
    const baseUrl = input('url', { autocomplete: 'off', placeholder: 'the provider\'s own' });
    const isDefault = input('checkbox');
    panel.open(`Add a credential: ${section.title}`, [field('Provider', provider), field('API key', key), field('Name', name),
      field('Base URL', baseUrl), field('Default for its provider', isDefault)], 'Add', async () => {
      const body = { provider: provider.value, api_key: takeSecret(key), name: textOf(name), base_url: textOf(baseUrl) };
      // Unticked leaves it to the gateway: the first credential for a provider becomes its default.
      if (isDefault.checked) body.is_default = true;
      const created = await ctx.api.post(section.base, body);
      await reload();
      return `Stored ${created.name} (${created.masked_key}).`;
    });
  }

  function rotate(c) {
    const key = secretInput();
    panel.open(`Rotate ${c.name}`, [field('New API key', key)], 'Rotate', async () => {
      const rotated = await ctx.api.patch(url(c), { api_key: takeSecret(key) });
      await reload();
      return `Rotated ${rotated.name}: now version ${rotated.version} (${rotated.masked_key}).`;
    });
  }

  async function makeDefault(c) {
    panel.close();
    await attempt(status, async () => {
      await ctx.api.patch(url(c), { is_default: true });
      await reload();
      return `${c.name} is now the default for ${c.provider}.`;
    });
  }

  /** A disabled credential is kept but not used for requests, until it is enabled again. */
  async function setActive(c, active) {
    panel.close();
    await attempt(status, async () => {
      await ctx.api.patch(url(c), { is_active: active });
      await reload();
      return active ? `${c.name} is enabled.` : `${c.name} is disabled: requests no longer use it.`;
    });
  }

  async function validate(c) {
    panel.close();
    await attempt(status, async () => {
      const checked = await ctx.api.post(`${url(c)}/validate`, {});
      await reload();
      if (checked.last_error) throw new Error(`${checked.name} failed validation: ${checked.last_error}`);
      return `${checked.name} is valid (checked ${formatTime(checked.validated_at)}).`;
    });
  }

  async function remove(c) {
    const sure = await confirmAction(`Delete ${c.name} (${c.masked_key})? It is unusable at once; only its audit trail is kept.`,
      'Delete credential');
    if (!sure) return;
    panel.close();
    await attempt(status, async () => {
      await ctx.api.del(url(c));
      await reload();
      return `Deleted ${c.name}.`;
    });
  }

  const element = h('section', { class: 'card credential-section', 'aria-label': section.title },
    h('h2', {}, section.title), h('p', { class: 'muted' }, section.about),
    h('div', { class: 'toolbar' }, button(section.adding, add, { kind: 'primary' })),
    panel.element, status, list);
  return { element, reload };
}
