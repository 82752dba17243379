// Audit: the audit trail newest first, filtered by actor, action, target and dates (kept in the
// hash query, ids there; emails and workspace names in the inputs and the table), a page at a
// time with `Load more`.
import { h, field, button, formatTime } from '../dom.js';
import { feed, feedTable } from '../parts/feed.js';
import { dateRange, withQuery } from '../parts/filters.js';
import { directory } from '../parts/directory.js';

const PAGE = 50;
/** The text filters; `named` ones hold an id the page shows by name. */
const TEXT_FILTERS = [['actor', 'Actor', true], ['action', 'Action', false], ['target', 'Target', true]];

function columns(who) {
  return [
    { label: 'Time', value: e => formatTime(e.at), class: 'nowrap' },
    { label: 'Actor', value: e => who.name(e.actor) },
    { label: 'Action', value: e => h('span', { class: 'badge' }, e.action) },
    { label: 'Target', value: e => who.name(e.target) },
    { label: 'Workspace', value: e => who.name(e.workspace_id) },
    { label: 'Detail', value: e => e.detail ?? '', class: 'mono' },
  ];
}

export const view = {
  name: 'Audit',
  path: 'audit',
  roles: ['admin', 'workspace_admin'],
  async render(main, ctx) {
    const who = await directory(ctx.api, ctx.me);
    const inputs = Object.fromEntries(TEXT_FILTERS.map(([name, , named]) => {
      const kept = ctx.params.get(name) || '';
      return [name, h('input', { type: 'search', name, value: named ? who.name(kept) : kept })];
    }));
    const range = dateRange(ctx.params);
    const filters = () => ({
      ...Object.fromEntries(TEXT_FILTERS.map(([name, , named]) => {
        const typed = inputs[name].value.trim();
        return [name, named ? who.id(typed) : typed];
      })),
      ...range.values(),
    });
    const applied = filters();
    const list = feed(query => ctx.api.get('/audit', { ...applied, ...query }), PAGE);
    await list.newest();

    const rows = feedTable(list, columns(who), { empty: 'No audit events match.' });
    main.classList.add('audit');
    main.append(h('h1', {}, 'Audit'),
      h('form', { class: 'toolbar', role: 'search', 'aria-label': 'Filter audit events',
        onsubmit: e => { e.preventDefault(); ctx.navigate(withQuery('audit', filters())); } },
      TEXT_FILTERS.map(([name, label]) => field(label, inputs[name])), range.fields,
      button('Filter', null, { kind: 'primary', type: 'submit' })),
      rows.node);
  },
};
