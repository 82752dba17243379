package io.keyroute.vault.responses;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.vault.crypto.DataKey;
import io.keyroute.vault.crypto.Envelope;
import java.time.Duration;
import java.util.Base64;

/**
 * The data key each owner's kept responses are sealed with: one per owner for at most an hour,
 * made and wrapped by the primary master key the first time the owner needs one. Generating and
 * wrapping a key for every response cost more than the rest of keeping it; sharing one for an hour
 * bounds what one key, should it leak from memory, opens to an hour of one owner's responses. Each
 * ciphertext stays bound to its row's id and owner. Held in memory only, at most {@link #OWNERS}.
 */
final class ResponseDataKeys {
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final int OWNERS = 10_000;

    private final Envelope envelope;
    /** By owner subject and the master key that wrapped it, so a new primary gets new keys. */
    private final Cache<OwnerUnder, OwnerKey> keys = Caffeine.newBuilder().expireAfterWrite(LIFETIME).maximumSize(OWNERS)
            .build();

    ResponseDataKeys(Envelope envelope) {
        this.envelope = envelope;
    }

    /** The key {@code owner} (whose {@link ResponseOwner#subject} is {@code subject}) seals with now. */
    OwnerKey current(ResponseOwner owner, String subject) {
        return keys.get(new OwnerUnder(envelope.primary().id(), subject), k -> {
            DataKey key = envelope.newDataKey(owner.keyBinding());
            return new OwnerKey(key, Base64.getEncoder().encodeToString(key.wrappedKey()));
        });
    }

    private record OwnerUnder(String masterKeyId, String subject) {
    }

    /** A data key and its wrapped form as column {@code wrapped_key} holds it (base64, encoded once per key). */
    record OwnerKey(DataKey dataKey, String wrappedKeyText) {
    }
}
