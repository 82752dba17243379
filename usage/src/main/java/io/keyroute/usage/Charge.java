package io.keyroute.usage;

import io.keyroute.api.Usage;
import io.keyroute.routing.Target;
import java.util.List;

/** What one provider call billed: its tokens, at the model it ran on. */
public record Charge(Target target, Usage usage) {

    /** The tokens of every charge together. */
    public static Usage total(List<Charge> charges) {
        Usage sum = Usage.NONE;
        for (Charge charge : charges) {
            sum = sum.plus(charge.usage());
        }
        return sum;
    }
}
