package io.keyroute.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyroute.testkit.services.TestServices;
import io.keyroute.vault.VaultFixture;
import io.keyroute.vault.tenancy.User;
import io.keyroute.vault.tenancy.Workspace;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Two replicas over one database and one Redis: a change on one reaches the other's cache through the
 * revocation bus. The wait is bounded well below the cache's one-minute TTL, so only the bus can explain
 * the change being seen; how fast it travels (milliseconds on loopback) is measured, not asserted here.
 */
class RedisRevocationTest {
    /** Far below KeyCache's one-minute TTL: a change seen within it came by the bus, not by expiry. */
    private static final Duration BUS_BOUND = Duration.ofSeconds(20);


    @Test
    void revocationReachesEveryReplicaThroughTheBus() throws Exception {
        seenOnTheOtherReplicaThroughTheBus(new KeyRequest("k", null, null, null, null),
                (a, ws, user, issued) -> a.vault.keys().revoke("u", issued.key().id(), ws.id()),
                Optional::isEmpty);
    }

    @Test
    void deactivatingAUserReachesEveryReplicaThroughTheBus() throws Exception {
        seenOnTheOtherReplicaThroughTheBus(new KeyRequest("k", null, null, null, null),
                (a, ws, user, issued) -> a.vault.tenantChanges().deactivateUser("admin", user.id()),
                Optional::isEmpty);
    }

    @Test
    void aChangedKeyReachesEveryReplicaThroughTheBus() throws Exception {
        seenOnTheOtherReplicaThroughTheBus(new KeyRequest("k", 100, null, null, null),
                (a, ws, user, issued) -> a.vault.keys().update("u", issued.key().id(), ws.id(),
                        new KeyRequest("k", 1, null, null, null)),
                principal -> principal.orElseThrow().rpm() == 1);
    }

    /** What replica {@code a} does to a key that replica {@code b} has cached. */
    private interface Change {
        void apply(VaultFixture a, Workspace ws, User user, ApiKeys.Issued issued);
    }

    /**
     * Issues a key on replica a, has replica b cache it, applies {@code change} on a, and waits until b's
     * answer for the key is {@code changed}, failing if that takes longer than {@link #BUS_BOUND}, a third of the cache's TTL.
     */
    private static void seenOnTheOtherReplicaThroughTheBus(KeyRequest request, Change change,
            Predicate<Optional<KeyPrincipal>> changed) throws Exception {
        Optional<String> redis = TestServices.redisUrl();
        assumeTrue(redis.isPresent(), "KEYROUTE_TEST_REDIS_URL is not set");
        var db = TestServices.sqlite();
        var master = VaultFixture.randomMasterKey();
        try (var a = new VaultFixture(db, master, redis.get()); var b = new VaultFixture(db, master, redis.get())) {
            var ws = a.workspace("acme");
            var user = a.user(ws, "ada@example.com");
            var issued = a.vault.keys().issue("u", user.id(), ws.id(), request);
            String hash = VaultFixture.sha256(issued.plaintext());
            Optional<KeyPrincipal> cached = b.vault.keys().authenticate(hash); // now cached on b
            assertThat(cached).isPresent();
            assertThat(changed.test(cached)).isFalse();

            long start = System.nanoTime();
            change.apply(a, ws, user, issued);
            while (!changed.test(b.vault.keys().authenticate(hash))) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BUS_BOUND);
                Thread.sleep(1);
            }
        }
    }
}
