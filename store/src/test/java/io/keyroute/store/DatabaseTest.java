package io.keyroute.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.testkit.TestServices;
import io.keyroute.testkit.TestServices.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseTest {

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void migratesOnceAndIsReady(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            assertThat(db.ready()).isFalse();
            assertThat(db.migrate()).isPositive();
            assertThat(db.migrate()).isZero();
            assertThat(db.ready()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void uniqueViolationIsRecognisedAndTransactionsRollBack(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            Jdbc jdbc = db.jdbc();
            String now = Times.format(Instant.parse("2026-11-21T10:00:00Z"));
            jdbc.update("INSERT INTO workspaces (id, name, plan, created_at) VALUES (?, ?, ?, ?)", "w1", "acme", "pro", now);
            assertThatThrownBy(() -> jdbc.update("INSERT INTO workspaces (id, name, plan, created_at) VALUES (?, ?, ?, ?)",
                    "w2", "acme", "pro", now))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isUniqueViolation()).isTrue());
            assertThatThrownBy(() -> jdbc.inTransaction(tx -> {
                tx.update("INSERT INTO workspaces (id, name, plan, created_at) VALUES (?, ?, ?, ?)", "w3", "other", "free", now);
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(jdbc.query("SELECT name FROM workspaces ORDER BY name", rs -> rs.getString(1))).containsExactly("acme");
            assertThat(jdbc.queryOne("SELECT created_at FROM workspaces", rs -> Times.parse(rs.getString(1))))
                    .contains(Instant.parse("2026-11-21T10:00:00Z"));
        }
    }
}
