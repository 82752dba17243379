package io.keyroute.usage.tokens;

import com.knuddels.jtokkit.api.Encoding;

/**
 * OpenAI chat models: the text through the model's own BPE (jtokkit), framed as OpenAI's cookbook
 * counts a chat prompt ("How to count tokens with tiktoken", {@code num_tokens_from_messages}, for
 * gpt-3.5-turbo-0613 and later, gpt-4 and gpt-4o): 3 tokens per message plus its role, content and
 * name; 1 more for a name; 3 for the reply's priming ({@code <|start|>assistant<|message|>}).
 * Tools are counted as their JSON and images by {@link ImageDetail}: OpenAI publishes no exact
 * rule for either in chat.
 */
public final class ChatMlTokenCounter implements TokenCounter {
    static final int PER_MESSAGE = 3;
    static final int PER_NAME = 1;
    static final int REPLY_PRIMING = 3;

    private final Encoding encoding;

    public ChatMlTokenCounter(Encoding encoding) {
        this.encoding = encoding;
    }

    @Override
    public TokenCount count(Prompt prompt) {
        int tokens = REPLY_PRIMING;
        for (Prompt.Turn turn : prompt.turns()) {
            tokens += PER_MESSAGE + text(turn.role());
            if (turn.name() != null) {
                tokens += PER_NAME + text(turn.name());
            }
            for (String text : turn.texts()) {
                tokens += text(text);
            }
            for (ImageDetail image : turn.images()) {
                tokens += image.tokens();
            }
        }
        for (String tool : prompt.tools()) {
            tokens += text(tool);
        }
        return new TokenCount(tokens, true, encoding.getName());
    }

    /** Ordinary text: a caller's "<|endoftext|>" is counted as the characters it is, not as a special token. */
    private int text(String text) {
        return encoding.countTokensOrdinary(text);
    }
}
