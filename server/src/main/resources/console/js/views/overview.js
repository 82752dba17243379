import { h } from '../dom.js';

export const view = {
  name: 'Overview',
  path: 'overview',
  roles: ['admin', 'workspace_admin', 'member'],
  async render(main) {
    main.append(h('h1', {}, 'Overview'), h('p', { class: 'muted' }, 'Overview is being built.'));
  },
};
