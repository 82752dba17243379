package io.keyroute.api;

/**
 * What an upstream API adds to a prompt's own text, in tokens, and how it bills its prompt cache:
 * each provider kind declares its framing, and a budget's reservation bounds a prompt with it.
 * Only Anthropic bills cache writes (above the input price, when the request asks with
 * {@code cache_control}); OpenAI's, Gemini's and DeepSeek's implicit caching bills cached tokens
 * below the input price.
 */
public enum PromptFraming {
    /**
     * OpenAI's cookbook ("How to count tokens with tiktoken"): 3 tokens per message, 1 more for a
     * name, 3 to prime the reply, and for functions 12 closing their namespace (each function's own
     * framing is below the bytes of its JSON).
     */
    OPENAI(3, 3, 12),
    /**
     * Anthropic publishes no per-message framing: 5 per message and 5 for the reply cover its turn
     * markers ("Human:" / "Assistant:"); its tools add a tool-use system prompt (usage's
     * {@code AnthropicToolPrompt}) rather than a fixed framing.
     */
    ANTHROPIC(5, 5, 0),
    /** Gemini and OpenAI-compatible servers publish none: a chat template's turn markers, as a margin. */
    OTHER(5, 5, 12);

    private final int perMessage;
    private final int replyPriming;
    private final int toolFraming;

    PromptFraming(int perMessage, int replyPriming, int toolFraming) {
        this.perMessage = perMessage;
        this.replyPriming = replyPriming;
        this.toolFraming = toolFraming;
    }

    /** Tokens around each message. */
    public int perMessage() {
        return perMessage;
    }

    /** Tokens that open the reply. */
    public int replyPriming() {
        return replyPriming;
    }

    /** Tokens around the offered tools, when this API frames them with a fixed count. */
    public int toolFraming() {
        return toolFraming;
    }

    /** Whether offered tools add Anthropic's tool-use system prompt instead of {@link #toolFraming()}. */
    public boolean addsToolUseSystemPrompt() {
        return this == ANTHROPIC;
    }

    /** Whether this API bills the prompt-cache writes a request asks for above the input price. */
    public boolean billsCacheWrites() {
        return this == ANTHROPIC;
    }
}
