package io.keyroute.server.guardrails;

import io.keyroute.guardrails.Verdict;
import java.util.List;

/**
 * A request's verdicts as one line for its record, its ledger row, the Requests view and the audit log:
 * {@code pii:redact email=2; secrets:pass}. Step names, actions, entity types and counts only: never a value.
 */
public final class VerdictSummary {
    private static final String PASSED = "pass";

    private VerdictSummary() {
    }

    /** The line; null when no guardrail checked the request. */
    public static String of(List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return null;
        }
        StringBuilder line = new StringBuilder();
        for (Verdict verdict : verdicts) {
            if (!line.isEmpty()) {
                line.append("; ");
            }
            line.append(verdict.step()).append(':').append(verdict.action());
            verdict.entityCounts().forEach((entity, count) -> line.append(' ').append(entity).append('=').append(count));
        }
        return line.toString();
    }

    /**
     * Whether a line says a step redacted, blocked, logged or failed (not only passed): what the audit log
     * records. Read without a pattern: every request's record is asked.
     */
    public static boolean acted(String summary) {
        if (summary == null) {
            return false;
        }
        for (int colon = summary.indexOf(':'); colon >= 0; colon = summary.indexOf(':', colon + 1)) {
            int end = colon + 1 + PASSED.length();
            boolean passed = summary.startsWith(PASSED, colon + 1)
                    && (end == summary.length() || summary.charAt(end) == ';');
            if (!passed) {
                return true;
            }
        }
        return false;
    }
}
