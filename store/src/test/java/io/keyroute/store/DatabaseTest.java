package io.keyroute.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
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

    @ParameterizedTest
    @MethodSource("databases")
    void anUpToDateSchemaDoesNotStartFlywayAndAFailedMigrationDoes(TestDatabase target) {
        try (Database db = Database.open(target.url())) {
            db.migrate();
            // Flyway would refuse this edited checksum; not starting it at all is the point (and its cost).
            db.jdbc().update("UPDATE flyway_schema_history SET checksum = 1 WHERE version = '1'");
            assertThat(db.migrate()).isZero();

            db.jdbc().update("UPDATE flyway_schema_history SET success = ? WHERE version = ?", false,
                    Integer.toString(Database.SCHEMA_VERSION));
            assertThatThrownBy(db::migrate).hasMessageContaining("failed migration");
        }
    }

    @org.junit.jupiter.api.Test
    void schemaVersionIsTheNewestMigration() throws Exception {
        var folder = java.nio.file.Path.of(Database.class.getResource("/db/migration").toURI());
        int newest;
        try (var files = java.nio.file.Files.list(folder)) {
            newest = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow();
        }
        assertThat(Database.SCHEMA_VERSION).isEqualTo(newest);
    }
}
