package io.keyroute.usage.budget;

/**
 * The prompt Anthropic adds on its own when a request offers tools, from its published figures.
 *
 * <p>"Tool use system prompt token count" (docs.anthropic.com/en/docs/about-claude/pricing, tool use
 * pricing): Claude Opus 4.x, Sonnet 4.x, Haiku 4.5 and Sonnet 3.7 add 346 tokens for {@code tool_choice}
 * auto or none and 313 for any or tool; Claude Haiku 3.5 and Haiku 3 264 and 340; Claude 3 Opus 530
 * and 281; Claude 3 Sonnet 159 and 235. A model not in the table is given the largest, 530.
 *
 * <p>Anthropic-defined client tools add their own prompt (the bash, text editor and computer use tool
 * pages): bash 245 input tokens, the text editor 700, computer use 735 for the tool plus up to 499 of
 * system prompt.
 */
final class AnthropicToolPrompt {
    static final int LARGEST = 530;

    private AnthropicToolPrompt() {
    }

    /** @param upstreamModel the model's name at Anthropic, e.g. {@code claude-sonnet-4-5} */
    static int systemPromptTokens(String upstreamModel, boolean forced) {
        String model = upstreamModel.toLowerCase(java.util.Locale.ROOT);
        if (model.contains("claude-3-5-haiku") || model.contains("claude-3-haiku")) {
            return forced ? 340 : 264;
        }
        if (model.contains("claude-3-opus")) {
            return forced ? 281 : 530;
        }
        if (model.contains("claude-3-sonnet")) {
            return forced ? 235 : 159;
        }
        if (model.contains("claude-3-7-sonnet") || model.contains("claude-sonnet-4") || model.contains("claude-opus-4")
                || model.contains("claude-haiku-4")) {
            return forced ? 313 : 346;
        }
        return LARGEST;
    }

    /** The prompt an Anthropic-defined client tool adds, by its versioned type; 0 for any other type. */
    static long builtInToolTokens(String type) {
        if (type.startsWith("bash_")) {
            return 245;
        }
        if (type.startsWith("text_editor_")) {
            return 700;
        }
        if (type.startsWith("computer_")) {
            return 735 + 499;
        }
        return 0;
    }
}
