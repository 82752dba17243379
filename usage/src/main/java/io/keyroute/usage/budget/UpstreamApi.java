package io.keyroute.usage.budget;

/**
 * The API family a target is served through, for what it adds to a prompt and how it caches:
 * only Anthropic bills cache writes (above the input price, when the request asks with
 * {@code cache_control}); OpenAI's, Gemini's and DeepSeek's implicit caching bills cached tokens
 * below the input price.
 */
public enum UpstreamApi {
    /**
     * OpenAI's cookbook ("How to count tokens with tiktoken"): 3 tokens per message, 1 more for a
     * name, 3 to prime the reply, and for functions 12 closing their namespace (each function's own
     * framing is below the bytes of its JSON).
     */
    OPENAI(3, 3, 12),
    /**
     * Anthropic publishes no per-message framing: 5 per message and 5 for the reply cover its turn
     * markers ("Human:" / "Assistant:"); its tool-use system prompt is {@link AnthropicToolPrompt}'s.
     */
    ANTHROPIC(5, 5, 0),
    /** Gemini and OpenAI-compatible servers publish none: a chat template's turn markers, as a margin. */
    OTHER(5, 5, 12);

    private final int perMessage;
    private final int replyPriming;
    private final int toolFraming;

    UpstreamApi(int perMessage, int replyPriming, int toolFraming) {
        this.perMessage = perMessage;
        this.replyPriming = replyPriming;
        this.toolFraming = toolFraming;
    }

    /** The prompt tokens this API adds to {@code request}'s own text for {@code upstreamModel}. */
    public long overheadTokens(BillableRequest request, String upstreamModel) {
        var prompt = request.prompt();
        long tokens = (long) prompt.messages() * perMessage + prompt.names() + replyPriming;
        if (request.tools().offered()) {
            tokens += this == ANTHROPIC
                    ? AnthropicToolPrompt.systemPromptTokens(upstreamModel, request.tools().forced())
                    + request.tools().builtInTokens()
                    : toolFraming;
        }
        return tokens;
    }

    /** Whether this API bills the prompt-cache writes a request asks for above the input price. */
    public boolean billsCacheWrites() {
        return this == ANTHROPIC;
    }
}
