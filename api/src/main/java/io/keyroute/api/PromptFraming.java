package io.keyroute.api;

/**
 * What an upstream API adds to a prompt's own text, in tokens, and how it bills its prompt cache:
 * each provider kind declares its framing, and a budget's reservation bounds a prompt with it.
 * Only Anthropic bills cache writes (above the input price, when the request asks with
 * {@code cache_control}); OpenAI's, Gemini's and DeepSeek's implicit caching bills cached tokens
 * below the input price. Each also bounds what one page of a PDF document costs
 * ({@link #pdfPageTokens()}, docs/PRICING.md).
 */
public enum PromptFraming {
    /**
     * OpenAI's cookbook ("How to count tokens with tiktoken"): 3 tokens per message, 1 more for a
     * name, 3 to prime the reply, and for functions 12 closing their namespace (each function's own
     * framing is below the bytes of its JSON).
     */
    OPENAI(3, 3, 12, Pages.OPENAI),
    /**
     * Anthropic publishes no per-message framing: 5 per message and 5 for the reply cover its turn
     * markers ("Human:" / "Assistant:"); its tools add a tool-use system prompt (usage's
     * {@code AnthropicToolPrompt}) rather than a fixed framing.
     */
    ANTHROPIC(5, 5, 0, Pages.ANTHROPIC),
    /** Gemini publishes none: a chat template's turn markers, as a margin. */
    GEMINI(5, 5, 12, Pages.GEMINI),
    /**
     * OpenAI-compatible servers publish none: a chat template's turn markers, as a margin; a PDF's
     * page at the dearest rate known.
     */
    OTHER(5, 5, 12, Pages.OPENAI);

    /**
     * What one page of a PDF bills, at most, as each provider publishes it (docs/PRICING.md).
     */
    private static final class Pages {
        /**
         * Anthropic (https://docs.anthropic.com/en/docs/build-with-claude/pdf-support, "Estimate your
         * costs"): a page's text 1,500–3,000 tokens, plus the page as an image, at most ~1,600 tokens
         * (an image is scaled to 1.15 megapixels, width × height / 750 tokens).
         */
        static final int ANTHROPIC = 3_000 + 1_600;
        /**
         * OpenAI (https://platform.openai.com/docs/guides/pdf-files): a page's extracted text and an
         * image of it. No per-page figure is published: the text at Anthropic's 3,000 and the image at
         * the largest image charge known (usage's {@code CostBound.TOKENS_PER_IMAGE}, gpt-4o-mini's
         * high-detail 48,169 rounded up).
         */
        static final int OPENAI = 3_000 + 50_000;
        /**
         * Gemini (https://ai.google.dev/gemini-api/docs/document-processing): 258 tokens a page on
         * Gemini 1.5 and 2.x; Gemini 3 reads a PDF's page at 560 at its default media resolution
         * (https://ai.google.dev/gemini-api/docs/media-resolution), its native text not billed.
         */
        static final int GEMINI = 560;
    }

    private final int perMessage;
    private final int replyPriming;
    private final int toolFraming;
    private final int pdfPageTokens;

    PromptFraming(int perMessage, int replyPriming, int toolFraming, int pdfPageTokens) {
        this.perMessage = perMessage;
        this.replyPriming = replyPriming;
        this.toolFraming = toolFraming;
        this.pdfPageTokens = pdfPageTokens;
    }

    /** The most prompt tokens one page of a PDF document bills through this API. */
    public int pdfPageTokens() {
        return pdfPageTokens;
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
