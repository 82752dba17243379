package io.keyroute.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Texts labelled "must be flagged" or "must pass", and a detector's precision and recall over them,
 * printed so a run shows the numbers a threshold in the test holds.
 */
public final class LabelledCorpus {
    /** A text and whether the detector must flag it (with {@code expectedType}, when one is named). */
    public record Sample(String text, boolean flagged, String expectedType) {
    }

    public record Score(int truePositives, int falsePositives, int falseNegatives, List<String> mistakes) {
        public double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        public double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }
    }

    private final List<Sample> samples = new ArrayList<>();

    public LabelledCorpus flagged(String expectedType, String text) {
        samples.add(new Sample(text, true, expectedType));
        return this;
    }

    public LabelledCorpus passes(String text) {
        samples.add(new Sample(text, false, null));
        return this;
    }

    public int size() {
        return samples.size();
    }

    public long flaggedCount() {
        return samples.stream().filter(Sample::flagged).count();
    }

    /**
     * A flagged sample counts as found when the detector reports its expected type (any type when
     * none is named); a passing sample is a false positive when the detector reports anything.
     */
    public Score score(Detector detector) {
        return score(detector, findings -> !findings.isEmpty());
    }

    /** As {@link #score(Detector)}, with what counts as flagging the text given by {@code flags}. */
    public Score score(Detector detector, Predicate<List<Finding>> flags) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        var mistakes = new ArrayList<String>();
        for (Sample sample : samples) {
            List<Finding> findings = detector.scan(sample.text());
            boolean hit = flags.test(findings) && (sample.expectedType() == null
                    || findings.stream().anyMatch(f -> f.entityType().equals(sample.expectedType())));
            if (sample.flagged() && hit) {
                tp++;
            } else if (sample.flagged()) {
                fn++;
                mistakes.add("missed " + sample.expectedType() + ": " + abbreviate(sample.text()) + " -> " + findings);
            } else if (flags.test(findings)) {
                fp++;
                mistakes.add("flagged " + findings + ": " + abbreviate(sample.text()));
            }
        }
        var score = new Score(tp, fp, fn, mistakes);
        System.out.printf("%s corpus: %d samples (%d to flag), precision %.3f, recall %.3f (tp %d, fp %d, fn %d)%n",
                detector.name(), samples.size(), flaggedCount(), score.precision(), score.recall(), tp, fp, fn);
        mistakes.forEach(m -> System.out.println("  " + m));
        return score;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
