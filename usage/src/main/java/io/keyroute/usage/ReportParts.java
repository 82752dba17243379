package io.keyroute.usage;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a report reads its range: the whole UTC days inside the daily roll-ups' reach, then in what is left the
 * whole hours inside the hourly roll-ups' reach, and the ledger's rows for the rest (at most four spans: before
 * and after each rolled-up part). Every instant of the range is in exactly one part, so nothing is counted twice.
 */
record ReportParts(Optional<Span> days, List<Span> hours, List<Span> raw) {
    /**
     * @param daily  the span the daily roll-ups cover; empty when none is, or the grouping cannot use them
     * @param hourly the same for the hourly roll-ups
     */
    static ReportParts of(Span range, Optional<Span> daily, Optional<Span> hourly) {
        Optional<Span> days = daily.flatMap(covered -> range.whole(covered, ChronoUnit.DAYS));
        List<Span> hours = new ArrayList<>();
        List<Span> raw = new ArrayList<>();
        for (Span rest : days.map(range::without).orElse(List.of(range))) {
            Optional<Span> whole = hourly.flatMap(covered -> rest.whole(covered, ChronoUnit.HOURS));
            whole.ifPresent(hours::add);
            raw.addAll(whole.map(rest::without).orElse(List.of(rest)));
        }
        return new ReportParts(days, List.copyOf(hours), List.copyOf(raw));
    }

    /** Whether any part is read from roll-ups. */
    boolean rolledUp() {
        return days.isPresent() || !hours.isEmpty();
    }
}
