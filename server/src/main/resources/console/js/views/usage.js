// Usage: the report grouped one way (the hash query keeps the grouping and the range), as a chart
// and a table, and the same rows as a CSV file.
import { h, table, field, button, formatUsd, formatInt, formatMs } from '../dom.js';
import { lineChart, barChart } from '../chart.js';
import { dateRange, withQuery } from '../parts/filters.js';
import { toCsv, download } from '../parts/csv.js';
import { directory } from '../parts/directory.js';

const GROUPS = ['provider', 'model', 'user', 'key', 'workspace', 'route', 'day'];
const FIELDS = ['group', 'requests', 'prompt_tokens', 'completion_tokens', 'cost_usd', 'errors', 'p50_ms', 'p95_ms',
  'cached_tokens', 'cached_share'];

/**
 * A group as a person reads it: a user's email or a workspace's name for its id; `(none)` for the
 * requests without one (a model named instead of a route, no provider reached). The CSV keeps ids.
 */
const groupNamer = who => r => (r.group === null ? '(none)' : who.name(r.group));

const columns = groupName => [
  { label: 'Group', value: groupName, class: 'mono' },
  { label: 'Requests', value: r => formatInt(r.requests), class: 'num' },
  { label: 'Prompt tokens', value: r => formatInt(r.prompt_tokens), class: 'num' },
  { label: 'Completion tokens', value: r => formatInt(r.completion_tokens), class: 'num' },
  { label: 'Cost', value: r => formatUsd(r.cost_usd), class: 'num' },
  { label: 'Errors', value: r => formatInt(r.errors), class: 'num' },
  { label: 'p50', value: r => formatMs(r.p50_ms), class: 'num' },
  { label: 'p95', value: r => formatMs(r.p95_ms), class: 'num' },
  // Of the prompt tokens, the share the providers read from their prompt cache.
  { label: 'Prompt cached', value: r => `${(Number(r.cached_share) * 100).toFixed(1)} %`, class: 'num' },
];

/** Cost per day over time; any other grouping as bars, one per group. */
function chart(container, groupBy, rows, groupName) {
  if (groupBy === 'day') {
    const days = [...rows].sort((x, y) => x.group.localeCompare(y.group));
    return lineChart(container, {
      times: days.map(r => Date.parse(`${r.group}T00:00:00Z`) / 1000),
      series: [{ label: 'Cost', values: days.map(r => Number(r.cost_usd)) }],
      unit: 'usd',
      title: 'Cost per day',
    });
  }
  return barChart(container, {
    labels: rows.map(groupName),
    series: [{ label: 'Cost', values: rows.map(r => Number(r.cost_usd)) }],
    unit: 'usd',
    title: `Cost by ${groupBy}`,
  });
}

export const view = {
  name: 'Usage',
  path: 'usage',
  roles: ['admin', 'workspace_admin', 'member'],
  async render(main, ctx) {
    const groupBy = GROUPS.includes(ctx.params.get('group_by')) ? ctx.params.get('group_by') : 'model';
    const range = dateRange(ctx.params);
    const [rows, who] = await Promise.all([ctx.api.get('/usage', { group_by: groupBy, ...range.values() }).then(r => r.data),
      directory(ctx.api, ctx.me)]);
    const groupName = groupNamer(who);

    const group = h('select', { name: 'group_by', value: groupBy }, GROUPS.map(g => h('option', { value: g }, g)));
    const apply = () => ctx.navigate(withQuery('usage', { group_by: group.value, ...range.values() }));
    group.addEventListener('change', apply);
    const form = h('form', { class: 'toolbar', 'aria-label': 'Usage filters', onsubmit: e => { e.preventDefault(); apply(); } },
      field('Group by', group), range.fields, button('Show', null, { kind: 'primary', type: 'submit' }),
      button('Export CSV', () => download(`keyroute-usage-by-${groupBy}.csv`, toCsv(FIELDS, rows)), { kind: 'plain' }));

    const plot = h('section', { class: 'card', 'aria-label': 'Chart' });
    main.classList.add('usage');
    main.append(h('h1', {}, 'Usage'), form, plot,
      h('section', { class: 'card' }, table(columns(groupName), rows, { empty: 'No requests in this range.' })));
    if (rows.length) {
      return chart(plot, groupBy, rows, groupName).destroy;
    }
    return undefined;
  },
};
