package io.keyroute.testkit.replies;

/**
 * Token usage a fake reports, in OpenAI's terms: {@code cached} is
 * {@code prompt_tokens_details.cached_tokens}, {@code reasoning} is
 * {@code completion_tokens_details.reasoning_tokens}; total = prompt + completion. Cache writes
 * ({@code cacheWrite}, of which {@code cacheWrite1h} for one hour) are part of the prompt too and
 * only the Anthropic fake reports them.
 */
public record Usage(int promptTokens, int completionTokens, int cachedTokens, int reasoningTokens,
                    int cacheWriteTokens, int cacheWrite1hTokens) {

    public Usage {
        if (promptTokens < 0 || completionTokens < 0 || cachedTokens < 0 || reasoningTokens < 0
                || cacheWriteTokens < 0 || cacheWrite1hTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0");
        }
    }

    public Usage(int promptTokens, int completionTokens, int cachedTokens, int reasoningTokens) {
        this(promptTokens, completionTokens, cachedTokens, reasoningTokens, 0, 0);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
