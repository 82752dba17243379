package io.keyroute.usage;

import io.keyroute.store.Database;
import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Closes usage hours into {@code usage_hourly} ({@link HourlyRollup}) and days into {@code usage_daily}, and purges
 * raw ledger rows past their retention, on the replica leading background work. A day is closed once it ended
 * {@link #GRACE} ago (the ledger is written ~100 ms after a request; the grace covers a journal replayed soon after
 * a restart), oldest first, each in one transaction that replaces whatever the day had and moves {@code
 * usage_rollup_progress.next_day} past it: re-runnable, and a pass after downtime catches up every day missed. Raw
 * rows are purged only from days already rolled up, by the day and by the hour.
 */
public final class UsageRollup {
    /** How long after its end a day is closed. */
    public static final Duration GRACE = Duration.ofHours(1);
    /** The group a roll-up row is kept for: everything a report groups or scopes by, but the hour and minute. */
    private static final List<String> KEYS = List.of("workspace_id", "user_id", "key_id", "provider", "model", "route");
    private static final String PROGRESS = "SELECT next_day FROM usage_rollup_progress WHERE name = 'daily'";

    private final Jdbc jdbc;
    private final String insert;
    private final HourlyRollup hours;

    public UsageRollup(Database database) {
        this.jdbc = database.jdbc();
        this.insert = insert(jdbc, "usage_daily", "day", UsageGrouping.DAY.sql());
        this.hours = new HourlyRollup(jdbc);
    }

    /**
     * The INSERT of the roll-up rows of the ledger's rows at [?, ?) into {@code table}, whose first column
     * {@code period} is the rows' {@code periodSql}.
     */
    static String insert(Jdbc jdbc, String table, String period, String periodSql) {
        List<String> names = Stream.concat(Stream.of(period), KEYS.stream()).toList();
        List<String> keys = Stream.concat(Stream.of(periodSql + " AS " + period),
                KEYS.stream().map(k -> k + jdbc.dialect().byteOrder() + " AS " + k)).toList();
        return "INSERT INTO " + table + " (" + String.join(", ", names) + ", " + String.join(", ", DailyTotals.COLUMNS)
                + ") " + DailyTotals.fromEvents(keys, names, "at >= ? AND at < ?");
    }

    /**
     * Rolls up every hour that ended {@link HourlyRollup#GRACE} before {@code now} and is not rolled up yet, and
     * again the hours of days not closed yet whose ledger rows changed since (a row came late).
     *
     * @return the hours rolled up
     */
    public List<Instant> closeHours(Instant now) {
        return hours.close(now, nextDay().map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()).orElse(Instant.EPOCH));
    }

    /** The hours rolled up: [the first, the one after the last); empty while none is. */
    Optional<Span> hourlyReach() {
        return hours.reach();
    }

    /** The first day not rolled up; empty while none is. */
    public Optional<LocalDate> nextDay() {
        return progress(jdbc, "");
    }

    private static Optional<LocalDate> progress(Jdbc jdbc, String lock) {
        return jdbc.queryOne(PROGRESS + lock, rs -> Optional.ofNullable(rs.getString(1))).flatMap(d -> d)
                .map(LocalDate::parse);
    }

    /**
     * Rolls up every day that ended {@link #GRACE} before {@code now} and is not rolled up yet.
     *
     * @return the days closed, oldest first
     */
    public List<LocalDate> closeDays(Instant now) {
        LocalDate last = day(now.minus(GRACE)).minusDays(1);
        List<LocalDate> closed = new ArrayList<>();
        Optional<LocalDate> next = nextDay().or(this::firstRawDay);
        for (LocalDate day = next.orElse(last.plusDays(1)); !day.isAfter(last); day = day.plusDays(1)) {
            if (close(day)) {
                closed.add(day);
            }
        }
        return closed;
    }

    /**
     * Deletes the raw ledger rows of the days before the last {@code retentionDays} (today not counted), but only
     * of days rolled up, daily and hourly; the roll-ups stay.
     *
     * @return the rows deleted
     */
    public long purge(Instant now, int retentionDays) {
        Optional<LocalDate> rolledUp = nextDay();
        Optional<LocalDate> hourly = hourlyReach().map(r -> day(r.end()));
        Optional<LocalDate> first = firstRawDay();
        if (rolledUp.isEmpty() || hourly.isEmpty() || first.isEmpty()) {
            return 0;
        }
        LocalDate end = Stream.of(day(now).minusDays(retentionDays), rolledUp.get(), hourly.get())
                .min(LocalDate::compareTo).orElseThrow();
        long deleted = 0;
        for (LocalDate day = first.get(); day.isBefore(end); day = day.plusDays(1)) { // a day a statement
            deleted += jdbc.update("DELETE FROM usage_events WHERE at >= ? AND at < ?", start(day), start(day.plusDays(1)));
        }
        return deleted;
    }

    /** Rolls up {@code day} unless another replica did first (its progress row, locked, says so). */
    private boolean close(LocalDate day) {
        return jdbc.inTransaction(tx -> {
            Optional<LocalDate> next = progress(tx, tx.dialect().forUpdate());
            if (next.isPresent() && next.get().isAfter(day)) {
                return false;
            }
            NoJit.in(tx);
            tx.update("DELETE FROM usage_daily WHERE day = ?", day.toString());
            tx.update(insert, start(day), start(day.plusDays(1)));
            tx.update("UPDATE usage_rollup_progress SET next_day = ? WHERE name = 'daily'", day.plusDays(1).toString());
            return true;
        });
    }

    private Optional<LocalDate> firstRawDay() {
        return jdbc.queryOne("SELECT MIN(at) FROM usage_events", rs -> Optional.ofNullable(rs.getString(1)))
                .flatMap(at -> at).map(at -> LocalDate.parse(at.substring(0, 10)));
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    static String start(LocalDate day) {
        return Times.format(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
