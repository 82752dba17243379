package io.keyroute.api.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.canonical.StreamEventReader;
import io.keyroute.api.error.ErrorType;
import io.keyroute.api.wire.JsonFields;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Anthropic's stream → {@link StreamEvent}s. message_start starts; text blocks give text deltas;
 * a tool_use block is a tool call whose {@code input_json_delta}s are argument deltas;
 * message_delta carries the stop reason and the final usage (merged with message_start's input
 * counts); message_stop ends; an error event fails the stream. A thinking block's
 * {@code thinking_delta}s are reasoning deltas and its {@code signature_delta} the reasoning's
 * signature; a redacted_thinking block is redacted reasoning; pings carry nothing.
 */
public final class AnthropicEventReader implements StreamEventReader {
    /** content block index → tool call index */
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private JsonNode startUsage;

    @Override
    public void read(String event, String data, Consumer<StreamEvent> out) {
        JsonNode e = JsonFields.parseEvent(data, out);
        if (e == null) {
            return;
        }
        String type = e.path("type").asText(event == null ? "" : event);
        switch (type) {
            case "message_start" -> {
                JsonNode message = e.path("message");
                startUsage = message.path("usage");
                out.accept(new StreamEvent.Start(message.path("id").asText(null), message.path("model").asText(null)));
                if (startUsage.isObject()) { // counted even if the stream is cut before message_delta
                    out.accept(new StreamEvent.UsageReport(AnthropicStopReasons.readUsage(startUsage), true));
                }
            }
            case "content_block_start" -> {
                JsonNode block = e.path("content_block");
                int index = e.path("index").asInt();
                if ("tool_use".equals(block.path("type").asText())) {
                    int call = toolBlocks.size();
                    toolBlocks.put(index, call);
                    out.accept(new StreamEvent.ToolCallStart(call, block.path("id").asText(null),
                            block.path("name").asText("")));
                } else if ("text".equals(block.path("type").asText()) && !block.path("text").asText("").isEmpty()) {
                    out.accept(new StreamEvent.TextDelta(block.path("text").asText()));
                } else if ("redacted_thinking".equals(block.path("type").asText())) {
                    out.accept(new StreamEvent.RedactedReasoning(block.path("data").asText("")));
                }
            }
            case "content_block_delta" -> {
                JsonNode delta = e.path("delta");
                switch (delta.path("type").asText("")) {
                    case "text_delta" -> out.accept(new StreamEvent.TextDelta(delta.path("text").asText("")));
                    case "input_json_delta" -> {
                        Integer call = toolBlocks.get(e.path("index").asInt());
                        String json = delta.path("partial_json").asText("");
                        if (call != null && !json.isEmpty()) {
                            out.accept(new StreamEvent.ToolCallDelta(call, json));
                        }
                    }
                    case "thinking_delta" -> {
                        String thinking = delta.path("thinking").asText("");
                        if (!thinking.isEmpty()) {
                            out.accept(new StreamEvent.ReasoningDelta(thinking));
                        }
                    }
                    case "signature_delta" -> {
                        String signature = delta.path("signature").asText("");
                        if (!signature.isEmpty()) {
                            out.accept(new StreamEvent.ReasoningSignature(signature));
                        }
                    }
                    default -> {
                        // citations_delta
                    }
                }
            }
            case "message_delta" -> {
                JsonNode delta = e.path("delta");
                String stopSequence = delta.path("stop_sequence").isTextual() ? delta.path("stop_sequence").asText() : null;
                out.accept(new StreamEvent.Finish(AnthropicStopReasons.read(delta.path("stop_reason").asText(null)),
                        stopSequence));
                out.accept(new StreamEvent.UsageReport(usage(e.path("usage"))));
            }
            case "message_stop" -> out.accept(new StreamEvent.End());
            case "error" -> {
                JsonNode error = e.path("error");
                out.accept(new StreamEvent.Error(errorType(error.path("type").asText("")),
                        error.path("message").asText("the provider reported an error")));
            }
            default -> {
                // ping, content_block_stop, and event types added later
            }
        }
    }

    /** message_delta's usage, with the input counts message_start reported where the delta has none. */
    private Usage usage(JsonNode delta) {
        var merged = JsonFields.object();
        if (startUsage != null && startUsage.isObject()) {
            merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) startUsage);
        }
        delta.fields().forEachRemaining(f -> {
            if (!f.getValue().isNull()) {
                merged.set(f.getKey(), f.getValue());
            }
        });
        return AnthropicStopReasons.readUsage(merged);
    }

    static ErrorType errorType(String anthropicType) {
        return switch (anthropicType) {
            case "invalid_request_error" -> ErrorType.INVALID_REQUEST;
            case "authentication_error" -> ErrorType.AUTHENTICATION;
            case "permission_error" -> ErrorType.PERMISSION;
            case "not_found_error" -> ErrorType.NOT_FOUND;
            case "rate_limit_error" -> ErrorType.RATE_LIMIT;
            case "timeout_error" -> ErrorType.TIMEOUT;
            default -> ErrorType.UPSTREAM; // api_error, overloaded_error
        };
    }
}
