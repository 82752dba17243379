package io.keyroute.providers.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.api.error.UpstreamError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Function;

/**
 * Builds the {@link UpstreamError} for a provider's error answer. Every provider puts its
 * message in one of a few places ({@code error.message} for OpenAI, Anthropic and Gemini;
 * {@code error} as a string, {@code message} or {@code detail} for OpenAI-compatible servers);
 * a body that is not JSON is quoted, shortened.
 */
public final class ProviderErrors {
    private static final int MAX_QUOTED_CHARS = 500;
    private static final String QUOTA = "insufficient_quota";

    private final Clock clock;

    public ProviderErrors(Clock clock) {
        this.clock = clock;
    }

    /** @param sentKey the key the request was sent with: masked wherever the provider quotes it back */
    public UpstreamError fromResponse(String providerId, int status, Function<String, String> headers, byte[] body,
                                      Secret sentKey) {
        return UpstreamError.status(providerId, status, message(body), RetryAfter.parse(headers, clock),
                status == 402 || status == 429 && insufficientQuota(body), sentKey);
    }

    /** OpenAI's (and compatible servers') 429 for a spent quota, as opposed to a rate limit: {@code insufficient_quota}. */
    static boolean insufficientQuota(byte[] body) {
        try {
            JsonNode error = body == null || body.length == 0 ? null : Json.MAPPER.readTree(body).path("error");
            return error != null && (error.path("code").asText().equals(QUOTA) || error.path("type").asText().equals(QUOTA));
        } catch (IOException notJson) {
            return false;
        }
    }

    static String message(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root != null) {
                JsonNode error = root.path("error");
                for (JsonNode candidate : new JsonNode[] {error.path("message"), error, root.path("message"), root.path("detail")}) {
                    if (candidate.isTextual() && !candidate.asText().isBlank()) {
                        return shorten(candidate.asText());
                    }
                }
            }
        } catch (IOException notJson) {
            // quoted below
        }
        return shorten(new String(body, StandardCharsets.UTF_8).strip());
    }

    private static String shorten(String text) {
        return text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "…";
    }
}
