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
import io.keyroute.vault.tenancy.Tenants;
import io.keyroute.vault.tenancy.User;
import java.util.List;

/**
 * Workspaces: create, rename or re-plan, deactivate (admin); list and read (admin; a workspace
 * admin, their own); their users: add and list (admin, the workspace's admin).
 */
final class WorkspacesService implements HttpService {
    private final ManagementAuth auth;
    private final Tenants tenants;
    private final TenantChanges changes;

    WorkspacesService(ManagementAuth auth, Tenants tenants, TenantChanges changes) {
        this.auth = auth;
        this.tenants = tenants;
        this.changes = changes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/workspaces", ManagementCall.of(this::createWorkspace))
                .get("/workspaces", ManagementCall.of(this::listWorkspaces))
                .get("/workspaces/{ws}", ManagementCall.of(this::getWorkspace))
                .patch("/workspaces/{ws}", ManagementCall.of(this::updateWorkspace))
                .delete("/workspaces/{ws}", ManagementCall.of(this::deactivateWorkspace))
                .post("/workspaces/{ws}/users", ManagementCall.of(this::createUser))
                .get("/workspaces/{ws}/users", ManagementCall.of(this::listUsers));
    }

    private void createWorkspace(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        ManagementAuth.requireAdmin(caller);
        ObjectNode body = ManagementJson.body(req);
        var workspace = tenants.createWorkspace(ManagementAuth.actor(caller), ManagementJson.text(body, "name"),
                ManagementJson.text(body, "plan"));
        JsonOut.send(res, 201, ManagementJson.workspace(workspace));
    }

    private void listWorkspaces(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        var visible = caller.admin() ? tenants.workspaces() : List.of(tenants.workspace(ownWorkspace(caller)).orElseThrow());
        JsonOut.send(res, 200, ManagementJson.list(visible.stream().map(ManagementJson::workspace).toList()));
    }

    private void getWorkspace(ServerRequest req, ServerResponse res) {
        String ws = req.path().pathParameters().get("ws");
        auth.requireWorkspaceAdmin(auth.caller(req), ws);
        JsonOut.send(res, 200, ManagementJson.workspace(tenants.workspace(ws).orElseThrow()));
    }

    private void updateWorkspace(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        ManagementAuth.requireAdmin(caller);
        ObjectNode body = ManagementJson.body(req);
        var workspace = changes.updateWorkspace(ManagementAuth.actor(caller), req.path().pathParameters().get("ws"),
                ManagementJson.text(body, "name"), ManagementJson.text(body, "plan"));
        JsonOut.send(res, 200, ManagementJson.workspace(workspace));
    }

    private void deactivateWorkspace(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        ManagementAuth.requireAdmin(caller);
        changes.deactivateWorkspace(ManagementAuth.actor(caller), req.path().pathParameters().get("ws"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void createUser(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        String workspaceId = req.path().pathParameters().get("ws");
        auth.requireWorkspaceAdmin(caller, workspaceId);
        ObjectNode body = ManagementJson.body(req);
        var user = tenants.createUser(ManagementAuth.actor(caller), workspaceId, ManagementJson.text(body, "email"),
                ManagementJson.text(body, "role"));
        JsonOut.send(res, 201, ManagementJson.user(user));
    }

    private void listUsers(ServerRequest req, ServerResponse res) {
        String workspaceId = req.path().pathParameters().get("ws");
        auth.requireWorkspaceAdmin(auth.caller(req), workspaceId);
        JsonOut.send(res, 200, ManagementJson.list(tenants.users(workspaceId).stream().map(ManagementJson::user).toList()));
    }

    /** A workspace admin's own workspace; anyone else but the admin token is refused. */
    private String ownWorkspace(Caller caller) {
        return auth.workspaceAdmin(caller).map(User::workspaceId).orElseThrow(() -> VaultErrors.forbidden(
                "Only the admin token and workspace admins may list workspaces."));
    }
}
