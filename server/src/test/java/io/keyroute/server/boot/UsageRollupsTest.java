package io.keyroute.server.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.store.Database;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.usage.UsageRollup;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class UsageRollupsTest {
    private static void event(Database db, String id, String at) {
        db.jdbc().update("INSERT INTO usage_events (request_id, at, user_id, provider, model, status, outcome, attempts,"
                + " streamed, prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, cost_micros, latency_us,"
                + " ttft_us) VALUES (?, ?, 'ada', 'openai', 'm1', 200, 'ok', 1, FALSE, 10, 5, 0, 0, 3, 5000, 0)", id, at);
    }

    @Test
    void aPassRollsUpTheHoursAndDaysMissedThenPurgesOnlyRawRowsPastTheirRetention() {
        try (Database db = Database.open(TestServices.sqlite().url())) {
            db.migrate();
            event(db, "old", "2026-09-01T10:00:00.000Z");
            event(db, "kept", "2026-10-21T10:00:00.000Z");
            event(db, "today", "2026-11-22T10:00:00.000Z");
            var rollup = new UsageRollup(db);
            var clock = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

            UsageRollups.pass(rollup, OptionalInt.empty(), clock);
            assertThat(rollup.nextDay()).contains(LocalDate.parse("2026-11-22"));
            assertThat(rawRows(db)).isEqualTo(3);
            assertThat(hourlyRequests(db)).isEqualTo(3); // today's 10:00 too: it ended more than 5 minutes ago

            event(db, "late", "2026-11-22T10:59:59.999Z"); // written after its hour was rolled up
            UsageRollups.pass(rollup, OptionalInt.of(32), clock); // keeps 2026-10-21 on, and today
            assertThat(rawRows(db)).isEqualTo(3);
            assertThat(db.jdbc().queryOne("SELECT SUM(requests) FROM usage_daily", rs -> rs.getLong(1))).contains(2L); // old and kept; today is not closed
            assertThat(hourlyRequests(db)).isEqualTo(4);
        }
    }

    private static long hourlyRequests(Database db) {
        return db.jdbc().queryOne("SELECT SUM(requests) FROM usage_hourly", rs -> rs.getLong(1)).orElseThrow();
    }

    private static long rawRows(Database db) {
        return db.jdbc().queryOne("SELECT COUNT(*) FROM usage_events", rs -> rs.getLong(1)).orElseThrow();
    }
}
