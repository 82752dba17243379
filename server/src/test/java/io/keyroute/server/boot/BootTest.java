package io.keyroute.server.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.server.Gateway;
import io.keyroute.server.auth.KeyrouteKeys;
import io.keyroute.server.auth.StaticTokenAuthenticator;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.DatabaseSettings;
import io.keyroute.server.config.KeyrouteConfig.PlanSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.SecuritySettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.vault.Vault;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root with real resources: an SQLite vault, the usage journal and ledger, the listener. */
class BootTest {
    private static final StaticTokenAuthenticator NOBODY = new StaticTokenAuthenticator(Map.of());

    @TempDir
    Path dir;

    private final Map<String, String> env = Map.of("KEYROUTE_MASTER_KEY", masterKey());

    @Test
    void aStartUpFailureClosesWhatWasOpenedAndNamesTheCause() {
        try (Boot first = boot()) {
            first.serve(first.vault(), NOBODY); // holds the usage journal
            Boot second = boot();
            Vault vault = second.vault();

            assertThatThrownBy(() -> second.serve(vault, NOBODY))
                    .isInstanceOf(StartupFailure.class)
                    .hasMessageContaining("is in use by another Keyroute process");
            assertThat(vault.database().ready()).as("vault open until the start-up's close").isTrue();

            second.close(); // what keyroute serve does with a StartupFailure

            assertThat(vault.database().ready()).as("the second start-up's vault").isFalse();
        }
    }

    @Test
    void stopClosesTheGatewayBeforeWhatItRanOnAndTheVaultLast() throws IOException {
        Boot boot = boot();
        Vault vault = boot.vault();
        var seen = new ArrayList<String>();
        boot.onClose(() -> seen.add("vault open " + vault.database().ready()));
        Gateway gateway = boot.serve(vault, NOBODY);
        int port = gateway.port();
        boot.onClose(() -> seen.add("listening " + listening(port)));
        assertThat(listening(port)).isTrue();

        boot.stop();

        assertThat(seen).containsExactly("listening true", "vault open true");
        assertThat(listening(port)).as("after stop").isFalse();
        assertThat(vault.database().ready()).as("vault after stop").isFalse();
    }

    @Test
    void theUsageJournalLivesBesideTheSqliteDatabaseAndTheDataDirectoryIsTheOwnersOnly() throws IOException {
        try (Boot boot = boot()) {
            boot.serve(boot.vault(), NOBODY);

            assertThat(dir.resolve("ledger.journal")).isDirectory();
            assertThat(Files.getPosixFilePermissions(dir.resolve("data")))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }

    private Boot boot() {
        return new Boot(config(), env, dir.resolve("data"), new KeyrouteKeys(new SecureRandom()), Clock.systemUTC());
    }

    private KeyrouteConfig config() {
        return new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, null, null, null, null, null, null, null, null,
                null, null, null),
                new DatabaseSettings("jdbc:sqlite:" + dir.resolve("keyroute.db")), null,
                List.of(new ProviderSettings("openai", "openai", "http://127.0.0.1:9/v1", null, 5_000L, 2_000L, Map.of())),
                List.of(), List.of(), new RetrySettings(1, 1L, 5L), Map.of("pro", new PlanSettings(null, true, null)),
                new SecuritySettings(true));
    }

    private static boolean listening(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String masterKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
