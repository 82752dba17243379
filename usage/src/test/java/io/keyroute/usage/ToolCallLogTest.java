package io.keyroute.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.keyroute.store.Database;
import io.keyroute.store.Page;
import io.keyroute.store.Times;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tool calls read back from {@code mcp_calls}: newest first, paged and scoped, and each tool's totals, on SQLite and PostgreSQL. */
class ToolCallLogTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    private static ToolCall call(String id, Instant at, String ws, String user, String server, String tool, String status,
                                 long latencyMs) {
        return new ToolCall(id, at, "key_" + user, user, ws, server, tool, status, latencyMs, 12, 340, null, null);
    }

    private static void insert(Database db, ToolCall c) {
        db.jdbc().update("INSERT INTO mcp_calls (id, at, key_id, user_id, workspace_id, server_id, tool, status, latency_ms,"
                        + " request_bytes, response_bytes, arguments, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.id(), Times.format(c.at()), c.keyId(), c.userId(), c.workspaceId(), c.serverId(), c.tool(), c.status(),
                c.latencyMs(), c.requestBytes(), c.responseBytes(), c.arguments(), c.result());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pagesNewestFirstWithinTheCallersScope(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            for (int i = 0; i < 4; i++) {
                insert(db, call("mcp_a" + i, T0.plusSeconds(i), "ws_1", "ada", "docs", "search", "ok", 10));
                insert(db, call("mcp_b" + i, T0.plusSeconds(i), "ws_1", "bob", "ops", "restart", "ok", 10));
                insert(db, call("mcp_c" + i, T0.plusSeconds(i), "ws_2", "carl", "docs", "search", "ok", 10));
            }
            ToolCall recorded = new ToolCall("mcp_r", T0.plusSeconds(9), "key_dan", "dan", "ws_3", "docs", "search",
                    "tool_error", 7, 15, 20, "{\"q\":\"[EMAIL]\"}", "{\"isError\":true}");
            insert(db, recorded);
            var log = new ToolCallLog(db);

            List<String> all = new ArrayList<>();
            Page<ToolCall> page = log.latest(UsageScope.ALL, 5, null).orElseThrow();
            all.addAll(page.items().stream().map(ToolCall::id).toList());
            while (page.hasMore()) {
                page = log.latest(UsageScope.ALL, 5, page.items().getLast().id()).orElseThrow();
                all.addAll(page.items().stream().map(ToolCall::id).toList());
            }
            // Same second: the id breaks the tie, descending.
            assertThat(all).containsExactly("mcp_r", "mcp_c3", "mcp_b3", "mcp_a3", "mcp_c2", "mcp_b2", "mcp_a2", "mcp_c1",
                    "mcp_b1", "mcp_a1", "mcp_c0", "mcp_b0", "mcp_a0");
            assertThat(log.latest(UsageScope.user("dan"), 1, null).orElseThrow().items()).containsExactly(recorded);

            assertThat(log.latest(UsageScope.workspace("ws_1"), 3, null).orElseThrow().items())
                    .extracting(ToolCall::id).containsExactly("mcp_b3", "mcp_a3", "mcp_b2");
            Page<ToolCall> bob = log.latest(UsageScope.user("bob"), 2, "mcp_b3").orElseThrow();
            assertThat(bob.items()).extracting(ToolCall::id).containsExactly("mcp_b2", "mcp_b1");
            assertThat(bob.hasMore()).isTrue();
            assertThat(bob.items().getFirst()).isEqualTo(call("mcp_b2", T0.plusSeconds(2), "ws_1", "bob", "ops", "restart",
                    "ok", 10));
            // A call outside the caller's scope is no cursor (its existence is not revealed).
            assertThat(log.latest(UsageScope.user("bob"), 2, "mcp_a3")).isEmpty();
            assertThat(log.latest(UsageScope.workspace("ws_2"), 2, "mcp_b1")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void totalsCountCallsAndErrorsWithTheMedianLatencyPerToolInTheScopeAndRange(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            long[] latencies = {40, 10, 30, 20, 50};
            for (int i = 0; i < latencies.length; i++) {
                insert(db, call("mcp_s" + i, T0.plusSeconds(i), "ws_1", "ada", "docs", "search", i == 4 ? "unavailable" : "ok",
                        latencies[i]));
            }
            insert(db, call("mcp_d0", T0, "ws_1", "bob", "docs", "delete_page", "denied", 0));
            insert(db, call("mcp_d1", T0, "ws_1", "bob", "docs", "delete_page", "ok", 8));
            insert(db, call("mcp_o0", T0, "ws_2", "carl", "ops", "restart", "tool_error", 90));
            insert(db, call("mcp_late", T0.plusSeconds(3600), "ws_1", "ada", "docs", "search", "ok", 1));
            var log = new ToolCallLog(db);
            Instant to = T0.plusSeconds(60);

            assertThat(log.totals(T0, to, UsageScope.ALL))
                    .extracting(ToolTotals::serverId, ToolTotals::tool, ToolTotals::calls, ToolTotals::errors, ToolTotals::p50Ms)
                    .containsExactly(tuple("docs", "delete_page", 2L, 1L, 0L), // nearest rank: the 1st of 2
                            tuple("docs", "search", 5L, 1L, 30L),
                            tuple("ops", "restart", 1L, 1L, 90L));
            assertThat(log.totals(T0, to, UsageScope.workspace("ws_2"))).extracting(ToolTotals::tool).containsExactly("restart");
            assertThat(log.totals(T0, to, UsageScope.user("bob"))).extracting(ToolTotals::tool).containsExactly("delete_page");
            assertThat(log.totals(to, to.plusSeconds(7200), UsageScope.ALL))
                    .containsExactly(new ToolTotals("docs", "search", 1, 0, 1));
        }
    }
}
