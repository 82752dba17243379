package io.keyroute.server.inference;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.CallerAuth;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.http.exchange.RequestIds;
import io.keyroute.server.inference.KeptResponseProxy.Read;
import io.keyroute.server.limits.GateRequest;
import io.keyroute.server.limits.InFlightLimits;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.vault.responses.PassedThroughResponse;
import io.keyroute.vault.responses.ResponseOwner;
import io.keyroute.vault.responses.StoredResponse;
import io.keyroute.vault.responses.StoredResponses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET} and {@code DELETE /v1/responses/{id}}, and {@code GET /v1/responses/{id}/input_items}:
 * the caller's own responses. One Keyroute translated and stored is served from the vault (its input
 * items are not listed); one OpenAI keeps, recorded for this caller, is read from OpenAI with the key
 * that made it ({@link KeptResponseProxy}), taking from the key's requests per minute and holding an
 * in-flight slot as an inference request does (each such call spends the shared key's OpenAI rate
 * limit), and a deletion there forgets the record too. An unknown,
 * expired or another caller's id, and any id on a gateway without a vault, is a 404 in OpenAI's shape
 * with nothing sent upstream: which ids exist is not told.
 */
public final class StoredResponsesHandler {
    private final CallerAuth auth;
    private final StoredResponses stored;
    private final UpstreamKeptResponses upstreamKept;
    private final KeptResponseProxy proxy;
    private final InFlightLimits limits;
    private final RequestGate requests;

    /**
     * @param stored   the vault's responses, or null without a vault
     * @param limits   what a call to OpenAI holds while it runs: a slot in all and one of the caller's key
     * @param requests what a call to OpenAI takes first: one of the key's requests per minute
     */
    public StoredResponsesHandler(CallerAuth auth, StoredResponses stored, UpstreamKeptResponses upstreamKept,
                                  KeptResponseProxy proxy, InFlightLimits limits, RequestGate requests) {
        this.auth = auth;
        this.stored = stored;
        this.upstreamKept = upstreamKept;
        this.proxy = proxy;
        this.limits = limits;
        this.requests = requests;
    }

    /** Whose responses {@code caller}'s are: its user's, else its key's. */
    static ResponseOwner ownerOf(Caller caller) {
        return new ResponseOwner(caller.workspaceId(), caller.userId(), caller.keyId());
    }

    void get(ServerRequest req, ServerResponse res) {
        answer(req, res, Read.RETRIEVE, (id, owner) -> stored.find(id, owner).map(StoredResponse::body));
    }

    void inputItems(ServerRequest req, ServerResponse res) {
        answer(req, res, Read.INPUT_ITEMS, (id, owner) -> Optional.empty());
    }

    void delete(ServerRequest req, ServerResponse res) {
        answer(req, res, Read.DELETE, (id, owner) -> stored.delete(id, owner) ? Optional.of(deleted(id)) : Optional.empty());
    }

    private interface Lookup {
        Optional<String> body(String id, ResponseOwner owner);
    }

    private void answer(ServerRequest req, ServerResponse res, Read read, Lookup translated) {
        String id = req.path().pathParameters().get("id");
        try {
            Caller caller = auth.require(req);
            ResponseOwner owner = ownerOf(caller);
            Optional<String> body = stored == null ? Optional.empty() : translated.body(id, owner);
            if (body.isPresent()) {
                res.header(HeaderValues.CONTENT_TYPE_JSON);
                res.send(body.get().getBytes(StandardCharsets.UTF_8));
                return;
            }
            PassedThroughResponse kept = upstreamKept.find(id).filter(r -> r.ownedBy(owner))
                    .orElseThrow(() -> KeptResponseProxy.notFound(id));
            try (var pass = limits.open()) {
                pass.enter(caller.keyId());
                requests.admit(new GateRequest(RequestIds.next(), caller, null, null, 0)); // not routed: no decision
                proxy.send(kept, caller, read, req.query(), res);
            } catch (GatewayError e) {
                if (read == Read.DELETE && e.status() == 404) {
                    upstreamKept.forget(id, owner); // gone upstream: nothing left to guard
                }
                throw e;
            }
            if (read == Read.DELETE) {
                upstreamKept.forget(id, owner);
            }
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
