package io.keyroute.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.auth.KeyrouteKeys;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.runtime.VaultStartup;
import io.keyroute.testkit.services.TestServices;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --demo}'s key is a real vault key that lives as long as the process. */
class DemoAccountTest {
    @TempDir
    Path data;

    @Test
    void eachStartRevokesTheLastDemoKey() {
        KeyrouteConfig defaults = new ConfigLoader(Map.of()).loadDefaults();
        var config = new KeyrouteConfig(defaults.server(), new KeyrouteConfig.DatabaseSettings(TestServices.sqlite().url()),
                null, defaults.providers(), defaults.models(), defaults.routes(), defaults.retry(), defaults.plans(),
                defaults.security());
        try (var vault = VaultStartup.open(config, Map.of(), data, new KeyrouteKeys(new SecureRandom()), () -> null,
                Clock.systemUTC())) {
            var first = DemoAccount.ensure(vault, config).issue();
            var account = DemoAccount.ensure(vault, config);
            var second = account.issue();
            assertThat(vault.keys().authenticate(TokenHash.of(first.plaintext()))).isEmpty();
            var caller = vault.keys().authenticate(TokenHash.of(second.plaintext())).orElseThrow();
            assertThat(caller.plan()).isEqualTo("pro");
            account.revoke(second.key());
            assertThat(vault.keys().authenticate(TokenHash.of(second.plaintext()))).isEmpty();
            assertThat(data.resolve("master.key")).exists();
        }
    }
}
