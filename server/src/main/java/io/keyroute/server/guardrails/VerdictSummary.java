package io.keyroute.server.guardrails;

import io.keyroute.guardrails.Verdict;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A request's verdicts as one line for its record, its ledger row, the Requests view and the audit log:
 * {@code pii:redact email=2; secrets:pass}. Step names, actions, entity types and counts only: never a value.
 */
public final class VerdictSummary {
    /** An action that did something: what the audit log records. */
    private static final Pattern ACTED = Pattern.compile(":(redact|block|log|error)\\b");

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

    /** Whether a line says a step redacted, blocked, logged or failed (not only passed). */
    public static boolean acted(String summary) {
        return summary != null && ACTED.matcher(summary).find();
    }
}
