package io.keyroute.server.limits;

import io.keyroute.api.error.ClientError;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.routing.RouteDecision;
import io.keyroute.usage.Price;

/**
 * A budget can only hold what it can price: while one applies to the caller, every target the
 * request may reach (failover included) must have a catalog price, else the request is refused
 * with 403 {@code model_not_priced} before anything is reserved or sent. Without it an unpriced
 * model (a dated snapshot, an undated alias) would cost nothing against every budget.
 */
final class PricedTargets {
    private PricedTargets() {
    }

    /** @throws ClientError 403 {@code model_not_priced} naming the first target without a price */
    static void require(RouteDecision decision, ModelCatalog catalog) {
        for (RouteDecision.Estimate estimate : decision.ordered()) {
            if (catalog.find(estimate.target()).flatMap(Price::of).isEmpty()) {
                throw ClientError.modelNotPriced(estimate.target().qualified());
            }
        }
    }
}
