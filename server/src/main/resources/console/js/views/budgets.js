// Budgets: each workspace's and user's hard budget (spent and reserved against the limit, period,
// reset time), set and cleared. The admin sees every workspace and sets any budget; a workspace
// admin sees their workspace's and sets its users' (the API lets only the admin set a workspace's).
import { h, append, table, field, button, formatUsd, formatTime } from '../dom.js';
import { directory } from '../parts/directory.js';
import { statusArea, attempt, rowAction } from '../parts/forms.js';
import { confirmAction } from '../parts/confirm.js';

/** A budget when one is set, null when the API answers 404 (none). */
async function budgetOf(api, path) {
  try {
    return await api.get(path);
  } catch (e) {
    if (e.status === 404) {
      return null;
    }
    throw e;
  }
}

/** Every owner the caller may see: [{kind, id, label, path, workspace, budget}]. */
async function owners(api, me) {
  const all = (await directory(api, me)).workspaces.flatMap(ws =>
    [{ kind: 'workspace', id: ws.id, label: ws.name, path: `/workspaces/${encodeURIComponent(ws.id)}/budget`, workspace: ws }]
      .concat(ws.users.map(u => ({ kind: 'user', id: u.id, label: u.email, path: `/users/${encodeURIComponent(u.id)}/budget`, workspace: ws }))));
  const budgets = await Promise.all(all.map(o => budgetOf(api, o.path)));
  all.forEach((o, i) => { o.budget = budgets[i]; });
  return all;
}

/** Spent, then reserved, as parts of the limit; a meter for screen readers. */
function bar(b) {
  const limit = Number(b.limit_usd);
  const share = v => (limit > 0 ? Math.min(100, (Number(v) / limit) * 100) : 100);
  const used = share(Number(b.spent_usd) + Number(b.reserved_usd));
  const spent = h('span', { class: 'spent' });
  spent.style.width = `${share(b.spent_usd)}%`;
  const reserved = h('span', { class: 'reserved' });
  reserved.style.width = `${Math.max(0, used - share(b.spent_usd))}%`;
  const level = used >= 100 ? 'error' : used >= 80 ? 'warn' : '';
  return h('div', {
    class: `bar ${level}`, role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': String(limit),
    'aria-valuenow': String(Number(b.spent_usd)),
    'aria-label': `${formatUsd(b.spent_usd)} spent of ${formatUsd(b.limit_usd)}`,
  }, spent, reserved);
}

function spending(b) {
  if (!b) {
    return h('span', { class: 'muted' }, 'No budget');
  }
  return h('div', { class: 'budget' }, bar(b),
    h('div', { class: 'mono' }, `${formatUsd(b.spent_usd)} spent · ${formatUsd(b.reserved_usd)} reserved · ${formatUsd(b.limit_usd)} limit`));
}

/** Only the admin token may set or clear a workspace's budget. */
function settable(me, owner) {
  return me.role === 'admin' || owner.kind === 'user';
}

/** The set form: an owner the caller may set, a period and a limit; `pick` fills it from a row. */
function setForm(settableOwners, onSet) {
  const owner = h('select', { name: 'owner' }, settableOwners.map((o, i) =>
    h('option', { value: String(i) }, `${o.kind === 'workspace' ? 'Workspace' : 'User'} ${o.label}`)));
  const period = h('select', { name: 'period' }, h('option', { value: 'monthly' }, 'monthly'),
    h('option', { value: 'daily' }, 'daily'));
  const limit = h('input', { type: 'number', name: 'limit_usd', min: '0', step: 'any', placeholder: '100.00', required: true });
  const node = h('form', {
    class: 'toolbar', 'aria-label': 'Set a budget',
    onsubmit: e => {
      e.preventDefault();
      onSet(settableOwners[Number(owner.value)], { period: period.value, limit_usd: Number(limit.value) });
    },
  }, field('Budget of', owner), field('Period', period), field('Limit (USD)', limit),
  button('Set budget', null, { kind: 'primary', type: 'submit' }));
  return {
    node,
    pick(o) {
      owner.value = String(settableOwners.findIndex(x => x.kind === o.kind && x.id === o.id));
      if (o.budget) {
        period.value = o.budget.period;
        limit.value = String(o.budget.limit_usd);
      }
      limit.focus();
    },
  };
}

export const view = {
  name: 'Budgets',
  path: 'budgets',
  roles: ['admin', 'workspace_admin'],
  async render(main, ctx) {
    const { api, me } = ctx;
    let all = await owners(api, me);
    const status = statusArea();
    const tables = h('div', {});
    const act = (work, done) => attempt(status, async () => {
      await work();
      all = await owners(api, me);
      show();
      return done;
    });
    const clear = async o => {
      if (await confirmAction(`Clear the budget of ${o.label}? Its requests are then limited by no budget of its own.`, 'Clear budget')) {
        await act(() => api.del(o.path), `Budget of ${o.label} cleared.`);
      }
    };

    const settableOwners = all.filter(o => settable(me, o));
    const form = setForm(settableOwners, (o, body) => act(() => api.put(o.path, body), `Budget of ${o.label} set.`));
    const actions = o => (settable(me, o) ? h('div', { class: 'row-actions' },
      rowAction('Edit', `budget of ${o.label}`, () => form.pick(o)),
      o.budget ? rowAction('Clear', `budget of ${o.label}`, () => clear(o), 'danger') : null) : null);
    const columns = [
      { label: 'Owner', value: o => h('span', {}, o.label, ' ', h('span', { class: 'badge' }, o.kind)) },
      { label: 'Period', value: o => (o.budget ? o.budget.period : '') },
      { label: 'Spending', value: o => spending(o.budget), class: 'wide' },
      { label: 'Resets', value: o => (o.budget ? formatTime(o.budget.resets_at) : '') },
      { label: 'Actions', value: actions },
    ];
    function show() {
      const workspaces = [...new Map(all.map(o => [o.workspace.id, o.workspace])).values()];
      tables.replaceChildren(...workspaces.map(ws => h('section', { class: 'card', 'aria-label': `Budgets of ${ws.name}` },
        h('h2', {}, ws.name),
        table(columns, all.filter(o => o.workspace.id === ws.id)))));
    }

    show();
    main.classList.add('budgets');
    append(main, [h('h1', {}, 'Budgets'),
      h('p', { class: 'muted' }, 'Hard limits: a request that could take a budget past its limit is refused (429 budget_exceeded).'),
      settableOwners.length ? form.node : null, status, tables]);
  },
};
