package io.keyroute.usage;

import io.keyroute.catalog.LongContext;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.TierPrice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A model's prices in USD per million tokens, as exact decimals. Read from the catalog's doubles
 * by their shortest decimal form ({@code 0.15}, not {@code 0.1499999…}), so the arithmetic is
 * exact on the numbers the catalog file states.
 *
 * @param cachedInputPerMtok the cache-read price; the input price where none is published
 * @param cacheWritePerMtok  the prompt-cache write price (5-minute TTL); the input price where none is published
 * @param cacheWrite1hPerMtok the one-hour cache write price; the 5-minute one where none is published
 */
public record Price(BigDecimal inputPerMtok, BigDecimal outputPerMtok, BigDecimal cachedInputPerMtok,
                    BigDecimal cacheWritePerMtok, BigDecimal cacheWrite1hPerMtok) {

    public Price {
        if (inputPerMtok.signum() < 0 || outputPerMtok.signum() < 0 || cachedInputPerMtok.signum() < 0
                || cacheWritePerMtok.signum() < 0 || cacheWrite1hPerMtok.signum() < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }

    /** A price where writing to the prompt cache costs the input price (every provider but Anthropic). */
    public Price(BigDecimal inputPerMtok, BigDecimal outputPerMtok, BigDecimal cachedInputPerMtok) {
        this(inputPerMtok, outputPerMtok, cachedInputPerMtok, inputPerMtok, inputPerMtok);
    }

    /** The model's price, or empty when the catalog does not price its input and output. */
    public static Optional<Price> of(ModelInfo model) {
        if (model.inputUsdPerMtok() == null || model.outputUsdPerMtok() == null) {
            return Optional.empty();
        }
        BigDecimal input = BigDecimal.valueOf(model.inputUsdPerMtok());
        BigDecimal cached = orElse(model.cachedInputUsdPerMtok(), input);
        BigDecimal write = orElse(model.cacheWriteUsdPerMtok(), input);
        return Optional.of(new Price(input, BigDecimal.valueOf(model.outputUsdPerMtok()), cached, write,
                orElse(model.cacheWrite1hUsdPerMtok(), write)));
    }

    /**
     * The model's price for a call with this many prompt tokens (cache reads and writes included):
     * its long-context price when the prompt is above that threshold, else {@link #of(ModelInfo)}.
     */
    public static Optional<Price> of(ModelInfo model, long promptTokens) {
        LongContext longContext = model.longContext();
        Optional<Price> price = of(model);
        if (longContext == null || promptTokens <= longContext.aboveTokens() || price.isEmpty()) {
            return price;
        }
        return Optional.of(price.get().atLongContext(longContext));
    }

    /** A model's prices on a service tier; OpenAI, the one provider with tiers, bills no cache writes. */
    public static Price onTier(TierPrice tier) {
        BigDecimal input = BigDecimal.valueOf(tier.inputUsdPerMtok());
        return new Price(input, BigDecimal.valueOf(tier.outputUsdPerMtok()), orElse(tier.cachedInputUsdPerMtok(), input));
    }

    /** These prices with input and output at the long-context ones; cache prices keep their ratio to the input's. */
    private Price atLongContext(LongContext longContext) {
        BigDecimal input = BigDecimal.valueOf(longContext.inputUsdPerMtok());
        return new Price(input, BigDecimal.valueOf(longContext.outputUsdPerMtok()), scaled(cachedInputPerMtok, input),
                scaled(cacheWritePerMtok, input), scaled(cacheWrite1hPerMtok, input));
    }

    /** Rounded up, so a premium price is never below the provider's. */
    private BigDecimal scaled(BigDecimal price, BigDecimal longContextInput) {
        if (inputPerMtok.signum() == 0) {
            return price;
        }
        return price.multiply(longContextInput).divide(inputPerMtok, 9, RoundingMode.CEILING).stripTrailingZeros();
    }

    private static BigDecimal orElse(Double price, BigDecimal fallback) {
        return price == null ? fallback : BigDecimal.valueOf(price);
    }
}
