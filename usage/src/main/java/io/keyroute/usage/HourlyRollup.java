package io.keyroute.usage;

import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Closes finished UTC hours into {@code usage_hourly}, so a report reads at most the current hour from the ledger.
 * An hour is closed {@link #GRACE} after it ends, oldest first, up to a UTC day of hours in one transaction, and
 * every hour gets a {@code usage_hours_rolled_up} row (also one without requests: the rolled-up hours stay
 * contiguous, from the ledger's first hour on) with the ledger rows its roll-up counted. A ledger row written for
 * an hour already closed (a journal replayed after a restart) is caught by the next pass's recount of the hours
 * whose day is not closed yet: an hour whose count changed is rolled up again, in one transaction that replaces
 * its rows, so a late row is reported once the next pass ran and never twice. Transactions lock the daily
 * progress row as the days do: two replicas that both think they lead never roll up the same hours twice.
 */
final class HourlyRollup {
    /** How long after its end an hour is closed: the ledger is written ~100 ms after a request. */
    static final Duration GRACE = Duration.ofMinutes(5);
    private static final String LOCK = "SELECT next_day FROM usage_rollup_progress WHERE name = 'daily'";

    private final Jdbc jdbc;
    private final String insert;

    HourlyRollup(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.insert = UsageRollup.insert(jdbc, "usage_hourly", "hour", UsageGrouping.HOUR.sql());
    }

    /** The hours rolled up: [the first, the one after the last); empty while none is. */
    Optional<Span> reach() {
        return reach(jdbc);
    }

    private static Optional<Span> reach(Jdbc jdbc) {
        return jdbc.queryOne("SELECT MIN(hour), MAX(hour) FROM usage_hours_rolled_up",
                rs -> rs.getString(1) == null ? Optional.<Span>empty() : Optional.of(new Span(
                        Instant.parse(rs.getString(1)), Instant.parse(rs.getString(2)).plus(1, ChronoUnit.HOURS))))
                .flatMap(r -> r);
    }

    /**
     * Rolls up again the hours from {@code recountFrom} on whose ledger rows changed since their roll-up, then
     * every hour that ended {@link #GRACE} before {@code now} and is not rolled up yet.
     *
     * @return the hours rolled up, the ones rolled up again first
     */
    List<Instant> close(Instant now, Instant recountFrom) {
        List<Instant> closed = new ArrayList<>();
        Optional<Span> reach = reach();
        reach.ifPresent(r -> changed(r.start().isAfter(recountFrom) ? r.start() : recountFrom, r.end()).stream()
                .filter(this::rollUpAgain).forEach(closed::add));
        Instant last = now.minus(GRACE).truncatedTo(ChronoUnit.HOURS);
        Optional<Instant> next = reach.map(Span::end).or(this::firstRawHour);
        for (Instant from = next.orElse(last); from.isBefore(last); ) {
            Instant dayEnd = from.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
            Instant to = dayEnd.isBefore(last) ? dayEnd : last;
            if (rollUpNew(new Span(from, to))) {
                for (Instant hour = from; hour.isBefore(to); hour = hour.plus(1, ChronoUnit.HOURS)) {
                    closed.add(hour);
                }
            }
            from = to;
        }
        return closed;
    }

    /** The rolled-up hours of [from, to) whose ledger rows are not the ones their roll-up counted. */
    private List<Instant> changed(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        Map<String, Long> ledger = jdbc.query("SELECT substr(at, 1, 13), COUNT(*) FROM usage_events"
                        + " WHERE at >= ? AND at < ? GROUP BY substr(at, 1, 13)", rs -> Map.entry(rs.getString(1),
                        rs.getLong(2)), Times.format(from), Times.format(to)).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return jdbc.query("SELECT hour, requests FROM usage_hours_rolled_up WHERE hour >= ? AND hour < ? ORDER BY hour",
                        rs -> Map.entry(rs.getString(1), rs.getLong(2)), hour(from), hour(to)).stream()
                .filter(h -> ledger.getOrDefault(h.getKey().substring(0, 13), 0L) != h.getValue().longValue())
                .map(h -> Instant.parse(h.getKey())).toList();
    }

    /** Rolls up the hours of {@code span} unless another replica did first. */
    private boolean rollUpNew(Span span) {
        return jdbc.inTransaction(tx -> {
            tx.query(LOCK + tx.dialect().forUpdate(), rs -> null);
            if (reach(tx).map(r -> !r.end().equals(span.start())).orElse(false)) {
                return false;
            }
            rollUp(tx, span);
            return true;
        });
    }

    /** Rolls {@code hour} up again unless its ledger rows are the ones its roll-up counted (checked locked). */
    private boolean rollUpAgain(Instant hour) {
        Span span = new Span(hour, hour.plus(1, ChronoUnit.HOURS));
        return jdbc.inTransaction(tx -> {
            tx.query(LOCK + tx.dialect().forUpdate(), rs -> null);
            long ledger = tx.queryOne("SELECT COUNT(*) FROM usage_events WHERE at >= ? AND at < ?",
                    rs -> rs.getLong(1), Times.format(span.start()), Times.format(span.end())).orElseThrow();
            long counted = tx.queryOne("SELECT requests FROM usage_hours_rolled_up WHERE hour = ?",
                    rs -> rs.getLong(1), hour(hour)).orElse(-1L);
            if (ledger == counted) {
                return false;
            }
            rollUp(tx, span);
            return true;
        });
    }

    /**
     * Replaces the roll-ups of the hours of {@code span}; each hour's count is what its rows hold, so a ledger row
     * committed meanwhile is either in both or in neither (then the next recount sees it).
     */
    private void rollUp(Jdbc tx, Span span) {
        NoJit.in(tx);
        String from = hour(span.start());
        String to = hour(span.end());
        tx.update("DELETE FROM usage_hourly WHERE hour >= ? AND hour < ?", from, to);
        tx.update("DELETE FROM usage_hours_rolled_up WHERE hour >= ? AND hour < ?", from, to);
        tx.update(insert, Times.format(span.start()), Times.format(span.end()));
        Map<String, Long> counted = tx.query("SELECT hour, SUM(requests) FROM usage_hourly WHERE hour >= ? AND hour < ?"
                        + " GROUP BY hour", rs -> Map.entry(rs.getString(1), rs.getLong(2)), from, to).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<Object[]> hours = new ArrayList<>();
        for (Instant hour = span.start(); hour.isBefore(span.end()); hour = hour.plus(1, ChronoUnit.HOURS)) {
            hours.add(new Object[] {hour(hour), counted.getOrDefault(hour(hour), 0L)});
        }
        tx.batch("INSERT INTO usage_hours_rolled_up (hour, requests) VALUES (?, ?)", hours);
    }

    private Optional<Instant> firstRawHour() {
        return jdbc.queryOne("SELECT MIN(at) FROM usage_events", rs -> Optional.ofNullable(rs.getString(1)))
                .flatMap(at -> at).map(at -> Instant.parse(at).truncatedTo(ChronoUnit.HOURS));
    }

    /** The text of an hour's start as usage_hourly keeps it and group_by=hour reports it. */
    static String hour(Instant start) {
        return Times.format(start).substring(0, 13) + ":00:00Z";
    }
}
