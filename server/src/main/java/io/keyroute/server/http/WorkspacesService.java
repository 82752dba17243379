package io.keyroute.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.server.auth.Caller;
import io.keyroute.vault.tenancy.Tenants;

/** {@code POST /workspaces} (admin) and {@code POST /workspaces/{ws}/users} (admin, workspace admin). */
final class WorkspacesService implements HttpService {
    private final ManagementAuth auth;
    private final Tenants tenants;

    WorkspacesService(ManagementAuth auth, Tenants tenants) {
        this.auth = auth;
        this.tenants = tenants;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/workspaces", ManagementCall.of(this::createWorkspace))
                .post("/workspaces/{ws}/users", ManagementCall.of(this::createUser));
    }

    private void createWorkspace(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        ManagementAuth.requireAdmin(caller);
        ObjectNode body = ManagementJson.body(req);
        var workspace = tenants.createWorkspace(ManagementAuth.actor(caller), ManagementJson.text(body, "name"),
                ManagementJson.text(body, "plan"));
        JsonOut.send(res, 201, ManagementJson.workspace(workspace));
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
}
