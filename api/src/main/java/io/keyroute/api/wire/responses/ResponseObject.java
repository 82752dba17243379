package io.keyroute.api.wire.responses;

import static io.keyroute.api.wire.GeneratedJson.tree;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import io.keyroute.api.wire.GeneratedJson;
import io.keyroute.api.wire.JsonFields;
import java.io.IOException;
import java.util.List;

/**
 * The {@code Response} object, its fields in one order written straight to a generator: for a whole answer
 * ({@link ResponsesResponseWriter}, to UTF-8 bytes) and for the snapshots a stream's lifecycle events carry
 * ({@link StreamedResponse}, in the event). Built as a tree and serialised, it was most of a translated
 * answer's allocation. Every key the SDK's {@code com.openai.models.responses.Response} (openai-java 4.100.0) marks
 * required is written, nullable ones as null; the request's settings are echoed as the caller sent them (its own
 * nodes, never changed), as OpenAI does.
 */
final class ResponseObject {
    private static final JsonNode TEXT_FORMAT = JsonFields.object().set("format", JsonFields.object().put("type", "text"));
    private static final JsonNode NO_TOOLS = Json.MAPPER.createArrayNode();
    private static final JsonNode NO_METADATA = JsonFields.object();
    private static final JsonNode AUTO = TextNode.valueOf("auto");
    private static final JsonNode DISABLED = TextNode.valueOf("disabled");

    /**
     * What a response is at one stage: {@code usage} null for none yet, {@code incompleteReason} and {@code error}
     * null unless the answer was cut or failed.
     */
    record Stage(String model, String status, String incompleteReason, Failure error, List<OutputItem> output,
                 Usage usage) {
        static Stage inProgress(String model) {
            return new Stage(model, "in_progress", null, null, List.of(), null);
        }
    }

    /** The spec's {@code ResponseError}: its {@code code} one of the spec's enum. */
    record Failure(String code, String message) {
    }

    private final ResponsesRequest request;
    private final String id;
    private final long createdAt;

    /**
     * @param id        the response's id ({@link ResponsesIds#response()})
     * @param createdAt the {@code created_at} epoch seconds
     */
    ResponseObject(ResponsesRequest request, String id, long createdAt) {
        this.request = request;
        this.id = id;
        this.createdAt = createdAt;
    }

    /**
     * The response at {@code stage} as UTF-8 bytes, as a whole answer is sent: written into a pooled buffer, as
     * {@code ObjectMapper.writeValueAsBytes} does, so only the answer's own array is new.
     */
    byte[] bytes(Stage stage) {
        return GeneratedJson.bytes(g -> write(g, stage));
    }

    /** The response at {@code stage} onto {@code g}, as an event's {@code response}. */
    void write(JsonGenerator g, Stage stage) throws IOException {
        JsonNode body = request.body();
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("object", "response");
        g.writeNumberField("created_at", createdAt);
        g.writeStringField("status", stage.status());
        g.writeBooleanField("background", false);
        g.writeFieldName("error");
        error(g, stage.error());
        g.writeFieldName("incomplete_details");
        if (stage.incompleteReason() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringField("reason", stage.incompleteReason());
            g.writeEndObject();
        }
        echo(g, body, "instructions", null);
        echo(g, body, "max_output_tokens", null);
        g.writeStringField("model", stage.model());
        g.writeArrayFieldStart("output");
        for (OutputItem item : stage.output()) {
            item.write(g);
        }
        g.writeEndArray();
        echo(g, body, "parallel_tool_calls", BooleanNode.TRUE);
        echo(g, body, "previous_response_id", null);
        echo(g, body, "reasoning", null);
        g.writeBooleanField("store", request.store());
        echo(g, body, "temperature", null);
        echo(g, body, "text", TEXT_FORMAT);
        echo(g, body, "tool_choice", AUTO);
        echo(g, body, "tools", NO_TOOLS);
        echo(g, body, "top_p", null);
        echo(g, body, "truncation", DISABLED);
        g.writeFieldName("usage");
        usage(g, stage.usage());
        echo(g, body, "user", null);
        echo(g, body, "metadata", NO_METADATA);
        g.writeEndObject();
    }

    private static void error(JsonGenerator g, Failure error) throws IOException {
        if (error == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("code", error.code());
        g.writeStringField("message", error.message());
        g.writeEndObject();
    }

    /** {@code ResponseUsage}: the prompt's cached and cache-written parts, the answer's reasoning part; null for none. */
    private static void usage(JsonGenerator g, Usage usage) throws IOException {
        if (usage == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("input_tokens", usage.promptTokens());
        g.writeObjectFieldStart("input_tokens_details");
        g.writeNumberField("cached_tokens", usage.cachedTokens());
        g.writeNumberField("cache_write_tokens", usage.cacheWriteTokens());
        g.writeEndObject();
        g.writeNumberField("output_tokens", usage.completionTokens());
        g.writeObjectFieldStart("output_tokens_details");
        g.writeNumberField("reasoning_tokens", usage.reasoningTokens());
        g.writeEndObject();
        g.writeNumberField("total_tokens", usage.totalTokens());
        g.writeEndObject();
    }

    /** The request's value of {@code field} as sent, else {@code otherwise} (null: JSON null). */
    private static void echo(JsonGenerator g, JsonNode body, String field, JsonNode otherwise) throws IOException {
        g.writeFieldName(field);
        JsonNode value = body.get(field);
        tree(g, value != null && !value.isNull() ? value : otherwise);
    }
}
