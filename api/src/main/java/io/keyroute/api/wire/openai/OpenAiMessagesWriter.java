package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.error.ClientError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation → the elements of an OpenAI Chat Completions {@code messages} array, written to a generator
 * ({@link OpenAiRequestWriter}'s). Reasoning in the conversation is left out (only the provider that wrote it reads
 * it back).
 */
final class OpenAiMessagesWriter {
    /** The name a document without a title is sent under: OpenAI wants one with {@code file_data}. */
    static final String DEFAULT_FILENAME = "document.pdf";

    private OpenAiMessagesWriter() {
    }

    static void write(JsonGenerator g, List<Message> messages) throws IOException {
        for (Message m : messages) {
            switch (m.role()) {
                case SYSTEM -> {
                    g.writeStartObject();
                    g.writeStringField("role", "system");
                    g.writeStringField("content", m.text());
                    g.writeEndObject();
                }
                case USER -> userMessage(g, m.parts());
                case ASSISTANT -> assistantMessage(g, m);
                case TOOL -> toolMessages(g, m);
            }
        }
    }

    /**
     * One tool message per result. OpenAI's tool messages hold text only: images and documents a tool
     * returned follow in a user message, so the model still sees them.
     */
    private static void toolMessages(JsonGenerator g, Message m) throws IOException {
        List<Part> files = new ArrayList<>();
        for (Part.ToolResult r : m.partsOf(Part.ToolResult.class)) {
            g.writeStartObject();
            g.writeStringField("role", "tool");
            g.writeStringField("tool_call_id", r.toolCallId());
            g.writeStringField("content", r.text());
            g.writeEndObject();
            r.content().stream().filter(p -> p instanceof Part.Image || p instanceof Part.Document).forEach(files::add);
        }
        if (!files.isEmpty()) {
            List<Part> parts = new ArrayList<>();
            boolean imagesOnly = files.stream().allMatch(Part.Image.class::isInstance);
            parts.add(new Part.Text(imagesOnly ? "Images returned by the tool calls above:"
                    : "Files returned by the tool calls above:"));
            parts.addAll(files);
            userMessage(g, parts);
        }
    }

    private static void userMessage(JsonGenerator g, List<Part> parts) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", "user");
        if (parts.size() == 1 && parts.getFirst() instanceof Part.Text t) {
            g.writeStringField("content", t.text());
        } else {
            g.writeArrayFieldStart("content");
            for (Part p : parts) {
                part(g, p);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** A user message's content part; none for a kind a user message does not hold. */
    private static void part(JsonGenerator g, Part p) throws IOException {
        switch (p) {
            case Part.Text t -> {
                g.writeStartObject();
                g.writeStringField("type", "text");
                g.writeStringField("text", t.text());
                g.writeEndObject();
            }
            case Part.Image i -> {
                g.writeStartObject();
                g.writeStringField("type", "image_url");
                g.writeObjectFieldStart("image_url");
                g.writeStringField("url", i.asUrl());
                g.writeEndObject();
                g.writeEndObject();
            }
            case Part.Document d -> document(g, d);
            default -> {
            }
        }
    }

    /**
     * A PDF as a {@code file} part (its bytes as a data URL in {@code file_data}, with the
     * {@code filename} OpenAI asks for alongside), plain text as a text part. Chat Completions takes
     * no file by URL (only the Responses API has {@code file_url}).
     */
    private static void document(JsonGenerator g, Part.Document d) throws IOException {
        if (d.text() != null) {
            g.writeStartObject();
            g.writeStringField("type", "text");
            g.writeStringField("text", d.asText());
            g.writeEndObject();
            return;
        }
        if (d.data() == null) {
            throw ClientError.badRequest("unsupported_parameter", "A document by URL cannot be sent to a Chat "
                    + "Completions API: send its bytes (base64) instead.", "document");
        }
        g.writeStartObject();
        g.writeStringField("type", "file");
        g.writeObjectFieldStart("file");
        g.writeStringField("filename", d.title() != null ? d.title() : DEFAULT_FILENAME);
        g.writeStringField("file_data", d.asUrl());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void assistantMessage(JsonGenerator g, Message m) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", "assistant");
        List<Part.ToolCall> calls = m.partsOf(Part.ToolCall.class);
        String text = m.text();
        if (text.isEmpty() && !calls.isEmpty()) {
            g.writeNullField("content");
        } else {
            g.writeStringField("content", text);
        }
        if (!calls.isEmpty()) {
            g.writeArrayFieldStart("tool_calls");
            for (Part.ToolCall c : calls) {
                g.writeStartObject();
                g.writeStringField("id", c.id());
                g.writeStringField("type", "function");
                g.writeObjectFieldStart("function");
                g.writeStringField("name", c.name());
                g.writeStringField("arguments", c.arguments());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
