package io.keyroute.server.mcp;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Ids of tool-call records: {@code mcp_} and 96 random bits. */
final class McpCallIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private McpCallIds() {
    }

    static String next() {
        byte[] bits = new byte[12];
        RANDOM.nextBytes(bits);
        return "mcp_" + HexFormat.of().formatHex(bits);
    }
}
