package io.keyroute.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.Secret;
import io.keyroute.api.error.ClientError;
import io.keyroute.testkit.TestServices.TestDatabase;
import io.keyroute.vault.VaultFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    private static String key(Optional<Credentials.Unsealed> resolved) {
        return resolved.orElseThrow().apiKey().reveal();
    }

    private static String id(Optional<Credentials.Unsealed> resolved) {
        return resolved.orElseThrow().credential().id();
    }
}
