package io.keyroute.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An SQLite database is its owner's alone and forgets what it deletes; a retired credential version keeps no secret. */
class DataAtRestTest {
    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    @Test
    void theDatabaseItsWalAndANewDirectoryAreOwnerOnly(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("data").resolve("keyroute.db");
        try (Database db = Database.open("jdbc:sqlite:" + file)) {
            db.migrate();
            db.jdbc().update("INSERT INTO settings (name, value) VALUES (?, ?)", "k", "v");

            assertThat(mode(file.getParent())).isEqualTo("rwx------");
            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(mode(file.resolveSibling("keyroute.db-wal"))).isEqualTo("rw-------");
        }
    }

    @Test
    void anExistingDatabaseReadableByOthersIsMadeOwnerOnly(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("old.db");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        Files.createFile(tmp.resolve("old.db-wal"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));

        try (Database db = Database.open("jdbc:sqlite:" + file)) {
            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(mode(tmp.resolve("old.db-wal"))).isEqualTo("rw-------");
        }
    }

    @Test
    void sqliteOverwritesWhatItDeletes(@TempDir Path tmp) {
        try (Database db = Database.open("jdbc:sqlite:" + tmp.resolve("k.db"))) {
            for (int i = 0; i < 4; i++) { // every connection of the pool, not only the first
                assertThat(db.jdbc().queryOne("PRAGMA secure_delete", rs -> rs.getInt(1))).contains(1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theMigrationScrubsRetiredAndDeletedVersions(TestDatabase target) {
        Flyway.configure().dataSource(target.url(), null, null).locations("classpath:db/migration").target("5").load()
                .migrate();
        try (Database db = Database.open(target.url())) {
            Jdbc jdbc = db.jdbc();
            String now = "2026-12-01T00:00:00.000Z";
            for (String id : List.of("cred_live", "cred_deleted")) {
                jdbc.update("INSERT INTO credentials (id, owner_type, owner_id, provider, name, masked_key, is_default, "
                        + "is_active, version, created_at, updated_at) VALUES (?, 'USER', 'u1', 'openai', ?, 'sk-…abcd', "
                        + "FALSE, TRUE, 2, ?, ?)", id, id, now, now);
            }
            insertVersion(jdbc, "cred_live", 1, "wk1", now); // rotated away before the scrub existed
            insertVersion(jdbc, "cred_live", 2, "wk2", null);
            insertVersion(jdbc, "cred_deleted", 1, null, now); // deleted: only its wrapped key was destroyed

            db.migrate();

            assertThat(jdbc.query("SELECT credential_id, version, wrapped_key, master_key_id, ciphertext FROM credential_versions "
                            + "ORDER BY credential_id, version",
                    rs -> rs.getString(1) + ":" + rs.getInt(2) + ":" + rs.getString(3) + ":" + rs.getString(4) + ":" + rs.getString(5)))
                    .containsExactly("cred_deleted:1:null:null:", "cred_live:1:null:null:", "cred_live:2:wk2:mk:sealed-2");
        }
    }

    private static void insertVersion(Jdbc jdbc, String id, int version, String wrappedKey, String retiredAt) {
        jdbc.update("INSERT INTO credential_versions (credential_id, version, wrapped_key, master_key_id, ciphertext, "
                        + "masked_key, created_at, retired_at) VALUES (?, ?, ?, ?, ?, 'sk-…abcd', '2026-11-01T00:00:00.000Z', ?)",
                id, version, wrappedKey, wrappedKey == null ? null : "mk", "sealed-" + version, retiredAt);
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
