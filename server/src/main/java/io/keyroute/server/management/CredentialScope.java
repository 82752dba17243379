package io.keyroute.server.management;

import io.helidon.webserver.http.ServerRequest;
import io.keyroute.server.auth.Caller;
import io.keyroute.vault.credentials.Owner;

/**
 * Whose credentials a request is about, and who asks: the user's own under {@code /users/me/…},
 * a workspace's under {@code /workspaces/{ws}/…} (its admins and the admin token).
 */
record CredentialScope(Owner owner, String workspaceId, String actor) {

    static CredentialScope of(ManagementAuth auth, ServerRequest req) {
        Caller caller = auth.caller(req);
        var workspaceId = req.path().pathParameters().first("ws");
        if (workspaceId.isPresent()) {
            auth.requireWorkspaceAdmin(caller, workspaceId.get());
            return new CredentialScope(Owner.workspace(workspaceId.get()), workspaceId.get(), ManagementAuth.actor(caller));
        }
        var user = auth.user(caller);
        return new CredentialScope(Owner.user(user.id()), user.workspaceId(), user.id());
    }
}
