package io.keyroute.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteNativeLibraryTest {
    private String pathBefore;
    private String nameBefore;

    @BeforeEach
    void clear() {
        pathBefore = System.clearProperty(SqliteNativeLibrary.PATH_PROPERTY);
        nameBefore = System.clearProperty(SqliteNativeLibrary.NAME_PROPERTY);
    }

    @AfterEach
    void restore() {
        restore(SqliteNativeLibrary.PATH_PROPERTY, pathBefore);
        restore(SqliteNativeLibrary.NAME_PROPERTY, nameBefore);
    }

    @Test
    void writesTheDriversLibraryOnceAndPointsTheDriverAtIt(@TempDir Path data) throws Exception {
        Path dir = data.resolve(".native");
        SqliteNativeLibrary.useCopyIn(dir);

        Path copy = dir.resolve(System.getProperty(SqliteNativeLibrary.NAME_PROPERTY));
        assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY)).isEqualTo(dir.toAbsolutePath().toString());
        assertThat(copy.getFileName().toString()).startsWith("sqlite-" + SQLiteJDBCLoader.getVersion() + "-");
        try (InputStream original = SQLiteJDBCLoader.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
            assertThat(Files.readAllBytes(copy)).isEqualTo(original.readAllBytes());
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(copy); // no partial file left behind
        }

        Files.setLastModifiedTime(copy, FileTime.fromMillis(0));
        clear();
        SqliteNativeLibrary.useCopyIn(dir);
        assertThat(Files.getLastModifiedTime(copy).toMillis()).isZero(); // used, not written again
    }

    @Test
    void aCopyThatDiffersFromTheDriversLibraryIsReplacedBeforeUse(@TempDir Path data) throws Exception {
        Path dir = data.resolve(".native");
        SqliteNativeLibrary.useCopyIn(dir);
        Path copy = dir.resolve(System.getProperty(SqliteNativeLibrary.NAME_PROPERTY));
        byte[] original = Files.readAllBytes(copy);
        byte[] tampered = original.clone();
        tampered[tampered.length / 2] ^= 0x5a; // same size, one byte changed
        Files.write(copy, tampered);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        clear();

        SqliteNativeLibrary.useCopyIn(dir);

        assertThat(Files.readAllBytes(copy)).isEqualTo(original);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(copy);
        }
    }

    @Test
    void anOperatorsSettingWins(@TempDir Path data) {
        System.setProperty(SqliteNativeLibrary.PATH_PROPERTY, "/opt/sqlite");

        SqliteNativeLibrary.useCopyIn(data.resolve(".native"));

        assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY)).isEqualTo("/opt/sqlite");
        assertThat(data.resolve(".native")).doesNotExist();
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
