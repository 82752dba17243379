package io.keyroute.usage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A time range [start, end). */
record Span(Instant start, Instant end) {
    /** The whole {@code unit}s (UTC days or hours) of this span that lie inside {@code covered}; empty if none. */
    Optional<Span> whole(Span covered, ChronoUnit unit) {
        Instant first = up(later(start, covered.start), unit);
        Instant last = (end.isBefore(covered.end) ? end : covered.end).truncatedTo(unit);
        return first.isBefore(last) ? Optional.of(new Span(first, last)) : Optional.empty();
    }

    /** What is left of this span without {@code inner} (a span inside it): none, one or two spans. */
    List<Span> without(Span inner) {
        return Stream.of(new Span(start, inner.start), new Span(inner.end, end))
                .filter(s -> s.start.isBefore(s.end)).toList();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant up(Instant at, ChronoUnit unit) {
        Instant down = at.truncatedTo(unit);
        return down.equals(at) ? at : down.plus(1, unit);
    }
}
