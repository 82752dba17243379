import { h } from '../dom.js';

export const view = {
  name: 'Playground',
  path: 'playground',
  roles: ['admin', 'workspace_admin', 'member'],
  async render(main) {
    main.append(h('h1', {}, 'Playground'), h('p', { class: 'muted' }, 'Playground is being built.'));
  },
};
