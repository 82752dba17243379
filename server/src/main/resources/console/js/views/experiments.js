// Experiments: each configured A/B experiment's arms side by side (the hash query keeps the range),
// every number as the API gives it, an interval as "value (low – high)", and each arm against the
// first only where the 95% interval of the difference allows a statement.
import { h, table, button, formatUsd, formatInt, formatMs } from '../dom.js';
import { dateRange, withQuery } from '../parts/filters.js';

const NONE = '—';

const percent = x => `${(Number(x) * 100).toFixed(2)} %`;

/** A rate or a mean with its 95% interval, or a dash when there is too little to say. */
const interval = (i, format) => (i === null || i === undefined ? NONE
  : `${format(i.value)} (${format(i.low)} – ${format(i.high)})`);

const VERDICT = { higher: 'higher', lower: 'lower', inconclusive: 'no clear difference' };

/** "error rate lower, cost per request higher" against the first arm; the first arm is the baseline. */
function versus(arm) {
  const v = arm.versus_first;
  if (v === null || v === undefined) return 'baseline';
  return `error rate ${VERDICT[v.error_rate] || v.error_rate}, cost per request ${VERDICT[v.cost_per_request] || v.cost_per_request}`;
}

const columns = [
  { label: 'Arm', value: a => a.arm, class: 'mono' },
  { label: 'Weight', value: a => (a.weight === null ? 'retired' : formatInt(a.weight)), class: 'num' },
  { label: 'Requests', value: a => formatInt(a.requests), class: 'num' },
  { label: 'Errors', value: a => formatInt(a.errors), class: 'num' },
  { label: 'Error rate (95% CI)', value: a => interval(a.error_rate, percent), class: 'num' },
  { label: 'p50', value: a => (a.requests ? formatMs(a.p50_ms) : NONE), class: 'num' },
  { label: 'p95', value: a => (a.requests ? formatMs(a.p95_ms) : NONE), class: 'num' },
  { label: 'Prompt tokens', value: a => formatInt(a.prompt_tokens), class: 'num' },
  { label: 'Completion tokens', value: a => formatInt(a.completion_tokens), class: 'num' },
  { label: 'Cost', value: a => formatUsd(a.cost_usd), class: 'num' },
  { label: 'Cost per request (95% CI)', value: a => interval(a.cost_per_request_usd, formatUsd), class: 'num' },
  { label: 'Against the first arm', value: versus },
];

function experiment(e) {
  return h('section', { class: 'card', 'aria-label': `Experiment ${e.name}` },
    h('h2', {}, e.name),
    h('p', { class: 'muted' }, `Route ${e.route}: its traffic split between the arms by weight, each user kept on one arm.`),
    table(columns, e.arms));
}

export const view = {
  name: 'Experiments',
  path: 'experiments',
  roles: ['admin', 'workspace_admin'],
  async render(main, ctx) {
    const range = dateRange(ctx.params);
    const experiments = (await ctx.api.get('/experiments', range.values())).data;
    const apply = () => ctx.navigate(withQuery('experiments', range.values()));
    const form = h('form', { class: 'toolbar', 'aria-label': 'Experiment filters', onsubmit: e => { e.preventDefault(); apply(); } },
      range.fields, button('Show', null, { kind: 'primary', type: 'submit' }));
    main.append(h('h1', {}, 'Experiments'), form, ...(experiments.length ? experiments.map(experiment)
      : [h('p', { class: 'muted empty' }, 'No experiment is configured (the config\'s experiments: section).')]));
  },
};
