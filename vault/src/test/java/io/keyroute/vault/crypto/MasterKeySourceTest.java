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

    @Test
    void generatesOnceForSqliteWithOwnerOnlyPermissions() throws Exception {
        MasterKey first = MasterKeySource.load(Map.of(), true, data);
        Path file = data.resolve("master.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(MasterKeySource.load(Map.of(), true, data).id()).isEqualTo(first.id());
    }

    @Test
    void postgresWithoutAKeyIsAStartupError() {
        assertThatThrownBy(() -> MasterKeySource.load(Map.of(), false, data))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KEYROUTE_MASTER_KEY");
        assertThat(data.resolve("master.key")).doesNotExist();
    }

    @Test
    void environmentThenFile() throws Exception {
        byte[] raw = new byte[32];
        raw[0] = 7;
        String b64 = Base64.getEncoder().encodeToString(raw);
        Path file = data.resolve("given.key");
        Files.writeString(file, b64 + "\n");
        String expected = MasterKey.of(raw).id();
        assertThat(MasterKeySource.load(Map.of("KEYROUTE_MASTER_KEY", b64), false, data).id()).isEqualTo(expected);
        assertThat(MasterKeySource.load(Map.of("KEYROUTE_MASTER_KEY_FILE", file.toString()), false, data).id()).isEqualTo(expected);
        assertThatThrownBy(() -> MasterKeySource.load(Map.of("KEYROUTE_MASTER_KEY", "bm90IDMyIGJ5dGVz"), false, data))
                .hasMessageContaining("not base64 of 32 bytes").hasMessageNotContaining("bm90IDMyIGJ5dGVz");
    }
}
