package io.keyroute.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.keyroute.api.Usage;
import io.keyroute.store.Database;
import io.keyroute.testkit.services.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A report answered from daily and hourly roll-ups and the ledger's edges equals the report from the ledger's rows
 * alone: the same groups with the same totals, and percentiles in the bucket of the exact nearest-rank value; also
 * when ledger rows of the open day arrive after their hours were rolled up.
 */
class UsageRollupPropertyTest {
    /**
     * Four UTC days of requests; "now" is the middle of the last, so the first three are rolled up, and the last's
     * hours before 11:00.
     */
    private static final Instant DAY_ZERO = Instant.parse("2026-11-17T00:00:00Z");
    private static final Duration DAYS = Duration.ofDays(4);
    private static final Instant NOW = DAY_ZERO.plus(Duration.ofDays(3)).plus(Duration.ofHours(12));
    private static final AtomicLong IDS = new AtomicLong();
    private static final Comparator<UsageRow> BY_GROUP =
            Comparator.comparing(UsageRow::group, Comparator.nullsLast(Comparator.naturalOrder()));
    private static Database db;

    @BeforeContainer
    static void open() {
        db = Database.open(TestServices.sqlite().url());
        db.migrate();
    }

    @AfterContainer
    static void close() {
        db.close();
    }

    @Provide
    Arbitrary<List<LedgerEntry>> events() {
        return events(DAY_ZERO, DAYS);
    }

    /** Rows of the open day written after its hours were rolled up (a journal replayed after a restart). */
    @Provide
    Arbitrary<List<LedgerEntry>> late() {
        return events(NOW.truncatedTo(ChronoUnit.DAYS), Duration.ofHours(12)).map(l -> l.subList(0, l.size() / 4));
    }

    private static Arbitrary<List<LedgerEntry>> events(Instant start, Duration span) {
        Arbitrary<Instant> at = Arbitraries.longs().between(0, span.toMillis() - 1).map(start::plusMillis);
        Arbitrary<String> user = Arbitraries.of("ada", "bob", "cy");
        Arbitrary<String> provider = Arbitraries.of("openai", "anthropic").injectNull(0.1);
        Arbitrary<String> route = Arbitraries.of("fast", "smart").injectNull(0.4);
        // every bucket: under 1 ms, seconds, past 35 minutes; few distinct values, so ties are common too
        Arbitrary<Long> latency = Arbitraries.oneOf(Arbitraries.longs().between(0, 3_000_000_000L),
                Arbitraries.of(0L, 999L, 1_000L, 1_189L, 250_000L, 2_097_152_000L));
        Arbitrary<Long> cost = Arbitraries.longs().between(0, 5_000).injectNull(0.2);
        Arbitrary<String> outcome = Arbitraries.of("ok", "ok", "error", "cut", "cancelled");
        Arbitrary<Long> tokens = Arbitraries.longs().between(0, 100_000);
        return Combinators.combine(at, user, provider, route, latency, cost, outcome, tokens).as(
                (when, who, upstream, asked, micros, price, ending, prompt) -> new LedgerEntry(when, new RequestRecord(
                        "r" + IDS.incrementAndGet(), "key_" + who + (prompt % 2), who, who.equals("cy") ? "ws_2" : "ws_1", null, "m", asked,
                        upstream, upstream == null ? null : "m" + (prompt % 3), 200, 1, false,
                        new Usage(prompt, prompt / 3, prompt / 7, 0), price, micros, 0, ending, false, null, null, null,
                        prompt % 5 == 0 ? CacheUse.hit(prompt / 2, null) : null))).list().ofMaxSize(80);
    }

    @Provide
    Arbitrary<Instant> instants() {
        // past both ends of the ledger's days, often on a day's start
        return Arbitraries.oneOf(Arbitraries.longs().between(-1, 5).map(d -> DAY_ZERO.plus(Duration.ofDays(d))),
                Arbitraries.longs().between(-Duration.ofDays(1).toMillis(), Duration.ofDays(5).toMillis())
                        .map(DAY_ZERO::plusMillis));
    }

    @Provide
    Arbitrary<UsageScope> scopes() {
        return Arbitraries.of(UsageScope.ALL, UsageScope.workspace("ws_1"), UsageScope.user("bob"));
    }

    @Provide
    Arbitrary<UsageGrouping> groupings() {
        return Arbitraries.of(UsageGrouping.values()).filter(g -> g.dailySql() != null || g.hourlySql() != null);
    }

    @Property(tries = 150)
    void rollUpsAndLedgerEdgesReportWhatTheLedgerAloneReports(
            @ForAll("events") List<LedgerEntry> events, @ForAll("late") List<LedgerEntry> late,
            @ForAll("instants") Instant a, @ForAll("instants") Instant b, @ForAll("scopes") UsageScope scope,
            @ForAll("groupings") UsageGrouping grouping) {
        reset();
        var rollup = new UsageRollup(db);
        new LedgerWriter(db.jdbc()).write(events);
        rollup.closeHours(NOW);
        rollup.closeDays(NOW);
        new LedgerWriter(db.jdbc()).write(late);
        rollup.closeHours(NOW);
        var report = new UsageReport(db);
        Instant from = a.isBefore(b) ? a : b;
        Instant to = a.isBefore(b) ? b : a;

        List<UsageRow> merged = report.rows(from, to, scope, grouping);
        List<UsageRow> exact = report.exactRows(from, to, scope, grouping).stream().sorted(BY_GROUP).toList();

        assertThat(merged).extracting(UsageRow::group, UsageRow::requests, UsageRow::promptTokens,
                        UsageRow::completionTokens, UsageRow::costMicros, UsageRow::errors, UsageRow::cachedTokens,
                        UsageRow::savedMicros)
                .isEqualTo(exact.stream().map(r -> tuple(r.group(), r.requests(),
                        r.promptTokens(), r.completionTokens(), r.costMicros(), r.errors(), r.cachedTokens(),
                        r.savedMicros())).toList());
        for (int i = 0; i < exact.size(); i++) {
            assertThat(LatencyHistogram.bucketOf(merged.get(i).p50Micros()))
                    .isEqualTo(LatencyHistogram.bucketOf(exact.get(i).p50Micros()));
            assertThat(LatencyHistogram.bucketOf(merged.get(i).p95Micros()))
                    .isEqualTo(LatencyHistogram.bucketOf(exact.get(i).p95Micros()));
        }
    }

    private static void reset() {
        db.jdbc().update("DELETE FROM usage_events");
        db.jdbc().update("DELETE FROM usage_daily");
        db.jdbc().update("DELETE FROM usage_hourly");
        db.jdbc().update("DELETE FROM usage_hours_rolled_up");
        db.jdbc().update("UPDATE usage_rollup_progress SET next_day = NULL");
    }
}
