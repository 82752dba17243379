package io.keyroute.providers.gemini;

import io.keyroute.api.Secret;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.ModelName;
import io.keyroute.providers.http.UpstreamRequest;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where Google's Gemini API lives under a base URL and how a call to it is authenticated
 * ({@code x-goog-api-key}): used by generateContent, the embeddings methods and the models probe alike.
 */
final class GeminiApi {
    static final String MODELS_PREFIX = "models/";
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._-]{1," + ModelName.MAX_LENGTH + "}");

    private GeminiApi() {
    }

    /** The headers of a POST with a JSON body, answered as a stream or whole. */
    static Map<String, String> postHeaders(Secret key, boolean stream) {
        return Map.of(
                "x-goog-api-key", key.reveal(),
                "Content-Type", "application/json",
                "Accept", stream ? "text/event-stream" : "application/json");
    }

    /** {@code GET {base}/v1beta/models}: the cheapest authenticated call, no tokens spent. */
    static UpstreamRequest modelsProbe(URI baseUrl, Secret key) {
        return UpstreamRequest.get(URI.create(versioned(baseUrl) + "/models"),
                Map.of("x-goog-api-key", key.reveal(), "Accept", "application/json"));
    }

    /** {@code {base}/v1beta/models/{model}{method}}. */
    static URI modelUri(URI baseUrl, String model, String method) {
        return URI.create(versioned(baseUrl) + "/models/" + pathSegment(model) + method);
    }

    /**
     * The base URL is the API root as Google's SDKs have it, to which {@code /v1beta} is added; one
     * that already ends in a version is used as is.
     */
    private static String versioned(URI baseUrl) {
        String base = baseUrl.toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return base.matches(".*/v1(beta|alpha)?\\d*$") ? base : base + "/v1beta";
    }

    /**
     * The model as one segment of the URL path, so no name reaches another path or API method
     * with the operator's key: Google's own {@code models/} prefix is dropped, and what is left
     * must be a Gemini model id, {@code [A-Za-z0-9._-]} and not only dots. Nothing is left to
     * percent-encode, which matters: Helidon's client decodes a request URI's path and re-encodes
     * it with {@code :} and {@code @} literal, so {@code %3A} would reach Google as a method's colon.
     *
     * @throws ClientError 400 {@code invalid_model}, before anything is sent
     */
    static String pathSegment(String model) {
        String id = model.startsWith(MODELS_PREFIX) ? model.substring(MODELS_PREFIX.length()) : model;
        if (!MODEL_ID.matcher(id).matches() || id.chars().allMatch(c -> c == '.')) {
            throw ClientError.invalidModel("a Gemini model is one id of A-Z a-z 0-9 . _ - (models/ may precede it)");
        }
        return id;
    }
}
