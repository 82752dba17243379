package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.vault.keys.ApiKeys;
import io.keyroute.vault.tenancy.Role;
import io.keyroute.vault.tenancy.Tenants;
import io.keyroute.vault.tenancy.User;

/**
 * {@code GET /me}: who the caller is, so a client (the console) can show what this caller may use:
 * {@code {"role":"admin"}} for the admin token; for a Keyroute key its role ({@code workspace_admin}
 * or {@code member}), user, workspace and the key itself (masked, never its value).
 */
final class MeService implements HttpService {
    private final ManagementAuth auth;
    private final Tenants tenants;
    private final ApiKeys keys;

    MeService(ManagementAuth auth, Tenants tenants, ApiKeys keys) {
        this.auth = auth;
        this.tenants = tenants;
        this.keys = keys;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/me", ManagementCall.of(this::me));
    }

    private void me(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        ObjectNode me = Json.MAPPER.createObjectNode();
        if (caller.admin()) {
            JsonOut.send(res, 200, me.put("role", "admin"));
            return;
        }
        User user = auth.user(caller);
        me.put("role", user.role() == Role.ADMIN ? "workspace_admin" : "member");
        me.set("user", ManagementJson.user(user));
        tenants.workspace(user.workspaceId()).ifPresent(w -> me.set("workspace", ManagementJson.workspace(w)));
        keys.find(caller.keyId()).ifPresent(k -> me.set("key", ManagementJson.key(k)));
        JsonOut.send(res, 200, me);
    }
}
