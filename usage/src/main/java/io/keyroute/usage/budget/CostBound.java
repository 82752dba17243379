package io.keyroute.usage.budget;

import io.keyroute.routing.catalog.Capability;
import io.keyroute.routing.catalog.ModelInfo;
import io.keyroute.usage.Price;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * The most a request can cost, in micro-dollars, before it is sent: what a budget reserves. It
 * must never be below what the request is then billed, so every part is an upper bound.
 */
public final class CostBound {
    /**
     * Prompt tokens allowed per image, above the largest per-image charge we know: gpt-4o-mini
     * bills a high-detail image at 2,833 + 8 tiles × 5,667 = 48,169 tokens.
     */
    public static final int TOKENS_PER_IMAGE = 50_000;
    /** Prompt the provider adds on its own, e.g. Anthropic's tool-use system prompt (~350 tokens). */
    public static final int PROVIDER_PROMPT_TOKENS = 1_000;
    /** Output assumed when neither the caller nor the catalog's max output or context window bounds it. */
    public static final int UNKNOWN_MAX_OUTPUT_TOKENS = 128_000;

    private CostBound() {
    }

    /**
     * An upper bound of the prompt's tokens: every text token covers at least one byte of the
     * request body (JSON escaping only adds bytes), images are billed by size, not by body bytes.
     */
    public static long promptTokens(int bodyBytes, int images) {
        return (long) bodyBytes + (long) images * TOKENS_PER_IMAGE + PROVIDER_PROMPT_TOKENS;
    }

    /**
     * The highest cost among {@code models} (failover may reach any of them), each at its list
     * price, rounded up. Unpriced models count nothing: their cost is unknown to the ledger too.
     *
     * @param requestedOutputTokens the caller's output limit, 0 when unset (then the model's maximum)
     */
    public static long maxMicros(Collection<ModelInfo> models, long promptTokens, int requestedOutputTokens) {
        long max = 0;
        for (ModelInfo model : models) {
            var price = Price.of(model);
            if (price.isPresent()) {
                max = Math.max(max, micros(model, price.get(), promptTokens, requestedOutputTokens));
            }
        }
        return max;
    }

    private static long micros(ModelInfo model, Price price, long promptTokens, int requestedOutputTokens) {
        long prompt = promptTokens(model, promptTokens);
        // Any prompt token may be billed at the dearest of the input, cache-read and cache-write prices.
        BigDecimal input = price.inputPerMtok().max(price.cachedInputPerMtok()).max(price.cacheWritePerMtok())
                .max(price.cacheWrite1hPerMtok());
        return input.multiply(BigDecimal.valueOf(prompt))
                .add(price.outputPerMtok().multiply(BigDecimal.valueOf(outputTokens(model, requestedOutputTokens))))
                .setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** {@code promptTokens} within what {@code model} accepts as one prompt. */
    public static long promptTokens(ModelInfo model, long promptTokens) {
        // A chat model refuses a prompt beyond its window; an embeddings request may carry many inputs.
        if (model.contextWindow() != null && !model.has(Capability.EMBEDDINGS)) {
            return Math.min(promptTokens, model.contextWindow());
        }
        return promptTokens;
    }

    /** The most output {@code model} can bill for a request whose output limit is {@code requested} (0: unset). */
    public static long outputTokens(ModelInfo model, int requested) {
        Integer modelMax = model.maxOutputTokens();
        if (requested > 0) {
            return modelMax == null ? requested : Math.min(requested, modelMax);
        }
        if (modelMax != null) {
            return modelMax;
        }
        if (model.has(Capability.EMBEDDINGS)) {
            return 0;
        }
        return model.contextWindow() != null ? model.contextWindow() : UNKNOWN_MAX_OUTPUT_TOKENS;
    }
}
