package io.keyroute.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.Secret;
import io.keyroute.api.error.ClientError;
import io.keyroute.store.CacheFreshness;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.vault.VaultFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CredentialResolutionTest {

    static List<TestDatabase> databases() {
        return VaultFixture.databases();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void namedThenUserThenWorkspaceThenNothing(TestDatabase db) {
        try (var f = new VaultFixture(db)) {
            var ws = f.workspace("acme");
            var ada = f.user(ws, "ada@example.com");
            var bob = f.user(ws, "bob@example.com");
            var creds = f.vault.credentials();
            var resolution = f.vault.resolution();
            String shared = VaultFixture.providerKey("sk-");
            String own = VaultFixture.providerKey("sk-");
            String other = VaultFixture.providerKey("sk-");
            creds.create("a", Owner.workspace(ws.id()), ws.id(), new NewCredential("openai", Secret.of(shared), null, null, null));
            var ownCred = creds.create("a", Owner.user(ada.id()), ws.id(), new NewCredential("openai", Secret.of(own), null, null, null));
            var named = creds.create("a", Owner.user(ada.id()), ws.id(), new NewCredential("openai", Secret.of(other), "second", null, false));
            var bobs = creds.create("b", Owner.user(bob.id()), ws.id(), new NewCredential("openai", Secret.of(VaultFixture.providerKey("sk-")), null, null, null));

            assertThat(key(resolution.resolve("k1", ada.id(), ws.id(), "openai", Optional.empty()))).isEqualTo(own);
            assertThat(key(resolution.resolve("k1", ada.id(), ws.id(), "openai", Optional.of(named.id())))).isEqualTo(other);
            assertThat(key(resolution.resolve("k2", null, ws.id(), "openai", Optional.empty()))).isEqualTo(shared);
            assertThat(resolution.resolve("k1", ada.id(), ws.id(), "anthropic", Optional.empty())).isEmpty();
            // A named credential of another provider does not apply to this one.
            assertThat(resolution.resolve("k1", ada.id(), ws.id(), "anthropic", Optional.of(named.id()))).isEmpty();
            assertThatThrownBy(() -> resolution.resolve("k1", ada.id(), ws.id(), "openai", Optional.of(bobs.id())))
                    .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.status()).isEqualTo(404));

            creds.delete("a", Owner.user(ada.id()), ws.id(), ownCred.id());
            creds.delete("a", Owner.user(ada.id()), ws.id(), named.id());
            assertThat(key(resolution.resolve("k1", ada.id(), ws.id(), "openai", Optional.empty()))).isEqualTo(shared);
            assertThat(f.vault.audit().between(Instant.EPOCH, Instant.now().plusSeconds(60)))
                    .filteredOn(e -> e.action().equals("credential.used") && e.actor().equals("k1")).hasSize(3);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRateLimitedCredentialRestsAndThePoolMovesOn(TestDatabase db) {
        try (var f = new VaultFixture(db)) {
            var ws = f.workspace("acme");
            var ada = f.user(ws, "ada@example.com");
            Owner owner = Owner.user(ada.id());
            var creds = f.vault.credentials();
            var resolution = f.vault.resolution();
            String[] ids = new String[3];
            for (int i = 0; i < 3; i++) {
                ids[i] = creds.create("a", owner, ws.id(), new NewCredential("openai", Secret.of(VaultFixture.providerKey("sk-")),
                        "k" + i, null, null)).id();
            }
            assertThat(id(resolution.resolve(null, ada.id(), ws.id(), "openai", Optional.empty()))).isEqualTo(ids[0]);
            resolution.rateLimited(ids[0], Duration.ofMinutes(1));
            assertThat(id(resolution.resolve(null, ada.id(), ws.id(), "openai", Optional.empty()))).isEqualTo(ids[1]);
            resolution.rateLimited(ids[1], Duration.ofMinutes(2));
            assertThat(id(resolution.resolve(null, ada.id(), ws.id(), "openai", Optional.empty()))).isEqualTo(ids[2]);
            resolution.rateLimited(ids[2], Duration.ofMinutes(3));
            // All resting: the one free soonest.
            assertThat(id(resolution.resolve(null, ada.id(), ws.id(), "openai", Optional.empty()))).isEqualTo(ids[0]);
        }
    }

    /** On SQLite the caches keep entries for a minute: what this replica changes must not wait for that. */
    @ParameterizedTest
    @MethodSource("databases")
    void aCredentialAddedRotatedOrDeletedHereAppliesToTheNextRequest(TestDatabase db) {
        try (var f = new VaultFixture(db)) {
            var ws = f.workspace("acme");
            var ada = f.user(ws, "ada@example.com");
            Owner owner = Owner.user(ada.id());
            var creds = f.vault.credentials();
            var resolution = f.vault.resolution();
            assertThat(resolution.resolve("k1", ada.id(), ws.id(), "openai", Optional.empty())).isEmpty(); // cached: no pool

            String first = VaultFixture.providerKey("sk-");
            var created = creds.create("a", owner, ws.id(), new NewCredential("openai", Secret.of(first), null, null, null));
            assertThat(key(resolution.resolve("k1", ada.id(), ws.id(), "openai", Optional.empty()))).isEqualTo(first);

            String second = VaultFixture.providerKey("sk-");
            creds.update("a", owner, ws.id(), created.id(), new CredentialPatch(Secret.of(second), null, null, null));
            assertThat(key(resolution.resolve("k1", ada.id(), ws.id(), "openai", Optional.empty()))).isEqualTo(second);

            creds.delete("a", owner, ws.id(), created.id());
            assertThat(resolution.resolve("k1", ada.id(), ws.id(), "openai", Optional.empty())).isEmpty();
        }
    }

    /** Another replica's change is not announced here: it applies once the cached pool is too old to serve. */
    @ParameterizedTest
    @MethodSource("databases")
    void anotherReplicasDeletionAppliesOnceTheFreshnessBoundHasPassed(TestDatabase db) {
        var master = VaultFixture.randomMasterKey();
        try (var here = new VaultFixture(db, master, null); var there = new VaultFixture(db, master, null)) {
            var ws = here.workspace("acme");
            var ada = here.user(ws, "ada@example.com");
            Owner owner = Owner.user(ada.id());
            String secret = VaultFixture.providerKey("sk-");
            var created = there.vault.credentials().create("a", owner, ws.id(),
                    new NewCredential("openai", Secret.of(secret), null, null, null));
            var ticker = new AtomicLong();
            var resolution = new CredentialResolution(here.vault.credentials(), new Cooldowns(Clock.systemUTC()),
                    here.vault.audit(), CacheFreshness.SHARED, ticker::get);
            assertThat(key(resolution.resolve(null, ada.id(), ws.id(), "openai", Optional.empty()))).isEqualTo(secret);

            there.vault.credentials().delete("a", owner, ws.id(), created.id());
            ticker.addAndGet(CacheFreshness.SHARED.refreshAfter().toNanos());
            assertThat(key(resolution.resolve(null, ada.id(), ws.id(), "openai", Optional.empty())))
                    .as("within the bound: the cached pool").isEqualTo(secret);
            ticker.set(CacheFreshness.SHARED.expireAfter().toNanos() + 1);
            assertThat(resolution.resolve(null, ada.id(), ws.id(), "openai", Optional.empty()))
                    .as("past the bound").isEmpty();
        }
    }

    private static String key(Optional<Credentials.Unsealed> resolved) {
        return resolved.orElseThrow().apiKey().reveal();
    }

    private static String id(Optional<Credentials.Unsealed> resolved) {
        return resolved.orElseThrow().credential().id();
    }
}
