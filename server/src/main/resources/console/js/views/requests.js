import { h } from '../dom.js';

export const view = {
  name: 'Requests',
  path: 'requests',
  roles: ['admin', 'workspace_admin', 'member'],
  async render(main) {
    main.append(h('h1', {}, 'Requests'), h('p', { class: 'muted' }, 'Requests is being built.'));
  },
};
