package io.keyroute.server.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.WireFormat;
import io.keyroute.server.http.exchange.KeyrouteHeaders;
import java.util.Locale;

/**
 * Whether the cache may answer a request, or store its answer. A caller opts out with {@code Cache-Control:
 * no-cache} (or {@code no-store}) or {@code x-keyroute-cache: off}. A request sampled at random (neither
 * {@code temperature: 0} nor a {@code seed}; every API's default temperature is 1) is cached only when the route
 * (or {@code cache.exact.nondeterministic}) says so: asking again is how a caller gets another answer. A
 * Responses request is cached only with {@code store: false} and no {@code previous_response_id},
 * {@code conversation} or {@code background}: a stored response's id belongs to its caller, and replaying it
 * would hand another caller an id that resolves to someone else's response (or to nothing).
 */
public final class Cacheability {
    private Cacheability() {
    }

    /** Whether the caller asked to bypass the cache. */
    public static boolean declined(Headers headers) {
        // Looked for before they are read: most requests carry neither, and asking costs no Optional or list then.
        if (headers.contains(KeyrouteHeaders.CACHE)
                && headers.first(KeyrouteHeaders.CACHE).orElse("").trim().equalsIgnoreCase("off")) {
            return true;
        }
        if (!headers.contains(HeaderNames.CACHE_CONTROL)) {
            return false;
        }
        for (String value : headers.values(HeaderNames.CACHE_CONTROL)) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.contains("no-cache") || lower.contains("no-store")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code chat}'s answer may be served from, and kept in, the cache.
     *
     * @param nondeterministic whether requests sampled at random are cached (the route's, else the section's)
     */
    public static boolean cacheable(ChatRequest chat, boolean nondeterministic) {
        JsonNode body = chat.body();
        if (chat.format() == WireFormat.OPENAI_RESPONSES && keepsState(body)) {
            return false;
        }
        return nondeterministic || deterministic(body);
    }

    /** {@code temperature: 0}, or a {@code seed}: the caller asks for the same answer each time. */
    static boolean deterministic(JsonNode body) {
        JsonNode temperature = body.get("temperature");
        if (temperature != null && temperature.isNumber() && temperature.doubleValue() == 0) {
            return true;
        }
        JsonNode seed = body.get("seed");
        return seed != null && !seed.isNull();
    }

    /** A Responses request whose answer is kept, continues one, or runs in the background. */
    private static boolean keepsState(JsonNode body) {
        return !body.path("store").isBoolean() || body.path("store").booleanValue()
                || body.hasNonNull("previous_response_id") || body.hasNonNull("conversation")
                || body.path("background").asBoolean(false);
    }
}
