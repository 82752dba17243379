package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Usage;
import io.keyroute.api.wire.JsonFields;

/**
 * The Response as the writers built it before they wrote it straight onto a generator: a tree of nodes for the
 * mapper to serialise (ResponsesResponseWriter's envelope and usage before 51288889, OutputItems before its items
 * became {@link OutputItem}), kept here so the generator's text has something independent to be compared with. The
 * oracle of {@link ResponseBytesPropertyTest}, nothing else.
 */
final class TreeResponseOracle {
    private TreeResponseOracle() {
    }

    /** The Response at {@code stage}, built as a tree. */
    static ObjectNode response(ResponsesRequest req, String responseId, long createdAt, ResponseObject.Stage stage) {
        JsonNode body = req.body();
        ObjectNode root = JsonFields.object();
        root.put("id", responseId);
        root.put("object", "response");
        root.put("created_at", createdAt);
        root.put("status", stage.status());
        root.put("background", false);
        if (stage.error() == null) {
            root.putNull("error");
        } else {
            root.putObject("error").put("code", stage.error().code()).put("message", stage.error().message());
        }
        if (stage.incompleteReason() == null) {
            root.putNull("incomplete_details");
        } else {
            root.putObject("incomplete_details").put("reason", stage.incompleteReason());
        }
        root.set("instructions", echo(body, "instructions", null));
        root.set("max_output_tokens", echo(body, "max_output_tokens", null));
        root.put("model", stage.model());
        ArrayNode output = root.putArray("output");
        stage.output().forEach(item -> output.add(item(item)));
        root.set("parallel_tool_calls", echo(body, "parallel_tool_calls", root.booleanNode(true)));
        root.set("previous_response_id", echo(body, "previous_response_id", null));
        root.set("reasoning", echo(body, "reasoning", null));
        root.put("store", req.store());
        root.set("temperature", echo(body, "temperature", null));
        root.set("text", echo(body, "text", JsonFields.object().set("format", JsonFields.object().put("type", "text"))));
        root.set("tool_choice", echo(body, "tool_choice", root.textNode("auto")));
        root.set("tools", echo(body, "tools", root.arrayNode()));
        root.set("top_p", echo(body, "top_p", null));
        root.set("truncation", echo(body, "truncation", root.textNode("disabled")));
        root.set("usage", stage.usage() == null ? NullNode.getInstance() : usage(stage.usage()));
        root.set("user", echo(body, "user", null));
        root.set("metadata", echo(body, "metadata", JsonFields.object()));
        return root;
    }

    /** An item as OutputItems built it. */
    private static ObjectNode item(OutputItem item) {
        return switch (item) {
            case OutputItem.Message m -> message(m.id(), m.status(), m.text());
            case OutputItem.FunctionCall f -> JsonFields.object().put("id", f.id()).put("type", "function_call")
                    .put("status", f.status()).put("arguments", f.arguments()).put("call_id", f.callId())
                    .put("name", f.name());
            case OutputItem.CustomToolCall c -> JsonFields.object().put("id", c.id()).put("type", "custom_tool_call")
                    .put("status", c.status()).put("call_id", c.callId()).put("name", c.name()).put("input", c.input());
            case OutputItem.LocalShellCall s -> {
                ObjectNode node = JsonFields.object().put("id", s.callId()).put("type", "local_shell_call")
                        .put("status", s.status()).put("call_id", s.callId());
                node.set("action", s.action());
                yield node;
            }
            case OutputItem.Reasoning r -> reasoning(r.id(), r.summary(), r.encrypted());
        };
    }

    private static ObjectNode usage(Usage usage) {
        ObjectNode out = JsonFields.object();
        out.put("input_tokens", usage.promptTokens());
        out.putObject("input_tokens_details")
                .put("cached_tokens", usage.cachedTokens())
                .put("cache_write_tokens", usage.cacheWriteTokens());
        out.put("output_tokens", usage.completionTokens());
        out.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        out.put("total_tokens", usage.totalTokens());
        return out;
    }

    private static ObjectNode message(String id, String status, String text) {
        ObjectNode item = JsonFields.object().put("id", id).put("type", "message").put("status", status)
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            ObjectNode part = content.addObject().put("type", "output_text").put("text", text);
            part.putArray("annotations");
            part.putArray("logprobs");
        }
        return item;
    }

    private static ObjectNode reasoning(String id, String summary, String encrypted) {
        ObjectNode item = JsonFields.object().put("id", id).put("type", "reasoning");
        ArrayNode parts = item.putArray("summary");
        if (summary != null) {
            parts.addObject().put("type", "summary_text").put("text", summary);
        }
        if (encrypted != null) {
            item.put("encrypted_content", encrypted);
        }
        return item;
    }

    private static JsonNode echo(JsonNode body, String field, JsonNode otherwise) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull()) {
            return value;
        }
        return otherwise == null ? NullNode.getInstance() : otherwise;
    }
}
