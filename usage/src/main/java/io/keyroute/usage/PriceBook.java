package io.keyroute.usage;

import io.keyroute.api.Usage;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.Target;
import io.keyroute.catalog.TierPrice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cost of calls to catalog models; empty where the catalog has no price for one of them. */
public final class PriceBook {
    /** Tier names come from upstreams: the set logged is bounded. */
    private static final int MAX_UNPRICED_LOGGED = 256;
    private static final Logger LOG = LoggerFactory.getLogger(PriceBook.class);

    private final ModelCatalog catalog;
    private final Set<String> unpricedTiers = ConcurrentHashMap.newKeySet();

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
            Optional<Price> price = catalog.find(charge.target()).flatMap(model -> price(model, charge.usage()));
            if (price.isEmpty()) {
                return OptionalLong.empty();
            }
            sum = sum.add(CostCalculator.exactMicros(price.get(), charge.usage()));
        }
        return OptionalLong.of(sum.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /**
     * The price of a call: its service tier's where the catalog has one; else the standard price, which
     * for a long-context model is its premium once the prompt is above the threshold. A tier the catalog
     * does not price is billed at the standard price (never nothing) and logged once.
     */
    private Optional<Price> price(ModelInfo model, Usage usage) {
        String tier = usage.serviceTier();
        if (tier != null) {
            TierPrice onTier = model.serviceTiers().get(tier);
            if (onTier != null) {
                return Optional.of(Price.onTier(onTier));
            }
            String unpriced = model.target().qualified() + " on service_tier " + tier;
            if (unpricedTiers.size() < MAX_UNPRICED_LOGGED && unpricedTiers.add(unpriced)) {
                LOG.warn("no catalog price for {}: charged at the standard price", unpriced);
            }
        }
        return Price.of(model, usage.promptTokens());
    }
}
