package io.keyroute.guardrails;

import java.util.Objects;

/**
 * Where a detector found a value: {@code [start, end)} in the text it scanned, of which type (e.g.
 * {@code email}), how sure it is (0 to 1). Holds positions, never the value, so a finding can be logged.
 */
public record Finding(String entityType, int start, int end, double score) {

    public Finding {
        Objects.requireNonNull(entityType, "entityType");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a finding spans [start, end) with 0 <= start < end: " + start + ", " + end);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score is between 0 and 1: " + score);
        }
    }

    public int length() {
        return end - start;
    }
}
