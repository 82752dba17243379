package io.keyroute.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.error.ClientError;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.vault.keys.ApiKeys;
import io.keyroute.vault.keys.KeyRequest;
import io.keyroute.vault.tenancy.Role;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TenantsAndKeysTest {

    static List<TestDatabase> databases() {
        return VaultFixture.databases();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void workspacesAndUsers(TestDatabase db) {
        try (var f = new VaultFixture(db)) {
            var ws = f.workspace("acme");
            assertThat(ws.plan()).isEqualTo("pro");
            assertThatThrownBy(() -> f.workspace("acme")).isInstanceOfSatisfying(ClientError.class,
                    e -> assertThat(e.status()).isEqualTo(409));
            assertThatThrownBy(() -> f.vault.tenants().createWorkspace("admin", "x", "platinum"))
                    .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.status()).isEqualTo(422));
            var admin = f.vault.tenants().createUser("admin", ws.id(), "ada@example.com", "admin");
            assertThat(admin.role()).isEqualTo(Role.ADMIN);
            assertThat(f.vault.tenants().user(admin.id())).contains(admin);
            assertThatThrownBy(() -> f.user(ws, "ada@example.com")).isInstanceOfSatisfying(ClientError.class,
                    e -> assertThat(e.status()).isEqualTo(409));
            assertThatThrownBy(() -> f.vault.tenants().createUser("admin", "ws_missing", "b@example.com", "member"))
                    .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.status()).isEqualTo(404));
            assertThatThrownBy(() -> f.vault.tenants().createUser("admin", ws.id(), "b@example.com", "owner"))
                    .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.status()).isEqualTo(422));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void keysAreStoredAsHashesAndRevokedAtOnce(TestDatabase db) {
        try (var f = new VaultFixture(db)) {
            var ws = f.workspace("acme");
            var user = f.user(ws, "ada@example.com");
            ApiKeys keys = f.vault.keys();
            var issued = keys.issue(user.id(), user.id(), ws.id(),
                    new KeyRequest("ci", 60, 10_000, 5.0, List.of("openai/gpt-4o-mini")));
            String plaintext = issued.plaintext().reveal();
            assertThat(plaintext).matches("kr-[0-9A-Za-z]{43}");
            assertThat(issued.key().masked()).isEqualTo("kr-…" + plaintext.substring(plaintext.length() - 4));
            String hash = VaultFixture.sha256(issued.plaintext());

            var principal = keys.authenticate(hash).orElseThrow();
            assertThat(principal.userId()).isEqualTo(user.id());
            assertThat(principal.workspaceId()).isEqualTo(ws.id());
            assertThat(principal.plan()).isEqualTo("pro");
            assertThat(principal.allowedModels()).containsExactly("openai/gpt-4o-mini");
            assertThat(keys.listForUser(user.id())).singleElement().satisfies(k -> {
                assertThat(k.rpm()).isEqualTo(60);
                assertThat(k.tpm()).isEqualTo(10_000);
                assertThat(k.budgetUsd()).isEqualTo(5.0);
            });
            List<String> stored = f.sql(j -> j.query("SELECT key_hash || masked FROM api_keys", rs -> rs.getString(1)));
            assertThat(stored).noneMatch(s -> s.contains(plaintext));

            keys.revoke(user.id(), issued.key().id(), ws.id());
            assertThat(keys.authenticate(hash)).isEmpty();
            assertThat(keys.listForUser(user.id())).isEmpty();
            assertThatThrownBy(() -> keys.revoke(user.id(), issued.key().id(), ws.id()))
                    .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.status()).isEqualTo(404));
            assertThat(keys.authenticate("0".repeat(64))).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void adminTokenHashIsStoredOnce(TestDatabase db) {
        try (var f = new VaultFixture(db)) {
            var store = f.vault.adminTokens();
            assertThat(store.hash()).isEmpty();
            assertThat(store.storeIfAbsent("a".repeat(64))).isEqualTo("a".repeat(64));
            assertThat(store.storeIfAbsent("b".repeat(64))).isEqualTo("a".repeat(64));
        }
    }
}
