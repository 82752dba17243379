package io.keyroute.server.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.Secret;
import io.keyroute.server.Gateway;
import io.keyroute.server.alerts.WebhookReceiver;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyLimits;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.auth.KeyrouteKeys;
import io.keyroute.server.auth.StaticTokenAuthenticator;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.AlertsSettings;
import io.keyroute.server.config.KeyrouteConfig.WebhookSettings;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

/** The composition root with real resources: an SQLite vault, the usage journal and ledger, alerts, the listener. */
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

    @Test
    void theServingGatewayRaisesAlertsAndSendsThemToTheConfigsWebhook() throws Exception {
        String secret = "whsec_" + "BootTestSecret0123456789";
        String key = "kr-" + "B00tB00tB00tB00tB00tB00tB00tB00tB00tB00t01";
        try (var receiver = WebhookReceiver.start(); Boot boot = boot(new AlertsSettings(null,
                List.of(new WebhookSettings("ops", receiver.url(), List.of("circuit.opened"), secret, 2_000L)), 1, 1L, 10))) {
            Gateway gateway = boot.serve(boot.vault(), new StaticTokenAuthenticator(Map.of(TokenHash.of(Secret.of(key)),
                    new Caller("key_boot", null, null, null, java.util.Set.of(), false, KeyLimits.NONE))));
            var http = HttpClient.newHttpClient();
            for (int i = 0; i < 5; i++) { // nothing listens at openai's base URL: its circuit opens at the fifth
                var chat = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                                + "/v1/chat/completions")).header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"openai/gpt-4o-mini\","
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(chat.statusCode()).as(chat.body()).isEqualTo(502);
            }

            var delivery = receiver.await(1, Duration.ofSeconds(10));
            assertThat(delivery).singleElement().satisfies(d -> {
                assertThat(d.signedWith(secret)).isTrue();
                assertThat(d.json().get("summary").asText()).isEqualTo("Provider openai's circuit opened: openai connect error.");
            });
        }
    }

    private Boot boot() {
        return boot(null);
    }

    private Boot boot(AlertsSettings alerts) {
        return new Boot(config(alerts), env, dir.resolve("data"), new KeyrouteKeys(new SecureRandom()), Clock.systemUTC());
    }

    private KeyrouteConfig config(AlertsSettings alerts) {
        return new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, null, null, null, null, null, null, null, null,
                null, null, null),
                new DatabaseSettings("jdbc:sqlite:" + dir.resolve("keyroute.db")), null,
                List.of(new ProviderSettings("openai", "openai", "http://127.0.0.1:9/v1",
                        "sk-proj-" + "BootBootBootBootBootBootBoot0001", 5_000L, 2_000L, Map.of())),
                List.of(), List.of(), new RetrySettings(1, 1L, 5L), Map.of("pro", new PlanSettings(null, true, null)),
                new SecuritySettings(true), null, null, null, null, alerts);
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
