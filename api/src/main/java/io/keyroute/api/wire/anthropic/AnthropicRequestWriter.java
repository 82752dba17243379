package io.keyroute.api.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.canonical.ToolChoice;
import io.keyroute.api.wire.JsonFields;

/**
 * {@link CanonicalRequest} → Anthropic Messages request JSON: system messages hoisted to
 * {@code system}; tool turns become user turns of {@code tool_result} blocks; consecutive turns
 * of one role merged (Anthropic requires alternation); {@code max_tokens} always set. Signed
 * reasoning goes back as the thinking block it was (redacted ones as redacted_thinking), unsigned
 * reasoning is left out; {@link AnthropicThinking} writes the {@code thinking} request.
 */
public final class AnthropicRequestWriter {
    private AnthropicRequestWriter() {
    }

    /** @param defaultMaxTokens used when the request names no limit (Anthropic requires one) */
    public static ObjectNode write(CanonicalRequest req, String model, int defaultMaxTokens) {
        ObjectNode body = JsonFields.object();
        body.put("model", model);
        Params p = req.params();
        body.put("max_tokens", p.maxTokens() != null ? p.maxTokens() : defaultMaxTokens);
        StringBuilder system = new StringBuilder();
        ArrayNode messages = JsonFields.object().arrayNode();
        String lastRole = null;
        ArrayNode lastContent = null;
        for (Message m : req.messages()) {
            if (m.role() == Role.SYSTEM) {
                if (!system.isEmpty()) {
                    system.append("\n\n");
                }
                system.append(m.text());
                continue;
            }
            String role = m.role() == Role.ASSISTANT ? "assistant" : "user";
            if (!role.equals(lastRole)) {
                ObjectNode turn = messages.addObject().put("role", role);
                lastContent = turn.putArray("content");
                lastRole = role;
            }
            for (Part part : m.parts()) {
                block(lastContent, part);
            }
        }
        if (!system.isEmpty()) {
            body.put("system", system.toString());
        }
        body.set("messages", withoutEmptyTurns(messages));
        if (!req.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (Tool t : req.tools()) {
                ObjectNode tool = tools.addObject().put("name", t.name());
                if (t.description() != null) {
                    tool.put("description", t.description());
                }
                tool.set("input_schema", t.parameters() != null ? t.parameters() : JsonFields.object().put("type", "object"));
            }
        }
        toolChoice(body, req.toolChoice(), p.parallelToolCalls(), !req.tools().isEmpty());
        boolean thinking = AnthropicThinking.write(body, req, defaultMaxTokens);
        // Anthropic refuses sampling changes while thinking; the thinking was asked for more plainly.
        if (p.temperature() != null && !thinking) {
            body.put("temperature", Math.min(1.0, p.temperature()));
        }
        if (p.topP() != null && !thinking) {
            body.put("top_p", p.topP());
        }
        if (!p.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            p.stop().forEach(stop::add);
        }
        if (p.user() != null) {
            body.putObject("metadata").put("user_id", p.user());
        }
        if (req.stream()) {
            body.put("stream", true);
        }
        return body;
    }

    /**
     * Anthropic refuses turns without content (an assistant turn that said nothing, a text that was
     * empty): they are left out, and the turns around them merged if they now share a role.
     */
    private static ArrayNode withoutEmptyTurns(ArrayNode turns) {
        ArrayNode out = JsonFields.object().arrayNode();
        ObjectNode last = null;
        for (var turn : turns) {
            if (turn.path("content").isEmpty()) {
                continue;
            }
            if (last != null && last.path("role").asText().equals(turn.path("role").asText())) {
                ((ArrayNode) last.get("content")).addAll((ArrayNode) turn.get("content"));
            } else {
                last = (ObjectNode) turn;
                out.add(last);
            }
        }
        return out;
    }

    private static void block(ArrayNode content, Part part) {
        switch (part) {
            case Part.Text t -> {
                if (!t.text().isEmpty()) { // Anthropic rejects empty text blocks
                    content.addObject().put("type", "text").put("text", t.text());
                }
            }
            case Part.Image i -> {
                ObjectNode source = content.addObject().put("type", "image").putObject("source");
                if (i.isInline()) {
                    source.put("type", "base64").put("media_type", i.mediaType()).put("data", i.data());
                } else {
                    source.put("type", "url").put("url", i.url());
                }
            }
            case Part.Document d -> document(content.addObject(), d);
            case Part.ToolCall c -> {
                JsonNode input = JsonFields.parseLenient(c.arguments());
                content.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name())
                        .set("input", input.isObject() ? input : JsonFields.object());
            }
            case Part.Reasoning r -> {
                if (r.signature() != null) { // only Anthropic's own, signed, thinking can go back
                    content.addObject().put("type", "thinking").put("thinking", r.text()).put("signature", r.signature());
                }
            }
            case Part.RedactedReasoning r -> content.addObject().put("type", "redacted_thinking").put("data", r.data());
            case Part.ToolResult r -> {
                ObjectNode result = content.addObject().put("type", "tool_result").put("tool_use_id", r.toolCallId());
                boolean textOnly = r.content().stream().allMatch(x -> x instanceof Part.Text);
                if (textOnly) {
                    result.put("content", r.text());
                } else {
                    ArrayNode inner = result.putArray("content");
                    r.content().forEach(x -> block(inner, x));
                }
                if (r.isError()) {
                    result.put("is_error", true);
                }
            }
        }
    }

    /** A {@code document} block: a PDF as {@code base64} or at a {@code url}, or plain {@code text}. */
    private static void document(ObjectNode block, Part.Document d) {
        ObjectNode source = block.put("type", "document").putObject("source");
        if (d.data() != null) {
            source.put("type", "base64").put("media_type", d.mediaType()).put("data", d.data());
        } else if (d.url() != null) {
            source.put("type", "url").put("url", d.url());
        } else {
            source.put("type", "text").put("media_type", "text/plain").put("data", d.text());
        }
        if (d.title() != null) {
            block.put("title", d.title());
        }
        if (d.context() != null) {
            block.put("context", d.context());
        }
    }

    private static void toolChoice(ObjectNode body, ToolChoice choice, Boolean parallel, boolean hasTools) {
        if (!hasTools) {
            return;
        }
        ObjectNode out;
        if (choice == null) {
            if (!Boolean.FALSE.equals(parallel)) {
                return;
            }
            out = body.putObject("tool_choice").put("type", "auto");
        } else {
            out = body.putObject("tool_choice");
            switch (choice.mode()) {
                case AUTO -> out.put("type", "auto");
                case ANY -> out.put("type", "any");
                case NONE -> out.put("type", "none");
                case NAMED -> out.put("type", "tool").put("name", choice.name());
            }
        }
        if (Boolean.FALSE.equals(parallel) && !"none".equals(out.path("type").asText())) {
            out.put("disable_parallel_tool_use", true);
        }
    }
}
