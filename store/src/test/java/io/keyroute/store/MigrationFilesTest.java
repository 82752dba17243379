package io.keyroute.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations' versions are read from a build tree and from a jar alike, gaps kept, other files ignored. */
class MigrationFilesTest {

    @Test
    void theBuildTreesVersionsEndWithTheSchemaVersion() {
        assertThat(MigrationFiles.versions()).contains(1, Database.SCHEMA_VERSION)
                .allMatch(v -> v >= 1 && v <= Database.SCHEMA_VERSION);
    }

    @Test
    void aJarsEntriesAreListedWithTheirGaps(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("store.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[] {"db/migration/", "db/migration/V1__vault.sql", "db/migration/V2__usage.sql",
                    "db/migration/V16__later.sql", "db/migration/README.md", "db/other/V3__elsewhere.sql"}) {
                out.putNextEntry(new JarEntry(name));
                out.write("-- x".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(MigrationFiles.versions(loader)).containsExactly(1, 2, 16);
        }
    }
}
