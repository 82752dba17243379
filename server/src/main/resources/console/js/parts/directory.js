// Names for the ids the API answers with (usr_…, ws_…): the workspaces and users the caller may
// list (the admin token: all; a workspace admin: theirs; a member: only themself).

/** `{workspaces: [{…workspace, users}], name(id), id(nameOrId)}`. */
export async function directory(api, me) {
  let workspaces;
  if (me.role === 'admin') {
    workspaces = (await api.get('/workspaces')).data;
  } else {
    workspaces = me.workspace ? [me.workspace] : [];
  }
  const members = me.role === 'member'
    ? [[me.user]]
    : await Promise.all(workspaces.map(async ws => (await api.get(`/workspaces/${encodeURIComponent(ws.id)}/users`)).data));
  const listed = workspaces.map((ws, i) => ({ ...ws, users: members[i] || [] }));
  const names = new Map();
  listed.forEach(ws => {
    names.set(ws.id, ws.name);
    ws.users.forEach(u => names.set(u.id, u.email));
  });
  const ids = new Map([...names].map(([id, name]) => [name, id]));
  return {
    workspaces: listed,
    /** The email or workspace name behind `id`, else the id itself. */
    name: id => names.get(id) ?? id ?? '',
    /** The id a typed email or workspace name stands for; anything else as typed. */
    id: text => ids.get(text) ?? text,
  };
}
