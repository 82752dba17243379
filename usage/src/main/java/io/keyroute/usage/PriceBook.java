package io.keyroute.usage;

import io.keyroute.api.Usage;
import io.keyroute.routing.Target;
import io.keyroute.routing.catalog.ModelCatalog;
import java.util.OptionalLong;

/** The cost of a call to one catalog model; empty where the catalog has no price for it. */
public final class PriceBook {
    private final ModelCatalog catalog;

    public PriceBook(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    public OptionalLong micros(Target target, Usage usage) {
        return catalog.find(target).flatMap(Price::of)
                .map(price -> OptionalLong.of(CostCalculator.micros(price, usage)))
                .orElse(OptionalLong.empty());
    }
}
