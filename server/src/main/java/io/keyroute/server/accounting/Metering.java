package io.keyroute.server.accounting;

import io.keyroute.api.Usage;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.limits.GateRequest;
import io.keyroute.server.limits.UsageBounds;
import io.keyroute.usage.Charge;
import io.keyroute.usage.budget.UsageBound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one request's attempts are charged. The provider's final count as it reported it, except
 * from a caller-supplied upstream (a credential with its own base_url), which reports what it
 * likes: its count is held to the request's bound at that target, the reservation's own (flagged
 * as estimated when that changed it). An attempt that never got the provider's final count is
 * charged an upper bound, flagged.
 */
public final class Metering {
    private static final Logger LOG = LoggerFactory.getLogger(Metering.class);

    private final UsageBounds bounds;

    private Metering(UsageBounds bounds) {
        this.bounds = bounds;
    }

    /** The metering of an admitted request: bounded as the gate bounds its reservation. */
    public static Metering of(GateRequest request) {
        return new Metering(new UsageBounds(request));
    }

    /** The provider's final count for {@code attempt}. */
    public Charge reported(Attempt attempt, Usage usage) {
        if (!callerSupplied(attempt)) {
            return new Charge(attempt.target(), usage);
        }
        Usage standard = usage.onTier(null); // its own upstream claims no tier's discount
        Usage clamped = bounds.at(attempt.target()).clamp(standard);
        if (clamped.equals(standard)) {
            return new Charge(attempt.target(), standard);
        }
        LOG.warn("usage reported by credential {}'s own base_url for {} is above the request's bound: {} prompt and"
                        + " {} completion tokens reported, {} and {} charged", attempt.credential().id(),
                attempt.target().qualified(), usage.promptTokens(), usage.completionTokens(), clamped.promptTokens(),
                clamped.completionTokens());
        return new Charge(attempt.target(), clamped, true);
    }

    /** An attempt that ended without the provider's final count: what it reported, the rest at its bound. */
    public Charge unfinished(Attempt attempt, Usage reported) {
        UsageBound bound = bounds.at(attempt.target());
        Usage estimate = bound.estimate(reported);
        return new Charge(attempt.target(), callerSupplied(attempt) ? bound.clamp(estimate) : estimate, true);
    }

    private static boolean callerSupplied(Attempt attempt) {
        return attempt.credential() != null && attempt.credential().baseUrl() != null;
    }
}
