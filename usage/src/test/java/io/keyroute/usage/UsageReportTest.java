package io.keyroute.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.store.Database;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsageReportTest {
    private static final Instant DAY_ONE = Instant.parse("2026-11-20T23:59:59.999Z");
    private static final Instant DAY_TWO = Instant.parse("2026-11-21T00:00:00.000Z");

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    private static LedgerEntry event(String id, Instant at, String user, String provider, String outcome, long latencyMs,
                                    Long cost) {
        return new LedgerEntry(at, new RequestRecord(id, "key_" + user, user, "ws_1", null, "m", null, provider,
                provider == null ? null : "m1", outcome.equals("ok") ? 200 : 502, 1, false, new Usage(10, 5, 0, 0),
                cost, latencyMs * 1_000, 0, outcome));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void totalsAndNearestRankPercentilesAgreeOnBothDatabases(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            List<LedgerEntry> events = new ArrayList<>();
            for (int i = 1; i <= 20; i++) { // latencies 1..20 ms, shuffled order of insertion
                int latency = (i * 7) % 20 + 1;
                events.add(event("a" + i, DAY_ONE, "ada", "openai", i == 3 ? "cut" : "ok", latency, 3L));
            }
            events.add(event("b1", DAY_TWO, "bob", "anthropic", "ok", 40, null)); // unpriced
            events.add(event("b2", DAY_TWO, "bob", null, "error", 2, 0L));
            new LedgerWriter(db.jdbc()).write(events);
            var report = new UsageReport(db);
            Instant from = Instant.EPOCH;
            Instant to = Instant.parse("2027-01-01T00:00:00Z");

            assertThat(report.rows(from, to, UsageScope.ALL, UsageGrouping.PROVIDER)).containsExactly(
                    new UsageRow("anthropic", 1, 10, 5, 0, 0, 40_000, 40_000, 0),
                    new UsageRow("openai", 20, 200, 100, 60, 1, 10_000, 19_000, 0),
                    new UsageRow(null, 1, 10, 5, 0, 1, 2_000, 2_000, 0));
            assertThat(report.rows(from, to, UsageScope.ALL, UsageGrouping.DAY)).extracting(UsageRow::group, UsageRow::requests)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-11-20", 20L),
                            org.assertj.core.groups.Tuple.tuple("2026-11-21", 2L));
            assertThat(report.rows(from, to, UsageScope.user("bob"), UsageGrouping.MODEL)).extracting(UsageRow::group)
                    .containsExactly("anthropic/m1", null);
            assertThat(report.rows(DAY_TWO, to, UsageScope.ALL, UsageGrouping.USER)).extracting(UsageRow::group)
                    .containsExactly("bob");
            assertThat(report.rows(from, DAY_TWO, UsageScope.ALL, UsageGrouping.KEY)).extracting(UsageRow::group)
                    .containsExactly("key_ada");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void hourAndMinuteGroupsAreTheRfc3339StartOfTheirBucketOnBothDatabases(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            new LedgerWriter(db.jdbc()).write(List.of(
                    event("h1", Instant.parse("2026-11-20T09:00:00.000Z"), "ada", "openai", "ok", 5, 1L),
                    event("h2", Instant.parse("2026-11-20T09:00:59.999Z"), "ada", "openai", "ok", 7, 1L),
                    event("h3", Instant.parse("2026-11-20T09:59:30.000Z"), "ada", "openai", "error", 9, 1L),
                    event("h4", Instant.parse("2026-11-20T10:00:00.000Z"), "ada", "openai", "ok", 11, 1L)));
            var report = new UsageReport(db);
            Instant from = Instant.EPOCH;
            Instant to = Instant.parse("2027-01-01T00:00:00Z");
            assertThat(report.rows(from, to, UsageScope.ALL, UsageGrouping.HOUR))
                    .extracting(UsageRow::group, UsageRow::requests, UsageRow::errors)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-11-20T09:00:00Z", 3L, 1L),
                            org.assertj.core.groups.Tuple.tuple("2026-11-20T10:00:00Z", 1L, 0L));
            assertThat(report.rows(from, to, UsageScope.ALL, UsageGrouping.MINUTE))
                    .extracting(UsageRow::group, UsageRow::requests)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-11-20T09:00:00Z", 2L),
                            org.assertj.core.groups.Tuple.tuple("2026-11-20T09:59:00Z", 1L),
                            org.assertj.core.groups.Tuple.tuple("2026-11-20T10:00:00Z", 1L));
            assertThat(UsageGrouping.of("hour")).contains(UsageGrouping.HOUR);
            assertThat(UsageGrouping.of("minute")).contains(UsageGrouping.MINUTE);
        }
    }

    /** A request of route {@code route} with {@code cached} of its {@code prompt} tokens read from the provider's prompt cache. */
    private static LedgerEntry cached(String id, String route, long prompt, long cached) {
        return new LedgerEntry(DAY_ONE, new RequestRecord(id, "key_ada", "ada", "ws_1", null, route, route, "openai", "m1",
                200, 1, false, new Usage(prompt, 5, cached, 0), 1L, 1_000, 0, "ok"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eachRouteSaysWhatShareOfItsPromptTheProvidersReadFromTheirPromptCache(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            new LedgerWriter(db.jdbc()).write(List.of(cached("c1", "support", 4_000, 0),
                    cached("c2", "support", 4_200, 3_840), cached("c3", "support", 4_400, 3_840),
                    cached("c4", "agents", 1_000, 0), cached("c5", null, 0, 0)));

            List<UsageRow> rows = new UsageReport(db).rows(Instant.EPOCH, Instant.parse("2027-01-01T00:00:00Z"),
                    UsageScope.ALL, UsageGrouping.ROUTE);

            assertThat(rows).extracting(UsageRow::group, UsageRow::promptTokens, UsageRow::cachedTokens).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("agents", 1_000L, 0L),
                    org.assertj.core.groups.Tuple.tuple("support", 12_600L, 7_680L),
                    org.assertj.core.groups.Tuple.tuple(null, 0L, 0L));
            assertThat(rows.get(1).cachedShare()).isEqualTo(7_680.0 / 12_600);
            assertThat(rows.get(0).cachedShare()).isZero();
            assertThat(rows.get(2).cachedShare()).as("no prompt tokens: no share, not a division by zero").isZero();
        }
    }

    /** Nearest rank, as PostgreSQL's percentile_disc: the smallest value with at least p of the values at or below it. */
    private static long nearestRank(List<Long> sorted, int percent) {
        int rank = (percent * sorted.size() + 99) / 100;
        return sorted.get(Math.max(rank, 1) - 1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void percentilesAreTheNearestRankForEveryGroupSizeOnBothDatabases(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            var random = new java.util.Random(17);
            List<LedgerEntry> events = new ArrayList<>();
            java.util.Map<String, List<Long>> latencies = new java.util.TreeMap<>();
            for (int size = 1; size <= 45; size++) {
                String user = "u" + String.format("%02d", size);
                for (int i = 0; i < size; i++) {
                    long ms = 1 + random.nextInt(size < 10 ? 5 : 5_000); // small groups repeat values
                    events.add(event(user + "_" + i, DAY_ONE, user, "openai", "ok", ms, 1L));
                    latencies.computeIfAbsent(user, u -> new ArrayList<>()).add(ms * 1_000);
                }
            }
            new LedgerWriter(db.jdbc()).write(events);

            List<UsageRow> rows = new UsageReport(db).rows(Instant.EPOCH, Instant.parse("2027-01-01T00:00:00Z"), UsageScope.ALL,
                    UsageGrouping.USER);

            assertThat(rows).hasSize(45);
            for (UsageRow row : rows) {
                List<Long> sorted = latencies.get(row.group()).stream().sorted().toList();
                assertThat(row.requests()).isEqualTo(sorted.size());
                assertThat(row.p50Micros()).as(row.group() + " p50").isEqualTo(nearestRank(sorted, 50));
                assertThat(row.p95Micros()).as(row.group() + " p95").isEqualTo(nearestRank(sorted, 95));
            }
        }
    }
}
