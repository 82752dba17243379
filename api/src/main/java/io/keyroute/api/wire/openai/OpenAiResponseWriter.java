package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.wire.JsonFields;
import java.util.List;

/**
 * {@link CanonicalResponse} → an OpenAI {@code chat.completion}. Reasoning is the message's
 * {@code reasoning_content}, as DeepSeek and vLLM answer it (OpenAI's own chat shows none).
 */
public final class OpenAiResponseWriter {
    private OpenAiResponseWriter() {
    }

    /** @param created the {@code created} epoch seconds (the caller's clock) */
    public static byte[] write(CanonicalResponse res, long created) {
        ObjectNode root = JsonFields.object();
        root.put("id", OpenAiIds.completionId(res.id()));
        root.put("object", "chat.completion");
        root.put("created", created);
        root.put("model", res.model());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<Part.ToolCall> calls = new java.util.ArrayList<>();
        for (Part p : res.content()) {
            if (p instanceof Part.Text t) {
                text.append(t.text());
            } else if (p instanceof Part.ToolCall c) {
                calls.add(c);
            } else if (p instanceof Part.Reasoning r) {
                reasoning.append(r.text());
            }
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        message.putNull("refusal");
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (Part.ToolCall c : calls) {
                ObjectNode call = toolCalls.addObject().put("id", c.id()).put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", OpenAiFinishReasons.write(res.finishReason()));
        OpenAiFinishReasons.writeUsage(root.putObject("usage"), res.usage());
        return JsonFields.bytes(root);
    }
}
