package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.wire.GeneratedJson;
import java.io.IOException;

/**
 * An item of a Response's {@code output}, in one shape for the whole answer ({@link ResponsesResponseWriter}) and
 * the stream ({@link ResponsesEventWriter}), which repeats them in its events, and written straight onto a
 * generator (built as Jackson nodes and serialised, the items were a translated answer's largest allocation after
 * the reading): the spec's OutputMessage with OutputTextContent, FunctionToolCall, CustomToolCall,
 * LocalShellToolCall, and ReasoningItem with SummaryTextContent (openai-openapi openapi.yaml; openai-java 4.100.0
 * ResponseOutputMessage, ResponseOutputText, ResponseFunctionToolCall, ResponseCustomToolCall,
 * ResponseOutputItem.LocalShellCall, ResponseReasoningItem). Keys in the order OpenAI sends them.
 */
sealed interface OutputItem {

    void write(JsonGenerator g) throws IOException;

    /** The item a tool call is answered in: a function's, or that of the tool the caller offered under its name. */
    static OutputItem toolCall(ClientTools tools, String status, String callId, String name, String arguments) {
        ClientTools.Kind kind = tools.kindOf(name);
        if (kind == null) {
            return new FunctionCall(ResponsesIds.functionCall(), status, callId, name, arguments);
        }
        return switch (kind) {
            case CUSTOM -> new CustomToolCall(ResponsesIds.customToolCall(), status, callId, name,
                    ClientTools.customInput(arguments));
            case LOCAL_SHELL -> new LocalShellCall(callId, status, ClientTools.shellAction(arguments));
        };
    }

    /** An output_text part; its annotations and logprobs, which the spec requires, are empty lists. */
    static void outputText(JsonGenerator g, String text) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "output_text");
        g.writeStringField("text", text);
        emptyArray(g, "annotations");
        emptyArray(g, "logprobs");
        g.writeEndObject();
    }

    static void summaryText(JsonGenerator g, String text) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "summary_text");
        g.writeStringField("text", text);
        g.writeEndObject();
    }

    static void emptyArray(JsonGenerator g, String field) throws IOException {
        g.writeArrayFieldStart(field);
        g.writeEndArray();
    }

    /** Opens an item with the keys every item starts with. */
    private static void start(JsonGenerator g, String id, String type) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("type", type);
    }

    /** Opens an item of those with a status of their own (all but reasoning). */
    private static void start(JsonGenerator g, String id, String type, String status) throws IOException {
        start(g, id, type);
        g.writeStringField("status", status);
    }

    /** An assistant message; {@code text} its one output_text part, or null for no content yet. */
    record Message(String id, String status, String text) implements OutputItem {
        @Override
        public void write(JsonGenerator g) throws IOException {
            start(g, id, "message", status);
            g.writeStringField("role", "assistant");
            g.writeArrayFieldStart("content");
            if (text != null) {
                outputText(g, text);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** @param callId the id the caller's {@code function_call_output} answers with */
    record FunctionCall(String id, String status, String callId, String name, String arguments) implements OutputItem {
        @Override
        public void write(JsonGenerator g) throws IOException {
            start(g, id, "function_call", status);
            g.writeStringField("arguments", arguments);
            g.writeStringField("call_id", callId);
            g.writeStringField("name", name);
            g.writeEndObject();
        }
    }

    /** @param callId the id the caller's {@code custom_tool_call_output} answers with */
    record CustomToolCall(String id, String status, String callId, String name, String input) implements OutputItem {
        @Override
        public void write(JsonGenerator g) throws IOException {
            start(g, id, "custom_tool_call", status);
            g.writeStringField("call_id", callId);
            g.writeStringField("name", name);
            g.writeStringField("input", input);
            g.writeEndObject();
        }
    }

    /**
     * A local shell call, its action as {@link ClientTools#shellAction} reads it. Its item id is its call_id: the
     * spec's {@code local_shell_call_output} names the call by {@code id}, so either reading of that finds the call.
     */
    record LocalShellCall(String callId, String status, JsonNode action) implements OutputItem {
        @Override
        public void write(JsonGenerator g) throws IOException {
            start(g, callId, "local_shell_call", status);
            g.writeStringField("call_id", callId);
            g.writeFieldName("action");
            GeneratedJson.tree(g, action);
            g.writeEndObject();
        }
    }

    /**
     * A reasoning item; {@code summary} its one summary_text part, or null for none (yet); {@code encrypted} a
     * provider's signed block ({@link ReasoningContent}), or null for none. It has no status of its own in OpenAI's
     * answers: the response's status says.
     */
    record Reasoning(String id, String summary, String encrypted) implements OutputItem {
        @Override
        public void write(JsonGenerator g) throws IOException {
            start(g, id, "reasoning");
            g.writeArrayFieldStart("summary");
            if (summary != null) {
                summaryText(g, summary);
            }
            g.writeEndArray();
            if (encrypted != null) {
                g.writeStringField("encrypted_content", encrypted);
            }
            g.writeEndObject();
        }
    }
}
