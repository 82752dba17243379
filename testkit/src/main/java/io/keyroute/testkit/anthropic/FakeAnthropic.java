package io.keyroute.testkit.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.FakeJson;
import io.keyroute.testkit.HttpOut;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.ScriptedFake;
import io.keyroute.testkit.ScriptedStream;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.Usage;
import io.keyroute.testkit.replies.Wording;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A faithful fake of Anthropic's Messages API on 127.0.0.1: {@code POST /v1/messages} (JSON and
 * SSE with the real event sequence), {@code GET /v1/models}, {@code x-api-key} auth, a required {@code anthropic-version}
 * header and {@code max_tokens}, {@code POST /v1/messages/count_tokens}, and Anthropic's error shape {@code {"type":"error","error":{…}}}.
 * Scripted with the same {@link Reply} as the OpenAI fake: text, tool calls (streamed as
 * {@code input_json_delta}s), errors by status, a mid-stream {@code error} event
 * ({@link Reply#errorAfterChunks}) and cut streams ({@link Reply#cutAfterChunks}). Unscripted
 * requests get {@code "Echo: <last user text>"}. Extended thinking: a scripted thinking block with
 * its signature ({@link Reply#thinking}), and Anthropic's refusals of a thinking request it cannot take
 * (budget, a tool turn without its thinking block).
 */
public final class FakeAnthropic extends ScriptedFake<FakeAnthropic> {

    /** What {@code count_tokens} takes (anthropic-sdk-python's {@code MessageCountTokensParams}). */
    private static final Set<String> COUNT_FIELDS = Set.of("model", "messages", "system", "tools", "tool_choice",
            "thinking", "mcp_servers", "context_management", "output_format");

    private FakeAnthropic(Set<String> apiKeys) {
        super("FakeAnthropic", apiKeys);
    }

    /** A fake on a random port accepting the given keys. */
    public static FakeAnthropic start(String... apiKeys) {
        return new FakeAnthropic(Set.of(apiKeys));
    }

    @Override
    protected void routing(HttpRouting.Builder r) {
        r.post("/v1/messages", this::messages)
                .post("/v1/messages/count_tokens", this::countTokens)
                .get("/v1/models", this::models)
                .any((req, res) -> {
                    log.record(req, false);
                    error(res, 404, "not_found_error", "Not Found");
                });
    }

    private void messages(ServerRequest req, ServerResponse res) {
        RecordedRequest rec = log.record(req, true);
        if (!authorized(req, res)) {
            return;
        }
        JsonNode body = rec.json();
        if (body == null || !body.isObject()) {
            error(res, 400, "invalid_request_error", "There was an error parsing the body of your request.");
            return;
        }
        for (String field : List.of("model", "max_tokens", "messages")) {
            if (!body.hasNonNull(field)) {
                error(res, 400, "invalid_request_error", field + ": Field required");
                return;
            }
        }
        String refused = AnthropicWire.thinkingError(body);
        if (refused != null) {
            error(res, 400, "invalid_request_error", refused);
            return;
        }
        Reply reply = script.poll();
        if (reply == null) {
            reply = Reply.text(Wording.echo(body.get("messages")));
        }
        if (!HttpOut.pause(reply.headersDelay())) {
            throw new CloseConnectionException("fake is stopping");
        }
        String model = reply.model() != null ? reply.model() : body.get("model").asText();
        String id = "msg_fake" + String.format("%016d", sequence.incrementAndGet());
        Usage usage = reply.usage() != null ? reply.usage() : new Usage(Wording.promptTokens(body.get("messages")),
                Wording.words(reply.text()) + reply.toolCalls().size() * 10, 0, 0);
        switch (reply.kind()) {
            case ERROR -> {
                res.status(io.helidon.http.Status.create(reply.status()));
                reply.headers().forEach(res::header);
                error(res, reply.status(), AnthropicWire.errorType(reply.status()), reply.message());
            }
            case RAW -> HttpOut.raw(res, reply);
            case TEXT, TOOL_CALLS -> {
                if (body.path("stream").asBoolean(false)) {
                    stream(res, reply, AnthropicWire.events(id, model, reply, usage));
                } else {
                    json(res, 200, AnthropicWire.bytes(AnthropicWire.message(id, model, reply, usage)), reply.headers());
                }
            }
        }
    }

    /**
     * {@code POST /v1/messages/count_tokens}: {@code {"input_tokens": N}} by {@link Wording#countedTokens}
     * over {@code system}, {@code messages} and {@code tools}. As Anthropic, it requires {@code model} and
     * {@code messages} and refuses any field the count does not take ({@code max_tokens}, {@code stream}, ...)
     * as an extra input. A scripted error, when next, is answered instead.
     */
    private void countTokens(ServerRequest req, ServerResponse res) {
        RecordedRequest rec = log.record(req, true);
        if (!authorized(req, res)) {
            return;
        }
        Reply scripted = nextScriptedError();
        if (scripted != null) {
            error(res, scripted.status(), AnthropicWire.errorType(scripted.status()), scripted.message());
            return;
        }
        JsonNode body = rec.json();
        if (body == null || !body.isObject()) {
            error(res, 400, "invalid_request_error", "There was an error parsing the body of your request.");
            return;
        }
        for (String field : List.of("model", "messages")) {
            if (!body.hasNonNull(field)) {
                error(res, 400, "invalid_request_error", field + ": Field required");
                return;
            }
        }
        for (String field : (Iterable<String>) body::fieldNames) {
            if (!COUNT_FIELDS.contains(field)) {
                error(res, 400, "invalid_request_error", field + ": Extra inputs are not permitted");
                return;
            }
        }
        json(res, 200, AnthropicWire.bytes(FakeJson.MAPPER.createObjectNode().put("input_tokens",
                Wording.countedTokens(body.get("system"), body.get("messages"), body.get("tools")))), Map.of());
    }

    /** {@code GET /v1/models}: the models a key may use, one page, as Anthropic lists them. */
    private void models(ServerRequest req, ServerResponse res) {
        log.record(req, false);
        if (!authorized(req, res)) {
            return;
        }
        json(res, 200, AnthropicWire.bytes(AnthropicWire.models()), Map.of());
    }

    private boolean authorized(ServerRequest req, ServerResponse res) {
        return authorized(req, res, apiKeys);
    }

    /** Anthropic's checks on every call: a known {@code x-api-key}, then an {@code anthropic-version}. */
    static boolean authorized(ServerRequest req, ServerResponse res, Set<String> apiKeys) {
        String key = req.headers().first(HeaderNames.create("x-api-key")).orElse("");
        if (!apiKeys.contains(key)) {
            error(res, 401, "authentication_error", key.isEmpty() ? "x-api-key header is required" : "invalid x-api-key");
            return false;
        }
        if (req.headers().first(HeaderNames.create("anthropic-version")).isEmpty()) {
            error(res, 400, "invalid_request_error", "anthropic-version: header is required");
            return false;
        }
        return true;
    }

    private void stream(ServerResponse res, Reply reply, List<byte[]> events) {
        res.status(io.helidon.http.Status.OK_200);
        res.header(HttpOut.CONTENT_TYPE_SSE);
        reply.headers().forEach(res::header);
        ScriptedStream.play(res, reply, events, control, k -> AnthropicWire.event("error",
                AnthropicWire.error("overloaded_error", reply.streamErrorMessage())));
    }

    private static void error(ServerResponse res, int status, String type, String message) {
        json(res, status, AnthropicWire.bytes(AnthropicWire.error(type, message)), Map.of());
    }

    static void json(ServerResponse res, int status, byte[] body, Map<String, String> headers) {
        res.status(io.helidon.http.Status.create(status));
        res.header(HttpOut.CONTENT_TYPE_JSON);
        res.header("request-id", "req_fake");
        headers.forEach(res::header);
        res.send(body);
    }
}
