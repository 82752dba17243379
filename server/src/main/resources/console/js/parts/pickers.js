// What the admin token chooses before a view can show anything: a workspace, then perhaps a user.
// The choice lives in the view's hash query (#/users?workspace=ws_…), so reloading keeps it.
import { field } from '../dom.js';
import { select } from './forms.js';

/**
 * The item `param` names among `items` (the first when it names none) and a labelled select that
 * re-opens `path` with another; `resets` are query parameters that depend on this one and are dropped.
 */
export function choose(ctx, { path, label, param, items, describe, resets = [] }) {
  const chosen = items.find(item => item.id === ctx.params.get(param)) ?? items[0] ?? null;
  const control = select(items.map(item => [item.id, describe(item)]), chosen?.id);
  control.addEventListener('change', () => {
    const query = new URLSearchParams(ctx.params);
    query.set(param, control.value);
    resets.forEach(name => query.delete(name));
    ctx.navigate(`${path}?${query}`);
  });
  return { chosen, control: field(label, control) };
}

/** The admin token's choice of workspace for the view at `path` (see {@link choose}). */
export async function chooseWorkspace(ctx, path, resets = []) {
  const { data } = await ctx.api.get('/workspaces');
  return choose(ctx, { path, label: 'Workspace', param: 'workspace', items: data, resets,
    describe: w => `${w.name} (${w.plan})` });
}

/** The admin token's choice of a user of `workspace` for the view at `path`. */
export async function chooseUser(ctx, path, workspace) {
  const { data } = await ctx.api.get(`/workspaces/${encodeURIComponent(workspace.id)}/users`);
  return choose(ctx, { path, label: 'User', param: 'user', items: data, describe: u => `${u.email} (${u.role})` });
}
