import { h } from '../dom.js';

export const view = {
  name: 'Usage',
  path: 'usage',
  roles: ['admin', 'workspace_admin', 'member'],
  async render(main) {
    main.append(h('h1', {}, 'Usage'), h('p', { class: 'muted' }, 'Usage is being built.'));
  },
};
