package io.keyroute.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rolling upgrade runs two versions on one database: the new one migrates it at its start while
 * replicas of the old one still serve, and an old replica restarted during the roll-out (or after
 * a roll-back) starts on the newer schema. Both hold because migrations only add (columns that are
 * nullable or have a default, tables, indexes) and because this version starts on a schema whose
 * history has migrations it does not know (Flyway's default ignores "future" ones).
 */
class UpgradeCompatibilityTest {
    /**
     * What would break the version before a migration, which still reads and writes what it knew.
     * A NOT NULL column needs a default: the old version's inserts do not name it.
     */
    private static final List<Pattern> BREAKING = List.of(
            Pattern.compile("\\bdrop\\s+(table|column|view)\\b"), // an index may be dropped and made again
            Pattern.compile("\\brename\\b"),
            Pattern.compile("\\balter\\s+column\\b"),
            Pattern.compile("\\badd\\s+column\\b(?![^;]*\\bdefault\\b)[^;]*\\bnot\\s+null\\b"),
            Pattern.compile("\\btruncate\\b"));

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void thisVersionStartsOnADatabaseThatANewerVersionMigrated(TestDatabase target) {
        Flyway.configure().dataSource(target.url(), null, null)
                .locations("classpath:db/migration", "classpath:db/newer").load().migrate();
        try (Database db = Database.open(target.url())) {
            assertThat(db.migrate()).isZero();
            assertThat(db.ready()).isTrue();
            String now = Times.format(Instant.parse("2026-12-07T14:00:00Z"));
            db.jdbc().update("INSERT INTO workspaces (id, name, plan, created_at) VALUES (?, ?, ?, ?)", "w1", "acme", "pro", now);
            assertThat(db.jdbc().query("SELECT name FROM workspaces", rs -> rs.getString(1))).containsExactly("acme");
        }
    }

    @Test
    void everyMigrationOnlyAdds() throws IOException {
        List<String> breaking = new ArrayList<>();
        for (int version : MigrationFiles.versions()) {
            String sql = migration(version).replaceAll("--[^\\n]*", "").toLowerCase(Locale.ROOT);
            for (Pattern pattern : BREAKING) {
                if (pattern.matcher(sql).find()) {
                    breaking.add("V" + version + ": " + pattern.pattern());
                }
            }
        }
        assertThat(breaking).as("statements the previous version cannot run beside").isEmpty();
    }

    @Test
    void theRuleCatchesWhatWouldBreakThePreviousVersion() {
        assertThat(BREAKING.stream().filter(p -> p.matcher("alter table usage_events add column x bigint not null;").find()))
                .hasSize(1);
        assertThat(BREAKING.stream().filter(p -> p.matcher("alter table usage_events add column x bigint not null default 0;").find()))
                .isEmpty();
        assertThat(BREAKING.stream().filter(p -> p.matcher("alter table api_keys drop column models;").find())).hasSize(1);
        assertThat(BREAKING.stream().filter(p -> p.matcher("alter table users rename to members;").find())).hasSize(1);
        assertThat(BREAKING.stream().filter(p -> p.matcher("drop index credentials_name;").find())).isEmpty();
    }

    private static String migration(int version) throws IOException {
        var loader = UpgradeCompatibilityTest.class.getClassLoader();
        try (var listing = loader.getResourceAsStream("db/migration")) {
            String names = listing == null ? "" : new String(listing.readAllBytes(), StandardCharsets.UTF_8);
            for (String name : names.split("\\R")) {
                if (name.startsWith("V" + version + "__")) {
                    try (InputStream in = loader.getResourceAsStream("db/migration/" + name)) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        throw new IllegalStateException("no migration V" + version + "__*.sql on the class path");
    }
}
