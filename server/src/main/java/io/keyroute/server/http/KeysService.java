package io.keyroute.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.server.auth.Caller;
import io.keyroute.vault.VaultErrors;
import io.keyroute.vault.keys.ApiKey;
import io.keyroute.vault.keys.ApiKeys;
import io.keyroute.vault.keys.KeyRequest;
import io.keyroute.vault.tenancy.Role;
import io.keyroute.vault.tenancy.Tenants;
import io.keyroute.vault.tenancy.User;

/** Keyroute keys: issue ({@code POST /users/{user}/keys}), list own, revoke. */
final class KeysService implements HttpService {
    private final ManagementAuth auth;
    private final Tenants tenants;
    private final ApiKeys keys;

    KeysService(ManagementAuth auth, Tenants tenants, ApiKeys keys) {
        this.auth = auth;
        this.tenants = tenants;
        this.keys = keys;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/users/me/keys", ManagementCall.of(this::listOwn))
                .post("/users/{user}/keys", ManagementCall.of(this::issue))
                .delete("/keys/{id}", ManagementCall.of(this::revoke));
    }

    private void issue(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        String userId = req.path().pathParameters().get("user");
        User user = "me".equals(userId) ? auth.user(caller) : manageable(caller, userId);
        ObjectNode body = ManagementJson.body(req);
        var request = new KeyRequest(ManagementJson.text(body, "name"), ManagementJson.positiveInt(body, "rpm"),
                ManagementJson.positiveInt(body, "tpm"), ManagementJson.positiveUsd(body, "budget_usd"),
                ManagementJson.strings(body, "models"));
        var issued = keys.issue(ManagementAuth.actor(caller), user.id(), user.workspaceId(), request);
        JsonOut.send(res, 201, ManagementJson.issued(issued));
    }

    private void listOwn(ServerRequest req, ServerResponse res) {
        User user = auth.user(auth.caller(req));
        JsonOut.send(res, 200, ManagementJson.list(keys.listForUser(user.id()).stream().map(ManagementJson::key).toList()));
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        String id = req.path().pathParameters().get("id");
        ApiKey key = keys.find(id).filter(k -> k.revokedAt() == null).orElseThrow(() -> VaultErrors.notFound("key", id));
        User owner = manageable(caller, key.userId());
        keys.revoke(ManagementAuth.actor(caller), id, owner.workspaceId());
        res.status(Status.NO_CONTENT_204).send();
    }

    /**
     * A user the caller may manage keys for: themself, any user for the admin token, a user of
     * their workspace for a workspace admin. Anyone else's answers 404, as if absent.
     */
    private User manageable(Caller caller, String userId) {
        User user = tenants.user(userId).orElseThrow(() -> VaultErrors.notFound("user", userId));
        if (caller.admin() || user.id().equals(caller.userId())) {
            return user;
        }
        User self = auth.user(caller);
        if (self.role() == Role.ADMIN && self.workspaceId().equals(user.workspaceId())) {
            return user;
        }
        throw VaultErrors.notFound("user", userId);
    }
}
