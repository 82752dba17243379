package io.keyroute.vault.keys;

import io.keyroute.api.Secret;

/** Makes a new Keyroute key and its lookup hash (the server owns the key format and hash). */
@FunctionalInterface
public interface KeyMinter {
    Minted mint();

    record Minted(Secret key, String hash) {
    }
}
