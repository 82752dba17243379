package io.keyroute.server.http.exchange;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Request ids: {@code req_}, 8 base62 characters of the epoch millisecond, then 12 random base62
 * characters (71 bits, so two ids of one millisecond do not collide). The time comes first so that
 * ids sort by time: the ledger's primary key index then grows at its end, and a batch of rows
 * dirties a few index pages instead of one random page per row (measured: the ledger writer's CPU
 * was dominated by writing those pages to SQLite's WAL).
 */
public final class RequestIds {
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray(); // in ASCII order
    private static final int PREFIX = 4;
    /** 62^8 milliseconds is about 6,900 years. */
    private static final int TIME_CHARS = 8;
    private static final int RANDOM_CHARS = 12;
    static final int LENGTH = PREFIX + TIME_CHARS + RANDOM_CHARS;

    private RequestIds() {
    }

    public static String next() {
        return next(System::currentTimeMillis);
    }

    public static String next(LongSupplier epochMillis) {
        char[] id = new char[LENGTH];
        id[0] = 'r';
        id[1] = 'e';
        id[2] = 'q';
        id[3] = '_';
        long time = epochMillis.getAsLong();
        for (int i = PREFIX + TIME_CHARS - 1; i >= PREFIX; i--) {
            id[i] = BASE62[(int) (time % 62)];
            time /= 62;
        }
        var random = ThreadLocalRandom.current();
        for (int i = PREFIX + TIME_CHARS; i < LENGTH; i++) {
            id[i] = BASE62[random.nextInt(62)];
        }
        return new String(id);
    }
}
