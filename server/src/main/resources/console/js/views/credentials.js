import { h } from '../dom.js';

export const view = {
  name: 'Credentials',
  path: 'credentials',
  roles: ['admin', 'workspace_admin', 'member'],
  async render(main) {
    main.append(h('h1', {}, 'Credentials'), h('p', { class: 'muted' }, 'Credentials is being built.'));
  },
};
