// Requests: the latest requests, newest first, live (the newest page polled every 2 s while the
// view is shown), filtered in the page by model, status and user, older pages with `Load more`.
import { h, field, formatUsd, formatInt, formatMs, formatTime } from '../dom.js';
import { feed, feedTable, live } from '../parts/feed.js';
import { directory } from '../parts/directory.js';

const POLL_MS = 2000;
const PAGE = 50;

const STATUSES = {
  any: () => true,
  ok: r => r.status >= 200 && r.status < 300,
  client: r => r.status >= 400 && r.status < 500,
  upstream: r => r.status >= 500,
};

/** What was asked for and, when it differs (a route, an alias, a fallback), what served it. */
const served = r => (r.provider ? `${r.provider}/${r.model}` : '');
const modelText = r => (served(r) && served(r) !== r.requested_model ? `${r.requested_model} → ${served(r)}` : r.requested_model ?? '');

function columns(who, showUser) {
  return [
    { label: 'Time', value: r => formatTime(r.at), class: 'nowrap' },
    { label: 'Request', value: r => r.id, class: 'mono' },
    showUser ? { label: 'User', value: r => who.name(r.user_id) } : null,
    { label: 'Model', value: modelText, class: 'mono' },
    { label: 'Route reason', value: r => r.route_reason ?? '', class: 'reason' },
    { label: 'Guardrails', value: r => r.guardrails ?? '', class: 'reason' },
    { label: 'Status', value: r => h('span', { class: `badge ${r.status < 400 ? 'ok' : 'error'}` }, `${r.status} ${r.outcome}`) },
    { label: 'Tokens', value: r => `${formatInt(r.prompt_tokens)} / ${formatInt(r.completion_tokens)}`, class: 'num' },
    { label: 'Cost', value: r => (r.cost_usd === null ? '' : `${formatUsd(r.cost_usd)}${r.estimated ? ' (est.)' : ''}`), class: 'num' },
    { label: 'Latency', value: r => formatMs(r.latency_ms), class: 'num' },
    { label: 'TTFT', value: r => (r.ttft_ms === null ? '' : formatMs(r.ttft_ms)), class: 'num' },
  ].filter(Boolean);
}

const contains = (value, part) => String(value ?? '').toLowerCase().includes(part.trim().toLowerCase());

export const view = {
  name: 'Requests',
  path: 'requests',
  roles: ['admin', 'workspace_admin', 'member'],
  async render(main, ctx) {
    const who = await directory(ctx.api, ctx.me);
    const list = feed(query => ctx.api.get('/requests', query), PAGE);
    await list.newest();

    const model = h('input', { type: 'search', name: 'model', placeholder: 'gpt-4o' });
    const user = h('input', { type: 'search', name: 'user', placeholder: 'email or id' });
    const status = h('select', { name: 'status' }, h('option', { value: 'any' }, 'any'), h('option', { value: 'ok' }, '2xx'),
      h('option', { value: 'client' }, '4xx'), h('option', { value: 'upstream' }, '5xx'));
    const updates = h('p', { class: 'muted' });
    const shown = r => STATUSES[status.value](r) && contains(modelText(r), model.value)
      && (contains(r.user_id, user.value) || contains(who.name(r.user_id), user.value));
    const showUser = ctx.me.role !== 'member';
    const rows = feedTable(list, columns(who, showUser), { empty: 'No requests match.', filter: shown });
    [model, user].forEach(i => i.addEventListener('input', rows.show));
    status.addEventListener('change', rows.show);

    main.classList.add('requests');
    main.append(h('h1', {}, 'Requests'),
      h('div', { class: 'toolbar', role: 'search', 'aria-label': 'Filter requests' },
        field('Model', model), field('Status', status), showUser ? field('User', user) : ''),
      updates, rows.node);

    return live(list, rows, updates, POLL_MS);
  },
};
