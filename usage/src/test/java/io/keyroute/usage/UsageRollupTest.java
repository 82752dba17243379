package io.keyroute.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.store.Database;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsageRollupTest {
    private static final LocalDate DAY_ONE = LocalDate.parse("2026-11-20");
    private static final LocalDate DAY_TWO = LocalDate.parse("2026-11-21");
    private static final LocalDate DAY_THREE = LocalDate.parse("2026-11-22");
    private static final Instant END = Instant.parse("9999-12-31T23:59:59Z");

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    private static LedgerEntry event(String id, String at, String user, String outcome, long latencyMs, Long cost) {
        return new LedgerEntry(Instant.parse(at), new RequestRecord(id, "key_" + user, user, "ws_1", null, "m", null,
                "openai", "m1", outcome.equals("ok") ? 200 : 502, 1, false, new Usage(10, 5, 2, 0), cost,
                latencyMs * 1_000, 0, outcome));
    }

    private static final List<LedgerEntry> EVENTS = List.of(
            event("a1", "2026-11-20T10:00:00.000Z", "ada", "ok", 10, 3L),
            event("a2", "2026-11-20T11:00:00.000Z", "ada", "error", 10, null),
            event("a3", "2026-11-20T12:00:00.000Z", "ada", "ok", 10, 4L),
            event("b1", "2026-11-21T23:59:59.999Z", "bob", "ok", 400, 7L),
            event("b2", "2026-11-22T01:00:00.000Z", "bob", "cut", 80, 1L));

    @ParameterizedTest
    @MethodSource("databases")
    void aDayClosesOnceAnHourAfterItEndsAndOnlyOnce(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            new LedgerWriter(db.jdbc()).write(EVENTS);
            var rollup = new UsageRollup(db);

            assertThat(rollup.nextDay()).isEmpty();
            assertThat(rollup.closeDays(Instant.parse("2026-11-22T00:59:59.999Z"))).containsExactly(DAY_ONE);
            assertThat(rollup.closeDays(Instant.parse("2026-11-22T01:00:00.000Z"))).containsExactly(DAY_TWO);
            assertThat(rollup.closeDays(Instant.parse("2026-11-22T23:00:00.000Z"))).isEmpty();
            assertThat(rollup.nextDay()).contains(DAY_THREE);
            assertThat(db.jdbc().query("SELECT day, user_id, requests, prompt_tokens, cost_micros, errors, cached_tokens,"
                            + " latency_min, latency_max, l14 FROM usage_daily ORDER BY day",
                    rs -> List.of(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10))))
                    .containsExactly(List.of("2026-11-20", "ada", 3L, 30L, 7L, 1L, 6L, 10_000L, 10_000L, 3L), // 10 ms: bucket 14
                            List.of("2026-11-21", "bob", 1L, 10L, 7L, 0L, 2L, 400_000L, 400_000L, 0L));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void reportsReadRollUpsAndTheOpenDayAndKeepTheirTotalsWhenRawRowsArePurged(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            new LedgerWriter(db.jdbc()).write(EVENTS);
            var rollup = new UsageRollup(db);
            var report = new UsageReport(db);
            Instant now = Instant.parse("2026-11-22T12:00:00Z");
            rollup.closeHours(now);
            rollup.closeDays(now);
            // bob's two latencies, 400 ms rolled up and 80 ms today, are read from their buckets: 83.0 and 394.8 ms
            List<UsageRow> expected = List.of(new UsageRow("ada", 3, 30, 15, 7, 1, 10_000, 10_000, 6),
                    new UsageRow("bob", 2, 20, 10, 8, 1, 82_998, 394_806, 4));
            assertThat(report.rows(Instant.EPOCH, END, UsageScope.ALL, UsageGrouping.USER)).isEqualTo(expected);

            // a partial first day: ada's hours of day one from the hourly roll-ups, bob's today with them
            assertThat(report.rows(Instant.parse("2026-11-20T10:30:00Z"), END, UsageScope.ALL, UsageGrouping.USER))
                    .extracting(UsageRow::group, UsageRow::requests, UsageRow::costMicros, UsageRow::errors)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ada", 2L, 4L, 1L),
                            org.assertj.core.groups.Tuple.tuple("bob", 2L, 8L, 1L));
            assertThat(rollup.purge(now, 1)).isEqualTo(3); // day one's; day two is the one day kept
            assertThat(db.jdbc().queryOne("SELECT COUNT(*) FROM usage_events", rs -> rs.getLong(1))).contains(2L);
            assertThat(report.rows(Instant.EPOCH, END, UsageScope.ALL, UsageGrouping.USER)).isEqualTo(expected);
            assertThat(report.rows(Instant.EPOCH, END, UsageScope.user("ada"), UsageGrouping.DAY))
                    .extracting(UsageRow::group, UsageRow::requests)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-11-20", 3L));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anHourClosesFiveMinutesAfterItEndsAndAgainWhenARowCameLateButIsNeverCountedTwice(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            new LedgerWriter(db.jdbc()).write(EVENTS);
            var rollup = new UsageRollup(db);
            var report = new UsageReport(db);

            assertThat(rollup.closeHours(Instant.parse("2026-11-22T01:04:59.999Z")))
                    .hasSize(38) // 2026-11-20T10:00 (the ledger's first hour) to 2026-11-22T00:00
                    .startsWith(Instant.parse("2026-11-20T10:00:00Z")).endsWith(Instant.parse("2026-11-21T23:00:00Z"));
            assertThat(rollup.closeHours(Instant.parse("2026-11-22T01:05:00Z")))
                    .containsExactly(Instant.parse("2026-11-22T00:00:00Z"));
            assertThat(hourly(db)).containsExactly(List.of("2026-11-20T10:00:00Z", 1L), List.of("2026-11-20T11:00:00Z", 1L),
                    List.of("2026-11-20T12:00:00Z", 1L), List.of("2026-11-21T23:00:00Z", 1L));

            new LedgerWriter(db.jdbc()).write(List.of(event("late", "2026-11-21T23:30:00.000Z", "bob", "ok", 80, 2L)));
            assertThat(rollup.closeHours(Instant.parse("2026-11-22T01:10:00Z")))
                    .containsExactly(Instant.parse("2026-11-21T23:00:00Z"));
            assertThat(rollup.closeHours(Instant.parse("2026-11-22T01:20:00Z"))).isEmpty();
            assertThat(hourly(db)).contains(List.of("2026-11-21T23:00:00Z", 2L)).hasSize(4);
            // group_by=hour from the hourly roll-ups, and from the ledger past them (b2, 01:00, not closed)
            assertThat(report.rows(Instant.parse("2026-11-21T00:00:00Z"), END, UsageScope.ALL, UsageGrouping.HOUR))
                    .extracting(UsageRow::group, UsageRow::requests, UsageRow::costMicros)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-11-21T23:00:00Z", 2L, 9L),
                            org.assertj.core.groups.Tuple.tuple("2026-11-22T01:00:00Z", 1L, 1L));
        }
    }

    private static List<List<Object>> hourly(Database db) {
        return db.jdbc().query("SELECT hour, SUM(requests) FROM usage_hourly GROUP BY hour ORDER BY hour",
                rs -> List.of(rs.getString(1), rs.getLong(2)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rollingUpADayAgainReplacesItsRowsAndRawRowsOfDaysNotRolledUpAreNeverPurged(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            new LedgerWriter(db.jdbc()).write(EVENTS);
            var rollup = new UsageRollup(db);
            Instant now = Instant.parse("2026-11-30T12:00:00Z");
            assertThat(rollup.purge(now, 1)).isZero();

            rollup.closeDays(now);
            db.jdbc().update("UPDATE usage_rollup_progress SET next_day = ?", DAY_ONE.toString());
            assertThat(rollup.closeDays(now)).hasSize(10);
            assertThat(db.jdbc().queryOne("SELECT COUNT(*), SUM(requests) FROM usage_daily",
                    rs -> List.of(rs.getLong(1), rs.getLong(2)))).contains(List.of(3L, 5L));
        }
    }
}
