package io.keyroute.providers;

/**
 * What a provider kind can serve through its adapter and transport, declared by its
 * {@link ProviderKind}: a conformance case a kind does not declare is skipped for it, by name.
 */
public enum ProviderCapability {
    /** A whole (non-streamed) chat answer. */
    CHAT,
    /** A streamed chat answer. */
    STREAM,
    /** Tool definitions sent, tool calls answered. */
    TOOLS,
    /** Tool calls answered in a stream. */
    STREAM_TOOLS,
    /** Images in the prompt. */
    VISION,
    /** PDF documents in the prompt (the canonical {@code Part.Document}), inline or by URL. */
    PDF,
    /** {@code response_format}: a JSON answer, to a schema when one is given. */
    JSON_MODE,
    /** {@code POST /v1/embeddings}. */
    EMBEDDINGS,
    /**
     * A caller's reasoning effort asked in the provider's own terms (Anthropic's thinking budget,
     * Gemini's thinkingConfig), and the provider's reasoning answered as the caller's (a chat caller's
     * {@code reasoning_content}). OpenAI-shaped kinds pass a chat caller's reasoning through as it is.
     */
    REASONING,
    /**
     * A prompt cache the provider reports in its usage: cache reads (OpenAI's {@code cached_tokens},
     * DeepSeek's {@code prompt_cache_hit_tokens}, Gemini's {@code cachedContentTokenCount}) and, on
     * Anthropic, cache writes with their one-hour share; each is counted and priced at its own price
     * and reaches every caller's usage shape.
     */
    PROMPT_CACHING,
    /**
     * The provider's own count of a prompt's tokens ({@link TokenCountAdapter}): Anthropic's
     * {@code count_tokens}, Gemini's {@code countTokens}, OpenAI's {@code input_tokens} (a Responses
     * body). A kind without it is counted by Keyroute's tokenizer.
     */
    TOKEN_COUNT,
    /**
     * OpenAI's own Responses API: a Responses request passes through as sent, so what OpenAI keeps
     * ({@code previous_response_id}, stored responses) and runs (its built-in tools) is served upstream.
     * A kind without it serves Responses callers translated, as chat.
     */
    OPENAI_RESPONSES_API
}
