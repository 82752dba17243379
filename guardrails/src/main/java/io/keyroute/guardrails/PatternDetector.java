package io.keyroute.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector made of a regular expression and a {@link MatchCheck}. The pattern must be local (see
 * {@link Detector}): it cannot match more than {@code maxMatchLength} characters including what its
 * look-arounds read, and a look-behind keeps a match from starting inside another. Matches are tried at
 * every position in order; after a finding the search goes on at its end, after a rejected match at the
 * next position, so what is found never depends on where a scan started.
 */
public final class PatternDetector implements Detector {
    private final String name;
    private final String entityType;
    private final Pattern pattern;
    private final int maxMatchLength;
    private final double score;
    private final MatchCheck check;

    public PatternDetector(String name, String entityType, Pattern pattern, int maxMatchLength, double score, MatchCheck check) {
        this.name = Objects.requireNonNull(name, "name");
        this.entityType = Objects.requireNonNull(entityType, "entityType");
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        if (maxMatchLength < 1) {
            throw new IllegalArgumentException("maxMatchLength is at least 1: " + maxMatchLength);
        }
        this.maxMatchLength = maxMatchLength;
        this.score = score;
        this.check = Objects.requireNonNull(check, "check");
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
        List<Finding> findings = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        int position = Math.max(0, from);
        // find(int) resets the matcher to the whole text, so look-behinds see what precedes `from`.
        while (position < text.length() && matcher.find(position)) {
            int start = matcher.start();
            int end = check.findingEnd(text, start, matcher.end());
            if (end > start) {
                findings.add(new Finding(entityType, start, end, score));
                position = end;
            } else {
                position = start + 1;
            }
        }
        return findings;
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
