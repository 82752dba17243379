package io.keyroute.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.Secret;
import io.keyroute.api.error.ClientError;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.vault.VaultFixture;
import io.keyroute.vault.audit.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CredentialsTest {

    static List<TestDatabase> databases() {
        return VaultFixture.databases();
    }

    private static void assertStatus(ThrowingCallable call, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    private static void withUser(TestDatabase db, Consumer<Ctx> test) {
        try (var f = new VaultFixture(db)) {
            var ws = f.workspace("acme");
            test.accept(new Ctx(f, ws.id(), Owner.user(f.user(ws, "ada@example.com").id()),
                    Owner.user(f.user(ws, "bob@example.com").id())));
        }
    }

    record Ctx(VaultFixture f, String ws, Owner ada, Owner bob) {
        Credentials credentials() {
            return f.vault.credentials();
        }

        StoredCredential create(Owner owner, String provider, String key, String name, Boolean isDefault) {
            return credentials().create(owner.id(), owner, ws, new NewCredential(provider, Secret.of(key), name, null, isDefault));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void createListGetMasked(TestDatabase db) {
        withUser(db, c -> {
            String key = VaultFixture.providerKey("sk-proj-");
            StoredCredential created = c.create(c.ada(), "openai", key, null, null);
            assertThat(created.maskedKey()).isEqualTo("sk-…" + key.substring(key.length() - 4));
            assertThat(created.name()).isEqualTo("openai");
            assertThat(created.isDefault()).isTrue();
            assertThat(created.isActive()).isTrue();
            assertThat(created.version()).isEqualTo(1);
            assertThat(c.credentials().list(c.ada())).containsExactly(created);
            assertThat(c.credentials().get(c.ada(), created.id())).isEqualTo(created);
            assertThat(c.credentials().unseal(c.ada(), created.id()).apiKey().reveal()).isEqualTo(key);
            StoredCredential second = c.create(c.ada(), "openai", VaultFixture.providerKey("sk-"), "backup", null);
            assertThat(second.isDefault()).isFalse();
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void refusesBadInput(TestDatabase db) {
        withUser(db, c -> {
            assertStatus(() -> c.create(c.ada(), "nope", VaultFixture.providerKey("sk-"), null, null), 422);
            assertStatus(() -> c.create(c.ada(), "openai", VaultFixture.providerKey("sk-ant-"), null, null), 422);
            assertStatus(() -> c.create(c.ada(), "openai", "not-a-key-at-all", null, null), 422);
            assertStatus(() -> c.create(c.ada(), "anthropic", VaultFixture.providerKey("sk-"), null, null), 422);
            assertStatus(() -> c.create(c.ada(), "gemini", VaultFixture.providerKey("sk-"), null, null), 422);
            c.create(c.ada(), "gemini", VaultFixture.providerKey("AIza"), null, null);
            c.create(c.ada(), "anthropic", VaultFixture.providerKey("sk-ant-api03-"), "main", null);
            assertStatus(() -> c.create(c.ada(), "openai", VaultFixture.providerKey("sk-"), "main", null), 409);
            assertStatus(() -> c.credentials().create("x", c.ada(), c.ws(), new NewCredential("openai",
                    Secret.of(VaultFixture.providerKey("sk-")), null, "http://169.254.169.254/v1", null)), 422);
            assertStatus(() -> c.credentials().create("x", c.ada(), c.ws(), new NewCredential("openai",
                    Secret.of(VaultFixture.providerKey("sk-")), null, "file:///etc/passwd", null)), 422);
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anotherUsersOrADeletedIdIsAbsent(TestDatabase db) {
        withUser(db, c -> {
            String id = c.create(c.ada(), "openai", VaultFixture.providerKey("sk-"), null, null).id();
            List<ThrowingCallable> asBob = List.of(
                    () -> c.credentials().get(c.bob(), id),
                    () -> c.credentials().update("bob", c.bob(), c.ws(), id, new CredentialPatch(null, "mine", null, null)),
                    () -> c.credentials().delete("bob", c.bob(), c.ws(), id),
                    () -> c.credentials().validate("bob", c.bob(), c.ws(), id),
                    () -> c.credentials().unseal(c.bob(), id),
                    () -> c.credentials().get(Owner.workspace(c.ws()), id));
            asBob.forEach(call -> assertStatus(call, 404));
            assertThat(c.credentials().list(c.bob())).isEmpty();

            c.credentials().delete("ada", c.ada(), c.ws(), id);
            List<ThrowingCallable> afterDelete = List.of(
                    () -> c.credentials().get(c.ada(), id),
                    () -> c.credentials().update("ada", c.ada(), c.ws(), id, new CredentialPatch(null, null, true, null)),
                    () -> c.credentials().delete("ada", c.ada(), c.ws(), id),
                    () -> c.credentials().validate("ada", c.ada(), c.ws(), id),
                    () -> c.credentials().unseal(c.ada(), id));
            afterDelete.forEach(call -> assertStatus(call, 404));
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rotationKeepsTheOldVersionInactiveWithoutItsSecret(TestDatabase db) {
        withUser(db, c -> {
            String oldKey = VaultFixture.providerKey("sk-");
            String id = c.create(c.ada(), "openai", oldKey, null, null).id();
            String newKey = VaultFixture.providerKey("sk-");
            StoredCredential rotated = c.credentials().update("ada", c.ada(), c.ws(), id,
                    new CredentialPatch(Secret.of(newKey), "renamed", null, null));
            assertThat(rotated.version()).isEqualTo(2);
            assertThat(rotated.name()).isEqualTo("renamed");
            assertThat(rotated.maskedKey()).endsWith(newKey.substring(newKey.length() - 4));
            assertThat(c.credentials().unseal(c.ada(), id).apiKey().reveal()).isEqualTo(newKey);
            List<String> retired = c.f().sql(j -> j.query(
                    "SELECT version || ':' || COALESCE(retired_at, 'live') FROM credential_versions WHERE credential_id = ? ORDER BY version",
                    rs -> rs.getString(1), id));
            assertThat(retired).hasSize(2);
            assertThat(retired.get(0)).startsWith("1:").doesNotEndWith("live");
            assertThat(retired.get(1)).isEqualTo("2:live");
            assertThat(secretMaterial(c, id)).containsExactly("1:||", "2:wrapped|key|sealed");
            assertThat(events(c)).contains("credential.created", "credential.rotated");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deactivateDefaultAndDeleteShredsTheDataKeyAndTheCiphertext(TestDatabase db) {
        withUser(db, c -> {
            String first = c.create(c.ada(), "openai", VaultFixture.providerKey("sk-"), "one", null).id();
            String second = c.create(c.ada(), "openai", VaultFixture.providerKey("sk-"), "two", null).id();
            StoredCredential nowDefault = c.credentials().update("ada", c.ada(), c.ws(), second,
                    new CredentialPatch(null, null, true, null));
            assertThat(nowDefault.isDefault()).isTrue();
            assertThat(c.credentials().get(c.ada(), first).isDefault()).isFalse();
            assertThat(c.credentials().update("ada", c.ada(), c.ws(), first, new CredentialPatch(null, null, null, false))
                    .isActive()).isFalse();
            assertThat(c.credentials().pool(c.ada(), "openai")).extracting(StoredCredential::id).containsExactly(second);

            c.credentials().delete("ada", c.ada(), c.ws(), second);
            List<String> wrapped = c.f().sql(j -> j.query(
                    "SELECT COALESCE(wrapped_key, 'shredded') FROM credential_versions WHERE credential_id = ?",
                    rs -> rs.getString(1), second));
            assertThat(wrapped).containsExactly("shredded");
            assertThat(secretMaterial(c, second)).containsExactly("1:||");
            assertThat(events(c)).contains("credential.deactivated", "credential.deleted");
            assertThat(c.f().vault.audit().between(Instant.EPOCH, Instant.now().plusSeconds(60)))
                    .anyMatch(e -> e.target().equals(second) && e.action().equals("credential.created"));
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void validateRecordsTheOutcome(TestDatabase db) {
        withUser(db, c -> {
            String id = c.create(c.ada(), "openai", VaultFixture.providerKey("sk-"), null, null).id();
            StoredCredential ok = c.credentials().validate("ada", c.ada(), c.ws(), id);
            assertThat(ok.validatedAt()).isNotNull();
            assertThat(ok.lastError()).isNull();
            c.f().checkResult = Optional.of("HTTP 401 from openai: invalid key");
            StoredCredential failed = c.credentials().validate("ada", c.ada(), c.ws(), id);
            assertThat(failed.lastError()).isEqualTo("HTTP 401 from openai: invalid key");
            assertThat(failed.validatedAt()).isEqualTo(ok.validatedAt());
            assertThat(events(c)).contains("credential.validated");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void parallelCreatesAndDefaultChangesKeepExactlyOneDefault(TestDatabase db) throws Exception {
        withUser(db, c -> {
            List<Callable<StoredCredential>> creates = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "k" + i;
                creates.add(() -> c.create(c.ada(), "openai", VaultFixture.providerKey("sk-"), name, true));
            }
            List<String> ids = run(creates).stream().map(StoredCredential::id).toList();
            List<Callable<StoredCredential>> flips = new ArrayList<>();
            for (String id : ids) {
                flips.add(() -> c.credentials().update("ada", c.ada(), c.ws(), id,
                        new CredentialPatch(Secret.of(VaultFixture.providerKey("sk-")), null, true, null)));
            }
            run(flips);
            assertThat(c.credentials().list(c.ada())).hasSize(8).filteredOn(StoredCredential::isDefault).hasSize(1);
        });
    }

    private static <T> List<T> run(List<Callable<T>> tasks) {
        try (var pool = Executors.newFixedThreadPool(tasks.size())) {
            List<T> out = new ArrayList<>();
            for (var future : pool.invokeAll(tasks)) {
                out.add(future.get());
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> events(Ctx c) {
        return c.f().vault.audit().between(Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                .map(AuditEvent::action).toList();
    }

    /** Per version: what is left of its wrapped key, master key id and ciphertext ("wrapped|key|sealed" when all three are). */
    private static List<String> secretMaterial(Ctx c, String id) {
        return c.f().sql(j -> j.query("SELECT version, wrapped_key, master_key_id, ciphertext FROM credential_versions "
                + "WHERE credential_id = ? ORDER BY version", rs -> rs.getInt(1) + ":"
                + (rs.getString(2) == null ? "" : "wrapped") + "|" + (rs.getString(3) == null ? "" : "key") + "|"
                + (rs.getString(4).isEmpty() ? "" : "sealed"), id));
    }
}
