package io.keyroute.guardrails;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one guardrail step decided for a request: the step's name, the action it took (e.g. {@code redact},
 * {@code block}, {@code log}, {@code pass}), how many values of each entity type it found, and its score
 * (0 to 1, the highest of its findings). Never the matched values, so a verdict can go to policies,
 * metrics, the audit log and the console.
 */
public record Verdict(String step, String action, Map<String, Integer> entityCounts, double score) {

    public Verdict {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(action, "action");
        entityCounts = Collections.unmodifiableSortedMap(new TreeMap<>(entityCounts));
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score is between 0 and 1: " + score);
        }
    }

    /** How many values the step found, of every type. */
    public int total() {
        return entityCounts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
