package io.keyroute.usage.ratelimit;

import io.keyroute.catalog.Needs;

/**
 * The tokens a request is charged against a tokens-per-minute limit when it is admitted, before
 * anyone knows what it will really use: its prompt (≈ characters / 4) plus the output it asked
 * for. A request that sets no output limit is charged {@link Needs#DEFAULT_OUTPUT_TOKENS} of
 * output, but never more than the whole limit, so a small limit does not refuse every such
 * request. Settling the request replaces the estimate with the tokens the provider reported.
 */
public final class TokenEstimate {
    private TokenEstimate() {
    }

    public static long of(Needs needs, long tokensPerMinute) {
        long prompt = needs.promptTokens();
        if (needs.requestedOutputTokens() > 0) {
            return prompt + needs.requestedOutputTokens();
        }
        return Math.max(prompt, Math.min(prompt + Needs.DEFAULT_OUTPUT_TOKENS, tokensPerMinute));
    }
}
