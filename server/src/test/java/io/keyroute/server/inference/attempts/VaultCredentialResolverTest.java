package io.keyroute.server.inference.attempts;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Secret;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyrouteKeys;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.DatabaseSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.runtime.RuntimeFactory;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.vault.credentials.NewCredential;
import io.keyroute.vault.credentials.Owner;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.keyroute.server.runtime.VaultStartup;

class VaultCredentialResolverTest {
    private static final String SYSTEM_KEY = "sk-" + "systemSystemSystemSystem0001";
    private static final String OWN_KEY = "sk-" + "ownOwnOwnOwnOwnOwnOwnOwn0002";

    @TempDir
    Path data;

    @Test
    void peekChoosesLikeResolveButRecordsNoUse() {
        var config = new KeyrouteConfig(null, new DatabaseSettings(TestServices.sqlite().url()), null,
                List.of(new ProviderSettings("openai", "openai", null, SYSTEM_KEY, null, null, Map.of())),
                null, null, null, null, null);
        var runtime = new RuntimeFactory(Clock.systemUTC()).build(config);
        try (var vault = VaultStartup.open(config, Map.of(), data, new KeyrouteKeys(new SecureRandom()), () -> runtime,
                Clock.systemUTC())) {
            var ws = vault.tenants().createWorkspace("admin", "acme", "pro");
            var user = vault.tenants().createUser("admin", ws.id(), "ada@example.com", "member");
            vault.credentials().create(user.id(), Owner.user(user.id()), ws.id(),
                    new NewCredential("openai", Secret.of(OWN_KEY), null, null, null));
            var caller = new Caller("key_1", user.id(), ws.id(), "pro", Set.of(), false);
            var resolver = new VaultCredentialResolver(vault.resolution());
            var openai = runtime.provider("openai");

            assertThat(resolver.peek(caller, openai, Optional.empty(), true).apiKey().reveal()).isEqualTo(OWN_KEY);
            assertThat(resolver.peek(caller, openai, Optional.empty(), false).apiKey().reveal()).isEqualTo(SYSTEM_KEY);
            assertThat(uses(vault)).isZero();
            assertThat(resolver.resolve(caller, openai, Optional.empty()).apiKey().reveal()).isEqualTo(OWN_KEY);
            assertThat(uses(vault)).isOne();
            var stranger = new Caller("key_2", "usr_other", "ws_other", "pro", Set.of(), false);
            assertThat(resolver.resolve(stranger, openai, Optional.empty()).id()).isEqualTo("system:openai");
        }
    }

    private static long uses(io.keyroute.vault.Vault vault) {
        return vault.audit().between(Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                .filter(e -> e.action().equals("credential.used")).count();
    }
}
