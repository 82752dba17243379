package io.keyroute.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.TokenCounts;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.wire.JsonFields;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What Gemini's answers and stream chunks share: finish reasons, usageMetadata, function calls and their ids. */
final class GeminiWire {
    private GeminiWire() {
    }

    /** @param calledTools whether the candidate holds function calls (Gemini then still says STOP) */
    static FinishReason finishReason(String reason, boolean calledTools) {
        if (reason == null) {
            return calledTools ? FinishReason.TOOL_CALLS : null;
        }
        return switch (reason) {
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "LANGUAGE", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" ->
                    FinishReason.CONTENT_FILTER;
            default -> calledTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
        };
    }

    /** Gemini's candidatesTokenCount leaves thinking out; canonical completion tokens include it. */
    static Usage usage(JsonNode meta) {
        long thoughts = TokenCounts.of(meta.path("thoughtsTokenCount"));
        return new Usage(TokenCounts.of(meta.path("promptTokenCount")),
                TokenCounts.of(meta.path("candidatesTokenCount")) + thoughts,
                TokenCounts.of(meta.path("cachedContentTokenCount")), thoughts);
    }

    /**
     * A call id for a Gemini function call, which has none (or, on newer models, its own): the
     * same call always gets the same id, so answers are reproducible; tool results find their
     * function by this id in the conversation.
     */
    static String callId(JsonNode functionCall, int index) {
        return callId(functionCall, index, null);
    }

    /**
     * As {@link #callId(JsonNode, int)}, carrying the part's {@code thoughtSignature} when it has
     * one: thinking models require it back with the call, and the call id is the one thing every
     * client returns untouched.
     */
    static String callId(JsonNode functionCall, int index, String thoughtSignature) {
        String id = baseId(functionCall, index);
        return thoughtSignature == null || thoughtSignature.isEmpty() ? id : id + SIGNATURE + thoughtSignature;
    }

    /** The thought signature a call id carries, or null. */
    static String signatureOf(String callId) {
        int at = callId == null ? -1 : callId.indexOf(SIGNATURE);
        return at < 0 ? null : callId.substring(at + SIGNATURE.length());
    }

    private static final String SIGNATURE = "__ts__";

    private static String baseId(JsonNode functionCall, int index) {
        if (functionCall.hasNonNull("id") && !functionCall.path("id").asText().isEmpty()) {
            return functionCall.path("id").asText();
        }
        String seed = index + ":" + functionCall.path("name").asText() + ":" + JsonFields.write(functionCall.path("args"));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return "call_" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    static String arguments(JsonNode functionCall) {
        JsonNode args = functionCall.path("args");
        return JsonFields.write(args.isMissingNode() || args.isNull() ? JsonFields.object() : args);
    }
}
