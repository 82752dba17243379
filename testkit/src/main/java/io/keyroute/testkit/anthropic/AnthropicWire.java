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
 * content_block_stop, message_delta, message_stop), the models list and the error shape.
 */
final class AnthropicWire {
    private static final ObjectMapper MAPPER = FakeJson.MAPPER;

    private AnthropicWire() {
    }

    static ObjectNode message(String id, String model, Reply reply, Usage usage) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        ArrayNode content = m.putArray("content");
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
        if (reply.kind() == Reply.Kind.TOOL_CALLS) {
            for (int i = 0; i < reply.toolCalls().size(); i++) {
                ToolCall call = reply.toolCalls().get(i);
                ObjectNode block = MAPPER.createObjectNode().put("type", "tool_use").put("id", call.id())
                        .put("name", call.name());
                block.putObject("input");
                events.add(event("content_block_start", blockStart(i, block)));
                if (i == 0) {
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
            events.add(event("content_block_start", blockStart(0, MAPPER.createObjectNode().put("type", "text")
                    .put("text", ""))));
            events.add(event("ping", MAPPER.createObjectNode().put("type", "ping")));
            for (String piece : reply.pieces()) {
                events.add(event("content_block_delta", delta(0, MAPPER.createObjectNode().put("type", "text_delta")
                        .put("text", piece))));
            }
            events.add(event("content_block_stop", MAPPER.createObjectNode().put("type", "content_block_stop")
                    .put("index", 0)));
        }
        ObjectNode end = MAPPER.createObjectNode().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", stopReason(reply)).putNull("stop_sequence");
        end.putObject("usage").put("output_tokens", usage.completionTokens());
        events.add(event("message_delta", end));
        events.add(event("message_stop", MAPPER.createObjectNode().put("type", "message_stop")));
        return events;
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
