package io.keyroute.server.http;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: {@code req_} and 20 random base62 characters; unique enough to find one log line. */
final class RequestIds {
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private RequestIds() {
    }

    static String next() {
        var random = ThreadLocalRandom.current();
        char[] id = new char[24];
        id[0] = 'r';
        id[1] = 'e';
        id[2] = 'q';
        id[3] = '_';
        for (int i = 4; i < id.length; i++) {
            id[i] = BASE62[random.nextInt(62)];
        }
        return new String(id);
    }
}
