package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.ResponseFormat;
import io.keyroute.api.canonical.Thinking;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.canonical.ToolChoice;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.wire.ThinkingBudgets;
import java.util.List;

/**
 * {@link CanonicalRequest} → OpenAI Chat Completions request as a Jackson tree, as {@link OpenAiRequestWriter} wrote it
 * before it wrote the bytes straight to a generator (session 16's code, unchanged but for its name): the oracle its
 * property test holds the generator's bytes to. The adapter added {@code prompt_cache_key} to this tree last.
 */
final class TreeOpenAiRequestWriter {
    /** The name a document without a title is sent under: OpenAI wants one with {@code file_data}. */
    static final String DEFAULT_FILENAME = "document.pdf";

    private TreeOpenAiRequestWriter() {
    }

    static ObjectNode write(CanonicalRequest req, String model) {
        ObjectNode body = JsonFields.object();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (Message m : req.messages()) {
            switch (m.role()) {
                case SYSTEM -> messages.addObject().put("role", "system").put("content", m.text());
                case USER -> userMessage(messages.addObject(), m.parts());
                case ASSISTANT -> assistantMessage(messages.addObject(), m);
                case TOOL -> toolMessages(messages, m);
            }
        }
        if (!req.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (Tool t : req.tools()) {
                ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
                fn.put("name", t.name());
                if (t.description() != null) {
                    fn.put("description", t.description());
                }
                if (t.parameters() != null) {
                    fn.set("parameters", t.parameters());
                }
            }
        }
        toolChoice(body, req.toolChoice());
        params(body, req.params(), model);
        if (req.stream()) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    /**
     * One tool message per result. OpenAI's tool messages hold text only: images and documents a tool
     * returned follow in a user message, so the model still sees them.
     */
    private static void toolMessages(ArrayNode messages, Message m) {
        List<Part> files = new java.util.ArrayList<>();
        for (Part.ToolResult r : m.partsOf(Part.ToolResult.class)) {
            messages.addObject().put("role", "tool").put("tool_call_id", r.toolCallId()).put("content", r.text());
            r.content().stream().filter(p -> p instanceof Part.Image || p instanceof Part.Document).forEach(files::add);
        }
        if (!files.isEmpty()) {
            List<Part> parts = new java.util.ArrayList<>();
            boolean imagesOnly = files.stream().allMatch(Part.Image.class::isInstance);
            parts.add(new Part.Text(imagesOnly ? "Images returned by the tool calls above:"
                    : "Files returned by the tool calls above:"));
            parts.addAll(files);
            userMessage(messages.addObject(), parts);
        }
    }

    private static void userMessage(ObjectNode out, List<Part> parts) {
        out.put("role", "user");
        if (parts.size() == 1 && parts.getFirst() instanceof Part.Text t) {
            out.put("content", t.text());
            return;
        }
        ArrayNode content = out.putArray("content");
        for (Part p : parts) {
            if (p instanceof Part.Text t) {
                content.addObject().put("type", "text").put("text", t.text());
            } else if (p instanceof Part.Image i) {
                content.addObject().put("type", "image_url").putObject("image_url").put("url", i.asUrl());
            } else if (p instanceof Part.Document d) {
                document(content.addObject(), d);
            }
        }
    }

    /**
     * A PDF as a {@code file} part (its bytes as a data URL in {@code file_data}, with the
     * {@code filename} OpenAI asks for alongside), plain text as a text part. Chat Completions takes
     * no file by URL (only the Responses API has {@code file_url}).
     */
    private static void document(ObjectNode part, Part.Document d) {
        if (d.text() != null) {
            part.put("type", "text").put("text", d.asText());
            return;
        }
        if (d.data() == null) {
            throw ClientError.badRequest("unsupported_parameter", "A document by URL cannot be sent to a Chat "
                    + "Completions API: send its bytes (base64) instead.", "document");
        }
        part.put("type", "file").putObject("file")
                .put("filename", d.title() != null ? d.title() : DEFAULT_FILENAME)
                .put("file_data", d.asUrl());
    }

    private static void assistantMessage(ObjectNode out, Message m) {
        out.put("role", "assistant");
        List<Part.ToolCall> calls = m.partsOf(Part.ToolCall.class);
        String text = m.text();
        if (text.isEmpty() && !calls.isEmpty()) {
            out.putNull("content");
        } else {
            out.put("content", text);
        }
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = out.putArray("tool_calls");
            for (Part.ToolCall c : calls) {
                ObjectNode call = toolCalls.addObject().put("id", c.id()).put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
            }
        }
    }

    private static void toolChoice(ObjectNode body, ToolChoice choice) {
        if (choice == null) {
            return;
        }
        switch (choice.mode()) {
            case AUTO -> body.put("tool_choice", "auto");
            case ANY -> body.put("tool_choice", "required");
            case NONE -> body.put("tool_choice", "none");
            case NAMED -> body.putObject("tool_choice").put("type", "function")
                    .putObject("function").put("name", choice.name());
        }
    }

    /** The effort to send {@code model} for {@code thinking}; null for none (the model's own default). */
    private static String reasoningEffort(Thinking thinking, String model) {
        if (thinking == null || thinking.effort() == null && !OpenAiReasoningModels.reasons(model)) {
            return null;
        }
        return ThinkingBudgets.effort(thinking);
    }

    private static void params(ObjectNode body, Params p, String model) {
        if (p.maxTokens() != null) {
            body.put("max_completion_tokens", p.maxTokens());
        }
        if (p.temperature() != null) {
            body.put("temperature", p.temperature());
        }
        if (p.topP() != null) {
            body.put("top_p", p.topP());
        }
        if (!p.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            p.stop().forEach(stop::add);
        }
        if (p.seed() != null) {
            body.put("seed", p.seed());
        }
        if (p.user() != null) {
            body.put("user", p.user());
        }
        if (p.parallelToolCalls() != null) {
            body.put("parallel_tool_calls", p.parallelToolCalls());
        }
        String effort = reasoningEffort(p.thinking(), model);
        if (effort != null) {
            body.put("reasoning_effort", effort);
        }
        ResponseFormat f = p.responseFormat();
        if (f != null) {
            ObjectNode rf = body.putObject("response_format");
            switch (f.kind()) {
                case TEXT -> rf.put("type", "text");
                case JSON_OBJECT -> rf.put("type", "json_object");
                case JSON_SCHEMA -> {
                    rf.put("type", "json_schema");
                    ObjectNode schema = rf.putObject("json_schema");
                    schema.put("name", f.name() == null ? "response" : f.name());
                    if (f.schema() != null) {
                        schema.set("schema", f.schema());
                    }
                    if (f.strict() != null) {
                        schema.put("strict", f.strict());
                    }
                }
            }
        }
    }
}
