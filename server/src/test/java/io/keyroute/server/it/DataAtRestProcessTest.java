package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code serve}: its data directory is its own alone, and a guessable admin token is refused at start. */
class DataAtRestProcessTest {
    private static final String CONFIG = """
            providers:
              - { id: openai, type: openai, base_url: "http://127.0.0.1:9/v1" }
            """;
    private static final String ADMIN_TOKEN = "kr-admin-" + "AtRestAtRestAtRestAtRestAtRestAtRestAtRe1";

    @TempDir
    Path dir;

    @Test
    void theDataDirectoryAndEveryFileInItAreOwnerOnly() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))); // as an earlier version left it
        try (var keyroute = KeyrouteProcess.start(dir, CONFIG, Map.of("KEYROUTE_ADMIN_TOKEN", ADMIN_TOKEN))) {
            keyroute.issueKey(ADMIN_TOKEN, "pro", ""); // some rows, so the WAL exists

            List<Path> all;
            try (Stream<Path> walk = Files.walk(data)) {
                all = walk.toList();
            }
            assertThat(all).contains(data.resolve("keyroute.db"), data.resolve("master.key"), data.resolve("ledger.journal"),
                    data.resolve(".native"));
            assertThat(all).allSatisfy(path -> assertThat(mode(path)).as(path.toString())
                    .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        }
    }

    @Test
    void anAdminTokenUnder32CharactersIsRefusedAtStart() {
        String weak = "changeme-admin";

        assertThatThrownBy(() -> KeyrouteProcess.start(dir, CONFIG, Map.of("KEYROUTE_ADMIN_TOKEN", weak)))
                .hasMessageContaining("Keyroute cannot start: KEYROUTE_ADMIN_TOKEN is too weak: 14 characters, at least 32")
                .hasMessageNotContaining(weak)
                .hasRootCauseMessage("exited with 2");
        assertThat(dir.resolve("data").resolve("master.key")).as("refused before anything is created").doesNotExist();
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
