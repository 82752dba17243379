package io.keyroute.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.testkit.replies.ToolCall;
import io.keyroute.testkit.replies.Usage;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The Responses API's JSON objects, field for field: openai-openapi's {@code openapi.json}
 * (components.schemas {@code Response}, {@code ResponseUsage}, {@code OutputMessage},
 * {@code OutputTextContent}, {@code FunctionToolCall}, {@code ReasoningItem}, the
 * {@code Response*Event}s and {@code ResponseErrorEvent}), in the order of streams recorded from the
 * API (o4-mini, gpt-5): {@code sequence_number} from 0 right after {@code type}, an {@code event:}
 * line naming each event, no {@code [DONE]}.
 */
final class ResponsesWire {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** What every state of one response shares: its id, creation time, model and the request it echoes. */
    record Head(String id, long createdAt, String model, JsonNode request) {
    }

    private ResponsesWire() {
    }

    /**
     * A Response object. The request's parameters are echoed, OpenAI's defaults where it set none.
     *
     * @param completedAt      null until completed
     * @param incompleteReason {@code max_output_tokens} or {@code content_filter}, or null
     * @param usage            null while in progress
     */
    static ObjectNode response(Head head, String status, Long completedAt, String incompleteReason, ArrayNode output,
                               Usage usage, String serviceTier) {
        JsonNode req = head.request();
        ObjectNode r = F.objectNode()
                .put("id", head.id())
                .put("object", "response")
                .put("created_at", head.createdAt())
                .put("status", status);
        if (completedAt == null) {
            r.putNull("completed_at");
        } else {
            r.put("completed_at", completedAt);
        }
        r.put("background", false);
        r.putNull("error");
        if (incompleteReason == null) {
            r.putNull("incomplete_details");
        } else {
            r.putObject("incomplete_details").put("reason", incompleteReason);
        }
        echo(r, req, "instructions", F.nullNode());
        echo(r, req, "max_output_tokens", F.nullNode());
        echo(r, req, "max_tool_calls", F.nullNode());
        r.put("model", head.model());
        r.set("output", output);
        echo(r, req, "parallel_tool_calls", F.booleanNode(true));
        echo(r, req, "previous_response_id", F.nullNode());
        echo(r, req, "prompt_cache_key", F.nullNode());
        ObjectNode reasoning = r.putObject("reasoning");
        echo(reasoning, req.path("reasoning"), "effort", F.nullNode());
        echo(reasoning, req.path("reasoning"), "summary", F.nullNode());
        echo(r, req, "safety_identifier", F.nullNode());
        r.put("service_tier", serviceTier);
        echo(r, req, "store", F.booleanNode(true));
        echo(r, req, "temperature", F.numberNode(1.0));
        ObjectNode text = F.objectNode();
        text.putObject("format").put("type", "text");
        echo(r, req, "text", text.put("verbosity", "medium"));
        echo(r, req, "tool_choice", F.textNode("auto"));
        r.set("tools", tools(req.path("tools")));
        echo(r, req, "top_logprobs", F.numberNode(0));
        echo(r, req, "top_p", F.numberNode(1.0));
        echo(r, req, "truncation", F.textNode("disabled"));
        if (usage == null) {
            r.putNull("usage");
        } else {
            r.set("usage", usage(usage));
        }
        echo(r, req, "user", F.nullNode());
        echo(r, req, "metadata", F.objectNode());
        return r;
    }

    /** {@code ResponseUsage}: input and output tokens with their details; cached and reasoning are parts. */
    static ObjectNode usage(Usage u) {
        ObjectNode n = F.objectNode().put("input_tokens", u.promptTokens());
        n.putObject("input_tokens_details")
                .put("cached_tokens", u.cachedTokens())
                .put("cache_write_tokens", u.cacheWriteTokens());
        n.put("output_tokens", u.completionTokens());
        n.putObject("output_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        n.put("total_tokens", u.totalTokens());
        return n;
    }

    /** A reasoning item; {@code summary} null while it streams (an empty summary). */
    static ObjectNode reasoning(String id, String summary) {
        ObjectNode item = F.objectNode().put("id", id).put("type", "reasoning");
        ArrayNode parts = item.putArray("summary");
        if (summary != null) {
            parts.add(summaryText(summary));
        }
        return item;
    }

    static ObjectNode summaryText(String text) {
        return F.objectNode().put("type", "summary_text").put("text", text);
    }

    /** An assistant message; {@code text} null while it streams (no content yet). */
    static ObjectNode message(String id, String status, String text) {
        ObjectNode item = F.objectNode().put("id", id).put("type", "message").put("status", status);
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item.put("role", "assistant");
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = F.objectNode().put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        return part.put("text", text);
    }

    /** A function call item: the model's {@code call_id} is the scripted call's id. */
    static ObjectNode functionCall(String id, String status, ToolCall call, String arguments) {
        return F.objectNode().put("id", id).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", call.id()).put("name", call.name());
    }

    /** A stream event's head: its type and sequence number. */
    static ObjectNode event(String type, int sequenceNumber) {
        return F.objectNode().put("type", type).put("sequence_number", sequenceNumber);
    }

    /** The {@code error} event of a stream that fails ({@code ResponseErrorEvent}). */
    static ObjectNode errorEvent(int sequenceNumber, String code, String message) {
        return event("error", sequenceNumber).put("code", code).put("message", message).putNull("param");
    }

    /** {@code event: <type>\ndata: <json>\n\n}. */
    static byte[] sse(ObjectNode event) {
        String head = "event: " + event.path("type").asText() + "\ndata: ";
        byte[] json = OpenAiWire.bytes(event);
        byte[] out = new byte[head.length() + json.length + 2];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, out, 0, head.length());
        System.arraycopy(json, 0, out, head.length(), json.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }

    /** The answer to {@code DELETE /v1/responses/{id}}. */
    /**
     * {@code GET /v1/responses/{id}/input_items}: a list of the request's input items, each with an id,
     * a string input as one user message, a message's string content as one {@code input_text} part.
     */
    static ObjectNode inputItems(JsonNode input, long createdAt, long response) {
        ObjectNode list = F.objectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        if (input != null && input.isTextual()) {
            data.add(F.objectNode().put("type", "message").put("role", "user").put("content", input.asText()));
        } else if (input != null) {
            input.forEach(item -> data.add(item.deepCopy()));
        }
        for (int i = 0; i < data.size(); i++) {
            ObjectNode item = (ObjectNode) data.get(i);
            if (!item.has("id")) {
                item.put("id", id("message".equals(item.path("type").asText("message")) ? "msg" : "item", createdAt, response,
                        1_000 + i));
            }
            item.put("type", item.path("type").asText("message"));
            if (item.path("content").isTextual()) {
                String text = item.get("content").asText();
                item.putArray("content").addObject().put("type", "input_text").put("text", text);
            }
        }
        list.put("first_id", data.isEmpty() ? null : data.get(0).path("id").asText());
        list.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).path("id").asText());
        list.put("has_more", false);
        return list;
    }

    static ObjectNode deleted(String id) {
        return F.objectNode().put("id", id).put("object", "response").put("deleted", true);
    }

    /**
     * {@code <prefix>_} and 48 hex digits, as OpenAI's ids look: the first 8 the creation time in
     * seconds (OpenAI's own example {@code resp_67ccd2be…} has {@code created_at} 1741476542,
     * 0x67ccd2be), the rest derived from the response and the item.
     */
    static String id(String prefix, long createdAt, long response, int item) {
        SplittableRandom random = new SplittableRandom(response * 0x9E3779B97F4A7C15L + item);
        StringBuilder sb = new StringBuilder(prefix).append('_').append(String.format("%08x", createdAt & 0xFFFF_FFFFL));
        sb.append(String.format("%08x", random.nextInt()));
        for (int i = 0; i < 2; i++) {
            sb.append(String.format("%016x", random.nextLong()));
        }
        return sb.toString();
    }

    /** Function tools as OpenAI echoes them ({@code strict} defaults to true); other tools as sent. */
    private static ArrayNode tools(JsonNode requested) {
        ArrayNode out = F.arrayNode();
        for (JsonNode tool : requested) {
            if (!"function".equals(tool.path("type").asText())) {
                out.add(tool);
                continue;
            }
            ObjectNode t = out.addObject().put("type", "function");
            if (tool.hasNonNull("description")) {
                t.set("description", tool.get("description"));
            }
            t.set("name", tool.get("name"));
            echo(t, tool, "parameters", F.nullNode());
            echo(t, tool, "strict", F.booleanNode(true));
        }
        return out;
    }

    /** The request's {@code field}, or {@code otherwise} where it sent none (or null). */
    private static void echo(ObjectNode out, JsonNode request, String field, JsonNode otherwise) {
        JsonNode value = request.get(field);
        out.set(field, value == null || value.isNull() ? otherwise : value);
    }
}
