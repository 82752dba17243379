package io.keyroute.usage.tokens;

import java.util.List;

/**
 * What a prompt holds for counting: the turns' text and images, the tool definitions, and the pages
 * of its PDF documents, in no provider's shape. Built from a request body by {@link OpenAiPrompt}
 * or from the canonical model by {@link CanonicalPrompt}.
 *
 * @param tools    each tool definition as its JSON text (how it is counted: OpenAI does not publish
 *                 how it renders tools into the prompt)
 * @param pdfPages an upper bound of its PDF documents' pages ({@link PdfPages}), which a provider bills
 *                 per page rather than by a tokenizer: a counter leaves them to its caller, who knows the
 *                 provider's per-page cost
 */
public record Prompt(List<Turn> turns, List<String> tools, long pdfPages) {

    public Prompt {
        turns = List.copyOf(turns);
        tools = List.copyOf(tools);
    }

    /** A prompt without PDF documents. */
    public Prompt(List<Turn> turns, List<String> tools) {
        this(turns, tools, 0);
    }

    /**
     * One message.
     *
     * @param name  the participant's {@code name}, or null
     * @param texts every piece of text it carries: content parts, tool-call names and arguments
     */
    public record Turn(String role, String name, List<String> texts, List<ImageDetail> images) {
        public Turn {
            texts = List.copyOf(texts);
            images = List.copyOf(images);
        }
    }
}
