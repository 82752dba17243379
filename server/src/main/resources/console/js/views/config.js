// Config: the run-time sections as they run (admin token only), where each comes from (the file,
// or the database, which replaces the file's section whole), and an editor for one section: its
// YAML as written in the file, saved with the version it was read at (the API's 409 and 422, with
// the validator's problems, shown in the form). "Use the file's" deletes the stored section.
import { h, table, clear, formatTime } from '../dom.js';
import { confirmAction } from '../parts/confirm.js';
import { actions, attempt, formPanel, rowAction, statusArea } from '../parts/forms.js';

/** What the editor starts from: the stored text, else the running section as YAML's JSON form (secrets masked). */
const draft = s => s.content ?? `${s.section}: ${JSON.stringify(s.effective, null, 2)}\n`;

export const view = {
  name: 'Config',
  path: 'config',
  roles: ['admin'],
  async render(main, ctx) {
    const status = statusArea();
    const panel = formPanel(status);
    const list = h('div');

    async function reload() {
      const config = await ctx.api.get('/config');
      clear(list);
      list.append(table(columns(), config.sections));
    }

    function columns() {
      return [
        { label: 'Section', value: s => s.section, class: 'mono' },
        { label: 'Source', value: s => h('span', { class: 'badge' }, s.source) },
        { label: 'Version', value: s => (s.source === 'database' ? String(s.version) : '—'), class: 'num' },
        { label: 'Changed by', value: s => s.updated_by ?? '' },
        { label: 'Changed', value: s => (s.updated_at ? formatTime(s.updated_at) : '') },
        { label: 'Actions', value: s => actions(
          rowAction('Edit', s.section, () => edit(s.section)),
          s.source === 'database' ? rowAction('Use the file\'s', s.section, () => useFile(s), 'danger') : null) },
      ];
    }

    async function edit(name) {
      const s = await ctx.api.get(`/config/${name}`);
      const text = h('textarea', { rows: 16, cols: 80, spellcheck: 'false', class: 'mono', 'aria-label': `${name} YAML` });
      text.value = draft(s);
      panel.open(`Edit ${name}`, [text], 'Save', async () => {
        const saved = await ctx.api.put(`/config/${name}`, { content: text.value, version: s.version });
        await reload();
        return `Saved ${name} (version ${saved.version}); every replica applies it within a second.`;
      });
    }

    async function useFile(s) {
      const sure = await confirmAction(`Delete the stored ${s.section}? The config file's ${s.section} applies again.`,
        'Delete stored section');
      if (!sure) return;
      panel.close();
      await attempt(status, async () => {
        await ctx.api.del(`/config/${s.section}?version=${s.version}`);
        await reload();
        return `${s.section} is the file's again.`;
      });
    }

    await reload();
    main.append(h('h1', {}, 'Config'),
      h('p', { class: 'muted' }, 'A section stored here replaces the config file\'s section of that name, whole; '
        + 'a section not stored is the file\'s. Secrets are ${VAR} references, never values.'),
      status, panel.element, list);
  },
};
