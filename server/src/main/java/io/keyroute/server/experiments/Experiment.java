package io.keyroute.server.experiments;

import io.keyroute.catalog.Target;
import io.keyroute.routing.StickySplit;
import java.util.List;

/**
 * One experiment of a config: the traffic of {@code route} split between its arms by weight, each
 * caller kept on one arm. The arm is a stable hash of the experiment's name and the caller
 * ({@link StickySplit}), so a caller stays on their arm across requests, replicas and restarts
 * while the experiment's arms and weights stay the same, and two experiments split independently.
 *
 * @param arms in the configured order; the first is the one the others are compared with
 */
public record Experiment(String name, String route, List<Arm> arms) {
    public Experiment {
        arms = List.copyOf(arms);
    }

    /**
     * An arm: the model its share is sent to, as configured (also the arm's name in the ledger and
     * the API) and as routing resolved it.
     */
    public record Arm(String model, Target target, int weight) {
    }

    /** The arm {@code stickyKey} (a user id, else a key id) is assigned to. */
    public Arm assign(String stickyKey) {
        int[] weights = new int[arms.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = arms.get(i).weight();
        }
        return arms.get(StickySplit.pick(name + "\u0000" + stickyKey, weights));
    }

    /** The sum of the arms' weights. */
    public long totalWeight() {
        return arms.stream().mapToLong(Arm::weight).sum();
    }
}
