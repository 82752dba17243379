package io.keyroute.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.testkit.services.TestServices;
import io.keyroute.vault.VaultFixture;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Redis down (its URL points at a closed port): the vault opens and a revocation still commits, never fails. */
class RedisDownRevocationTest {

    @Test
    void aRevocationSucceedsAndTakesEffectHereWhileRedisIsDown() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (var f = new VaultFixture(TestServices.sqlite(), VaultFixture.randomMasterKey(), "redis://127.0.0.1:" + closedPort)) {
            var ws = f.workspace("acme");
            var user = f.user(ws, "ada@example.com");
            var issued = f.vault.keys().issue("u", user.id(), ws.id(), new KeyRequest("k", null, null, null, null));
            String hash = VaultFixture.sha256(issued.plaintext());
            assertThat(f.vault.keys().authenticate(hash)).isPresent(); // cached

            f.vault.keys().revoke("u", issued.key().id(), ws.id());

            assertThat(f.vault.keys().authenticate(hash)).isEmpty();
            assertThat(f.vault.keys().find(issued.key().id()).orElseThrow().revokedAt()).isNotNull();
        }
    }
}
