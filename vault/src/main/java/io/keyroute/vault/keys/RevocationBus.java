package io.keyroute.vault.keys;

import java.util.function.Consumer;

/** Tells every replica that a key hash is revoked, so each drops it from its cache. */
public interface RevocationBus extends AutoCloseable {
    void publish(String keyHash);

    void subscribe(Consumer<String> onRevoked);

    @Override
    void close();

    /** A single replica: nothing to tell. */
    static RevocationBus local() {
        return new RevocationBus() {
            @Override
            public void publish(String keyHash) {
            }

            @Override
            public void subscribe(Consumer<String> onRevoked) {
            }

            @Override
            public void close() {
            }
        };
    }
}
