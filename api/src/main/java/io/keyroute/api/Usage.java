package io.keyroute.api;

/**
 * Tokens exactly as the provider reported them. {@code cachedTokens} (read from a prompt cache)
 * and {@code cacheWriteTokens} (written to one, which Anthropic bills above the input price) are
 * parts of the prompt, {@code reasoningTokens} part of the completion, not additions to them;
 * {@code cacheWrite1hTokens} is the part of the cache writes kept for one hour (billed higher
 * than the default five minutes). Each count is clamped into {@link TokenCounts}' range, so sums
 * and prices never overflow whatever a provider reports.
 */
public record Usage(long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens,
                    long cacheWriteTokens, long cacheWrite1hTokens) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public Usage {
        promptTokens = TokenCounts.clamp(promptTokens);
        completionTokens = TokenCounts.clamp(completionTokens);
        cachedTokens = TokenCounts.clamp(cachedTokens);
        reasoningTokens = TokenCounts.clamp(reasoningTokens);
        cacheWriteTokens = TokenCounts.clamp(cacheWriteTokens);
        cacheWrite1hTokens = TokenCounts.clamp(cacheWrite1hTokens);
    }

    /** Usage without prompt-cache writes (every provider but Anthropic). */
    public Usage(long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens) {
        this(promptTokens, completionTokens, cachedTokens, reasoningTokens, 0, 0);
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** Both reports together (e.g. two billed attempts of one request). */
    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                cachedTokens + other.cachedTokens, reasoningTokens + other.reasoningTokens,
                cacheWriteTokens + other.cacheWriteTokens, cacheWrite1hTokens + other.cacheWrite1hTokens);
    }
}
