package io.keyroute.providers.anthropic;

import io.keyroute.api.Secret;
import io.keyroute.providers.http.UpstreamRequest;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Where Anthropic's API lives under a base URL and how a call to it is authenticated
 * ({@code x-api-key} and the one {@code anthropic-version} Keyroute speaks): used by the Messages
 * call and the models probe alike.
 */
final class AnthropicApi {
    static final String VERSION = "2023-06-01";

    private AnthropicApi() {
    }

    /** {@code /v1/messages} under the base URL. */
    static URI messages(URI baseUrl) {
        return URI.create(v1(baseUrl) + "/messages");
    }

    /** {@code /v1/messages/count_tokens} under the base URL. */
    static URI countTokens(URI baseUrl) {
        return URI.create(v1(baseUrl) + "/messages/count_tokens");
    }

    /**
     * The headers of a Messages call: {@code passed} (the caller's {@code anthropic-beta}, when it
     * spoke Anthropic) under Keyroute's own, which always win.
     */
    static Map<String, String> postHeaders(Map<String, String> passed, Secret key, boolean stream) {
        Map<String, String> headers = new HashMap<>(passed);
        headers.putAll(auth(key));
        headers.put("Content-Type", "application/json");
        headers.put("Accept", stream ? "text/event-stream" : "application/json");
        return headers;
    }

    /** {@code GET {base}/v1/models}: the cheapest authenticated call, no tokens spent. */
    static UpstreamRequest modelsProbe(URI baseUrl, Secret key) {
        Map<String, String> headers = new HashMap<>(auth(key));
        headers.put("Accept", "application/json");
        return UpstreamRequest.get(URI.create(v1(baseUrl) + "/models"), headers);
    }

    private static Map<String, String> auth(Secret key) {
        return Map.of("x-api-key", key.reveal(), "anthropic-version", VERSION);
    }

    /** The base URL is the API root, as in Anthropic's SDKs; a trailing {@code /v1} (or slash) is tolerated. */
    private static String v1(URI baseUrl) {
        String base = baseUrl.toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return base.endsWith("/v1") ? base : base + "/v1";
    }
}
