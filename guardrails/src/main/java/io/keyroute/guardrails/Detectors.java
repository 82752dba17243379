package io.keyroute.guardrails;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Several detectors read as one: their findings merged, and where two overlap the one that starts first
 * wins, then the longer, then the surer. Each detector's findings are local, and a finding's fate depends
 * only on those that start before it, so a stream cut where no kept finding spans gives the same result.
 */
public final class Detectors {
    private static final Comparator<Finding> FIRST_LONGEST_SUREST = Comparator.comparingInt(Finding::start)
            .thenComparing(Comparator.comparingInt(Finding::length).reversed())
            .thenComparing(Comparator.comparingDouble(Finding::score).reversed());

    private final List<Detector> detectors;
    private final int maxMatchLength;

    private Detectors(List<Detector> detectors) {
        this.detectors = detectors;
        this.maxMatchLength = detectors.stream().mapToInt(Detector::maxMatchLength).max().orElse(0);
    }

    public static Detectors of(List<? extends Detector> detectors) {
        return new Detectors(List.copyOf(detectors));
    }

    public List<Detector> detectors() {
        return detectors;
    }

    /** The longest any of them holds a stream back. */
    public int maxMatchLength() {
        return maxMatchLength;
    }

    public List<Finding> scan(CharSequence text) {
        return scan(text, 0);
    }

    /** Every detector's findings from {@code from}, ordered by start, overlaps resolved. */
    public List<Finding> scan(CharSequence text, int from) {
        List<Finding> all = null;
        for (Detector detector : detectors) {
            List<Finding> found = detector.scan(text, from);
            if (!found.isEmpty()) {
                if (all == null) {
                    all = new ArrayList<>(found.size() + 4);
                }
                all.addAll(found);
            }
        }
        if (all == null) {
            return List.of();
        }
        all.sort(FIRST_LONGEST_SUREST);
        List<Finding> kept = new ArrayList<>(all.size());
        int keptEnd = from;
        for (Finding finding : all) {
            if (finding.start() >= keptEnd) {
                kept.add(finding);
                keptEnd = finding.end();
            }
        }
        return kept;
    }

    /** The first position from which more text could change a finding: the earliest of the detectors'. */
    public int firstUndecided(CharSequence text, int from) {
        int first = text.length();
        for (Detector detector : detectors) {
            first = Math.min(first, detector.firstUndecided(text, from));
        }
        return Math.max(first, from);
    }
}
