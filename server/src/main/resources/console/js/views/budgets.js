import { h } from '../dom.js';

export const view = {
  name: 'Budgets',
  path: 'budgets',
  roles: ['admin', 'workspace_admin'],
  async render(main) {
    main.append(h('h1', {}, 'Budgets'), h('p', { class: 'muted' }, 'Budgets is being built.'));
  },
};
