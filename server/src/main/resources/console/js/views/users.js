import { h } from '../dom.js';

export const view = {
  name: 'Users',
  path: 'users',
  roles: ['admin', 'workspace_admin'],
  async render(main) {
    main.append(h('h1', {}, 'Users'), h('p', { class: 'muted' }, 'Users is being built.'));
  },
};
