package io.keyroute.usage;

import io.keyroute.api.Usage;
import io.keyroute.catalog.Target;
import java.util.List;

/**
 * What one provider call billed: its tokens, at the model it ran on.
 *
 * @param estimated the tokens are an upper bound, not the provider's final count (see {@code UsageBound})
 */
public record Charge(Target target, Usage usage, boolean estimated) {

    /** The provider's own final count. */
    public Charge(Target target, Usage usage) {
        this(target, usage, false);
    }

    /** Whether any of the charges is an estimate. */
    public static boolean anyEstimated(List<Charge> charges) {
        return charges.stream().anyMatch(Charge::estimated);
    }

    /** The tokens of every charge together. */
    public static Usage total(List<Charge> charges) {
        Usage sum = Usage.NONE;
        for (Charge charge : charges) {
            sum = sum.plus(charge.usage());
        }
        return sum;
    }
}
