package io.keyroute.usage;

import io.keyroute.routing.catalog.ModelInfo;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A model's prices in USD per million tokens, as exact decimals. Read from the catalog's doubles
 * by their shortest decimal form ({@code 0.15}, not {@code 0.1499999…}), so the arithmetic is
 * exact on the numbers the catalog file states.
 *
 * @param cachedInputPerMtok the cache-read price; the input price where none is published
 */
public record Price(BigDecimal inputPerMtok, BigDecimal outputPerMtok, BigDecimal cachedInputPerMtok) {

    public Price {
        if (inputPerMtok.signum() < 0 || outputPerMtok.signum() < 0 || cachedInputPerMtok.signum() < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }

    /** The model's price, or empty when the catalog does not price its input and output. */
    public static Optional<Price> of(ModelInfo model) {
        if (model.inputUsdPerMtok() == null || model.outputUsdPerMtok() == null) {
            return Optional.empty();
        }
        BigDecimal input = BigDecimal.valueOf(model.inputUsdPerMtok());
        BigDecimal cached = model.cachedInputUsdPerMtok() == null ? input : BigDecimal.valueOf(model.cachedInputUsdPerMtok());
        return Optional.of(new Price(input, BigDecimal.valueOf(model.outputUsdPerMtok()), cached));
    }
}
