package io.keyroute.vault.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeySourceTest {
    @TempDir
    Path data;

    private MasterKey load(Map<String, String> env, boolean embedded) {
        return MasterKeySource.load(env, embedded, data, text -> { }).primary();
    }

    @Test
    void rotationFileAddsAnAcceptedKey() throws Exception {
        Path other = data.resolve("other.key");
        MasterKeySource.generate(other);
        var ring = MasterKeySource.load(Map.of(MasterKeySource.ROTATION_FILE, other.toString()), true, data, t -> { });
        assertThat(ring.others()).singleElement().extracting(MasterKey::id).isNotEqualTo(ring.primary().id());
        assertThat(MasterKeySource.configured(Map.of(), data.resolve("empty"), t -> { })).isEmpty();
    }

    @Test
    void generatesOnceForSqliteWithOwnerOnlyPermissions() throws Exception {
        MasterKey first = load(Map.of(), true);
        Path file = data.resolve("master.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(load(Map.of(), true).id()).isEqualTo(first.id());
    }

    @Test
    void aGeneratedKeysNewDirectoryIsOwnerOnlyAndAKeyLeftReadableIsTightened() throws Exception {
        Path nested = data.resolve("fresh");
        MasterKey first = MasterKeySource.load(Map.of(), true, nested, t -> { }).primary();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");

        Path file = nested.resolve("master.key");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(MasterKeySource.load(Map.of(), true, nested, t -> { }).primary().id()).isEqualTo(first.id());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void postgresWithoutAKeyIsAStartupError() {
        assertThatThrownBy(() -> load(Map.of(), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KEYROUTE_MASTER_KEY");
        assertThat(data.resolve("master.key")).doesNotExist();
        load(Map.of(), true);
        // A key generated for a local SQLite database is not shared by PostgreSQL replicas: still an error.
        assertThatThrownBy(() -> load(Map.of(), false)).hasMessageContaining("KEYROUTE_MASTER_KEY");
    }

    @Test
    void environmentThenFile() throws Exception {
        byte[] raw = new byte[32];
        raw[0] = 7;
        String b64 = Base64.getEncoder().encodeToString(raw);
        Path file = data.resolve("given.key");
        Files.writeString(file, b64 + "\n");
        String expected = MasterKey.of(raw).id();
        assertThat(load(Map.of("KEYROUTE_MASTER_KEY", b64), false).id()).isEqualTo(expected);
        assertThat(load(Map.of("KEYROUTE_MASTER_KEY_FILE", file.toString()), false).id()).isEqualTo(expected);
        assertThatThrownBy(() -> load(Map.of("KEYROUTE_MASTER_KEY", "bm90IDMyIGJ5dGVz"), false))
                .hasMessageContaining("not base64 of 32 bytes").hasMessageNotContaining("bm90IDMyIGJ5dGVz");
    }
}
