package io.keyroute.guardrails.masking;

import io.keyroute.guardrails.Finding;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A text with its findings replaced by placeholders, and the findings (positions in the original text;
 * placeholder look-alikes, masked only for reversibility, left out).
 */
public record Masked(String text, List<Finding> findings) {

    public Masked {
        findings = List.copyOf(findings);
    }

    /** How many values of each type were masked (occurrences, not distinct values). */
    public Map<String, Integer> entityCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        findings.forEach(finding -> counts.merge(finding.entityType(), 1, Integer::sum));
        return counts;
    }

    /** The highest score of the findings; 0 when there were none. */
    public double score() {
        double highest = 0;
        for (Finding finding : findings) {
            highest = Math.max(highest, finding.score());
        }
        return highest;
    }
}
