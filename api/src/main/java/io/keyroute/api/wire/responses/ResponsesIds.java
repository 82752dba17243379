package io.keyroute.api.wire.responses;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Ids in the OpenAI Responses API's shapes: a prefix naming what is identified ({@code resp_} a
 * response, {@code msg_} an output message, {@code fc_} a function call item, {@code ctc_} a custom tool call item, {@code rs_} a
 * reasoning item) and 48 hex digits, as OpenAI writes them (the SDK types only require a string):
 * the first 8 the time of minting in seconds, as OpenAI's (its own example {@code resp_67ccd2be…}
 * has {@code created_at} 1741476542, 0x67ccd2be), the other 40 from a {@link SecureRandom}. The
 * time keeps the ids of one moment together in the stored-responses index, whose inserts so land
 * at its end (random ids cost SQLite about four times the CPU per row: a random leaf page each); the
 * 160 random bits keep a response id, which names a stored conversation, unguessable from another.
 *
 * <p>A function call's {@code call_id} is not minted here when the provider named the call: the
 * caller's {@code function_call_output} answers with it, and the provider expects its own id back.
 */
public final class ResponsesIds {
    private static final RandomPool RANDOM = new RandomPool();
    private static final HexFormat HEX = HexFormat.of();

    private ResponsesIds() {
    }

    public static String response() {
        return id("resp_");
    }

    public static String message() {
        return id("msg_");
    }

    public static String functionCall() {
        return id("fc_");
    }

    public static String customToolCall() {
        return id("ctc_");
    }

    public static String reasoning() {
        return id("rs_");
    }

    /** The provider's id of a tool call as is, or a new {@code call_} id for a provider that gave none. */
    public static String callId(String providerId) {
        return providerId == null || providerId.isEmpty() ? id("call_") : providerId;
    }

    /** {@code prefix} and the 48 digits, written into the id's one array: no strings of the parts to join. */
    private static String id(String prefix) {
        int at = prefix.length();
        byte[] id = new byte[at + 48];
        for (int i = 0; i < at; i++) {
            id[i] = (byte) prefix.charAt(i);
        }
        int seconds = (int) (System.currentTimeMillis() / 1000);
        for (int shift = 24; shift >= 0; shift -= 8, at += 2) {
            hex((byte) (seconds >>> shift), id, at);
        }
        RANDOM.hexInto(id, at, 20);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    private static void hex(byte b, byte[] into, int at) {
        into[at] = (byte) HEX.toHighHexDigit(b);
        into[at + 1] = (byte) HEX.toLowHexDigit(b);
    }

    /**
     * Random bytes drawn from one {@link SecureRandom} 4 KiB at a time: the default one (NativePRNG)
     * reads the system's source under a lock and mixes it with SHA-1 on every call, which cost a
     * translated Responses answer 29 of its 854 profiled samples when each of its ids drew 20 bytes
     * of its own.
     */
    private static final class RandomPool {
        private final SecureRandom random = new SecureRandom();
        private final byte[] pool = new byte[4096];
        private int next = pool.length;

        /** {@code n} random bytes as {@code 2n} hex digits into {@code into} from {@code at}. */
        synchronized void hexInto(byte[] into, int at, int n) {
            if (next + n > pool.length) {
                random.nextBytes(pool);
                next = 0;
            }
            for (int i = 0; i < n; i++) {
                hex(pool[next++], into, at + 2 * i);
            }
        }
    }
}
