package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.wire.JsonFields;

/**
 * The items of a Response's {@code output}, in one shape for the whole answer
 * ({@link ResponsesResponseWriter}) and the stream ({@link ResponsesEventWriter}), which repeats
 * them in its events: the spec's OutputMessage with OutputTextContent, FunctionToolCall,
 * CustomToolCall, LocalShellToolCall, and ReasoningItem with SummaryTextContent (openai-openapi
 * openapi.yaml; openai-java 4.100.0 ResponseOutputMessage, ResponseOutputText,
 * ResponseFunctionToolCall, ResponseCustomToolCall, ResponseOutputItem.LocalShellCall,
 * ResponseReasoningItem).
 */
final class OutputItems {
    private OutputItems() {
    }

    /** An assistant message; {@code text} its one output_text part, or null for no content yet. */
    static ObjectNode message(String id, String status, String text) {
        ObjectNode item = JsonFields.object().put("id", id).put("type", "message").put("status", status)
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    /** An output_text part; its annotations and logprobs, which the spec requires, are empty lists. */
    static ObjectNode outputText(String text) {
        ObjectNode part = JsonFields.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    /** @param callId the id the caller's {@code function_call_output} answers with */
    static ObjectNode functionCall(String id, String status, String callId, String name, String arguments) {
        return JsonFields.object().put("id", id).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", callId).put("name", name);
    }

    /** @param callId the id the caller's {@code custom_tool_call_output} answers with */
    static ObjectNode customToolCall(String id, String status, String callId, String name, String input) {
        return JsonFields.object().put("id", id).put("type", "custom_tool_call").put("status", status)
                .put("call_id", callId).put("name", name).put("input", input);
    }

    /**
     * A local shell call. Its item id is its call_id: the spec's {@code local_shell_call_output}
     * names the call by {@code id}, so either reading of that finds the call.
     */
    static ObjectNode localShellCall(String callId, String status, ObjectNode action) {
        ObjectNode item = JsonFields.object().put("id", callId).put("type", "local_shell_call").put("status", status)
                .put("call_id", callId);
        item.set("action", action);
        return item;
    }

    /** The item a tool call is answered in: a function's, or that of the tool the caller offered under its name. */
    static ObjectNode toolCall(ClientTools tools, String status, String callId, String name, String arguments) {
        ClientTools.Kind kind = tools.kindOf(name);
        if (kind == null) {
            return functionCall(ResponsesIds.functionCall(), status, callId, name, arguments);
        }
        return switch (kind) {
            case CUSTOM -> customToolCall(ResponsesIds.customToolCall(), status, callId, name,
                    ClientTools.customInput(arguments));
            case LOCAL_SHELL -> localShellCall(callId, status, ClientTools.shellAction(arguments));
        };
    }

    /**
     * A reasoning item; {@code summary} its one summary_text part, or null for none yet. It has no
     * status of its own in OpenAI's answers: the response's status says.
     */
    static ObjectNode reasoning(String id, String summary) {
        ObjectNode item = JsonFields.object().put("id", id).put("type", "reasoning");
        ArrayNode parts = item.putArray("summary");
        if (summary != null) {
            parts.add(summaryText(summary));
        }
        return item;
    }

    static ObjectNode summaryText(String text) {
        return JsonFields.object().put("type", "summary_text").put("text", text);
    }
}
