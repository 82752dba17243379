package io.keyroute.server.http;

import io.helidon.webserver.http.ServerRequest;
import io.keyroute.api.error.ClientError;
import io.keyroute.server.auth.Caller;
import io.keyroute.vault.VaultErrors;
import io.keyroute.vault.tenancy.Role;
import io.keyroute.vault.tenancy.Tenants;
import io.keyroute.vault.tenancy.User;

/** Who may do what on the management API: the admin token, a workspace admin, the user themself. */
final class ManagementAuth {
    private final ManagementCallers callers;
    private final Tenants tenants;

    ManagementAuth(ManagementCallers callers, Tenants tenants) {
        this.callers = callers;
        this.tenants = tenants;
    }

    Caller caller(ServerRequest req) {
        return callers.caller(req);
    }

    static String actor(Caller caller) {
        return caller.userId() != null ? caller.userId() : caller.keyId();
    }

    static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw VaultErrors.forbidden("Only the admin token may do this.");
        }
    }

    /** The user behind a Keyroute key; the admin token has none. */
    User user(Caller caller) {
        if (caller.userId() == null) {
            throw VaultErrors.forbidden("This endpoint acts for a user: call it with that user's Keyroute key.");
        }
        return tenants.user(caller.userId()).orElseThrow(() -> ClientError.unauthorized("The key's user no longer exists."));
    }

    /** The admin token, or an admin user of that workspace. Other callers see 403 (an unknown workspace, 404). */
    void requireWorkspaceAdmin(Caller caller, String workspaceId) {
        tenants.workspace(workspaceId).orElseThrow(() -> VaultErrors.notFound("workspace", workspaceId));
        if (caller.admin()) {
            return;
        }
        User user = user(caller);
        if (user.role() != Role.ADMIN || !user.workspaceId().equals(workspaceId)) {
            throw VaultErrors.forbidden("Only an admin of workspace '" + workspaceId + "' may do this.");
        }
    }
}
