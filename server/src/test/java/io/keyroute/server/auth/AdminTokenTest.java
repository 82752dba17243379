package io.keyroute.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.Secret;
import io.keyroute.store.Database;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.vault.tenancy.AdminTokenStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
    @TempDir
    Path data;
    private Database database;
    private AdminTokenStore store;
    private final KeyrouteKeys keys = new KeyrouteKeys(new SecureRandom());
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void open() {
        database = Database.open(TestServices.sqlite().url());
        database.migrate();
        store = new AdminTokenStore(database.jdbc());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private String hash(Map<String, String> env) {
        return AdminToken.hash(env, store, data, keys, new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @Test
    void generatedOncePrintedOnceOnlyTheHashStored() {
        String first = hash(Map.of());
        String printed = console.toString(StandardCharsets.UTF_8);
        String token = printed.lines().map(String::trim).filter(l -> l.startsWith("kr-admin-")).findFirst().orElseThrow();
        assertThat(TokenHash.of(Secret.of(token))).isEqualTo(first);
        assertThat(store.hash()).contains(first);

        console.reset();
        assertThat(hash(Map.of())).isEqualTo(first);
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aTokenUnder32CharactersIsRefusedWithoutShowingIt() {
        String weak = "admin-" + "x".repeat(25); // 31 characters
        assertThatThrownBy(() -> hash(Map.of("KEYROUTE_ADMIN_TOKEN", weak)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KEYROUTE_ADMIN_TOKEN is too weak: 31 characters, at least 32")
                .message().doesNotContain(weak);
        assertThat(store.hash()).isEmpty();
        assertThat(hash(Map.of("KEYROUTE_ADMIN_TOKEN", weak + "y"))).isEqualTo(TokenHash.of(Secret.of(weak + "y")));
    }

    @Test
    void environmentWinsAndAnEarlierFileIsCarriedOver() throws Exception {
        assertThat(hash(Map.of("KEYROUTE_ADMIN_TOKEN", " from-env-token-0123456789abcdefghij ")))
                .isEqualTo(TokenHash.of(Secret.of("from-env-token-0123456789abcdefghij")));
        Files.writeString(data.resolve(AdminToken.LEGACY_FILE), "a".repeat(64) + "\n");
        assertThat(hash(Map.of())).isEqualTo("a".repeat(64));
        assertThat(store.hash()).contains("a".repeat(64));
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
