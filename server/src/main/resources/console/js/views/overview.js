// Overview: what is flowing, what it costs and what is failing, over the last hour or day, in the
// caller's scope (the API's: everything for the admin, a workspace for its admin, one's own for a member).
import { h, button, table, formatInt, formatMs, formatTime, formatUsd } from '../dom.js';
import { lineChart } from '../chart.js';
import { circuitBadge, percent } from './providers.js';

const REFRESH_MS = 30_000;
const NEAR_LIMIT = 0.8;
const TOP = 5;
/** The hour in minutes, the day in hours: the bucket the usage API groups by, and how many. */
const PERIODS = {
  hour: { label: 'Last hour', groupBy: 'minute', seconds: 60, buckets: 60 },
  day: { label: 'Last day', groupBy: 'hour', seconds: 3600, buckets: 24 },
};
/** Workspaces (or users) whose budgets the overview reads, at most: each is one call. */
const MAX_BUDGET_OWNERS = 25;
/** The newest alerts shown (the alerts API has the rest). */
const RECENT_ALERTS = 10;
/** How each alert type reads, and how loud. */
const ALERTS = {
  'budget.threshold': { text: 'budget', kind: 'warn' },
  'circuit.opened': { text: 'circuit opened', kind: 'error' },
  'circuit.closed': { text: 'circuit closed', kind: 'ok' },
  'credential.validation_failed': { text: 'credential failed', kind: 'error' },
};

function tile(label, value, detail) {
  return h('div', { class: 'card' },
    h('div', { class: 'stat-label' }, label),
    h('div', { class: 'stat-value' }, value),
    detail ? h('div', { class: 'muted' }, detail) : null);
}

function card(title, ...content) {
  return h('section', { class: 'card', 'aria-label': title }, h('h2', {}, title), ...content);
}

/** The period's bucket starts (epoch seconds, oldest first) and the usage rows laid on them; an empty bucket is 0 (latency: a gap). */
function series(period, rows, now) {
  const last = Math.floor(now / 1000 / period.seconds) * period.seconds;
  const times = Array.from({ length: period.buckets }, (_, i) => last - (period.buckets - 1 - i) * period.seconds);
  const byTime = new Map(rows.map(row => [Date.parse(row.group) / 1000, row]));
  const pick = (field, empty) => times.map(t => (byTime.has(t) ? Number(byTime.get(t)[field]) : empty));
  return {
    times,
    requests: pick('requests', 0),
    errors: pick('errors', 0),
    cost: pick('cost_usd', 0),
    p50: pick('p50_ms', null),
    p95: pick('p95_ms', null),
  };
}

const sum = values => values.reduce((a, b) => a + b, 0);

function shareBar(share) {
  const bar = h('div', { class: 'bar', role: 'img', 'aria-label': `${Math.round(share * 100)}%` }, h('span'));
  bar.firstChild.style.width = `${Math.min(100, Math.max(0, share * 100))}%`;
  return bar;
}

function topTable(rows, label, name) {
  const total = sum(rows.map(r => Number(r.cost_usd))) || 1;
  return table([
    { label, value: r => name(r) },
    { label: 'Requests', value: r => formatInt(r.requests), class: 'num' },
    { label: 'Cost', value: r => formatUsd(r.cost_usd), class: 'num' },
    { label: 'Share', value: r => shareBar(Number(r.cost_usd) / total) },
  ], rows, { empty: 'No request in this period.' });
}

/** The most expensive groups first, at most {@link TOP}. */
function top(rows) {
  return [...rows].filter(r => r.group !== null).sort((a, b) => Number(b.cost_usd) - Number(a.cost_usd)
    || b.requests - a.requests).slice(0, TOP);
}

/** The budgets this caller may read, as `{owner, budget}`: the admin's per workspace, a workspace admin's workspace and users, a member's own. */
async function budgets(api, me) {
  const read = async (owner, path) => {
    try {
      return { owner, budget: await api.get(path) };
    } catch (e) {
      if (e.status === 404) return null; // no budget set
      throw e;
    }
  };
  let owners;
  if (me.role === 'admin') {
    const { data } = await api.get('/workspaces');
    owners = data.slice(0, MAX_BUDGET_OWNERS).map(w => [`workspace ${w.name}`, `/workspaces/${encodeURIComponent(w.id)}/budget`]);
  } else if (me.role === 'workspace_admin') {
    const { data } = await api.get(`/workspaces/${encodeURIComponent(me.workspace.id)}/users`);
    owners = [[`workspace ${me.workspace.name}`, `/workspaces/${encodeURIComponent(me.workspace.id)}/budget`],
      ...data.slice(0, MAX_BUDGET_OWNERS).map(u => [`user ${u.email}`, `/users/${encodeURIComponent(u.id)}/budget`])];
  } else {
    owners = [[`user ${me.user.email}`, '/users/me/budget']];
  }
  return (await Promise.all(owners.map(([owner, path]) => read(owner, path)))).filter(Boolean);
}

function used(budget) {
  return (Number(budget.spent_usd) + Number(budget.reserved_usd)) / Number(budget.limit_usd);
}

function budgetList(found) {
  const near = found.filter(b => used(b.budget) >= NEAR_LIMIT).sort((a, b) => used(b.budget) - used(a.budget));
  if (!near.length) {
    return h('p', { class: 'ok' }, found.length
      ? `None of the ${found.length} budgets is above ${NEAR_LIMIT * 100}% of its limit.` : 'No budget is set.');
  }
  return table([
    { label: 'Budget', value: b => b.owner },
    { label: 'Period', value: b => b.budget.period },
    { label: 'Spent + reserved', value: b => `${formatUsd(Number(b.budget.spent_usd) + Number(b.budget.reserved_usd))} of ${formatUsd(b.budget.limit_usd)}`, class: 'num' },
    { label: 'Used', value: b => {
      const bar = shareBar(used(b.budget));
      bar.classList.add(used(b.budget) >= 1 ? 'error' : 'warn');
      return h('div', { class: 'used' }, bar, h('span', { class: 'muted' }, percent(used(b.budget))));
    } },
    { label: 'Resets', value: b => formatTime(b.budget.resets_at) },
  ], near);
}

function circuits(providers) {
  const unhealthy = providers.filter(p => p.health && p.health.circuit !== 'closed');
  if (!unhealthy.length) return h('p', { class: 'ok' }, `All ${providers.length} providers' circuits are closed.`);
  return table([
    { label: 'Provider', value: p => p.id },
    { label: 'Circuit', value: p => circuitBadge(p.health.circuit) },
    { label: 'Error rate', value: p => percent(p.health.error_rate), class: 'num' },
    { label: 'Last error', value: p => (p.health.last_error ? `${p.health.last_error.summary} at ${formatTime(p.health.last_error.at)}` : '—') },
    { label: 'Next probe', value: p => formatTime(p.health.next_probe_at) },
  ], unhealthy);
}

/** The newest alerts, a circuit's opening marked open while its provider's circuit still is. */
function alertList(alerts, providers) {
  if (!alerts.length) return h('p', { class: 'ok' }, 'No alert has been raised.');
  const open = new Set((providers || []).filter(p => p.health && p.health.circuit !== 'closed').map(p => p.id));
  return table([
    { label: 'When', value: a => formatTime(a.created_at) },
    { label: 'Alert', value: a => {
      const look = ALERTS[a.type] || { text: a.type, kind: '' };
      return h('span', { class: `badge ${look.kind}` }, look.text);
    } },
    { label: 'What', value: a => a.summary },
    { label: 'State', value: a => (a.type === 'circuit.opened' && open.has(a.data.provider)
      ? h('span', { class: 'badge error' }, 'open') : h('span', { class: 'muted' }, '—')) },
  ], alerts);
}

export const view = {
  name: 'Overview',
  path: 'overview',
  roles: ['admin', 'workspace_admin', 'member'],
  async render(main, ctx) {
    const { api, me } = ctx;
    const periodName = ctx.params.get('period') === 'day' ? 'day' : 'hour';
    const period = PERIODS[periodName];
    const updated = h('span', { class: 'muted', 'aria-live': 'polite' });
    const periodButtons = Object.entries(PERIODS).map(([name, p]) => {
      const b = button(p.label, () => ctx.navigate(`overview?period=${name}`), { kind: name === periodName ? 'primary' : 'plain' });
      b.setAttribute('aria-pressed', String(name === periodName));
      return b;
    });
    const body = h('div');
    main.append(h('div', { class: 'toolbar' }, h('h1', {}, 'Overview'), h('span', { class: 'spacer' }), updated,
      h('div', { role: 'group', 'aria-label': 'Period' }, periodButtons)), body);
    let charts = [];
    const clearCharts = () => {
      charts.forEach(c => c.destroy());
      charts = [];
    };
    const sees = me.role !== 'member';
    const budgetsCard = card('Budgets near their limit', h('p', { class: 'muted' }, 'Loading…'));

    async function load() {
      const from = new Date(Date.now() - period.buckets * period.seconds * 1000).toISOString();
      const [buckets, models, users, providers, alerts] = await Promise.all([
        api.get('/usage', { group_by: period.groupBy, from }),
        api.get('/usage', { group_by: 'model', from }),
        sees ? api.get('/usage', { group_by: 'user', from }) : null,
        sees ? api.get('/providers') : null,
        sees ? api.get('/alerts', { limit: RECENT_ALERTS }) : null,
      ]);
      const s = series(period, buckets.data, Date.now());
      const requests = sum(s.requests);
      const errors = sum(s.errors);
      const topUsers = users ? top(users.data) : [];
      const emails = new Map(await Promise.all(topUsers.map(async u => {
        try {
          return [u.group, (await api.get(`/users/${encodeURIComponent(u.group)}`)).email];
        } catch {
          return [u.group, u.group]; // a user since removed: its id
        }
      })));

      clearCharts();
      const requestsChart = card('Requests and errors');
      const costChart = card('Cost');
      const latencyChart = card('Latency');
      body.replaceChildren(
        h('div', { class: 'cards' },
          tile('Requests', formatInt(requests), period.label.toLowerCase()),
          tile('Errors', formatInt(errors), requests ? `${percent(errors / requests)} of requests` : 'no request'),
          tile('Cost', formatUsd(sum(s.cost)), period.label.toLowerCase()),
          providers ? tile('Open circuits', formatInt(providers.data.filter(p => p.health.circuit !== 'closed').length),
            `of ${providers.data.length} providers`) : null),
        alerts ? card('Recent alerts', alertList(alerts.data, providers && providers.data)) : null,
        h('div', { class: 'charts' }, requestsChart, costChart, latencyChart),
        h('div', { class: 'grid' },
          card('Top models by cost', topTable(top(models.data), 'Model', r => h('span', { class: 'mono' }, r.group))),
          sees ? card('Top users by cost', topTable(topUsers, 'User', r => emails.get(r.group))) : null),
        h('div', { class: 'grid' }, budgetsCard, providers ? card('Providers with open circuits', circuits(providers.data)) : null));
      charts.push(
        lineChart(requestsChart, { title: 'Requests and errors', times: s.times, unit: 'count',
          series: [{ label: 'Requests', values: s.requests }, { label: 'Errors', values: s.errors }] }),
        lineChart(costChart, { title: 'Cost', times: s.times, unit: 'usd', series: [{ label: 'Cost', values: s.cost }] }),
        lineChart(latencyChart, { title: 'Latency', times: s.times, unit: 'ms',
          series: [{ label: 'p50', values: s.p50 }, { label: 'p95', values: s.p95 }] }));
      updated.textContent = `Updated ${formatTime(new Date().toISOString())}`;
    }

    async function loadBudgets() {
      const found = await budgets(api, me);
      budgetsCard.replaceChildren(h('h2', {}, 'Budgets near their limit'), budgetList(found));
    }

    await load();
    // Budgets cost a call per owner: read once per visit, not on every refresh.
    await loadBudgets().catch(e => budgetsCard.replaceChildren(h('h2', {}, 'Budgets near their limit'),
      h('p', { class: 'error' }, e.message)));
    const timer = setInterval(() => load().catch(e => { updated.textContent = `Refresh failed: ${e.message}`; }), REFRESH_MS);
    return () => {
      clearInterval(timer);
      clearCharts();
    };
  },
};
