// Tools: the tool calls through /mcp, newest first, live as Requests are (the newest page polled every 2 s while the
// view is shown), older pages with `Load more`; above them each tool's calls, errors and p50 latency over the last
// 24 hours, refreshed when new calls arrive. Arguments and results show only where the ledger kept them
// (mcp.record_content, redacted): their columns only when the first page has some.
import { h, table, formatInt, formatMs, formatTime } from '../dom.js';
import { feed, feedTable, live } from '../parts/feed.js';
import { directory } from '../parts/directory.js';

const POLL_MS = 2000;
const PAGE = 50;
const DAY_MS = 24 * 3600 * 1000;

/** The name a caller calls the tool by in /mcp. */
const toolName = c => `${c.server}__${c.tool}`;
const statusBadge = c => h('span', { class: `badge ${c.status === 'ok' ? 'ok' : 'error'}` }, c.status);

/** The user column for all but a member (who sees their own calls only); arguments and result where they were kept. */
function callColumns(who, showUser, showContent) {
  return [
    { label: 'Time', value: c => formatTime(c.at), class: 'nowrap' },
    { label: 'Call', value: c => c.id, class: 'mono' },
    showUser ? { label: 'User', value: c => who.name(c.user_id) } : null,
    { label: 'Key', value: c => c.key_id, class: 'mono' },
    { label: 'Tool', value: toolName, class: 'mono' },
    { label: 'Status', value: statusBadge },
    { label: 'Latency', value: c => formatMs(c.latency_ms), class: 'num' },
    { label: 'Bytes in / out', value: c => `${formatInt(c.request_bytes)} / ${formatInt(c.response_bytes)}`, class: 'num' },
    showContent ? { label: 'Arguments', value: c => c.arguments ?? '', class: 'content' } : null,
    showContent ? { label: 'Result', value: c => c.result ?? '', class: 'content' } : null,
  ].filter(Boolean);
}

const TOTAL_COLUMNS = [
  { label: 'Tool', value: toolName, class: 'mono' },
  { label: 'Calls', value: t => formatInt(t.calls), class: 'num' },
  { label: 'Errors', value: t => formatInt(t.errors), class: 'num' },
  { label: 'p50', value: t => formatMs(t.p50_ms), class: 'num' },
];

export const view = {
  name: 'Tools',
  path: 'tools',
  roles: ['admin', 'workspace_admin', 'member'],
  async render(main, ctx) {
    const who = await directory(ctx.api, ctx.me);
    const list = feed(query => ctx.api.get('/mcp/calls', query), PAGE);
    const totals = h('div', {});
    const showTotals = async () => {
      const from = new Date(Date.now() - DAY_MS).toISOString();
      const rows = (await ctx.api.get('/mcp/calls/totals', { from })).data;
      totals.replaceChildren(table(TOTAL_COLUMNS, rows, { empty: 'No tool calls in the last 24 hours.' }));
    };
    await Promise.all([list.newest(), showTotals()]);

    // mcp.record_content holds for every call while it is on: the first page says whether there is content to show.
    const recorded = list.rows().some(c => c.arguments !== null || c.result !== null);
    const rows = feedTable(list, callColumns(who, ctx.me.role !== 'member', recorded), { empty: 'No tool calls yet.' });
    const updates = h('p', { class: 'muted' });
    main.classList.add('tools');
    main.append(h('h1', {}, 'Tools'),
      h('section', { 'aria-label': 'Totals per tool' }, h('h2', {}, 'Last 24 hours'), totals),
      h('section', { 'aria-label': 'Tool calls' }, h('h2', {}, 'Calls'), updates, rows.node));
    return live(list, rows, updates, POLL_MS, showTotals);
  },
};
