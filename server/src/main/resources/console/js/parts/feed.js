// A newest-first listing paged with `before` (GET /api/v1/requests, /api/v1/mcp/calls, /api/v1/audit): the rows
// seen so far, `Load more` for older ones, and the newest page merged on top for live views.
import { h, table, button, notice } from '../dom.js';
import { statusArea, attempt } from './forms.js';

/**
 * @param load (query) => Promise<{data, has_more}>; the query it is given holds limit and before
 * @param limit rows per page
 */
export function feed(load, limit) {
  let rows = [];
  let ids = new Set();
  let hasMore = false;

  function keep(items) {
    const fresh = items.filter(r => !ids.has(r.id));
    fresh.forEach(r => ids.add(r.id));
    return fresh;
  }

  return {
    rows: () => rows,
    hasMore: () => hasMore,
    /**
     * The newest page's rows not yet shown, on top. A page with none of the shown rows means more
     * than a page arrived since: it replaces them, so the list never has a hidden gap.
     */
    async newest() {
      const page = await load({ limit });
      if (rows.length === 0 || !page.data.some(r => ids.has(r.id))) {
        rows = [];
        ids = new Set();
        hasMore = page.has_more;
      }
      const fresh = keep(page.data);
      rows = fresh.concat(rows);
      return fresh.length;
    },
    /** The page older than the oldest row shown. */
    async older() {
      const page = await load({ limit, before: rows[rows.length - 1].id });
      hasMore = page.has_more;
      rows = rows.concat(keep(page.data));
    },
  };
}

/** The feed's rows that pass `filter` as a table, and `Load more` while older rows exist. */
export function feedTable(list, columns, { empty, filter = () => true }) {
  const rows = h('div', {});
  const problem = statusArea();
  const more = button('Load more', () => attempt(problem, async () => {
    await list.older();
    show();
  }), { kind: 'plain' });
  function show() {
    rows.replaceChildren(table(columns, list.rows().filter(filter), { empty }));
    more.hidden = !list.hasMore();
  }
  show();
  return { node: h('div', { class: 'feed' }, rows, problem, more), show };
}

/**
 * Keeps a shown feed live: its newest page polled every `everyMs`, one poll at a time (the next is set only once
 * the last answered); new rows are shown and `changed` is told of them. `status` says when the feed was last
 * updated, or why updates paused. Returns what stops it: the view's cleanup.
 */
export function live(list, rows, status, everyMs, changed = async () => {}) {
  let stopped = false;
  let timer;
  const poll = async () => {
    try {
      if (await list.newest() > 0) {
        rows.show();
        await changed();
      }
      status.replaceChildren(`Live: updated ${new Date().toISOString().slice(11, 19)} UTC`);
    } catch (e) {
      status.replaceChildren(notice(`Live updates paused: ${e.message}`, 'error'));
    }
    if (!stopped) {
      timer = setTimeout(poll, everyMs);
    }
  };
  timer = setTimeout(poll, everyMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
