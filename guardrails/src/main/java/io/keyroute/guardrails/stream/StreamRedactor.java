package io.keyroute.guardrails.stream;

import io.keyroute.guardrails.Detectors;
import io.keyroute.guardrails.Finding;
import io.keyroute.guardrails.masking.MaskTable;
import io.keyroute.guardrails.masking.Masker;
import io.keyroute.guardrails.masking.Placeholders;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Masks a streamed answer as it passes, giving exactly what masking the whole answer gives. It sends all
 * text the detectors have decided on and holds back the rest: at most the detectors' longest match
 * ({@link Detectors#maxMatchLength()}), usually only the last word. Keeps that many characters already
 * sent as context for the look-behinds, so its memory is bounded whatever the answer's length.
 */
public final class StreamRedactor implements StreamFilter {
    private final Detectors detectors;
    private final MaskTable table;
    private final int window;
    /** Context already sent, then the held-back text from {@link #held}. */
    private final StringBuilder buffer = new StringBuilder();
    private int held;
    private final Map<String, Integer> entityCounts = new TreeMap<>();
    private double score;

    public StreamRedactor(Masker masker, MaskTable table) {
        this.detectors = masker.detectors();
        this.table = Objects.requireNonNull(table, "table");
        this.window = detectors.maxMatchLength();
    }

    @Override
    public String accept(CharSequence delta) {
        if (delta.isEmpty()) {
            return "";
        }
        buffer.append(delta);
        return send(detectors.firstUndecided(buffer, held));
    }

    @Override
    public String flush() {
        return send(buffer.length());
    }

    /** How many characters are held back now (never more than the detectors' longest match). */
    public int heldBack() {
        return buffer.length() - held;
    }

    /** The values masked so far, by type. */
    public Map<String, Integer> entityCounts() {
        return Map.copyOf(entityCounts);
    }

    /** The highest score of what was masked so far; 0 when nothing was. */
    public double score() {
        return score;
    }

    /**
     * Sends up to {@code decided}: the findings that start before it are final, and one of them that runs
     * past it is sent whole (whatever would start inside it loses to it anyway).
     */
    private String send(int decided) {
        List<Finding> findings = detectors.scan(buffer, held);
        int end = decided;
        int kept = 0;
        while (kept < findings.size() && findings.get(kept).start() < decided) {
            Finding finding = findings.get(kept++);
            end = Math.max(end, finding.end());
            if (Placeholders.isLookalike(finding)) {
                continue;
            }
            entityCounts.merge(finding.entityType(), 1, Integer::sum);
            score = Math.max(score, finding.score());
        }
        StringBuilder out = new StringBuilder(end - held + 16 * kept);
        Masker.replace(buffer, held, end, findings.subList(0, kept), table, out);
        held = end;
        dropContextBeyondWindow();
        return out.toString();
    }

    private void dropContextBeyondWindow() {
        int surplus = held - window;
        if (surplus > window) { // amortised: trim once the surplus is a window long
            buffer.delete(0, surplus);
            held -= surplus;
        }
    }
}
