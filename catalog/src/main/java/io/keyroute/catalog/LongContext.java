package io.keyroute.catalog;

/**
 * A model's long-context pricing: once a request's prompt (cache reads and writes included) is
 * above {@code aboveTokens}, the provider bills the whole request at these prices, its cache
 * prices scaled as the input price is (Anthropic's Sonnet 4 / 4.5 with the 1M-context beta:
 * $6 in / $22.50 out per MTok above 200k; Gemini 2.5 Pro: $2.50 / $15 above 200k).
 *
 * @param contextWindow the window when {@code beta} is on, or null where the model's own window holds
 * @param beta          the {@code anthropic-beta} value that opens {@code contextWindow}, or null
 */
public record LongContext(int aboveTokens, double inputUsdPerMtok, double outputUsdPerMtok, Integer contextWindow,
                          String beta) {
}
