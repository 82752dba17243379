package io.keyroute.api;

/**
 * Tokens exactly as the provider reported them. {@code cachedTokens} and {@code reasoningTokens}
 * are parts of prompt and completion respectively, not additions to them.
 */
public record Usage(long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** Both reports together (e.g. two billed attempts of one request). */
    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                cachedTokens + other.cachedTokens, reasoningTokens + other.reasoningTokens);
    }
}
