package io.keyroute.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyroute.testkit.TestServices;
import io.keyroute.vault.VaultFixture;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two replicas over one database and one Redis: a revocation on one reaches the other's cache within 1 s. */
class RedisRevocationTest {

    @Test
    void revocationReachesEveryReplicaWithinOneSecond() throws Exception {
        Optional<String> redis = TestServices.redisUrl();
        assumeTrue(redis.isPresent(), "KEYROUTE_TEST_REDIS_URL is not set");
        var db = TestServices.sqlite();
        var master = VaultFixture.randomMasterKey();
        try (var a = new VaultFixture(db, master, redis.get()); var b = new VaultFixture(db, master, redis.get())) {
            var ws = a.workspace("acme");
            var user = a.user(ws, "ada@example.com");
            var issued = a.vault.keys().issue("u", user.id(), ws.id(), new KeyRequest("k", null, null, null, null));
            String hash = VaultFixture.sha256(issued.plaintext());
            assertThat(b.vault.keys().authenticate(hash)).isPresent(); // now cached on b

            long start = System.nanoTime();
            a.vault.keys().revoke("u", issued.key().id(), ws.id());
            while (b.vault.keys().authenticate(hash).isPresent()) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void deactivatingAUserReachesEveryReplicaWithinOneSecond() throws Exception {
        Optional<String> redis = TestServices.redisUrl();
        assumeTrue(redis.isPresent(), "KEYROUTE_TEST_REDIS_URL is not set");
        var db = TestServices.sqlite();
        var master = VaultFixture.randomMasterKey();
        try (var a = new VaultFixture(db, master, redis.get()); var b = new VaultFixture(db, master, redis.get())) {
            var ws = a.workspace("acme");
            var user = a.user(ws, "ada@example.com");
            var issued = a.vault.keys().issue("u", user.id(), ws.id(), new KeyRequest("k", null, null, null, null));
            String hash = VaultFixture.sha256(issued.plaintext());
            assertThat(b.vault.keys().authenticate(hash)).isPresent(); // now cached on b

            long start = System.nanoTime();
            a.vault.tenantChanges().deactivateUser("admin", user.id());
            while (b.vault.keys().authenticate(hash).isPresent()) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void aChangedKeyReachesEveryReplicaWithinOneSecond() throws Exception {
        Optional<String> redis = TestServices.redisUrl();
        assumeTrue(redis.isPresent(), "KEYROUTE_TEST_REDIS_URL is not set");
        var db = TestServices.sqlite();
        var master = VaultFixture.randomMasterKey();
        try (var a = new VaultFixture(db, master, redis.get()); var b = new VaultFixture(db, master, redis.get())) {
            var ws = a.workspace("acme");
            var user = a.user(ws, "ada@example.com");
            var issued = a.vault.keys().issue("u", user.id(), ws.id(), new KeyRequest("k", 100, null, null, null));
            String hash = VaultFixture.sha256(issued.plaintext());
            assertThat(b.vault.keys().authenticate(hash).orElseThrow().rpm()).isEqualTo(100); // now cached on b

            long start = System.nanoTime();
            a.vault.keys().update("u", issued.key().id(), ws.id(), new KeyRequest("k", 1, null, null, null));
            while (b.vault.keys().authenticate(hash).orElseThrow().rpm() != 1) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
                Thread.onSpinWait();
            }
        }
    }
}
