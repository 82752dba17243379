package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.error.ClientError;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.vault.common.VaultErrors;
import io.keyroute.vault.keys.ApiKey;
import io.keyroute.vault.keys.ApiKeys;
import io.keyroute.vault.keys.KeyRequest;
import io.keyroute.vault.tenancy.User;
import java.time.Clock;
import java.util.Set;

/**
 * Keyroute keys: issue ({@code POST /users/{user}/keys}), list ({@code GET /users/me/keys},
 * {@code GET /users/{user}/keys}), change ({@code PATCH /keys/{id}}) and revoke
 * ({@code DELETE /keys/{id}}). Only the admin token and the key's user may; a key acting on keys
 * makes none wider than itself ({@link KeyBounds}).
 */
final class KeysService implements HttpService {
    private final ManagementAuth auth;
    private final ApiKeys keys;
    private final Clock clock;

    KeysService(ManagementAuth auth, ApiKeys keys, Clock clock) {
        this.auth = auth;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/users/{user}/keys", ManagementCall.of(this::list))
                .post("/users/{user}/keys", ManagementCall.of(this::issue))
                .patch("/keys/{id}", ManagementCall.of(this::change))
                .delete("/keys/{id}", ManagementCall.of(this::revoke));
    }

    private void issue(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        User user = auth.keyOwner(caller, req.path().pathParameters().get("user"));
        KeyRequest asked = KeyFields.issued(ManagementJson.body(req), clock);
        KeyRequest request = asked;
        if (!caller.admin()) {
            KeyBounds bounds = bounds(caller);
            request = bounds.inherit(asked);
            bounds.require(request, Set.copyOf(KeyFields.CHANGEABLE));
        }
        var issued = keys.issue(ManagementAuth.actor(caller), user.id(), user.workspaceId(), request);
        JsonOut.send(res, 201, ManagementJson.issued(issued));
    }

    private void list(ServerRequest req, ServerResponse res) {
        User user = auth.keyOwner(auth.caller(req), req.path().pathParameters().get("user"));
        JsonOut.send(res, 200, ManagementJson.list(keys.listForUser(user.id()).stream().map(ManagementJson::key).toList()));
    }

    private void change(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        ApiKey key = liveKey(req);
        User owner = auth.keyOwner(caller, key.userId());
        ObjectNode body = ManagementJson.body(req);
        KeyRequest changed = KeyFields.changed(key.settings(), body, clock);
        if (!caller.admin()) {
            bounds(caller).require(changed, KeyFields.named(body));
        }
        JsonOut.send(res, 200, ManagementJson.key(keys.update(ManagementAuth.actor(caller), key.id(),
                owner.workspaceId(), changed)));
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        ApiKey key = liveKey(req);
        User owner = auth.keyOwner(caller, key.userId());
        keys.revoke(ManagementAuth.actor(caller), key.id(), owner.workspaceId());
        res.status(Status.NO_CONTENT_204).send();
    }

    private ApiKey liveKey(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        return keys.find(id).filter(k -> k.revokedAt() == null).orElseThrow(() -> VaultErrors.notFound("key", id));
    }

    /** The calling key's own settings, the bounds of what it may issue or change. */
    private KeyBounds bounds(Caller caller) {
        return new KeyBounds(keys.find(caller.keyId()).orElseThrow(() ->
                ClientError.unauthorized("The calling key no longer exists.")).settings());
    }
}
