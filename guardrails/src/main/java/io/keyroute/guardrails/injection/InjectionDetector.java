package io.keyroute.guardrails.injection;

import io.keyroute.guardrails.Detector;
import io.keyroute.guardrails.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Prompt injection, by heuristics: known attack phrasings in several languages and disguises
 * ({@link InjectionPatterns} over {@link NormalizedText}), role-confusion markers (chat-template
 * tokens, fake {@code system:} turns), instructions hidden for a model in a document or tool result,
 * and invisible characters ({@link Invisible}). Each finding carries its pattern's score; a step
 * acts on findings at or above its threshold ({@code min_score}).
 *
 * <p>With an {@link InjectionClassifier}, a whole text (a scan from its start) is also scored by
 * it, and a probability at or above {@code classifierThreshold} is a {@code classifier} finding
 * spanning the text with that score.
 */
public final class InjectionDetector implements Detector {
    public static final String INVISIBLE_CHARACTERS = "invisible_characters";
    public static final String CLASSIFIER = "classifier";
    /** Longer runs of invisible characters are reported in pieces of this many. */
    private static final int MAX_INVISIBLE_RUN = 256;
    /** Fewer zero-width characters in a row are ordinary (an emoji's joiner, a soft word break). */
    private static final int MIN_ZERO_WIDTH_RUN = 3;

    private final String name;
    private final double minScore;
    private final InjectionClassifier classifier;
    private final double classifierThreshold;

    /** {@code minScore}: findings scored below it are not reported. {@code classifier} may be null. */
    public InjectionDetector(String name, double minScore, InjectionClassifier classifier, double classifierThreshold) {
        if (!(minScore >= 0 && minScore <= 1) || !(classifierThreshold >= 0 && classifierThreshold <= 1)) {
            throw new IllegalArgumentException("min_score and classifier_threshold are between 0 and 1");
        }
        this.name = name;
        this.minScore = minScore;
        this.classifier = classifier;
        this.classifierThreshold = classifierThreshold;
    }

    /** The heuristics alone, every finding reported. */
    public static InjectionDetector heuristic(String name) {
        return new InjectionDetector(name, 0, null, 1);
    }

    @Override
    public String name() {
        return name;
    }

    /** A phrasing's folded span may stretch over dropped invisible characters: twice the longest, with context. */
    @Override
    public int maxMatchLength() {
        return 2 * InjectionPatterns.MAX_MATCH + MAX_INVISIBLE_RUN;
    }

    @Override
    public List<Finding> scan(CharSequence text, int from) {
        var found = new ArrayList<Finding>(0);
        if (classifier != null && from == 0 && !text.isEmpty()) {
            double p = classifier.probability(text.toString());
            if (p >= classifierThreshold && p >= minScore) {
                return List.of(new Finding(CLASSIFIER, 0, text.length(), Math.min(1, Math.max(0, p))));
            }
        }
        phrasings(text, from, found);
        invisibleRuns(text, from, found);
        return nonOverlapping(found);
    }

    private void phrasings(CharSequence text, int from, List<Finding> found) {
        var normalized = NormalizedText.of(text);
        String folded = normalized.text();
        for (var phrasing : InjectionPatterns.PHRASINGS) {
            if (phrasing.score() < minScore || !InjectionPatterns.triggered(phrasing, folded)) {
                continue;
            }
            Matcher m = phrasing.pattern().matcher(folded);
            while (m.find()) {
                int start = normalized.originalStart(m.start());
                int end = normalized.originalEnd(m.end());
                if (start >= from && end > start) {
                    found.add(new Finding(phrasing.entityType(), start, end, phrasing.score()));
                }
            }
        }
    }

    /** Tag characters (0.95), bidirectional controls (0.6) and runs of zero-width characters (0.7). */
    private void invisibleRuns(CharSequence text, int from, List<Finding> found) {
        int n = text.length();
        int i = from;
        while (i > 0 && isHidden(text, i - 1)) {
            i--; // a run that started before from is cut into pieces as the whole scan cuts it
        }
        while (i < n) {
            if (!isHidden(text, i)) {
                i++;
                continue;
            }
            int start = i;
            boolean tags = false;
            boolean bidi = false;
            while (i < n && i - start < MAX_INVISIBLE_RUN && isHidden(text, i)) {
                tags |= Character.isSurrogate(text.charAt(i));
                bidi |= Invisible.isBidi(text.charAt(i));
                i++;
            }
            double score = tags ? 0.95 : i - start >= MIN_ZERO_WIDTH_RUN ? 0.7 : bidi ? 0.6 : 0;
            if (score > 0 && score >= minScore && start >= from) {
                found.add(new Finding(INVISIBLE_CHARACTERS, start, i, score));
            }
        }
    }

    private static boolean isHidden(CharSequence text, int i) {
        char c = text.charAt(i);
        return Invisible.isInvisible(c) || Character.isSurrogate(c) && Invisible.isTagAt(text, i);
    }

    /** Ordered by start; of overlapping findings the earlier (then the higher-scored) is kept. */
    private static List<Finding> nonOverlapping(List<Finding> found) {
        if (found.size() < 2) {
            return found;
        }
        found.sort(Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingDouble(Finding::score).reversed()));
        var kept = new ArrayList<Finding>(found.size());
        int covered = -1;
        for (Finding f : found) {
            if (f.start() >= covered) {
                kept.add(f);
                covered = f.end();
            }
        }
        return kept;
    }
}
