package io.keyroute.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector made of a regular expression and a {@link MatchCheck}. The pattern must be local (see
 * {@link Detector}): it cannot match more than {@code maxMatchLength} characters including what its
 * look-arounds read, and a look-behind keeps a match from starting inside another. Matches are tried at
 * every position in order; after a finding the search goes on at its end, after a rejected match at the
 * next position, so what is found never depends on where a scan started.
 *
 * <p>Trying the pattern at every position costs some 25 ns a character; most text holds no value. With an
 * {@linkplain #withAnchor anchor} (a character every finding holds near its start: an e-mail's {@code @}, a
 * card's first digit) and the characters a finding never follows (its look-behind) it is tried only where
 * one could start, and prose without one costs a plain loop.
 */
public final class PatternDetector implements Detector {
    private final String name;
    private final String entityType;
    private final Pattern pattern;
    private final int maxMatchLength;
    private final double score;
    private final MatchCheck check;
    private final IntPredicate anchor;
    private final int anchorOffset;
    private final IntPredicate neverAfter;
    // The two predicates over ASCII as tables: a lambda call per character would cost more than the loop.
    private final boolean[] anchorTable;
    private final boolean[] neverAfterTable;

    public PatternDetector(String name, String entityType, Pattern pattern, int maxMatchLength, double score, MatchCheck check) {
        this(name, entityType, pattern, maxMatchLength, score, check, c -> true, 0, c -> false);
    }

    private PatternDetector(String name, String entityType, Pattern pattern, int maxMatchLength, double score,
            MatchCheck check, IntPredicate anchor, int anchorOffset, IntPredicate neverAfter) {
        this.name = Objects.requireNonNull(name, "name");
        this.entityType = Objects.requireNonNull(entityType, "entityType");
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        if (maxMatchLength < 1) {
            throw new IllegalArgumentException("maxMatchLength is at least 1: " + maxMatchLength);
        }
        this.maxMatchLength = maxMatchLength;
        this.score = score;
        this.check = Objects.requireNonNull(check, "check");
        this.anchor = anchor;
        this.anchorOffset = anchorOffset;
        this.neverAfter = neverAfter;
        this.anchorTable = asciiTable(anchor);
        this.neverAfterTable = asciiTable(neverAfter);
        if (!anchor.test(ASCII)) { // beyond ASCII only the everywhere anchor of an unanchored detector
            for (int c = ASCII; c <= Character.MAX_VALUE; c++) {
                if (anchor.test(c) || neverAfter.test(c)) {
                    throw new IllegalArgumentException("anchors and look-behinds are ASCII characters");
                }
            }
        }
    }

    private static final int ASCII = 128;

    private static boolean[] asciiTable(IntPredicate predicate) {
        boolean[] table = new boolean[ASCII];
        for (int c = 0; c < ASCII; c++) {
            table[c] = predicate.test(c);
        }
        return table;
    }

    private boolean isAnchor(char c) {
        return c < ASCII ? anchorTable[c] : anchor.test(c);
    }

    private boolean isNeverAfter(char c) {
        return c < ASCII && neverAfterTable[c];
    }

    /**
     * This detector, tried only at positions with an anchor character at most {@code maxOffset} after them,
     * and not right after a character {@code neverAfter} accepts: the caller vouches that every finding
     * has one there and none before it (the pattern's look-behind says so), so the findings are the same.
     */
    public PatternDetector withAnchor(IntPredicate anchor, int maxOffset, IntPredicate neverAfter) {
        return new PatternDetector(name, entityType, pattern, maxMatchLength, score, check, anchor, maxOffset, neverAfter);
    }

    /** This detector tried at every position: what an anchor must not change. */
    public PatternDetector withoutAnchor() {
        return new PatternDetector(name, entityType, pattern, maxMatchLength, score, check);
    }

    @Override
    public String name() {
        return name;
    }

    public String entityType() {
        return entityType;
    }

    @Override
    public int maxMatchLength() {
        return maxMatchLength;
    }

    @Override
    public List<Finding> scan(CharSequence text, int from) {
        int length = text.length();
        int position = Math.max(0, from);
        int anchorAt = nextAnchor(text, position);
        if (anchorAt >= length) {
            return List.of(); // most texts hold no anchor of most types: no matcher, no list
        }
        List<Finding> findings = new ArrayList<>();
        Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (; anchorAt < length; anchorAt = nextAnchor(text, position)) {
            int last = Math.min(anchorAt, length - 1);
            for (int start = Math.max(position, anchorAt - anchorOffset); start <= last; start++) {
                if (start > 0 && isNeverAfter(text.charAt(start - 1))) {
                    position = start + 1;
                    continue;
                }
                matcher.region(start, length);
                int end = matcher.lookingAt() ? check.findingEnd(text, start, matcher.end()) : -1;
                if (end > start) {
                    findings.add(new Finding(entityType, start, end, score));
                    position = end;
                    break;
                }
                position = start + 1;
            }
        }
        return findings;
    }

    private int nextAnchor(CharSequence text, int from) {
        int length = text.length();
        for (int i = from; i < length; i++) {
            if (isAnchor(text.charAt(i))) {
                return i;
            }
        }
        return length;
    }

    /** Tries the pattern at each position of the last window: the first attempt that read past the end is undecided. */
    @Override
    public int firstUndecided(CharSequence text, int from) {
        int length = text.length();
        Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int position = Math.max(from, length - maxMatchLength); position < length; position++) {
            matcher.region(position, length);
            matcher.lookingAt();
            if (matcher.hitEnd()) {
                return position;
            }
        }
        return length;
    }

    @Override
    public String toString() {
        return "PatternDetector[" + name + "]";
    }
}
