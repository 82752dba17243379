package io.keyroute.guardrails.masking;

import io.keyroute.guardrails.Detector;
import io.keyroute.guardrails.Detectors;
import io.keyroute.guardrails.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Replaces what the detectors find with placeholders from a request's {@link MaskTable}. */
public final class Masker {
    private final Detectors detectors;

    private Masker(Detectors detectors) {
        this.detectors = Objects.requireNonNull(detectors, "detectors");
    }

    /** Masks what the detectors find, nothing else: for an answer, whose placeholders should stay as they are. */
    public static Masker of(Detectors detectors) {
        return new Masker(detectors);
    }

    /**
     * Masks what the detectors find and any text shaped like a placeholder, so that restoring the masked
     * text gives back exactly the original: for a prompt whose values are put back into the answer.
     */
    public static Masker reversible(Detectors detectors) {
        List<Detector> withLookalikes = new ArrayList<>(detectors.detectors());
        withLookalikes.add(Placeholders.lookalikes());
        return new Masker(Detectors.of(withLookalikes));
    }

    public Detectors detectors() {
        return detectors;
    }

    public Masked mask(CharSequence text, MaskTable table) {
        List<Finding> findings = detectors.scan(text);
        if (findings.isEmpty()) {
            return new Masked(text.toString(), List.of()); // the common case: nothing to copy
        }
        StringBuilder masked = new StringBuilder(text.length());
        replace(text, 0, text.length(), findings, table, masked);
        return new Masked(masked.toString(), findings.stream().filter(finding -> !Placeholders.isLookalike(finding)).toList());
    }

    /**
     * Appends {@code text[from, to)} to {@code out} with each finding (ordered, not overlapping, inside the
     * span) replaced by its placeholder.
     */
    public static void replace(CharSequence text, int from, int to, List<Finding> findings, MaskTable table, StringBuilder out) {
        int copied = from;
        for (Finding finding : findings) {
            String value = text.subSequence(finding.start(), finding.end()).toString();
            out.append(text, copied, finding.start()).append(table.placeholderFor(finding.entityType(), value));
            copied = finding.end();
        }
        out.append(text, copied, to);
    }
}
