package io.keyroute.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.error.ClientError;
import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.vault.VaultFixture;
import io.keyroute.vault.audit.AuditEvent;
import io.keyroute.vault.audit.AuditQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Key expiry, changes, the per-user cap and deactivation, on SQLite and PostgreSQL: each applies to a cached key at once. */
class KeyLifecycleTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    static List<TestDatabase> databases() {
        return VaultFixture.databases();
    }

    private static VaultFixture fixture(TestDatabase db, MutableClock clock) {
        return new VaultFixture(db, VaultFixture.randomMasterKey(), null, clock);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anExpiredKeyFailsAtOnceEvenWhenCached(TestDatabase db) {
        var clock = new MutableClock(NOW);
        try (var f = fixture(db, clock)) {
            var ws = f.workspace("acme");
            var user = f.user(ws, "ada@example.com");
            var issued = f.vault.keys().issue("admin", user.id(), ws.id(),
                    new KeyRequest("ci", null, null, null, null, NOW.plusSeconds(60)));
            assertThat(issued.key().expiresAt()).isEqualTo(NOW.plusSeconds(60));
            String hash = VaultFixture.sha256(issued.plaintext());
            assertThat(f.vault.keys().authenticate(hash)).isPresent(); // cached now

            clock.advance(Duration.ofSeconds(59));
            assertThat(f.vault.keys().authenticate(hash)).isPresent();
            clock.advance(Duration.ofSeconds(1));
            assertThat(f.vault.keys().authenticate(hash)).isEmpty();
            assertThat(f.vault.keys().find(issued.key().id()).orElseThrow().expiresAt()).isEqualTo(NOW.plusSeconds(60));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aChangeAppliesToTheCachedKeyAndIsAudited(TestDatabase db) {
        var clock = new MutableClock(NOW);
        try (var f = fixture(db, clock)) {
            var ws = f.workspace("acme");
            var user = f.user(ws, "ada@example.com");
            ApiKeys keys = f.vault.keys();
            var issued = keys.issue("admin", user.id(), ws.id(), new KeyRequest("ci", 60, null, null, null));
            String hash = VaultFixture.sha256(issued.plaintext());
            assertThat(keys.authenticate(hash).orElseThrow().rpm()).isEqualTo(60);

            var changed = keys.update("admin", issued.key().id(), ws.id(),
                    new KeyRequest("ci-2", 5, 1000, 2.5, List.of("openai/*"), NOW.plusSeconds(3600)));
            assertThat(changed.name()).isEqualTo("ci-2");
            var principal = keys.authenticate(hash).orElseThrow();
            assertThat(principal.rpm()).isEqualTo(5);
            assertThat(principal.tpm()).isEqualTo(1000);
            assertThat(principal.budgetUsd()).isEqualTo(2.5);
            assertThat(principal.allowedModels()).containsExactly("openai/*");
            assertThat(principal.expiresAt()).isEqualTo(NOW.plusSeconds(3600));

            AuditEvent event = f.vault.audit().search(new AuditQuery(Instant.EPOCH, NOW.plusSeconds(60), null,
                    "key.changed", null, null, 10, null)).items().getFirst();
            assertThat(event.target()).isEqualTo(issued.key().id());
            assertThat(event.detail()).isEqualTo("renamed, rpm 60 → 5, tpm none → 1000, budget_usd none → 2.5, "
                    + "models none → openai/*, expires_at none → 2026-12-07T11:00:00.000Z");

            keys.revoke("admin", issued.key().id(), ws.id());
            assertThatThrownBy(() -> keys.update("admin", issued.key().id(), ws.id(), new KeyRequest("x", null, null, null, null)))
                    .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aUserHasAtMostAHundredLiveKeys(TestDatabase db) {
        var clock = new MutableClock(NOW);
        try (var f = fixture(db, clock)) {
            var ws = f.workspace("acme");
            var user = f.user(ws, "ada@example.com");
            ApiKeys keys = f.vault.keys();
            List<ApiKey> issued = new java.util.ArrayList<>();
            for (int i = 0; i < ApiKeys.MAX_LIVE_KEYS_PER_USER; i++) {
                issued.add(keys.issue("admin", user.id(), ws.id(),
                        new KeyRequest("k" + i, null, null, null, null, i == 0 ? NOW.plusSeconds(10) : null)).key());
            }
            assertThatThrownBy(() -> keys.issue("admin", user.id(), ws.id(), new KeyRequest("one-more", null, null, null, null)))
                    .isInstanceOfSatisfying(ClientError.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.code()).isEqualTo("too_many_keys");
                        assertThat(e.getMessage()).contains("100 live keys").contains("DELETE /api/v1/keys/");
                    });
            // An expired key no longer counts; neither does a revoked one.
            clock.advance(Duration.ofSeconds(10));
            keys.issue("admin", user.id(), ws.id(), new KeyRequest("after-expiry", null, null, null, null));
            keys.revoke("admin", issued.get(1).id(), ws.id());
            keys.issue("admin", user.id(), ws.id(), new KeyRequest("after-revoke", null, null, null, null));
            assertThatThrownBy(() -> keys.issue("admin", user.id(), ws.id(), new KeyRequest("no", null, null, null, null)))
                    .isInstanceOf(ClientError.class);
            // Another user is not affected.
            var bob = f.user(ws, "bob@example.com");
            assertThat(keys.issue("admin", bob.id(), ws.id(), new KeyRequest("b", null, null, null, null)).key().userId())
                    .isEqualTo(bob.id());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deactivatingAUserOrAWorkspaceStopsItsCachedKeysAtOnce(TestDatabase db) {
        var clock = new MutableClock(NOW);
        try (var f = fixture(db, clock)) {
            var ws = f.workspace("acme");
            var ada = f.user(ws, "ada@example.com");
            var bob = f.user(ws, "bob@example.com");
            var other = f.user(f.workspace("other"), "carl@example.com");
            ApiKeys keys = f.vault.keys();
            String adaHash = VaultFixture.sha256(keys.issue("admin", ada.id(), ws.id(), new KeyRequest("a", null, null, null, null)).plaintext());
            String bobHash = VaultFixture.sha256(keys.issue("admin", bob.id(), ws.id(), new KeyRequest("b", null, null, null, null)).plaintext());
            String carlHash = VaultFixture.sha256(keys.issue("admin", other.id(), other.workspaceId(),
                    new KeyRequest("c", null, null, null, null)).plaintext());
            List.of(adaHash, bobHash, carlHash).forEach(h -> assertThat(keys.authenticate(h)).isPresent());

            f.vault.tenantChanges().changeRole("admin", ada.id(), "admin");
            assertThat(keys.authenticate(adaHash).orElseThrow().role()).isEqualTo(io.keyroute.vault.tenancy.Role.ADMIN);
            f.vault.tenantChanges().updateWorkspace("admin", ws.id(), null, "free");
            assertThat(keys.authenticate(bobHash).orElseThrow().plan()).isEqualTo("free");

            f.vault.tenantChanges().deactivateUser("admin", ada.id());
            assertThat(keys.authenticate(adaHash)).isEmpty();
            assertThat(keys.authenticate(bobHash)).isPresent();
            assertThat(f.vault.tenants().user(ada.id())).isEmpty();

            f.vault.tenantChanges().deactivateWorkspace("admin", ws.id());
            assertThat(keys.authenticate(bobHash)).isEmpty();
            assertThat(f.vault.tenants().workspace(ws.id())).isEmpty();
            assertThat(f.vault.tenants().user(bob.id())).isEmpty();
            assertThat(keys.authenticate(carlHash)).isPresent();
            assertThat(f.vault.tenants().workspaces()).extracting(w -> w.name()).containsExactly("other");
        }
    }
}
