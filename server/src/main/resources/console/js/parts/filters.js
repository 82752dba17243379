// Filters kept in the view's hash query (`#/usage?group_by=model&from=…`), so a reload or a shared
// link shows the same thing.
import { h, field } from '../dom.js';

/** `path?query` for ctx.navigate, without the empty entries. */
export function withQuery(path, query) {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v)).toString();
  return search ? `${path}?${search}` : path;
}

/** `From` and `To` date inputs filled from the hash query; `to` is inclusive (the API reads a date as its whole day). */
export function dateRange(params) {
  const from = h('input', { type: 'date', name: 'from', value: params.get('from') || '' });
  const to = h('input', { type: 'date', name: 'to', value: params.get('to') || '' });
  return {
    fields: [field('From', from), field('To', to)],
    values: () => ({ from: from.value, to: to.value }),
  };
}
