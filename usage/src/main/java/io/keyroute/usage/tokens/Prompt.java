package io.keyroute.usage.tokens;

import java.util.List;

/**
 * What a prompt holds for counting: the turns' text and images and the tool definitions, in no
 * provider's shape. Built from a request body by {@link OpenAiPrompt}.
 *
 * @param tools each tool definition as its JSON text (how it is counted: OpenAI does not publish
 *              how it renders tools into the prompt)
 */
public record Prompt(List<Turn> turns, List<String> tools) {

    public Prompt {
        turns = List.copyOf(turns);
        tools = List.copyOf(tools);
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
