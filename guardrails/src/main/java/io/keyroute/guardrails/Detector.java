package io.keyroute.guardrails;

import java.util.List;

/**
 * Finds one kind of sensitive text. Implementations are stateless and thread-safe, and read the text in
 * bounded time: no pattern may backtrack catastrophically on hostile input.
 *
 * <p>Findings are <em>local</em>, which is what lets a streamed answer be checked piece by piece and give
 * what checking it whole gives: a finding that starts at {@code p} is decided by the text within
 * {@link #maxMatchLength()} characters of {@code p} alone, and {@code scan(text, from)} reports exactly
 * those findings of {@code scan(text, 0)} that start at or after {@code from}. (A regular expression meets
 * this when a match cannot start inside another match of the same pattern, e.g. because it must be
 * preceded by a character that cannot occur inside a match.)
 */
public interface Detector {

    /** The detector's name in config, metrics and verdicts (never the matched text). */
    String name();

    /**
     * The findings in {@code text} that start at or after {@code from}, ordered by start, not overlapping
     * each other; the text before {@code from} is only context (what precedes a match).
     */
    List<Finding> scan(CharSequence text, int from);

    /** The findings in the whole of {@code text}. */
    default List<Finding> scan(CharSequence text) {
        return scan(text, 0);
    }

    /**
     * The longest a finding can be, including the characters before and after it the detector reads to
     * decide it. A stream is held back by at most this many characters.
     */
    int maxMatchLength();

    /**
     * The first position at or after {@code from} where a finding might start that more text appended to
     * {@code text} could still change; {@code text.length()} when none. Everything before it is decided,
     * so a stream may send it. This default, correct for every local detector, holds back the last
     * {@link #maxMatchLength()} characters; a detector that can tell sooner overrides it.
     */
    default int firstUndecided(CharSequence text, int from) {
        return Math.max(from, text.length() - maxMatchLength());
    }
}
