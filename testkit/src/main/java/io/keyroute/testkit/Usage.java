package io.keyroute.testkit;

/**
 * Token usage a fake reports, in OpenAI's terms: {@code cached} is
 * {@code prompt_tokens_details.cached_tokens}, {@code reasoning} is
 * {@code completion_tokens_details.reasoning_tokens}; total = prompt + completion.
 */
public record Usage(int promptTokens, int completionTokens, int cachedTokens, int reasoningTokens) {

    public Usage {
        if (promptTokens < 0 || completionTokens < 0 || cachedTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0");
        }
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
