package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.vault.common.VaultErrors;
import io.keyroute.vault.tenancy.TenantChanges;
import io.keyroute.vault.tenancy.User;

/**
 * A user: read ({@code GET /users/{user}}: admin, their workspace's admin, themself; {@code me}
 * names the caller), change role ({@code PATCH}) and deactivate ({@code DELETE}): admin, their
 * workspace's admin. A deactivated user's keys stop working at once.
 */
final class UsersService implements HttpService {
    private final ManagementAuth auth;
    private final TenantChanges changes;

    UsersService(ManagementAuth auth, TenantChanges changes) {
        this.auth = auth;
        this.changes = changes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/users/{user}", ManagementCall.of(this::get))
                .patch("/users/{user}", ManagementCall.of(this::update))
                .delete("/users/{user}", ManagementCall.of(this::deactivate));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        User user = userOf(req, caller);
        if (!user.id().equals(caller.userId())) {
            auth.requireWorkspaceAdmin(caller, user.workspaceId());
        }
        JsonOut.send(res, 200, ManagementJson.user(user));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        User user = userOf(req, caller);
        auth.requireWorkspaceAdmin(caller, user.workspaceId());
        ObjectNode body = ManagementJson.body(req);
        String role = ManagementJson.text(body, "role");
        if (role == null) {
            throw VaultErrors.badRequest("role is required: 'admin' or 'member'.", "role");
        }
        JsonOut.send(res, 200, ManagementJson.user(changes.changeRole(ManagementAuth.actor(caller), user.id(), role)));
    }

    private void deactivate(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        User user = userOf(req, caller);
        auth.requireWorkspaceAdmin(caller, user.workspaceId());
        changes.deactivateUser(ManagementAuth.actor(caller), user.id());
        res.status(Status.NO_CONTENT_204).send();
    }

    private User userOf(ServerRequest req, Caller caller) {
        return auth.named(caller, req.path().pathParameters().get("user"));
    }
}
