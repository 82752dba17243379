package io.keyroute.server.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.responses.ResponsesRequest;
import io.keyroute.api.wire.responses.ResponsesRequestReader;
import io.keyroute.catalog.Target;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.HeaderText;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.inference.attempts.KeptRoute;
import io.keyroute.vault.responses.Conversation;
import io.keyroute.vault.responses.NewStoredResponse;
import io.keyroute.vault.responses.ResponseOwner;
import io.keyroute.vault.responses.ServedBy;
import io.keyroute.vault.responses.StoredResponses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a translated Responses answer in the vault, for {@code GET /v1/responses/{id}} and a later
 * {@code previous_response_id} (which it serves too, as a {@link #continuation}): the request's input items, the answer's output items, the Response
 * object as the caller got it and what served it, for the configured retention. Called just before
 * the answer's end is sent, so the caller's next request finds it (read-your-writes: every read of
 * kept responses first stores what this process queued); that costs the answer's end the seal and a
 * place in a queue ({@code StoredResponses.save} writes behind), not a commit. A failure to keep one
 * is logged and the answer stands.
 */
public final class ResponseKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseKeeper.class);

    /** How many items of a conversation a continuation carries at most: its newest whole responses within it. */
    private static final int MAX_ITEMS = 10_000;

    private final StoredResponses stored;
    private final Supplier<Duration> retention;
    private final LongSupplier maxBytes;

    /**
     * @param stored    the vault's responses, or null (no vault: nothing kept)
     * @param retention read per save, so a reload applies to the responses kept after it
     * @param maxBytes  how many bytes of kept conversation a continuation carries at most: the
     *                  request body limit, so continuing holds no more in memory than one body may
     */
    public ResponseKeeper(StoredResponses stored, Supplier<Duration> retention, LongSupplier maxBytes) {
        this.stored = stored;
        this.retention = retention;
        this.maxBytes = maxBytes;
    }

    /** Whether {@code previous_response_id} can be served from kept responses: there is a vault. */
    boolean continues() {
        return stored != null;
    }

    /**
     * {@code request}, which continues a kept response, as a whole conversation: the items of the
     * responses it continues (this caller's, oldest first) before its own input, and no
     * {@code previous_response_id}, for a provider that keeps no state. A conversation past the
     * bounds is cut only when the caller allows it ({@code truncation: "auto"}, which the response
     * echoes): then its oldest whole responses are left out.
     *
     * @throws ClientError (400, {@code previous_response_not_found}) when the caller has no such
     *                     response; (400, {@code conversation_too_long}) when the conversation is past
     *                     the bounds and {@code truncation} is not {@code auto}
     */
    ResponsesRequest continuation(ResponsesRequest request, Caller caller) {
        String previous = request.previousResponseId();
        Conversation earlier = stored.chain(previous, StoredResponsesHandler.ownerOf(caller), MAX_ITEMS, maxBytes.getAsLong())
                .orElseThrow(() -> ClientError.badRequest("previous_response_not_found",
                        "Previous response with id '" + HeaderText.safe(previous) + "' not found.", "previous_response_id"));
        if (earlier.ending() == Conversation.Ending.BOUNDED && !"auto".equals(request.truncation())) {
            throw ClientError.badRequest("conversation_too_long", "The conversation before '" + HeaderText.safe(previous)
                    + "' is longer than Keyroute carries into one request (" + MAX_ITEMS + " items, "
                    + maxBytes.getAsLong() + " bytes): set 'truncation' to 'auto' to leave its oldest turns out, "
                    + "or send the turns you want as input items.", "truncation");
        }
        ObjectNode body = request.body().deepCopy();
        body.remove("previous_response_id");
        ArrayNode input = body.arrayNode();
        try {
            for (String item : earlier.items()) {
                input.add(Json.MAPPER.readTree(item));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the items were JSON when kept
        }
        input.addAll(ownInput(request).deepCopy());
        body.set("input", input);
        return ResponsesRequestReader.read(body);
    }

    /**
     * What served {@code caller}'s kept response {@code id}, so its continuation can stay there; empty
     * for an unknown id, another caller's, or without a vault.
     */
    public Optional<KeptRoute> servedBy(String id, Caller caller) {
        if (stored == null) {
            return Optional.empty();
        }
        return stored.servedBy(id, StoredResponsesHandler.ownerOf(caller))
                .map(by -> new KeptRoute(new Target(by.provider(), by.model()), by.credentialId()));
    }

    /** Whether answers to {@code request} are kept: a vault and the caller's {@code store} not false. */
    boolean keeps(ResponsesRequest request) {
        return stored != null && request.store();
    }

    /**
     * Keeps the answer {@code attempt} gave {@code caller}'s request.
     *
     * @param ended the Response object as sent, or the stream's terminal event that carries it (UTF-8)
     */
    void keep(ResponsesRequest request, Caller caller, Attempt attempt, byte[] ended) {
        keep(request, StoredResponsesHandler.ownerOf(caller), new ServedBy(attempt.provider().id(),
                attempt.target().upstreamModel(), attempt.credential().storedId()), ended);
    }

    /** Keeps the answer {@code servedBy} gave {@code owner}'s request (what {@code keep} above does once it knows both). */
    public void keep(ResponsesRequest request, ResponseOwner owner, ServedBy servedBy, byte[] ended) {
        String id = null;
        try {
            SentResponse sent = SentResponse.of(ended);
            id = sent.id();
            stored.save(new NewStoredResponse(id, owner, request.previousResponseId(), servedBy,
                    sent.text(inputItems(request))), retention.get());
        } catch (IOException | RuntimeException e) {
            LOG.warn("response {} answered but not stored: {}", id, e.toString());
        }
    }

    /**
     * The caller's input as items: a string input is one user message, as OpenAI reads it. The
     * caller's own nodes, not a copy: read only (a new conversation copies them).
     */
    private static ArrayNode ownInput(ResponsesRequest request) {
        JsonNode input = request.body().path("input");
        if (input.isTextual()) {
            ArrayNode items = JsonFields.object().arrayNode();
            items.addObject().put("type", "message").put("role", "user").put("content", input.asText());
            return items;
        }
        return (ArrayNode) input;
    }

    /**
     * The caller's input items as UTF-8: cut from the bytes the caller sent, where the reader found them while it
     * parsed (as sent: writing each item again from the tree was a quarter of keeping an answer, scanning the bytes
     * for them again a fifth), else written from the tree (a string input, a body a guardrail rewrote).
     */
    private static List<byte[]> inputItems(ResponsesRequest request) {
        int[] spans = request.raw() == null ? null : request.raw().items();
        if (spans == null) {
            return utf8(ownInput(request));
        }
        byte[] sent = request.raw().bytes();
        List<byte[]> items = new ArrayList<>(spans.length / 2);
        for (int i = 0; i < spans.length; i += 2) {
            items.add(Arrays.copyOfRange(sent, spans[i], spans[i + 1]));
        }
        return items;
    }

    private static List<byte[]> utf8(JsonNode items) {
        List<byte[]> texts = new ArrayList<>(items.size());
        items.forEach(item -> texts.add(JsonFields.bytes(item)));
        return texts;
    }
}
