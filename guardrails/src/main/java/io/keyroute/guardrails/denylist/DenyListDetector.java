package io.keyroute.guardrails.denylist;

import io.keyroute.guardrails.Detector;
import io.keyroute.guardrails.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Words, phrases and patterns a workspace forbids (scoped to workspaces by the step's
 * {@code applies_to}): a code name, a competitor, an internal host pattern. Words match whole and
 * ignoring case ({@link WordSet}); patterns run in linear time ({@link DenyPatterns}). Findings are
 * {@code denied_word} or {@code denied_pattern}, score 1, never the matched text.
 *
 * <p>A pattern's match can be of any length; on a streamed answer it is looked for in the
 * {@code maxPatternMatch} characters held back, so a longer match is found only in a whole answer.
 */
public final class DenyListDetector implements Detector {
    public static final String DENIED_WORD = "denied_word";
    public static final String DENIED_PATTERN = "denied_pattern";
    /** How far a streamed answer is held back for patterns unless configured. */
    public static final int DEFAULT_MAX_PATTERN_MATCH = 256;

    private final String name;
    private final WordSet words;
    private final DenyPatterns patterns;
    private final int maxMatchLength;

    public DenyListDetector(String name, List<String> words, List<String> patterns, int maxPatternMatch) {
        if (words.isEmpty() && patterns.isEmpty()) {
            throw new IllegalArgumentException("a deny list needs words or patterns");
        }
        if (maxPatternMatch < 1) {
            throw new IllegalArgumentException("max_pattern_match must be at least 1");
        }
        this.name = name;
        this.words = new WordSet(words, "words");
        this.patterns = new DenyPatterns(patterns, "patterns");
        this.maxMatchLength = Math.max(this.words.longestMatch() + 2, this.patterns.isEmpty() ? 0 : maxPatternMatch);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int maxMatchLength() {
        return maxMatchLength;
    }

    /** Words first, then patterns where no word was found: findings ordered, never overlapping. */
    @Override
    public List<Finding> scan(CharSequence text, int from) {
        var found = new ArrayList<Finding>(0);
        for (int[] span : words.find(text, from)) {
            found.add(new Finding(DENIED_WORD, span[0], span[1], 1.0));
        }
        if (patterns.isEmpty()) {
            return found;
        }
        List<int[]> matches = patterns.find(text, from);
        matches.sort(Comparator.<int[]>comparingInt(s -> s[0]).thenComparingInt(s -> -s[1]));
        int covered = from;
        var merged = new ArrayList<Finding>(found.size() + matches.size());
        int w = 0;
        for (int[] span : matches) {
            while (w < found.size() && found.get(w).start() < span[0]) {
                covered = Math.max(covered, found.get(w).end());
                merged.add(found.get(w++));
            }
            if (span[0] >= covered && (w >= found.size() || span[1] <= found.get(w).start())) {
                merged.add(new Finding(DENIED_PATTERN, span[0], span[1], 1.0));
                covered = span[1];
            }
        }
        while (w < found.size()) {
            merged.add(found.get(w++));
        }
        return merged;
    }
}
