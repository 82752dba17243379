package io.keyroute.catalog;

import java.util.List;

/**
 * A config {@code models:} entry: every field but {@code id} may be null, meaning "keep the
 * built-in value". A model the built-in catalog lacks needs prices, context window and tier.
 */
public record ModelOverride(String id, Double inputUsdPerMtok, Double outputUsdPerMtok, Double cachedInputUsdPerMtok,
                            Double cacheWriteUsdPerMtok, Double cacheWrite1hUsdPerMtok, Integer contextWindow, Integer maxOutputTokens, String tier, List<String> capabilities) {
    public ModelOverride {
        capabilities = capabilities == null ? null : List.copyOf(capabilities);
    }
}
