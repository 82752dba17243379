package io.keyroute.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Tokens exactly as the provider reported them. {@code cachedTokens} (read from a prompt cache)
 * and {@code cacheWriteTokens} (written to one, which Anthropic bills above the input price) are
 * parts of the prompt, {@code reasoningTokens} part of the completion, not additions to them;
 * {@code cacheWrite1hTokens} is the part of the cache writes kept for one hour (billed higher
 * than the default five minutes). Each count is clamped into {@link TokenCounts}' range, so sums
 * and prices never overflow whatever a provider reports.
 *
 * @param serviceTier the {@code service_tier} OpenAI says served the call where it is not the standard
 *                    one ({@code flex}, {@code priority}, ...), priced at that tier's prices; null for
 *                    the standard tier and every other provider
 */
public record Usage(long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens,
                    long cacheWriteTokens, long cacheWrite1hTokens,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String serviceTier) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public Usage {
        promptTokens = TokenCounts.clamp(promptTokens);
        completionTokens = TokenCounts.clamp(completionTokens);
        cachedTokens = TokenCounts.clamp(cachedTokens);
        reasoningTokens = TokenCounts.clamp(reasoningTokens);
        cacheWriteTokens = TokenCounts.clamp(cacheWriteTokens);
        cacheWrite1hTokens = TokenCounts.clamp(cacheWrite1hTokens);
    }

    /** Usage served on the standard tier. */
    public Usage(long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens,
                 long cacheWriteTokens, long cacheWrite1hTokens) {
        this(promptTokens, completionTokens, cachedTokens, reasoningTokens, cacheWriteTokens, cacheWrite1hTokens, null);
    }

    /** Usage without prompt-cache writes (every provider but Anthropic). */
    public Usage(long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens) {
        this(promptTokens, completionTokens, cachedTokens, reasoningTokens, 0, 0);
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** These counts served on {@code tier} (null: the standard one). */
    public Usage onTier(String tier) {
        return new Usage(promptTokens, completionTokens, cachedTokens, reasoningTokens, cacheWriteTokens,
                cacheWrite1hTokens, tier);
    }

    /**
     * Both reports together (e.g. two billed attempts of one request). Their tier where they share
     * one, else none: a sum's tokens are counted, each call is priced on its own tier.
     */
    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                cachedTokens + other.cachedTokens, reasoningTokens + other.reasoningTokens,
                cacheWriteTokens + other.cacheWriteTokens, cacheWrite1hTokens + other.cacheWrite1hTokens,
                Objects.equals(serviceTier, other.serviceTier) ? serviceTier : null);
    }
}
