package io.keyroute.catalog;

/**
 * A model's prices on one OpenAI {@code service_tier} other than the standard one (Flex at Batch
 * prices, Priority at a premium), in USD per million tokens.
 *
 * @param cachedInputUsdPerMtok the cache-read price on that tier, or null where none is published
 */
public record TierPrice(double inputUsdPerMtok, Double cachedInputUsdPerMtok, double outputUsdPerMtok) {
}
