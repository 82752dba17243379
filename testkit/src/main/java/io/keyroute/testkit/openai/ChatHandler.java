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
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** POST /v1/chat/completions: validates like OpenAI, then plays a scripted or default reply. */
final class ChatHandler {

    private final Supplier<Reply> scripted;
    private final StreamControl control;
    private final Clock clock;
    private final Set<String> knownModels;
    private final Duration defaultChunkDelay;
    private final AtomicLong sequence = new AtomicLong();

    /** @param knownModels models accepted; empty = any model */
    ChatHandler(Supplier<Reply> scripted, StreamControl control, Clock clock, Set<String> knownModels,
                Duration defaultChunkDelay) {
        this.scripted = scripted;
        this.control = control;
        this.clock = clock;
        this.knownModels = knownModels;
        this.defaultChunkDelay = defaultChunkDelay;
    }

    void handle(RecordedRequest req, ServerResponse res) {
        JsonNode body = RequestChecks.objectBody(req, res);
        if (body == null) {
            return;
        }
        JsonNode modelNode = body.get("model");
        if (modelNode == null || !modelNode.isTextual() || modelNode.asText().isEmpty()) {
            OpenAiResponses.error(res, 400, OpenAiErrors.MISSING_MODEL, "invalid_request_error", null, null);
            return;
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            OpenAiResponses.error(res, 400, OpenAiErrors.missingParameter("messages"), "invalid_request_error",
                    "messages", "missing_required_parameter");
            return;
        }
        boolean stream = body.path("stream").asBoolean(false);
        if (!stream && body.hasNonNull("stream_options")) {
            OpenAiResponses.error(res, 400, "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                    "invalid_request_error", "stream_options", null);
            return;
        }
        String model = modelNode.asText();
        if (RequestChecks.refusesModel(knownModels, model, res)) {
            return;
        }

        Reply scriptedReply = scripted.get();
        Reply reply = scriptedReply != null ? scriptedReply
                : Reply.text(Wording.echo(messages)).chunkDelay(defaultChunkDelay);
        if (!HttpOut.pause(reply.headersDelay())) {
            throw new CloseConnectionException("fake is stopping");
        }
        if (OpenAiResponses.sendVerbatim(res, reply)) {
            return;
        }
        var env = new OpenAiWire.Envelope(Wording.completionId(sequence.incrementAndGet()),
                clock.instant().getEpochSecond(), reply.model() != null ? reply.model() : model,
                reply.serviceTier() != null ? reply.serviceTier() : OpenAiWire.SERVICE_TIER);
        Usage usage = reply.usage() != null ? reply.usage() : usage(messages, reply);
        if (stream) {
            boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
            OpenAiResponses.start(res, 200, HttpOut.CONTENT_TYPE_SSE, reply.headers());
            ScriptedStream.play(res, reply, ChatStream.events(env, reply, usage, includeUsage), control,
                    k -> OpenAiWire.event(OpenAiWire.error(reply.streamErrorMessage(), "server_error", null, null)));
        } else if (reply.cutAfterChunks() >= 0) {
            throw new CloseConnectionException("scripted cut before the response");
        } else {
            OpenAiResponses.json(res, 200, OpenAiWire.bytes(OpenAiWire.completion(env, reply, usage)), reply.headers());
        }
    }

    private static Usage usage(JsonNode messages, Reply reply) {
        return new Usage(Wording.promptTokens(messages), Wording.completionTokens(reply), 0,
                Wording.reasoningTokens(reply));
    }
}
