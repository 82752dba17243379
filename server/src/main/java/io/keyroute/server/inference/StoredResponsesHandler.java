package io.keyroute.server.inference;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.CallerAuth;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.http.exchange.HeaderText;
import io.keyroute.vault.responses.ResponseOwner;
import io.keyroute.vault.responses.StoredResponse;
import io.keyroute.vault.responses.StoredResponses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET} and {@code DELETE /v1/responses/{id}}: the caller's own responses Keyroute stored (those
 * it translated; OpenAI keeps its own). An unknown, expired or another caller's id, and any id on a
 * gateway without a vault, is a 404 in OpenAI's shape: which ids exist is not told.
 */
public final class StoredResponsesHandler {
    private final CallerAuth auth;
    private final StoredResponses stored;

    /** @param stored the vault's responses, or null without a vault */
    public StoredResponsesHandler(CallerAuth auth, StoredResponses stored) {
        this.auth = auth;
        this.stored = stored;
    }

    /** Whose responses {@code caller}'s are: its user's, else its key's. */
    static ResponseOwner ownerOf(Caller caller) {
        return new ResponseOwner(caller.workspaceId(), caller.userId(), caller.keyId());
    }

    void get(ServerRequest req, ServerResponse res) {
        answer(req, res, (id, owner) -> stored.find(id, owner).map(StoredResponse::body));
    }

    void delete(ServerRequest req, ServerResponse res) {
        answer(req, res, (id, owner) -> stored.delete(id, owner) ? Optional.of(deleted(id)) : Optional.empty());
    }

    private interface Lookup {
        Optional<String> body(String id, ResponseOwner owner);
    }

    private void answer(ServerRequest req, ServerResponse res, Lookup lookup) {
        String id = req.path().pathParameters().get("id");
        try {
            ResponseOwner owner = ownerOf(auth.require(req));
            Optional<String> body = stored == null ? Optional.empty() : lookup.body(id, owner);
            if (body.isEmpty()) {
                throw ClientError.notFound("Response with id '" + HeaderText.safe(id) + "' not found.");
            }
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(body.get().getBytes(StandardCharsets.UTF_8));
        } catch (GatewayError e) {
            ErrorResponses.send(res, WireFormat.OPENAI_RESPONSES, e);
        }
    }

    private static String deleted(String id) {
        var root = Json.MAPPER.createObjectNode().put("id", id).put("object", "response").put("deleted", true);
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
