package io.keyroute.vault.common;

import java.util.UUID;

/** Row ids: a type prefix (so a log line says what an id is) and a random UUID (so ids cannot be guessed). */
public final class Ids {
    private Ids() {
    }

    public static String next(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }
}
