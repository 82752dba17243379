// Workspaces: the admin token creates, renames, re-plans and deactivates them; a workspace admin
// sees its own, read-only (the API refuses it any change).
import { h, table, field, button, clear, formatTime } from '../dom.js';
import { confirmAction } from '../parts/confirm.js';
import { actions, attempt, formPanel, input, rowAction, say, statusArea, textOf } from '../parts/forms.js';

export const view = {
  name: 'Workspaces',
  path: 'workspaces',
  roles: ['admin', 'workspace_admin'],
  async render(main, ctx) {
    const admin = ctx.me.role === 'admin';
    const status = statusArea();
    const panel = formPanel(status);
    const list = h('div');
    const plans = h('datalist', { id: 'plans' });
    let workspaces = [];

    async function reload() {
      workspaces = (await ctx.api.get('/workspaces')).data;
      clear(plans);
      new Set(workspaces.map(w => w.plan)).forEach(plan => plans.append(h('option', { value: plan })));
      clear(list);
      list.append(table(columns(), workspaces, { empty: 'No workspaces yet.' }));
    }

    function columns() {
      const shown = [
        { label: 'Name', value: w => w.name },
        { label: 'Plan', value: w => h('span', { class: 'badge' }, w.plan) },
        { label: 'Id', value: w => w.id, class: 'mono' },
        { label: 'Created', value: w => formatTime(w.created_at) },
      ];
      if (admin) {
        shown.push({ label: 'Actions', value: w => actions(
          h('a', { class: 'btn plain', href: `#/users?workspace=${encodeURIComponent(w.id)}`, 'aria-label': `Users of ${w.name}` }, 'Users'),
          rowAction('Edit', w.name, () => edit(w)),
          rowAction('Deactivate', w.name, () => deactivate(w), 'danger')) });
      }
      return shown;
    }

    function planInput(value) {
      return input('text', { list: 'plans', autocomplete: 'off', ...(value ? { value } : {}) });
    }

    function create() {
      const name = input('text', { autocomplete: 'off' });
      const plan = planInput();
      panel.open('Create workspace', [field('Name', name), field('Plan', plan)], 'Create', async () => {
        const created = await ctx.api.post('/workspaces', { name: textOf(name), plan: textOf(plan) });
        await reload();
        return `Created workspace ${created.name}.`;
      });
    }

    function edit(w) {
      const name = input('text', { autocomplete: 'off', value: w.name });
      const plan = planInput(w.plan);
      panel.open(`Edit workspace ${w.name}`, [field('Name', name), field('Plan', plan)], 'Save', async () => {
        const change = {};
        if (textOf(name) !== w.name) change.name = textOf(name) ?? '';
        if (textOf(plan) !== w.plan) change.plan = textOf(plan) ?? '';
        const saved = await ctx.api.patch(`/workspaces/${encodeURIComponent(w.id)}`, change);
        await reload();
        return `Saved workspace ${saved.name} (plan ${saved.plan}).`;
      });
    }

    async function deactivate(w) {
      const sure = await confirmAction(`Deactivate workspace ${w.name}? Its users and every key of theirs stop `
        + 'working at once; the workspace stays in the audit trail and cannot be reactivated here.', 'Deactivate workspace');
      if (!sure) return;
      panel.close();
      await attempt(status, async () => {
        await ctx.api.del(`/workspaces/${encodeURIComponent(w.id)}`);
        await reload();
        return `Deactivated workspace ${w.name}.`;
      });
    }

    const intro = admin
      ? h('div', { class: 'toolbar' }, button('Create workspace', create, { kind: 'primary' }))
      : h('p', { class: 'muted' }, 'Your workspace. Only the admin token creates or changes workspaces.');
    main.append(h('div', { class: 'view-workspaces' }, h('h1', {}, 'Workspaces'), intro, panel.element, status, list, plans));
    await reload();
    if (admin && workspaces.length === 0) say(status, 'No workspaces yet: create the first one.', 'warn');
  },
};
