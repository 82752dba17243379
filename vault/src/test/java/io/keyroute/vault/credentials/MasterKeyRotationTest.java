package io.keyroute.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.Secret;
import io.keyroute.store.Database;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.vault.Vault;
import io.keyroute.vault.VaultFixture;
import io.keyroute.vault.crypto.MasterKey;
import io.keyroute.vault.crypto.VaultCryptoException;
import io.keyroute.vault.responses.NewStoredResponse;
import io.keyroute.vault.responses.ResponseItems;
import io.keyroute.vault.responses.ResponseOwner;
import io.keyroute.vault.responses.ServedBy;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rotating the master key while readers keep decrypting: no read fails, and afterwards only the new key is needed. */
class MasterKeyRotationTest {

    static List<TestDatabase> databases() {
        return VaultFixture.databases();
    }

    private static Vault open(TestDatabase db, MasterKey primary, List<MasterKey> others) {
        return Vault.open(new Vault.Settings(Database.open(db.url()), primary, others, null, Clock.systemUTC(),
                VaultFixture::mint, id -> Optional.ofNullable(VaultFixture.PROVIDERS.get(id)), () -> false,
                Set.of(), (p, b, k) -> Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rotationUnderConcurrentReads(TestDatabase db) throws Exception {
        MasterKey oldKey = VaultFixture.randomMasterKey();
        MasterKey newKey = VaultFixture.randomMasterKey();
        Map<String, String> plaintexts = new java.util.HashMap<>();
        Owner owner;
        try (var f = new VaultFixture(db, oldKey, null)) {
            var ws = f.workspace("acme");
            owner = Owner.user(f.user(ws, "ada@example.com").id());
            for (int i = 0; i < 30; i++) {
                String key = VaultFixture.providerKey("sk-");
                String id = f.vault.credentials().create("a", owner, ws.id(),
                        new NewCredential("openai", Secret.of(key), "k" + i, null, null)).id();
                plaintexts.put(id, key);
            }
            String first = plaintexts.keySet().iterator().next();
            String rotated = VaultFixture.providerKey("sk-");
            f.vault.credentials().update("a", owner, ws.id(), first, new CredentialPatch(Secret.of(rotated), null, null, null));
            plaintexts.put(first, rotated);
            String deleted = f.vault.credentials().create("a", owner, ws.id(),
                    new NewCredential("openai", Secret.of(VaultFixture.providerKey("sk-")), "gone", null, null)).id();
            f.vault.credentials().delete("a", owner, ws.id(), deleted);
        }

        // Readers still on the old key, but accepting the new one (KEYROUTE_MASTER_KEY_ROTATION_FILE).
        try (Vault reader = open(db, oldKey, List.of(newKey)); Vault rotator = open(db, newKey, List.of(oldKey))) {
            var failures = new ConcurrentLinkedQueue<Throwable>();
            var done = new AtomicBoolean();
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                readers.add(Thread.ofVirtual().start(() -> {
                    while (!done.get()) {
                        plaintexts.forEach((id, key) -> {
                            try {
                                assertThat(reader.credentials().unseal(owner, id).apiKey().reveal()).isEqualTo(key);
                            } catch (Throwable e) {
                                failures.add(e);
                            }
                        });
                    }
                }));
            }
            int rewrapped = rotator.masterKeyRotation().run("operator");
            done.set(true);
            for (Thread reader1 : readers) {
                reader1.join();
            }
            assertThat(failures).isEmpty();
            assertThat(rewrapped).isEqualTo(30); // 30 live versions; the rotated-away version and the deleted one keep no key
            assertThat(rotator.masterKeyRotation().run("operator")).isZero();
        }

        try (Vault after = open(db, newKey, List.of())) {
            plaintexts.forEach((id, key) -> assertThat(after.credentials().unseal(owner, id).apiKey().reveal()).isEqualTo(key));
            assertThat(after.audit().between(java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60)))
                    .anyMatch(e -> e.action().equals("master_key.rotated"));
        }
        try (Vault stale = open(db, oldKey, List.of())) {
            String any = plaintexts.keySet().iterator().next();
            assertThatThrownBy(() -> stale.credentials().unseal(owner, any)).isInstanceOf(VaultCryptoException.class)
                    .hasMessageContaining("not loaded");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rotationRewrapsStoredResponsesToo(TestDatabase db) {
        MasterKey oldKey = VaultFixture.randomMasterKey();
        MasterKey newKey = VaultFixture.randomMasterKey();
        var owner = new ResponseOwner("ws_1", "usr_ada", "key_1");
        var items = new ResponseItems(List.of("{\"role\":\"user\",\"content\":\"hi\"}"), List.of("{\"type\":\"message\"}"));
        try (var f = new VaultFixture(db, oldKey, null)) {
            for (int i = 0; i < 3; i++) {
                f.vault.responses().save(new NewStoredResponse("resp_" + i, owner, i == 0 ? null : "resp_" + (i - 1),
                        new ServedBy("mock", "m", null), items, null), Duration.ofDays(30));
            }
        }
        try (Vault rotator = open(db, newKey, List.of(oldKey))) {
            assertThat(rotator.masterKeyRotation().run("operator")).isEqualTo(3);
            assertThat(rotator.masterKeyRotation().run("operator")).isZero();
        }
        try (Vault after = open(db, newKey, List.of())) {
            assertThat(after.responses().find("resp_2", owner).orElseThrow().items()).isEqualTo(items);
            assertThat(after.responses().chain("resp_2", owner, 100, 100_000).orElseThrow().items()).hasSize(6);
        }
        try (Vault stale = open(db, oldKey, List.of())) {
            assertThatThrownBy(() -> stale.responses().find("resp_0", owner)).isInstanceOf(VaultCryptoException.class)
                    .hasMessageContaining("not loaded");
        }
    }
}
