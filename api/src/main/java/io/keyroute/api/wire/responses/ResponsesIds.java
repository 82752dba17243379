package io.keyroute.api.wire.responses;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Ids in the OpenAI Responses API's shapes: a prefix naming what is identified ({@code resp_} a
 * response, {@code msg_} an output message, {@code fc_} a function call item, {@code ctc_} a custom tool call item, {@code rs_} a
 * reasoning item) and 48 hex digits, as OpenAI writes them (e.g. {@code resp_67ccd2bed1ec8190…};
 * the SDK types only require a string). The digits come from a {@link SecureRandom}: a response id
 * names a stored conversation, so it must not be guessable from another.
 *
 * <p>A function call's {@code call_id} is not minted here when the provider named the call: the
 * caller's {@code function_call_output} answers with it, and the provider expects its own id back.
 */
public final class ResponsesIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private ResponsesIds() {
    }

    public static String response() {
        return "resp_" + digits();
    }

    public static String message() {
        return "msg_" + digits();
    }

    public static String functionCall() {
        return "fc_" + digits();
    }

    public static String customToolCall() {
        return "ctc_" + digits();
    }

    public static String reasoning() {
        return "rs_" + digits();
    }

    /** The provider's id of a tool call as is, or a new {@code call_} id for a provider that gave none. */
    public static String callId(String providerId) {
        return providerId == null || providerId.isEmpty() ? "call_" + digits() : providerId;
    }

    private static String digits() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }
}
