package io.keyroute.api.wire.openai;

import static io.keyroute.api.wire.GeneratedJson.tree;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.ResponseFormat;
import io.keyroute.api.canonical.Thinking;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.canonical.ToolChoice;
import io.keyroute.api.wire.GeneratedJson;
import io.keyroute.api.wire.ThinkingBudgets;
import java.io.IOException;

/**
 * {@link CanonicalRequest} → OpenAI Chat Completions request body, written straight to its UTF-8 bytes (built as a
 * tree and serialised, it was most of a translated request's allocation); the messages are
 * {@link OpenAiMessagesWriter}'s. A stream always asks for usage ({@code stream_options.include_usage}) so every
 * token is counted. A caller's named effort is {@code reasoning_effort} as named; a thinking budget (Anthropic's
 * {@code thinking}) is the effort {@link ThinkingBudgets#effort} buckets it into, for a model that reasons
 * ({@link OpenAiReasoningModels}) only: another refuses the field, and the caller did not name it.
 */
public final class OpenAiRequestWriter {
    private OpenAiRequestWriter() {
    }

    /**
     * @param promptCacheKey the {@code prompt_cache_key} to send (the last field), or null for none
     * @throws io.keyroute.api.error.ClientError a 400 for what a Chat Completions API cannot take (a document by URL)
     */
    public static byte[] write(CanonicalRequest req, String model, String promptCacheKey) {
        return GeneratedJson.bytes(g -> write(g, req, model, promptCacheKey));
    }

    private static void write(JsonGenerator g, CanonicalRequest req, String model, String promptCacheKey)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("model", model);
        g.writeArrayFieldStart("messages");
        OpenAiMessagesWriter.write(g, req.messages());
        g.writeEndArray();
        if (!req.tools().isEmpty()) {
            tools(g, req);
        }
        toolChoice(g, req.toolChoice());
        params(g, req.params(), model);
        if (req.stream()) {
            g.writeBooleanField("stream", true);
            g.writeObjectFieldStart("stream_options");
            g.writeBooleanField("include_usage", true);
            g.writeEndObject();
        }
        if (promptCacheKey != null) {
            g.writeStringField("prompt_cache_key", promptCacheKey);
        }
        g.writeEndObject();
    }

    private static void tools(JsonGenerator g, CanonicalRequest req) throws IOException {
        g.writeArrayFieldStart("tools");
        for (Tool t : req.tools()) {
            g.writeStartObject();
            g.writeStringField("type", "function");
            g.writeObjectFieldStart("function");
            g.writeStringField("name", t.name());
            if (t.description() != null) {
                g.writeStringField("description", t.description());
            }
            if (t.parameters() != null) {
                g.writeFieldName("parameters");
                tree(g, t.parameters());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void toolChoice(JsonGenerator g, ToolChoice choice) throws IOException {
        if (choice == null) {
            return;
        }
        switch (choice.mode()) {
            case AUTO -> g.writeStringField("tool_choice", "auto");
            case ANY -> g.writeStringField("tool_choice", "required");
            case NONE -> g.writeStringField("tool_choice", "none");
            case NAMED -> {
                g.writeObjectFieldStart("tool_choice");
                g.writeStringField("type", "function");
                g.writeObjectFieldStart("function");
                g.writeStringField("name", choice.name());
                g.writeEndObject();
                g.writeEndObject();
            }
        }
    }

    /** The effort to send {@code model} for {@code thinking}; null for none (the model's own default). */
    private static String reasoningEffort(Thinking thinking, String model) {
        if (thinking == null || thinking.effort() == null && !OpenAiReasoningModels.reasons(model)) {
            return null;
        }
        return ThinkingBudgets.effort(thinking);
    }

    private static void params(JsonGenerator g, Params p, String model) throws IOException {
        if (p.maxTokens() != null) {
            g.writeNumberField("max_completion_tokens", p.maxTokens());
        }
        if (p.temperature() != null) {
            g.writeNumberField("temperature", p.temperature());
        }
        if (p.topP() != null) {
            g.writeNumberField("top_p", p.topP());
        }
        if (!p.stop().isEmpty()) {
            g.writeArrayFieldStart("stop");
            for (String stop : p.stop()) {
                g.writeString(stop);
            }
            g.writeEndArray();
        }
        if (p.seed() != null) {
            g.writeNumberField("seed", p.seed());
        }
        if (p.user() != null) {
            g.writeStringField("user", p.user());
        }
        if (p.parallelToolCalls() != null) {
            g.writeBooleanField("parallel_tool_calls", p.parallelToolCalls());
        }
        String effort = reasoningEffort(p.thinking(), model);
        if (effort != null) {
            g.writeStringField("reasoning_effort", effort);
        }
        if (p.responseFormat() != null) {
            responseFormat(g, p.responseFormat());
        }
    }

    private static void responseFormat(JsonGenerator g, ResponseFormat f) throws IOException {
        g.writeObjectFieldStart("response_format");
        switch (f.kind()) {
            case TEXT -> g.writeStringField("type", "text");
            case JSON_OBJECT -> g.writeStringField("type", "json_object");
            case JSON_SCHEMA -> {
                g.writeStringField("type", "json_schema");
                g.writeObjectFieldStart("json_schema");
                g.writeStringField("name", f.name() == null ? "response" : f.name());
                if (f.schema() != null) {
                    g.writeFieldName("schema");
                    tree(g, f.schema());
                }
                if (f.strict() != null) {
                    g.writeBooleanField("strict", f.strict());
                }
                g.writeEndObject();
            }
        }
        g.writeEndObject();
    }
}
