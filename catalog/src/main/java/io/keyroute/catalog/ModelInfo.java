package io.keyroute.catalog;

import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One catalog model: what it costs, how much it holds, how capable it is, and where its price
 * came from.
 *
 * Built-in models have every field but the optional ones; a model added by config may leave
 * prices, context window and tier unknown (null), which routing treats as "no data".
 *
 * @param cachedInputUsdPerMtok the cache-read price, or null where none is published
 * @param cacheWriteUsdPerMtok   the prompt-cache write price (Anthropic's 5-minute TTL), or null where
 *                               writes cost the input price
 * @param cacheWrite1hUsdPerMtok the one-hour cache write price, or null where none is published
 * @param maxOutputTokens       null where not applicable (embeddings)
 * @param priceSource           a URL or a name from the catalog's {@code sources}, or {@code config}
 * @param priceChecked          when the price was last checked (ISO date), or null for config entries
 * @param longContext           the prices above a prompt size, or null where one price holds for every prompt
 * @param serviceTiers          the prices of a call served on another {@code service_tier}, by tier name (none
 *                              where the standard prices hold for every tier)
 */
public record ModelInfo(Target target, Double inputUsdPerMtok, Double outputUsdPerMtok, Double cachedInputUsdPerMtok,
                        Double cacheWriteUsdPerMtok, Double cacheWrite1hUsdPerMtok, Integer contextWindow,
                        Integer maxOutputTokens, Tier tier, Set<Capability> capabilities,
                        String priceSource, String priceChecked, LongContext longContext,
                        Map<String, TierPrice> serviceTiers) {

    public ModelInfo {
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        serviceTiers = Map.copyOf(serviceTiers);
    }

    /** A model with one price whatever the service tier. */
    public ModelInfo(Target target, Double inputUsdPerMtok, Double outputUsdPerMtok, Double cachedInputUsdPerMtok,
                     Double cacheWriteUsdPerMtok, Double cacheWrite1hUsdPerMtok, Integer contextWindow,
                     Integer maxOutputTokens, Tier tier, Set<Capability> capabilities,
                     String priceSource, String priceChecked, LongContext longContext) {
        this(target, inputUsdPerMtok, outputUsdPerMtok, cachedInputUsdPerMtok, cacheWriteUsdPerMtok,
                cacheWrite1hUsdPerMtok, contextWindow, maxOutputTokens, tier, capabilities, priceSource, priceChecked,
                longContext, Map.of());
    }

    /** A model priced the same whatever its prompt's size. */
    public ModelInfo(Target target, Double inputUsdPerMtok, Double outputUsdPerMtok, Double cachedInputUsdPerMtok,
                     Double cacheWriteUsdPerMtok, Double cacheWrite1hUsdPerMtok, Integer contextWindow,
                     Integer maxOutputTokens, Tier tier, Set<Capability> capabilities,
                     String priceSource, String priceChecked) {
        this(target, inputUsdPerMtok, outputUsdPerMtok, cachedInputUsdPerMtok, cacheWriteUsdPerMtok,
                cacheWrite1hUsdPerMtok, contextWindow, maxOutputTokens, tier, capabilities, priceSource, priceChecked,
                null);
    }

    /**
     * The most prompt the model accepts: its context window, or the long-context one when the
     * request turns on the beta that opens it; null where unknown.
     */
    public Integer contextWindow(Set<String> betas) {
        if (longContext != null && longContext.beta() != null && betas.contains(longContext.beta())) {
            return longContext.contextWindow();
        }
        return contextWindow;
    }

    public boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    /** USD for this many prompt and completion tokens at list price (no cache discount); empty if unpriced. */
    public OptionalDouble costUsd(long promptTokens, long completionTokens) {
        if (inputUsdPerMtok == null || outputUsdPerMtok == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((promptTokens * inputUsdPerMtok + completionTokens * outputUsdPerMtok) / 1_000_000d);
    }
}
