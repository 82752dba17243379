package io.keyroute.usage;

import io.keyroute.api.Usage;
import io.keyroute.routing.Target;
import io.keyroute.routing.catalog.ModelCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The cost of calls to catalog models; empty where the catalog has no price for one of them. */
public final class PriceBook {
    private final ModelCatalog catalog;

    public PriceBook(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    public OptionalLong micros(Target target, Usage usage) {
        return micros(List.of(new Charge(target, usage)));
    }

    /**
     * Every charge at its own model's price, summed exactly and rounded once (as one call is).
     * Empty when one of them has no price: a partial sum would pass for the whole.
     */
    public OptionalLong micros(List<Charge> charges) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Charge charge : charges) {
            // Long-context models bill the whole call at their premium once its prompt is above the threshold.
            Optional<Price> price = catalog.find(charge.target())
                    .flatMap(model -> Price.of(model, charge.usage().promptTokens()));
            if (price.isEmpty()) {
                return OptionalLong.empty();
            }
            sum = sum.add(CostCalculator.exactMicros(price.get(), charge.usage()));
        }
        return OptionalLong.of(sum.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }
}
