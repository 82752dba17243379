package io.keyroute.testkit.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.testkit.FakeJson;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.ToolCall;
import io.keyroute.testkit.replies.Usage;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * OpenAI's JSON objects, field for field and in the order the API sends them (checked against the
 * openai-openapi spec and the official SDKs' recorded streams).
 */
final class OpenAiWire {

    static final ObjectMapper JSON = FakeJson.MAPPER;
    static final String SYSTEM_FINGERPRINT = "fp_f4ce0a1e5b";
    static final String SERVICE_TIER = "default";
    static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The identity every chunk of one completion shares. */
    /** @param serviceTier the tier the answer says served it */
    record Envelope(String id, long created, String model, String serviceTier) {
        Envelope(String id, long created, String model) {
            this(id, created, model, SERVICE_TIER);
        }
    }

    private OpenAiWire() {
    }

    /** A {@code chat.completion} object. */
    static ObjectNode completion(Envelope env, Reply reply, Usage usage) {
        ObjectNode message = F.objectNode().put("role", "assistant");
        if (reply.kind() == Reply.Kind.TOOL_CALLS) {
            message.putNull("content");
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall c : reply.toolCalls()) {
                ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
            }
        } else {
            message.put("content", reply.text());
        }
        message.putNull("refusal");
        message.putArray("annotations");

        ObjectNode root = F.objectNode()
                .put("id", env.id())
                .put("object", "chat.completion")
                .put("created", env.created())
                .put("model", env.model());
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", reply.effectiveFinishReason());
        root.set("usage", usage(usage));
        root.put("service_tier", env.serviceTier());
        root.put("system_fingerprint", SYSTEM_FINGERPRINT);
        return root;
    }

    /** A {@code chat.completion.chunk} with one choice; {@code usageNull} adds {@code "usage":null}. */
    static ObjectNode chunk(Envelope env, ObjectNode delta, String finishReason, boolean usageNull) {
        ObjectNode root = chunkHead(env);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (usageNull) {
            root.putNull("usage");
        }
        return root;
    }

    /** The extra last chunk of {@code stream_options.include_usage}: no choices, the usage. */
    static ObjectNode usageChunk(Envelope env, Usage usage) {
        ObjectNode root = chunkHead(env);
        root.putArray("choices");
        root.set("usage", usage(usage));
        return root;
    }

    static ObjectNode firstDelta() {
        return F.objectNode().put("role", "assistant").put("content", "").putNull("refusal");
    }

    static ObjectNode contentDelta(String content) {
        return F.objectNode().put("content", content);
    }

    /** The first delta of a tool call: id, type, name and empty arguments (with the role if first). */
    static ObjectNode toolCallStartDelta(ToolCall call, int index, boolean withRole) {
        ObjectNode delta = F.objectNode();
        if (withRole) {
            delta.put("role", "assistant").putNull("content");
        }
        ObjectNode c = delta.putArray("tool_calls").addObject().put("index", index)
                .put("id", call.id()).put("type", "function");
        c.putObject("function").put("name", call.name()).put("arguments", "");
        if (withRole) {
            delta.putNull("refusal");
        }
        return delta;
    }

    static ObjectNode toolCallArgumentsDelta(int index, String fragment) {
        ObjectNode delta = F.objectNode();
        delta.putArray("tool_calls").addObject().put("index", index)
                .putObject("function").put("arguments", fragment);
        return delta;
    }

    static ObjectNode emptyDelta() {
        return F.objectNode();
    }

    static ObjectNode usage(Usage u) {
        ObjectNode n = F.objectNode()
                .put("prompt_tokens", u.promptTokens())
                .put("completion_tokens", u.completionTokens())
                .put("total_tokens", u.totalTokens());
        n.putObject("prompt_tokens_details")
                .put("cached_tokens", u.cachedTokens())
                .put("audio_tokens", 0);
        n.putObject("completion_tokens_details")
                .put("reasoning_tokens", u.reasoningTokens())
                .put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0)
                .put("rejected_prediction_tokens", 0);
        return n;
    }

    /** {@code {"error":{"message","type","param","code"}}}. */
    static ObjectNode error(String message, String type, String param, String code) {
        ObjectNode root = F.objectNode();
        ObjectNode e = root.putObject("error").put("message", message);
        putNullable(e, "type", type);
        putNullable(e, "param", param);
        putNullable(e, "code", code);
        return root;
    }

    static ObjectNode model(String id, long created) {
        return F.objectNode().put("id", id).put("object", "model").put("created", created).put("owned_by", "system");
    }

    static ObjectNode modelList(List<String> ids, long created) {
        ObjectNode root = F.objectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        ids.forEach(id -> data.add(model(id, created)));
        return root;
    }

    static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One SSE event: {@code data: <json>\n\n}. */
    static byte[] event(ObjectNode node) {
        byte[] json = bytes(node);
        byte[] out = new byte[json.length + 8];
        System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 6);
        System.arraycopy(json, 0, out, 6, json.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }

    private static ObjectNode chunkHead(Envelope env) {
        return F.objectNode()
                .put("id", env.id())
                .put("object", "chat.completion.chunk")
                .put("created", env.created())
                .put("model", env.model())
                .put("service_tier", env.serviceTier())
                .put("system_fingerprint", SYSTEM_FINGERPRINT);
    }

    private static void putNullable(ObjectNode n, String field, String value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }
}
