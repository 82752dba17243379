package io.keyroute.usage.budget;

import io.keyroute.api.Usage;
import io.keyroute.catalog.ModelInfo;

/**
 * The most tokens one attempt at one target can have been billed, from the same bounds as the
 * request's reservation ({@link CostBound}). Used where the provider's own final count is missing
 * (a caller who left mid-stream, a stream cut short, an answer that failed after the provider
 * accepted it) and where it cannot be trusted (a caller-supplied upstream reports what it likes).
 *
 * @param promptTokens the prompt bound at the target
 * @param outputTokens the output bound at the target (its output limit, times the choices asked for)
 */
public record UsageBound(long promptTokens, long outputTokens) {
    /**
     * The bound of a request known by its size alone (an embeddings body; a model the catalog does
     * not know, whose cost is unknown anyway).
     *
     * @param model        the catalog's model, or null
     * @param promptTokens {@link CostBound#promptTokens(int, int)} of the body
     */
    public static UsageBound ofSize(ModelInfo model, long promptTokens, int requestedOutputTokens) {
        if (model == null) {
            return new UsageBound(promptTokens,
                    requestedOutputTokens > 0 ? requestedOutputTokens : CostBound.UNKNOWN_MAX_OUTPUT_TOKENS);
        }
        return new UsageBound(CostBound.promptTokens(model, promptTokens),
                CostBound.outputTokens(model, requestedOutputTokens));
    }

    /**
     * What to charge an attempt the provider gave no final count for: what it did report (Anthropic
     * reports the prompt at the start), the rest at the bound. The output is the output bound: what
     * was read is no bound of what the provider generated and bills (it may go on generating until
     * it sees the cancel, or generate the whole answer into its buffers for a caller that stopped
     * reading), nor are a reasoning model's hidden tokens in it.
     */
    public Usage estimate(Usage reported) {
        long prompt = reported.promptTokens() > 0 ? reported.promptTokens() : promptTokens;
        return new Usage(prompt, Math.max(outputTokens, reported.completionTokens()), reported.cachedTokens(),
                reported.reasoningTokens(), reported.cacheWriteTokens(), reported.cacheWrite1hTokens());
    }

    /** {@code reported} with each count no higher than the bound (the parts no higher than their whole). */
    public Usage clamp(Usage reported) {
        long prompt = Math.min(reported.promptTokens(), promptTokens);
        long output = Math.min(reported.completionTokens(), outputTokens);
        long cacheWrites = Math.min(reported.cacheWriteTokens(), prompt);
        return new Usage(prompt, output, Math.min(reported.cachedTokens(), prompt),
                Math.min(reported.reasoningTokens(), output), cacheWrites,
                Math.min(reported.cacheWrite1hTokens(), cacheWrites));
    }
}
