import { h } from '../dom.js';

export const view = {
  name: 'Workspaces',
  path: 'workspaces',
  roles: ['admin', 'workspace_admin'],
  async render(main) {
    main.append(h('h1', {}, 'Workspaces'), h('p', { class: 'muted' }, 'Workspaces is being built.'));
  },
};
