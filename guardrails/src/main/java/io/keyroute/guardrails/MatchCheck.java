package io.keyroute.guardrails;

/**
 * Decides whether a pattern's match is a finding, reading only the matched text: a checksum, a range, a
 * format the pattern cannot express. Answers where the finding ends (at most {@code end}, so a check may
 * drop a tail the pattern took), or {@code -1} when it is not one.
 */
@FunctionalInterface
public interface MatchCheck {

    int findingEnd(CharSequence text, int start, int end);

    /** Every match is a finding. */
    MatchCheck ANY = (text, start, end) -> end;
}
