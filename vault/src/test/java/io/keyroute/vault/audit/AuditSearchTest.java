package io.keyroute.vault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.error.ClientError;
import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.vault.VaultFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The audit trail's filters and newest-first keyset paging, on SQLite and PostgreSQL. */
class AuditSearchTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant END = T0.plusSeconds(3600);

    static List<TestDatabase> databases() {
        return VaultFixture.databases();
    }

    private static AuditQuery query(Instant from, Instant to, String actor, String action, String target, String ws,
                                    int limit, String before) {
        return new AuditQuery(from, to, actor, action, target, ws, limit, before);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void filtersAndPagesNewestFirst(TestDatabase db) {
        var clock = new MutableClock(T0);
        try (var f = new VaultFixture(db, VaultFixture.randomMasterKey(), null, clock)) {
            AuditLog audit = new AuditLog(f.vault.database().jdbc(), clock);
            for (int i = 0; i < 5; i++) {
                audit.record("usr_a", "key.issued", "key_" + i, "ws_1", null);
                audit.record("usr_b", "key.revoked", "key_" + i, "ws_2", null);
                clock.advance(Duration.ofMinutes(1));
            }
            // Two events in the same millisecond still page apart (the id breaks the tie).
            audit.record("usr_a", "key.changed", "key_x", "ws_1", null);
            audit.record("usr_a", "key.changed", "key_y", "ws_1", null);

            List<AuditEvent> seen = new ArrayList<>();
            var page = audit.search(query(Instant.EPOCH, END, null, null, null, null, 3, null));
            seen.addAll(page.items());
            while (page.hasMore()) {
                page = audit.search(query(Instant.EPOCH, END, null, null, null, null, 3, page.items().getLast().id()));
                seen.addAll(page.items());
            }
            assertThat(seen).hasSize(12).doesNotHaveDuplicates();
            assertThat(seen).extracting(AuditEvent::at).isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(seen.subList(0, 2)).extracting(AuditEvent::target).containsExactlyInAnyOrder("key_x", "key_y");

            assertThat(audit.search(query(Instant.EPOCH, END, "usr_b", null, null, null, 100, null)).items())
                    .hasSize(5).allMatch(e -> e.actor().equals("usr_b"));
            assertThat(audit.search(query(Instant.EPOCH, END, null, "key.issued", "key_3", null, 100, null)).items())
                    .singleElement().satisfies(e -> assertThat(e.workspaceId()).isEqualTo("ws_1"));
            assertThat(audit.search(query(Instant.EPOCH, END, null, null, null, "ws_2", 100, null)).items())
                    .hasSize(5).allMatch(e -> e.action().equals("key.revoked"));
            // from inclusive, to exclusive
            assertThat(audit.search(query(T0.plusSeconds(60), T0.plusSeconds(120), null, null, null, null, 100, null))
                    .items()).extracting(AuditEvent::target).containsExactly("key_1", "key_1");
            assertThatThrownBy(() -> audit.search(query(Instant.EPOCH, END, null, null, null, null, 3, "evt_nope")))
                    .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
