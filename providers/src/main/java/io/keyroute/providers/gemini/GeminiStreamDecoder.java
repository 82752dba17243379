package io.keyroute.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.canonical.StreamEventReader;
import io.keyroute.api.error.ErrorType;
import io.keyroute.api.wire.JsonFields;
import java.util.function.Consumer;

/**
 * {@code streamGenerateContent?alt=sse} chunks → {@link StreamEvent}s. Each chunk is a whole
 * {@code GenerateContentResponse}: text parts are deltas (thought parts, the model's thought
 * summaries, reasoning deltas), a function call arrives whole (start and
 * all its arguments at once). Gemini sends no end marker: the chunk with a {@code finishReason}
 * ends the stream, with its (cumulative) {@code usageMetadata}. The first chunk's usageMetadata (the
 * prompt's count, its cached part included) is a partial report: counted if the stream is cut, and
 * an Anthropic caller's message_start carries it.
 */
public final class GeminiStreamDecoder implements StreamEventReader {
    private boolean started;
    private boolean ended;
    private int calls;

    @Override
    public void read(String event, String data, Consumer<StreamEvent> out) {
        if (ended) {
            return;
        }
        JsonNode chunk = JsonFields.parseEvent(data, out);
        if (chunk == null) {
            return;
        }
        if (chunk.has("error")) {
            ended = true;
            out.accept(new StreamEvent.Error(ErrorType.forStatus(chunk.path("error").path("code").asInt(500)),
                    chunk.path("error").path("message").asText("the provider reported an error")));
            return;
        }
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Start(chunk.path("responseId").asText(null), chunk.path("modelVersion").asText(null)));
            if (chunk.path("usageMetadata").isObject()) { // the prompt's counts (cache reads too), known from the start
                out.accept(new StreamEvent.UsageReport(GeminiWire.usage(chunk.path("usageMetadata")), true));
            }
        }
        JsonNode candidate = chunk.path("candidates").path(0);
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.has("functionCall")) {
                JsonNode call = part.get("functionCall");
                int index = calls++;
                out.accept(new StreamEvent.ToolCallStart(index, GeminiWire.callId(call, index, part.path("thoughtSignature").asText(null)), call.path("name").asText("")));
                out.accept(new StreamEvent.ToolCallDelta(index, GeminiWire.arguments(call)));
            } else if (part.has("text") && !part.path("text").asText().isEmpty()) {
                String text = part.path("text").asText();
                // a thought part is a summary of the model's thinking, not the answer
                out.accept(part.path("thought").asBoolean(false) ? new StreamEvent.ReasoningDelta(text) : new StreamEvent.TextDelta(text));
            }
        }
        String reason = candidate.path("finishReason").asText(null);
        boolean blocked = candidate.isMissingNode() && chunk.path("promptFeedback").has("blockReason");
        if (reason != null || blocked) {
            ended = true;
            FinishReason finish = blocked ? FinishReason.CONTENT_FILTER : GeminiWire.finishReason(reason, calls > 0);
            out.accept(new StreamEvent.Finish(finish, null));
            if (chunk.has("usageMetadata")) {
                out.accept(new StreamEvent.UsageReport(GeminiWire.usage(chunk.path("usageMetadata"))));
            }
            out.accept(new StreamEvent.End());
        }
    }
}
