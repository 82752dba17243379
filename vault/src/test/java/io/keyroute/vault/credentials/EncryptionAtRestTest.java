package io.keyroute.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.Secret;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.vault.VaultFixture;
import io.keyroute.vault.crypto.VaultCryptoException;
import io.keyroute.vault.keys.KeyRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** No stored byte holds a provider key or a Keyroute key; a ciphertext moved to another row does not open. */
class EncryptionAtRestTest {

    static List<TestDatabase> databases() {
        return VaultFixture.databases();
    }

    private static final List<String> TABLES = List.of("workspaces", "users", "settings", "api_keys", "credentials",
            "credential_versions", "audit_events");

    @ParameterizedTest
    @MethodSource("databases")
    void noPlaintextSecretInAnyRowOrFile(TestDatabase db) throws Exception {
        try (var f = new VaultFixture(db)) {
            var ws = f.workspace("acme");
            var user = f.user(ws, "ada@example.com");
            Owner owner = Owner.user(user.id());
            List<String> secrets = new ArrayList<>();
            String openai = VaultFixture.providerKey("sk-proj-");
            String anthropic = VaultFixture.providerKey("sk-ant-api03-");
            secrets.add(openai);
            secrets.add(anthropic);
            var cred = f.vault.credentials().create("u", owner, ws.id(), new NewCredential("openai", Secret.of(openai), null, null, null));
            f.vault.credentials().create("u", Owner.workspace(ws.id()), ws.id(),
                    new NewCredential("anthropic", Secret.of(anthropic), null, null, null));
            String rotated = VaultFixture.providerKey("sk-");
            secrets.add(rotated);
            f.vault.credentials().update("u", owner, ws.id(), cred.id(), new CredentialPatch(Secret.of(rotated), null, null, null));
            secrets.add(f.vault.keys().issue("u", user.id(), ws.id(), new KeyRequest("k", null, null, null, null)).plaintext().reveal());
            f.vault.credentials().validate("u", owner, ws.id(), cred.id());

            for (String table : TABLES) {
                List<String> rows = f.sql(j -> j.query("SELECT * FROM " + table, rs -> {
                    var sb = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        sb.append(rs.getString(i)).append('|');
                    }
                    return sb.toString();
                }));
                for (String secret : secrets) {
                    assertThat(rows).as(table).noneMatch(r -> r.contains(secret) || r.contains(secret.substring(3, 20)));
                }
            }
            if (db.name().equals("sqlite")) {
                Path file = Path.of(db.url().substring("jdbc:sqlite:".length()));
                var bytes = new StringBuilder(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                Path wal = Path.of(file + "-wal");
                if (Files.exists(wal)) {
                    bytes.append(new String(Files.readAllBytes(wal), StandardCharsets.ISO_8859_1));
                }
                secrets.forEach(s -> assertThat(bytes.toString()).doesNotContain(s.substring(3, 20)));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void swappedCiphertextsDoNotDecrypt(TestDatabase db) {
        try (var f = new VaultFixture(db)) {
            var ws = f.workspace("acme");
            Owner ada = Owner.user(f.user(ws, "ada@example.com").id());
            Owner bob = Owner.user(f.user(ws, "bob@example.com").id());
            var a = f.vault.credentials().create("x", ada, ws.id(), new NewCredential("openai", Secret.of(VaultFixture.providerKey("sk-")), null, null, null));
            var b = f.vault.credentials().create("x", bob, ws.id(), new NewCredential("openai", Secret.of(VaultFixture.providerKey("sk-")), null, null, null));
            // Bob's sealed secret copied whole into Ada's row: the associated data no longer matches.
            f.sql(j -> j.update("UPDATE credential_versions SET wrapped_key = (SELECT wrapped_key FROM credential_versions "
                    + "WHERE credential_id = ?), ciphertext = (SELECT ciphertext FROM credential_versions WHERE credential_id = ?) "
                    + "WHERE credential_id = ?", b.id(), b.id(), a.id()));
            assertThatThrownBy(() -> f.vault.credentials().unseal(ada, a.id())).isInstanceOf(VaultCryptoException.class);
            assertThat(f.vault.credentials().unseal(bob, b.id()).apiKey().reveal()).startsWith("sk-");
        }
    }
}
