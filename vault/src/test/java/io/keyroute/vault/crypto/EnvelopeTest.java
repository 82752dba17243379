package io.keyroute.vault.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.vault.VaultFixture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
    private static final byte[] SECRET = "sk-live-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ROW_A = "cred_a|1|USER:u1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ROW_B = "cred_b|1|USER:u1".getBytes(StandardCharsets.UTF_8);

    private final MasterKey master = VaultFixture.randomMasterKey();
    private final Envelope envelope = new Envelope(master, List.of());

    @Test
    void sealsWithAFreshDataKeyEachTime() {
        Sealed one = envelope.seal(SECRET, ROW_A);
        Sealed two = envelope.seal(SECRET, ROW_A);
        assertThat(one.wrappedKey()).isNotEqualTo(two.wrappedKey());
        assertThat(one.ciphertext()).isNotEqualTo(two.ciphertext());
        assertThat(one.masterKeyId()).isEqualTo(master.id()).startsWith("mk_");
        assertThat(envelope.open(one, ROW_A)).isEqualTo(SECRET);
        assertThat(new String(one.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("sk-live");
    }

    @Test
    void aCiphertextBelongsToItsRow() {
        Sealed sealed = envelope.seal(SECRET, ROW_A);
        assertThatThrownBy(() -> envelope.open(sealed, ROW_B)).isInstanceOf(VaultCryptoException.class)
                .hasMessageContaining("does not decrypt for this row");
        Sealed other = envelope.seal(SECRET, ROW_B);
        Sealed swapped = new Sealed(sealed.wrappedKey(), sealed.masterKeyId(), other.ciphertext());
        assertThatThrownBy(() -> envelope.open(swapped, ROW_A)).isInstanceOf(VaultCryptoException.class);
        byte[] flipped = sealed.ciphertext().clone();
        flipped[flipped.length - 1] ^= 1;
        assertThatThrownBy(() -> envelope.open(new Sealed(sealed.wrappedKey(), sealed.masterKeyId(), flipped), ROW_A))
                .isInstanceOf(VaultCryptoException.class);
    }

    @Test
    void aWrongMasterKeyIsAClearError() {
        Sealed sealed = envelope.seal(SECRET, ROW_A);
        var stranger = new Envelope(VaultFixture.randomMasterKey(), List.of());
        assertThatThrownBy(() -> stranger.open(sealed, ROW_A)).isInstanceOf(VaultCryptoException.class)
                .hasMessageContaining("wrapped by master key " + master.id()).hasMessageContaining("not loaded");
        MasterKey impostor = VaultFixture.randomMasterKey();
        var sameIdWrongKey = new Sealed(sealed.wrappedKey(), impostor.id(), sealed.ciphertext());
        assertThatThrownBy(() -> new Envelope(impostor, List.of()).open(sameIdWrongKey, ROW_A))
                .isInstanceOf(VaultCryptoException.class).hasMessageContaining("does not decrypt");
    }

    @Test
    void rewrapMovesTheDataKeyToTheNewMasterKeyAndBothWorkDuringRotation() {
        Sealed old = envelope.seal(SECRET, ROW_A);
        MasterKey next = VaultFixture.randomMasterKey();
        var rotating = new Envelope(next, List.of(master));
        assertThat(rotating.open(old, ROW_A)).isEqualTo(SECRET);
        Sealed rewrapped = rotating.rewrap(old, ROW_A);
        assertThat(rewrapped.masterKeyId()).isEqualTo(next.id());
        assertThat(rewrapped.ciphertext()).isEqualTo(old.ciphertext());
        assertThat(new Envelope(next, List.of()).open(rewrapped, ROW_A)).isEqualTo(SECRET);
        assertThatThrownBy(() -> envelope.open(rewrapped, ROW_A)).isInstanceOf(VaultCryptoException.class);
    }

    @Test
    void aShreddedSecretCannotBeOpened() {
        Sealed sealed = envelope.seal(SECRET, ROW_A);
        assertThatThrownBy(() -> envelope.open(new Sealed(null, null, sealed.ciphertext()), ROW_A))
                .isInstanceOf(VaultCryptoException.class).hasMessageContaining("deleted");
    }

    @Test
    void masterKeyMustBe32BytesAndNeverPrints() {
        assertThatThrownBy(() -> MasterKey.of(new byte[16])).hasMessageContaining("32 bytes");
        assertThat(master.toString()).isEqualTo("MasterKey[" + master.id() + "]");
    }
}
