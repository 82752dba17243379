package io.keyroute.usage.budget;

import io.keyroute.api.Usage;
import io.keyroute.routing.catalog.Capability;
import io.keyroute.routing.catalog.ModelInfo;

/**
 * The most tokens one attempt of a request can have been billed, from the same bounds as its
 * reservation ({@link CostBound}). Used where the provider's own final count is missing (a caller
 * who left mid-stream, a stream cut short, an answer that failed after the provider accepted it)
 * and where it cannot be trusted (a caller-supplied upstream reports what it likes).
 *
 * @param promptTokens          the prompt bound of the request's body ({@link CostBound#promptTokens(int, int)})
 * @param requestedOutputTokens the caller's output limit, 0 when unset
 */
public record UsageBound(long promptTokens, int requestedOutputTokens) {
    /** Answer bytes of an attempt whose answer was never read (a JSON body that failed): only the output limit bounds it. */
    public static final long UNREAD = Long.MAX_VALUE;

    /**
     * What to charge an attempt the provider gave no final count for: what it did report (Anthropic
     * reports the prompt at the start), and for the rest the bound. Output is bounded by the bytes
     * of answer read from the provider, every token being at least one of them, within the output
     * limit; a reasoning model's hidden tokens are not in those bytes, so it is charged the limit.
     *
     * @param model       the catalog's model, or null when it has none (then its cost is unknown anyway)
     * @param answerBytes UTF-8 bytes of the provider's events read so far, or {@link #UNREAD}
     */
    public Usage estimate(ModelInfo model, Usage reported, long answerBytes) {
        long prompt = reported.promptTokens() > 0 ? reported.promptTokens() : prompt(model);
        long limit = output(model);
        long output = model != null && model.has(Capability.REASONING) ? limit : Math.min(limit, answerBytes);
        return new Usage(prompt, Math.max(output, reported.completionTokens()), reported.cachedTokens(),
                reported.reasoningTokens(), reported.cacheWriteTokens(), reported.cacheWrite1hTokens());
    }

    /** {@code reported} with each count no higher than the bound (the parts no higher than their whole). */
    public Usage clamp(ModelInfo model, Usage reported) {
        long prompt = Math.min(reported.promptTokens(), prompt(model));
        long output = Math.min(reported.completionTokens(), output(model));
        long cacheWrites = Math.min(reported.cacheWriteTokens(), prompt);
        return new Usage(prompt, output, Math.min(reported.cachedTokens(), prompt),
                Math.min(reported.reasoningTokens(), output), cacheWrites,
                Math.min(reported.cacheWrite1hTokens(), cacheWrites));
    }

    private long prompt(ModelInfo model) {
        return model == null ? promptTokens : CostBound.promptTokens(model, promptTokens);
    }

    private long output(ModelInfo model) {
        if (model == null) {
            return requestedOutputTokens > 0 ? requestedOutputTokens : CostBound.UNKNOWN_MAX_OUTPUT_TOKENS;
        }
        return CostBound.outputTokens(model, requestedOutputTokens);
    }
}
