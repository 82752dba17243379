package io.keyroute.server.config;

import java.util.List;

/**
 * One of {@code experiments:}: the traffic of {@code route} split between {@code arms} by weight, sticky per user.
 */
public record ExperimentSettings(String name, String route, List<Arm> arms) {
    public ExperimentSettings {
        arms = arms == null ? List.of() : List.copyOf(arms);
    }

    /** An arm: the model it sends its share to, and that share's weight. */
    public record Arm(String model, Integer weight) {
    }
}
