package io.keyroute.server.pipeline;

import io.keyroute.api.Usage;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.catalog.ModelCatalog;
import io.keyroute.routing.catalog.ModelInfo;
import io.keyroute.usage.Charge;
import io.keyroute.usage.budget.CostBound;
import io.keyroute.usage.budget.UsageBound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one request's attempts are charged. The provider's final count as it reported it, except
 * from a caller-supplied upstream (a credential with its own base_url), which reports what it
 * likes: its count is held to the request's bound (flagged as estimated when that changed it).
 * An attempt that never got the provider's final count is charged an upper bound, flagged.
 */
public final class Metering {
    private static final Logger LOG = LoggerFactory.getLogger(Metering.class);

    private final ModelCatalog catalog;
    private final UsageBound bound;

    public Metering(ModelCatalog catalog, UsageBound bound) {
        this.catalog = catalog;
        this.bound = bound;
    }

    /** The bounds of a routed request of {@code bodyBytes}: the same as its reservation's. */
    public static Metering of(RouteDecision decision, ModelCatalog catalog, int bodyBytes) {
        return new Metering(catalog, new UsageBound(
                CostBound.promptTokens(bodyBytes, decision.classification().features().images()),
                decision.needs().requestedOutputTokens()));
    }

    /** The provider's final count for {@code attempt}. */
    public Charge reported(Attempt attempt, Usage usage) {
        if (!callerSupplied(attempt)) {
            return new Charge(attempt.target(), usage);
        }
        Usage clamped = bound.clamp(model(attempt), usage);
        if (clamped.equals(usage)) {
            return new Charge(attempt.target(), usage);
        }
        LOG.warn("usage reported by credential {}'s own base_url for {} is above the request's bound: {} prompt and"
                        + " {} completion tokens reported, {} and {} charged", attempt.credential().id(),
                attempt.target().qualified(), usage.promptTokens(), usage.completionTokens(), clamped.promptTokens(),
                clamped.completionTokens());
        return new Charge(attempt.target(), clamped, true);
    }

    /**
     * An attempt that ended without the provider's final count: what it reported, the rest at its bound.
     *
     * @param answerBytes UTF-8 bytes of the provider's answer read so far, or {@link UsageBound#UNREAD}
     */
    public Charge unfinished(Attempt attempt, Usage reported, long answerBytes) {
        ModelInfo model = model(attempt);
        Usage estimate = bound.estimate(model, reported, answerBytes);
        return new Charge(attempt.target(), callerSupplied(attempt) ? bound.clamp(model, estimate) : estimate, true);
    }

    private static boolean callerSupplied(Attempt attempt) {
        return attempt.credential() != null && attempt.credential().baseUrl() != null;
    }

    private ModelInfo model(Attempt attempt) {
        return catalog.find(attempt.target()).orElse(null);
    }
}
