package io.keyroute.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.store.Database;
import io.keyroute.store.Page;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The latest requests from the ledger, newest first, paged and scoped, on SQLite and PostgreSQL. */
class RequestLogTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    private static LedgerEntry event(String id, Instant at, String ws, String user, String route, String reason) {
        return new LedgerEntry(at, new RequestRecord(id, "key_" + user, user, ws, "cred_1",
                route == null ? "openai/gpt-4o-mini" : route, route, "openai", "gpt-4o-mini", 200, 1, true,
                new Usage(11, 7, 2, 0), 42L, 1_500, 300, "ok", false, reason));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pagesNewestFirstWithinTheCallersScope(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            List<LedgerEntry> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                events.add(event("a" + i, T0.plusSeconds(i), "ws_1", "ada", null, "asked for it"));
                events.add(event("b" + i, T0.plusSeconds(i), "ws_1", "bob", "auto", "simple prompt: budget tier"));
                events.add(event("c" + i, T0.plusSeconds(i), "ws_2", "carl", null, null));
            }
            new LedgerWriter(db.jdbc()).write(events);
            var log = new RequestLog(db);

            List<String> all = new ArrayList<>();
            Page<LedgerEntry> page = log.latest(UsageScope.ALL, 4, null).orElseThrow();
            all.addAll(page.items().stream().map(e -> e.request().requestId()).toList());
            while (page.hasMore()) {
                page = log.latest(UsageScope.ALL, 4, page.items().getLast().request().requestId()).orElseThrow();
                all.addAll(page.items().stream().map(e -> e.request().requestId()).toList());
            }
            // Same second: the id breaks the tie, descending.
            assertThat(all).containsExactly("c4", "b4", "a4", "c3", "b3", "a3", "c2", "b2", "a2", "c1", "b1", "a1",
                    "c0", "b0", "a0");

            assertThat(log.latest(UsageScope.workspace("ws_1"), 3, null).orElseThrow().items())
                    .extracting(e -> e.request().requestId()).containsExactly("b4", "a4", "b3");
            Page<LedgerEntry> bob = log.latest(UsageScope.user("bob"), 2, "b4").orElseThrow();
            assertThat(bob.items()).extracting(e -> e.request().requestId()).containsExactly("b3", "b2");
            assertThat(bob.hasMore()).isTrue();
            assertThat(bob.items().getFirst()).isEqualTo(event("b3", T0.plusSeconds(3), "ws_1", "bob", "auto",
                    "simple prompt: budget tier"));
            // A request outside the caller's scope is no cursor (its existence is not revealed).
            assertThat(log.latest(UsageScope.user("bob"), 2, "a4")).isEmpty();
            assertThat(log.latest(UsageScope.workspace("ws_2"), 2, "b1")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void usageGroupsByWorkspaceAndRouteWithinAWorkspace(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            new LedgerWriter(db.jdbc()).write(List.of(event("a", T0, "ws_1", "ada", null, null),
                    event("b", T0, "ws_1", "bob", "auto", null), event("b2", T0, "ws_1", "bob", "auto", null),
                    event("c", T0, "ws_2", "carl", "auto", null)));
            var report = new UsageReport(db);
            Instant to = T0.plusSeconds(60);
            assertThat(report.rows(T0, to, UsageScope.ALL, UsageGrouping.WORKSPACE))
                    .extracting(UsageRow::group, UsageRow::requests, UsageRow::costMicros)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ws_1", 3L, 126L),
                            org.assertj.core.groups.Tuple.tuple("ws_2", 1L, 42L));
            assertThat(report.rows(T0, to, UsageScope.workspace("ws_1"), UsageGrouping.ROUTE))
                    .extracting(UsageRow::group, UsageRow::requests)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("auto", 2L),
                            org.assertj.core.groups.Tuple.tuple(null, 1L));
            assertThat(report.rows(T0, to, UsageScope.workspace("ws_2"), UsageGrouping.USER))
                    .extracting(UsageRow::group).containsExactly("carl");
        }
    }
}
