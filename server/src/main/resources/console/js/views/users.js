// Users of a workspace: add, change role, deactivate (the admin token in any workspace it picks, a
// workspace admin in its own).
import { h, table, field, button, clear, formatTime } from '../dom.js';
import { confirmAction } from '../parts/confirm.js';
import { actions, attempt, formPanel, input, rowAction, select, statusArea, textOf } from '../parts/forms.js';
import { chooseWorkspace } from '../parts/pickers.js';

const ROLES = [['member', 'member'], ['admin', 'admin (manages the workspace)']];

export const view = {
  name: 'Users',
  path: 'users',
  roles: ['admin', 'workspace_admin'],
  async render(main, ctx) {
    const page = h('div', { class: 'view-users' }, h('h1', {}, 'Users'));
    main.append(page);
    let workspace = ctx.me.workspace;
    if (ctx.me.role === 'admin') {
      const choice = await chooseWorkspace(ctx, 'users');
      workspace = choice.chosen;
      page.append(h('div', { class: 'toolbar' }, choice.control));
      if (!workspace) {
        page.append(h('p', { class: 'muted' }, 'No workspaces yet: create one under Workspaces first.'));
        return;
      }
    }
    const self = ctx.me.user?.id;
    const base = `/workspaces/${encodeURIComponent(workspace.id)}/users`;
    const status = statusArea();
    const panel = formPanel(status);
    const list = h('div');

    async function reload() {
      const { data } = await ctx.api.get(base);
      clear(list);
      list.append(table([
        { label: 'E-mail', value: u => u.id === self ? h('span', {}, u.email, ' ', h('span', { class: 'badge' }, 'you')) : u.email },
        { label: 'Role', value: u => h('span', { class: 'badge' }, u.role) },
        { label: 'Id', value: u => u.id, class: 'mono' },
        { label: 'Created', value: u => formatTime(u.created_at) },
        { label: 'Actions', value: u => actions(
          rowAction('Change role', u.email, () => changeRole(u)),
          rowAction('Deactivate', u.email, () => deactivate(u), 'danger')) },
      ], data, { empty: 'No users in this workspace yet.' }));
    }

    function add() {
      const email = input('email', { autocomplete: 'off' });
      const role = select(ROLES, 'member');
      panel.open(`Add user to ${workspace.name}`, [field('E-mail', email), field('Role', role)], 'Add', async () => {
        const user = await ctx.api.post(base, { email: textOf(email), role: role.value });
        await reload();
        return `Added ${user.email} as ${user.role}.`;
      });
    }

    function changeRole(u) {
      const role = select(ROLES, u.role);
      panel.open(`Change role of ${u.email}`, [field('Role', role)], 'Save', async () => {
        const user = await ctx.api.patch(`/users/${encodeURIComponent(u.id)}`, { role: role.value });
        await reload();
        return `${user.email} is now ${user.role}.`;
      });
    }

    async function deactivate(u) {
      const yourself = u.id === self ? ' That is you: this session ends with it.' : '';
      const sure = await confirmAction(`Deactivate ${u.email}? Their keys stop working at once.${yourself}`, 'Deactivate user');
      if (!sure) return;
      panel.close();
      await attempt(status, async () => {
        await ctx.api.del(`/users/${encodeURIComponent(u.id)}`);
        await reload();
        return `Deactivated ${u.email}.`;
      });
    }

    page.append(h('p', { class: 'muted' }, `Workspace ${workspace.name}.`),
      h('div', { class: 'toolbar' }, button('Add user', add, { kind: 'primary' })), panel.element, status, list);
    await reload();
  },
};
