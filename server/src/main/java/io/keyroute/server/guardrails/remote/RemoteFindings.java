package io.keyroute.server.guardrails.remote;

import io.keyroute.guardrails.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Spans a checker reported, made into findings the step can act on: positions from code points to
 * UTF-16, spans outside the text refused, entity types kept to short identifiers (a checker's type
 * goes into metrics and the audit log), overlaps resolved (the earlier, then the higher-scored,
 * span kept), and only those starting at or after {@code from} returned.
 */
final class RemoteFindings {
    static final int MAX_FINDINGS = 10_000;
    private static final Pattern TYPE = Pattern.compile("[a-z0-9_]{1,40}");

    private final String checker;
    private final CharSequence text;
    private final List<Finding> findings = new ArrayList<>();

    RemoteFindings(String checker, CharSequence text) {
        this.checker = checker;
        this.text = text;
    }

    /** Adds the span {@code [start, end)} in code points. */
    void add(String type, int start, int end, double score) {
        if (findings.size() >= MAX_FINDINGS) {
            throw new RemoteCheckFailed(checker + " reported more than " + MAX_FINDINGS + " findings");
        }
        int from = CodePoints.toUtf16(text, start);
        int to = CodePoints.toUtf16(text, end);
        if (from < 0 || to <= from) {
            throw new RemoteCheckFailed(checker + " reported a span outside the text");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new RemoteCheckFailed(checker + " reported a score outside 0..1");
        }
        findings.add(new Finding(entityType(type), from, to, score));
    }

    /** {@code type} lower-cased when it is a short identifier, else {@code fallback}-worthy {@code "other"}. */
    static String entityType(String type) {
        String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return TYPE.matcher(lower).matches() ? lower : "other";
    }

    List<Finding> from(int from) {
        findings.sort(Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingDouble(Finding::score).reversed()));
        var kept = new ArrayList<Finding>(findings.size());
        int covered = 0;
        for (Finding f : findings) {
            if (f.start() >= covered) {
                covered = f.end();
                if (f.start() >= from) {
                    kept.add(f);
                }
            }
        }
        return kept;
    }
}
