package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A reasoning item's {@code encrypted_content} when Keyroute wrote it: a provider's signed reasoning
 * (Anthropic's thinking block with its signature, or a redacted_thinking's data), so that a
 * Responses caller who sends the item back gives that provider its block unchanged (Anthropic
 * refuses a tool loop's assistant turn without it). The form is {@code kr1.} and the base64url of
 * {@code {"thinking":…,"signature":…}} or {@code {"redacted":…}}: an encoding, not a secret; the
 * caller already sees the text as the summary, and the provider checks the signature.
 *
 * <p>What a caller sends is not trusted: anything else that starts with {@code kr1.} (not base64, not
 * JSON, a field missing or not a string) is a 400, and an {@code encrypted_content} without the
 * prefix is OpenAI's own, which only OpenAI reads.
 */
final class ReasoningContent {
    private static final String PREFIX = "kr1.";

    private ReasoningContent() {
    }

    /** The encoding of a signed or redacted reasoning part; null for reasoning no provider signed. */
    static String encode(Part part) {
        ObjectNode json = JsonFields.object();
        switch (part) {
            case Part.Reasoning r when r.signature() != null -> json.put("thinking", r.text()).put("signature", r.signature());
            case Part.RedactedReasoning r -> json.put("redacted", r.data());
            default -> {
                return null;
            }
        }
        return PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(JsonFields.write(json).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The part {@code encrypted} carries, or null when it is not Keyroute's (OpenAI's own, or absent).
     *
     * @param where the item's place in the input, for the error
     */
    static Part decode(String encrypted, String where) {
        if (encrypted == null || !encrypted.startsWith(PREFIX)) {
            return null;
        }
        JsonNode json;
        try {
            json = JsonFields.parse(Base64.getUrlDecoder().decode(encrypted.substring(PREFIX.length())));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw malformed(where);
        }
        JsonNode thinking = json.path("thinking");
        JsonNode signature = json.path("signature");
        JsonNode redacted = json.path("redacted");
        if (thinking.isTextual() && signature.isTextual() && !signature.asText().isEmpty() && redacted.isMissingNode()) {
            return new Part.Reasoning(thinking.asText(), signature.asText());
        }
        if (redacted.isTextual() && !redacted.asText().isEmpty() && thinking.isMissingNode() && signature.isMissingNode()) {
            return new Part.RedactedReasoning(redacted.asText());
        }
        throw malformed(where);
    }

    private static ClientError malformed(String where) {
        return ClientError.badRequest("invalid_value", "'" + where + ".encrypted_content' is not reasoning "
                + "Keyroute wrote: send back the reasoning item as it was received.", where + ".encrypted_content");
    }
}
