import { h } from '../dom.js';

export const view = {
  name: 'Providers',
  path: 'providers',
  roles: ['admin', 'workspace_admin'],
  async render(main) {
    main.append(h('h1', {}, 'Providers'), h('p', { class: 'muted' }, 'Providers is being built.'));
  },
};
