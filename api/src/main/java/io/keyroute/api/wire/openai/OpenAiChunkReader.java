package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.canonical.StreamEventReader;
import io.keyroute.api.error.ErrorType;
import io.keyroute.api.wire.JsonFields;
import java.util.function.Consumer;

/**
 * OpenAI {@code chat.completion.chunk} events → {@link StreamEvent}s. The first chunk starts the
 * message; a tool call's first delta (it has an {@code id}) starts it; {@code [DONE]} ends the
 * stream; an {@code {"error":…}} event is a mid-stream failure. {@code reasoning_content}, which
 * OpenAI-compatible reasoning servers (DeepSeek, vLLM) stream before the answer, is reasoning.
 */
public final class OpenAiChunkReader implements StreamEventReader {
    private boolean started;
    private int toolCalls;
    /** Tool calls already started: some OpenAI-compatible servers repeat the id on every delta. */
    private final java.util.Set<Integer> startedCalls = new java.util.HashSet<>();

    /**
     * The message of an {@code {"error":…}} chunk, OpenAI's mid-stream failure; null for any other
     * chunk, one with {@code "error":null} included.
     */
    public static String errorMessage(JsonNode chunk) {
        JsonNode error = chunk.get("error");
        return error == null || error.isNull() ? null : error.path("message").asText(error.asText("error"));
    }

    @Override
    public void read(String event, String data, Consumer<StreamEvent> out) {
        if ("[DONE]".equals(data)) {
            out.accept(new StreamEvent.End());
            return;
        }
        JsonNode chunk = JsonFields.parseEvent(data, out);
        if (chunk == null) {
            return;
        }
        String error = errorMessage(chunk);
        if (error != null) {
            out.accept(new StreamEvent.Error(ErrorType.UPSTREAM, error));
            return;
        }
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Start(chunk.path("id").asText(null), chunk.path("model").asText(null)));
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            JsonNode delta = choice.path("delta");
            String reasoning = delta.path("reasoning_content").isTextual() ? delta.path("reasoning_content").asText() : null;
            if (reasoning != null && !reasoning.isEmpty()) {
                out.accept(new StreamEvent.ReasoningDelta(reasoning));
            }
            String text = delta.path("content").isTextual() ? delta.path("content").asText() : null;
            if (text != null && !text.isEmpty()) {
                out.accept(new StreamEvent.TextDelta(text));
            }
            for (JsonNode call : delta.path("tool_calls")) {
                int index = call.path("index").asInt(toolCalls);
                JsonNode fn = call.path("function");
                if (call.hasNonNull("id") && startedCalls.add(index)) {
                    toolCalls = Math.max(toolCalls, index + 1);
                    out.accept(new StreamEvent.ToolCallStart(index, call.path("id").asText(), fn.path("name").asText("")));
                }
                String args = fn.path("arguments").asText("");
                if (!args.isEmpty()) {
                    out.accept(new StreamEvent.ToolCallDelta(index, args));
                }
            }
            String finish = choice.path("finish_reason").asText(null);
            if (finish != null && !choice.path("finish_reason").isNull()) {
                FinishReason reason = OpenAiFinishReasons.read(finish);
                out.accept(new StreamEvent.Finish(reason, null));
            }
        }
        if (chunk.path("usage").isObject()) {
            out.accept(new StreamEvent.UsageReport(OpenAiFinishReasons.readUsage(chunk.path("usage"))
                    .onTier(OpenAiFinishReasons.servedTier(chunk.path("service_tier").textValue()))));
        }
    }
}
