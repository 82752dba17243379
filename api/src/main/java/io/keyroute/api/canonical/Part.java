package io.keyroute.api.canonical;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/** One piece of a message's content. Every wire format's content maps onto these. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Part.Text.class, name = "text"),
    @JsonSubTypes.Type(value = Part.Image.class, name = "image"),
    @JsonSubTypes.Type(value = Part.Document.class, name = "document"),
    @JsonSubTypes.Type(value = Part.ToolCall.class, name = "tool_call"),
    @JsonSubTypes.Type(value = Part.ToolResult.class, name = "tool_result"),
    @JsonSubTypes.Type(value = Part.Reasoning.class, name = "reasoning"),
    @JsonSubTypes.Type(value = Part.RedactedReasoning.class, name = "redacted_reasoning")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Part permits Part.Text, Part.Image, Part.Document, Part.ToolCall, Part.ToolResult,
        Part.Reasoning, Part.RedactedReasoning {

    record Text(String text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An image, either at a URL ({@code url} set) or inline ({@code mediaType} and base64
     * {@code data} set).
     */
    record Image(String url, String mediaType, String data) implements Part {
        public static Image ofUrl(String url) {
            return new Image(url, null, null);
        }

        public static Image inline(String mediaType, String base64) {
            return new Image(null, mediaType, base64);
        }

        @JsonIgnore
        public boolean isInline() {
            return data != null;
        }

        /** {@code data:<type>;base64,<data>} for inline images, else the URL. */
        @JsonIgnore
        public String asUrl() {
            return isInline() ? "data:" + mediaType + ";base64," + data : url;
        }
    }

    /**
     * A document for the model to read: a PDF inline ({@code mediaType} and base64 {@code data}) or at
     * a {@code url}, or plain {@code text}. Exactly one of {@code data}, {@code url} and {@code text}
     * is set. {@code title} is the caller's name for it (Anthropic's {@code title}, OpenAI's
     * {@code filename}); {@code context} is what Anthropic reads about it without citing it.
     */
    record Document(String url, String mediaType, String data, String text, String title, String context)
            implements Part {
        public static final String PDF = "application/pdf";

        public Document {
            int sources = (url != null ? 1 : 0) + (data != null ? 1 : 0) + (text != null ? 1 : 0);
            if (sources != 1) {
                throw new IllegalArgumentException("a document has exactly one of url, data and text");
            }
        }

        public static Document inline(String mediaType, String base64, String title) {
            return new Document(null, mediaType, base64, null, title, null);
        }

        public static Document ofUrl(String url, String title) {
            return new Document(url, PDF, null, null, title, null);
        }

        public static Document ofText(String text, String title) {
            return new Document(null, "text/plain", null, text, title, null);
        }

        /** Whether the model reads it as a PDF's pages (inline or at a URL), not as plain text. */
        @JsonIgnore
        public boolean isPdf() {
            return text == null;
        }

        /**
         * What a format without a place for text documents reads instead: the title, the context
         * and the text, a paragraph each.
         */
        @JsonIgnore
        public String asText() {
            StringBuilder out = new StringBuilder();
            for (String piece : new String[] {title, context, text}) {
                if (piece != null && !piece.isEmpty()) {
                    out.append(out.isEmpty() ? "" : "\n\n").append(piece);
                }
            }
            return out.toString();
        }

        /** {@code data:<type>;base64,<data>} for an inline document, else the URL. */
        @JsonIgnore
        public String asUrl() {
            return data != null ? "data:" + mediaType + ";base64," + data : url;
        }
    }

    /** The model asks for a tool: {@code arguments} is the JSON text of the arguments. */
    record ToolCall(String id, String name, String arguments) implements Part {
        public ToolCall {
            Objects.requireNonNull(name, "name");
            arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
        }
    }

    /** What a tool answered to the call {@code toolCallId}. */
    record ToolResult(String toolCallId, List<Part> content, boolean isError) implements Part {
        public ToolResult {
            content = List.copyOf(content);
        }

        /** The text parts joined, for formats whose tool results are plain text. */
        @JsonIgnore
        public String text() {
            return Message.joinText(content);
        }
    }

    /**
     * The model's reasoning as readable text (a summary or thinking), before the answer it leads to:
     * the whole-answer form of {@link StreamEvent.ReasoningDelta}. {@code signature} is the
     * provider's proof that the text is its own (Anthropic's thinking {@code signature}), null when
     * none: only a signed block can be sent back to the provider that signed it, so writers of
     * requests leave unsigned reasoning out.
     */
    record Reasoning(String text, String signature) implements Part {
        public Reasoning {
            Objects.requireNonNull(text, "text");
        }

        /** Reasoning no provider signed (a summary, another provider's reasoning_content). */
        public static Reasoning unsigned(String text) {
            return new Reasoning(text, null);
        }
    }

    /**
     * Reasoning the provider encrypted ({@code redacted_thinking}'s {@code data}): unreadable, kept
     * only to be sent back unchanged to the provider that wrote it.
     */
    record RedactedReasoning(String data) implements Part {
        public RedactedReasoning {
            Objects.requireNonNull(data, "data");
        }
    }
}
