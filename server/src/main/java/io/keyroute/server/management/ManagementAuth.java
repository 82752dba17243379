package io.keyroute.server.management;

import io.helidon.webserver.http.ServerRequest;
import io.keyroute.api.error.ClientError;
import io.keyroute.server.auth.Caller;
import io.keyroute.usage.UsageScope;
import io.keyroute.vault.common.VaultErrors;
import io.keyroute.vault.tenancy.Role;
import io.keyroute.vault.tenancy.Tenants;
import io.keyroute.vault.tenancy.User;
import java.util.Optional;

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

    /** The user a path names: {@code me} is the caller's own; an unknown id is 404. */
    User named(Caller caller, String userId) {
        return "me".equals(userId) ? user(caller)
                : tenants.user(userId).orElseThrow(() -> VaultErrors.notFound("user", userId));
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

    /** Whose requests the caller sees: every one (admin token), their workspace's (workspace admin), their own. */
    UsageScope usageScope(Caller caller) {
        if (caller.admin()) {
            return UsageScope.ALL;
        }
        User user = user(caller);
        return user.role() == Role.ADMIN ? UsageScope.workspace(user.workspaceId()) : UsageScope.user(user.id());
    }

    /**
     * Which workspace's records the caller may read where only admins read: null (all) for the admin
     * token, a workspace admin's own; anyone else is refused with 403, told that only those two may
     * read {@code what}.
     */
    String adminReadScope(Caller caller, String what) {
        return caller.admin() ? null : workspaceAdmin(caller).map(User::workspaceId).orElseThrow(
                () -> VaultErrors.forbidden("Only the admin token and workspace admins may read " + what + "."));
    }

    /** The caller's user when it is a workspace admin; empty for the admin token and members. */
    Optional<User> workspaceAdmin(Caller caller) {
        if (caller.admin()) {
            return Optional.empty();
        }
        User user = user(caller);
        return user.role() == Role.ADMIN ? Optional.of(user) : Optional.empty();
    }

    /**
     * A user whose keys the caller may list, issue and change: the admin token's any user, a key's
     * own user. CONTRACT: nobody else, not even their workspace admin (403: a user's keys reach
     * their personal provider credentials). Any other caller sees 404, as if the user were absent.
     */
    User keyOwner(Caller caller, String userId) {
        User owner = named(caller, userId);
        if (caller.admin() || owner.id().equals(caller.userId())) {
            return owner;
        }
        if (workspaceAdmin(caller).filter(a -> a.workspaceId().equals(owner.workspaceId())).isPresent()) {
            throw VaultErrors.forbidden("Only the admin token and the user themself manage a user's keys.");
        }
        throw VaultErrors.notFound("user", userId);
    }
}
