import { h } from '../dom.js';

export const view = {
  name: 'Keys',
  path: 'keys',
  roles: ['admin', 'workspace_admin', 'member'],
  async render(main) {
    main.append(h('h1', {}, 'Keys'), h('p', { class: 'muted' }, 'Keys is being built.'));
  },
};
