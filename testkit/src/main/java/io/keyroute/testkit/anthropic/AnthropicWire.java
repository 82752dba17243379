package io.keyroute.testkit.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.testkit.FakeJson;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.ToolCall;
import io.keyroute.testkit.replies.Usage;
import io.keyroute.testkit.replies.Wording;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic Messages JSON as the real API writes it: the {@code message} object, the streaming
 * event sequence (message_start, content_block_start, ping, content_block_delta…,
 * content_block_stop, message_delta, message_stop), the models list and the error shape. A
 * scripted thinking block comes first, as extended thinking answers (thinking_delta…, then one
 * signature_delta), and shifts the other blocks' indices.
 */
final class AnthropicWire {
    private static final ObjectMapper MAPPER = FakeJson.MAPPER;

    private AnthropicWire() {
    }

    static ObjectNode message(String id, String model, Reply reply, Usage usage) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        ArrayNode content = m.putArray("content");
        if (reply.thinking() != null) {
            content.addObject().put("type", "thinking").put("thinking", reply.thinking())
                    .put("signature", reply.thinkingSignature());
        }
        if (reply.kind() == Reply.Kind.TOOL_CALLS) {
            for (ToolCall call : reply.toolCalls()) {
                content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                        .set("input", parse(call.arguments()));
            }
        } else {
            content.addObject().put("type", "text").put("text", reply.text());
        }
        m.put("stop_reason", stopReason(reply));
        m.putNull("stop_sequence");
        usage(m.putObject("usage"), usage, usage.completionTokens());
        return m;
    }

    /** Every event of a streamed reply, in order, as SSE bytes ({@code event:} and {@code data:}). */
    static List<byte[]> events(String id, String model, Reply reply, Usage usage) {
        List<byte[]> events = new ArrayList<>();
        ObjectNode start = MAPPER.createObjectNode().put("type", "message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        usage(message.putObject("usage"), usage, 1);
        events.add(event("message_start", start));
        int first = reply.thinking() == null ? 0 : 1;
        if (first == 1) {
            thinking(events, reply);
        }
        if (reply.kind() == Reply.Kind.TOOL_CALLS) {
            for (int i = first; i < first + reply.toolCalls().size(); i++) {
                ToolCall call = reply.toolCalls().get(i - first);
                ObjectNode block = MAPPER.createObjectNode().put("type", "tool_use").put("id", call.id())
                        .put("name", call.name());
                block.putObject("input");
                events.add(event("content_block_start", blockStart(i, block)));
                if (i == 0) { // the first block: the ping follows it
                    events.add(event("ping", MAPPER.createObjectNode().put("type", "ping")));
                }
                events.add(event("content_block_delta", delta(i, MAPPER.createObjectNode()
                        .put("type", "input_json_delta").put("partial_json", ""))));
                for (String piece : Wording.slices(call.arguments(), 8)) {
                    events.add(event("content_block_delta", delta(i, MAPPER.createObjectNode()
                            .put("type", "input_json_delta").put("partial_json", piece))));
                }
                events.add(event("content_block_stop", MAPPER.createObjectNode().put("type", "content_block_stop")
                        .put("index", i)));
            }
        } else {
            events.add(event("content_block_start", blockStart(first, MAPPER.createObjectNode().put("type", "text")
                    .put("text", ""))));
            if (first == 0) {
                events.add(event("ping", MAPPER.createObjectNode().put("type", "ping")));
            }
            for (String piece : reply.pieces()) {
                events.add(event("content_block_delta", delta(first, MAPPER.createObjectNode().put("type", "text_delta")
                        .put("text", piece))));
            }
            events.add(event("content_block_stop", MAPPER.createObjectNode().put("type", "content_block_stop")
                    .put("index", first)));
        }
        ObjectNode end = MAPPER.createObjectNode().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", stopReason(reply)).putNull("stop_sequence");
        end.putObject("usage").put("output_tokens", usage.completionTokens());
        events.add(event("message_delta", end));
        events.add(event("message_stop", MAPPER.createObjectNode().put("type", "message_stop")));
        return events;
    }

    /** Block 0, the thinking: its start (empty thinking and signature), a ping, its deltas, its stop. */
    private static void thinking(List<byte[]> events, Reply reply) {
        events.add(event("content_block_start", blockStart(0, MAPPER.createObjectNode().put("type", "thinking")
                .put("thinking", "").put("signature", ""))));
        events.add(event("ping", MAPPER.createObjectNode().put("type", "ping")));
        for (String piece : Wording.slices(reply.thinking(), 16)) {
            events.add(event("content_block_delta", delta(0, MAPPER.createObjectNode().put("type", "thinking_delta")
                    .put("thinking", piece))));
        }
        events.add(event("content_block_delta", delta(0, MAPPER.createObjectNode().put("type", "signature_delta")
                .put("signature", reply.thinkingSignature()))));
        events.add(event("content_block_stop", MAPPER.createObjectNode().put("type", "content_block_stop")
                .put("index", 0)));
    }

    /**
     * What Anthropic refuses in a request with thinking enabled, in its words; null when nothing: a
     * budget under 1024 or not under {@code max_tokens}, and a last assistant turn that calls tools
     * without a thinking block first (its thinking must come back with the tool results).
     */
    static String thinkingError(com.fasterxml.jackson.databind.JsonNode body) {
        com.fasterxml.jackson.databind.JsonNode thinking = body.path("thinking");
        if (!"enabled".equals(thinking.path("type").asText())) {
            return null;
        }
        int budget = thinking.path("budget_tokens").asInt(0);
        if (budget < 1024) {
            return "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024";
        }
        if (budget >= body.path("max_tokens").asInt(0)) {
            return "`max_tokens` must be greater than `thinking.budget_tokens`.";
        }
        com.fasterxml.jackson.databind.JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            com.fasterxml.jackson.databind.JsonNode turn = messages.get(i);
            if (!"assistant".equals(turn.path("role").asText())) {
                continue;
            }
            boolean callsTools = false;
            for (com.fasterxml.jackson.databind.JsonNode block : turn.path("content")) {
                callsTools |= "tool_use".equals(block.path("type").asText());
            }
            String firstType = turn.path("content").path(0).path("type").asText();
            if (callsTools && !"thinking".equals(firstType) && !"redacted_thinking".equals(firstType)) {
                return "messages." + i + ".content.0.type: Expected `thinking` or `redacted_thinking`, but found `"
                        + firstType + "`. When `thinking` is enabled, a final `assistant` message must start with a "
                        + "thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks).";
            }
            return null;
        }
        return null;
    }

    /** The {@code GET /v1/models} page: Anthropic's current models, newest first. */
    static ObjectNode models() {
        ObjectNode page = MAPPER.createObjectNode();
        ArrayNode data = page.putArray("data");
        data.addObject().put("type", "model").put("id", "claude-sonnet-4-5-20250929")
                .put("display_name", "Claude Sonnet 4.5").put("created_at", "2025-09-29T00:00:00Z");
        data.addObject().put("type", "model").put("id", "claude-haiku-4-5-20251001")
                .put("display_name", "Claude Haiku 4.5").put("created_at", "2025-10-01T00:00:00Z");
        return page.put("has_more", false).put("first_id", "claude-sonnet-4-5-20250929")
                .put("last_id", "claude-haiku-4-5-20251001");
    }

    static ObjectNode error(String type, String message) {
        ObjectNode root = MAPPER.createObjectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return root;
    }

    /** Anthropic's error type for an HTTP status. */
    static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    static byte[] event(String name, ObjectNode data) {
        return ("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String stopReason(Reply reply) {
        if (reply.finishReason() != null) {
            return switch (reply.finishReason()) {
                case "length" -> "max_tokens";
                case "tool_calls" -> "tool_use";
                case "stop" -> "end_turn";
                default -> reply.finishReason();
            };
        }
        return reply.kind() == Reply.Kind.TOOL_CALLS ? "tool_use" : "end_turn";
    }

    /** Anthropic's input_tokens leave out what was read from and written to the prompt cache. */
    private static void usage(ObjectNode u, Usage usage, int output) {
        u.put("input_tokens", usage.promptTokens() - usage.cachedTokens() - usage.cacheWriteTokens())
                .put("cache_creation_input_tokens", usage.cacheWriteTokens())
                .put("cache_read_input_tokens", usage.cachedTokens());
        u.putObject("cache_creation")
                .put("ephemeral_5m_input_tokens", usage.cacheWriteTokens() - usage.cacheWrite1hTokens())
                .put("ephemeral_1h_input_tokens", usage.cacheWrite1hTokens());
        u.put("output_tokens", output);
    }

    private static ObjectNode blockStart(int index, ObjectNode block) {
        ObjectNode e = MAPPER.createObjectNode().put("type", "content_block_start").put("index", index);
        e.set("content_block", block);
        return e;
    }

    private static ObjectNode delta(int index, ObjectNode delta) {
        ObjectNode e = MAPPER.createObjectNode().put("type", "content_block_delta").put("index", index);
        e.set("delta", delta);
        return e;
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("tool call arguments must be JSON: " + json, e);
        }
    }
}
