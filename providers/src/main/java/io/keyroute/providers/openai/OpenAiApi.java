package io.keyroute.providers.openai;

import io.keyroute.api.Secret;
import io.keyroute.providers.http.UpstreamRequest;
import java.net.URI;
import java.util.Map;

/**
 * Where OpenAI's API lives under a base URL and how a call to it is authenticated: the one place
 * chat, responses, embeddings and the models probe take their paths and their {@code Authorization} header from.
 */
final class OpenAiApi {
    static final String CHAT = "chat/completions";
    /** The Responses API: OpenAI's own, not served by OpenAI-compatible servers. */
    static final String RESPONSES = "responses";
    /** The Responses API's token count. */
    static final String INPUT_TOKENS = "responses/input_tokens";
    static final String EMBEDDINGS = "embeddings";
    static final String MODELS = "models";

    private OpenAiApi() {
    }

    /** The headers of a POST with a JSON body, answered as a stream or whole. */
    static Map<String, String> postHeaders(Secret key, boolean stream) {
        return Map.of(
                "Authorization", bearer(key),
                "Content-Type", "application/json",
                "Accept", stream ? "text/event-stream" : "application/json");
    }

    /** The headers of a call without a body, answered with JSON (a GET, a DELETE). */
    static Map<String, String> readHeaders(Secret key) {
        return Map.of("Authorization", bearer(key), "Accept", "application/json");
    }

    /** {@code GET {base}/models}: the cheapest authenticated call, no tokens spent. */
    static UpstreamRequest modelsProbe(URI baseUrl, Secret key) {
        return UpstreamRequest.get(resolve(baseUrl, MODELS), readHeaders(key));
    }

    /** {@code base} + {@code path}, whether or not the configured base URL ends in a slash. */
    static URI resolve(URI base, String path) {
        String text = base.toString();
        return URI.create(text.endsWith("/") ? text + path : text + "/" + path);
    }

    private static String bearer(Secret key) {
        return "Bearer " + key.reveal();
    }
}
