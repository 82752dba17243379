import { h } from '../dom.js';

export const view = {
  name: 'Audit',
  path: 'audit',
  roles: ['admin', 'workspace_admin'],
  async render(main) {
    main.append(h('h1', {}, 'Audit'), h('p', { class: 'muted' }, 'Audit is being built.'));
  },
};
