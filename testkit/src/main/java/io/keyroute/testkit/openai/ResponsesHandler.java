package io.keyroute.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.HttpOut;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.ScriptedStream;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.Usage;
import io.keyroute.testkit.replies.Wording;
import io.keyroute.testkit.sse.StreamControl;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@code POST /v1/responses} (JSON and SSE), {@code GET} and {@code DELETE /v1/responses/{id}} and
 * {@code GET /v1/responses/{id}/input_items}: validates like OpenAI, plays a scripted or default
 * reply, and keeps each response it created unless the request said {@code "store": false}. As at
 * OpenAI, a kept response belongs to the organisation of the key that made it: each key here is an
 * organisation of its own, and another key's id is not found (retrieve, delete, continue).
 *
 * <p>Without a script the answer is {@code "Echo: <last user input>"}, input tokens are the
 * characters of the instructions and input texts / 4 rounded up (at least 1), output tokens the
 * words of the answer (and of a scripted reasoning summary, which are its reasoning tokens).
 */
final class ResponsesHandler {

    private final Function<String, Reply> scripted;
    private final StreamControl control;
    private final Clock clock;
    private final Set<String> knownModels;
    private final Duration defaultChunkDelay;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Kept> stored = new ConcurrentHashMap<>();

    /** A kept response, its input items as listed, and the key (organisation) that made it. */
    private record Kept(String key, byte[] response, byte[] inputItems) {
    }

    /**
     * @param scripted    the next reply for a request made with this key, or null for the default one
     * @param knownModels models accepted; empty = any model
     */
    ResponsesHandler(Function<String, Reply> scripted, StreamControl control, Clock clock, Set<String> knownModels,
                     Duration defaultChunkDelay) {
        this.scripted = scripted;
        this.control = control;
        this.clock = clock;
        this.knownModels = knownModels;
        this.defaultChunkDelay = defaultChunkDelay;
    }

    void create(RecordedRequest req, String key, ServerResponse res) {
        JsonNode body = RequestChecks.objectBody(req, res);
        if (body == null) {
            return;
        }
        JsonNode modelNode = body.get("model");
        if (modelNode == null || !modelNode.isTextual() || modelNode.asText().isEmpty()) {
            OpenAiResponses.error(res, 400, OpenAiErrors.missingParameter("model"), "invalid_request_error", "model",
                    "missing_required_parameter");
            return;
        }
        String model = modelNode.asText();
        if (RequestChecks.refusesModel(knownModels, model, res)) {
            return;
        }
        String previous = body.path("previous_response_id").asText(null);
        if (previous != null && find(previous, key) == null) {
            OpenAiResponses.error(res, 400, "Previous response with id '" + previous + "' not found.",
                    "invalid_request_error", "previous_response_id", "previous_response_not_found");
            return;
        }

        Reply scriptedReply = scripted.apply(key);
        Reply reply = scriptedReply != null ? scriptedReply
                : Reply.text("Echo: " + lastUserText(body.get("input"))).chunkDelay(defaultChunkDelay);
        if (!HttpOut.pause(reply.headersDelay())) {
            throw new CloseConnectionException("fake is stopping");
        }
        if (OpenAiResponses.sendVerbatim(res, reply)) {
            return;
        }
        long n = sequence.incrementAndGet();
        long now = clock.instant().getEpochSecond();
        var head = new ResponsesWire.Head(ResponsesWire.id("resp", now, n, -1), now,
                reply.model() != null ? reply.model() : model, body);
        Usage usage = reply.usage() != null ? reply.usage() : new Usage(inputTokens(body),
                Wording.completionTokens(reply), 0, Wording.reasoningTokens(reply));
        var answer = new ResponsesAnswer(head, reply, usage, n, now);
        if (body.path("store").asBoolean(true)) {
            stored.put(head.id(), new Kept(key, OpenAiWire.bytes(answer.response()),
                    OpenAiWire.bytes(ResponsesWire.inputItems(body.get("input"), now, n))));
        }
        if (body.path("stream").asBoolean(false)) {
            OpenAiResponses.start(res, 200, HttpOut.CONTENT_TYPE_SSE, reply.headers());
            ScriptedStream.play(res, reply, answer.events(), control, answer::errorEvent);
        } else if (reply.cutAfterChunks() >= 0) {
            throw new CloseConnectionException("scripted cut before the response");
        } else {
            OpenAiResponses.json(res, 200, OpenAiWire.bytes(answer.response()), reply.headers());
        }
    }

    void retrieve(String id, String key, ServerResponse res) {
        send(id, key, res, Kept::response);
    }

    void inputItems(String id, String key, ServerResponse res) {
        send(id, key, res, Kept::inputItems);
    }

    /** What {@code part} takes of {@code key}'s response {@code id}, or OpenAI's 404. */
    private void send(String id, String key, ServerResponse res, Function<Kept, byte[]> part) {
        Kept kept = find(id, key);
        if (kept == null) {
            notFound(id, res);
        } else {
            OpenAiResponses.json(res, 200, part.apply(kept), Map.of());
        }
    }

    void delete(String id, String key, ServerResponse res) {
        Kept kept = find(id, key);
        if (kept == null || !stored.remove(id, kept)) {
            notFound(id, res);
        } else {
            OpenAiResponses.json(res, 200, OpenAiWire.bytes(ResponsesWire.deleted(id)), Map.of());
        }
    }

    /** The response {@code id} if {@code key}'s organisation made it; null otherwise, as for an unknown id. */
    private Kept find(String id, String key) {
        Kept kept = stored.get(id);
        return kept != null && kept.key().equals(key) ? kept : null;
    }

    /** Forgets every stored response. */
    void clear() {
        stored.clear();
    }

    private static void notFound(String id, ServerResponse res) {
        OpenAiResponses.error(res, 404, "Response with id '" + id + "' not found.", "invalid_request_error", null,
                null);
    }

    /** The text of the last user message of {@code input}: the string itself, or the last user item's. */
    private static String lastUserText(JsonNode input) {
        if (input == null || input.isTextual()) {
            return input == null ? "" : input.asText();
        }
        String last = "";
        for (JsonNode item : input) {
            if ("user".equals(item.path("role").asText())) {
                last = Wording.contentText(item.get("content"));
            }
        }
        return last;
    }

    /** Characters of the instructions, the input's texts and tool outputs / 4, rounded up, at least 1. */
    private static int inputTokens(JsonNode body) {
        long chars = body.path("instructions").asText("").length();
        JsonNode input = body.path("input");
        if (input.isTextual()) {
            chars += input.asText().length();
        }
        for (JsonNode item : input) {
            chars += Wording.contentText(item.get("content")).length() + item.path("output").asText("").length();
        }
        return Wording.tokensForChars(chars);
    }
}
