package io.keyroute.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request as the fake received it.
 *
 * @param method  HTTP method
 * @param path    path without query as the server decoded it, e.g. {@code /v1/chat/completions}
 * @param rawPath the path as it was sent, percent-encoding kept
 * @param query   raw query string, empty if none
 * @param headers header names in lower case, values in arrival order
 * @param body    the raw body bytes
 * @param json    the body parsed as JSON, or {@code null} if it was empty or not JSON
 */
public record RecordedRequest(String method, String path, String rawPath, String query,
                              Map<String, List<String>> headers, byte[] body, JsonNode json) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header (name case-insensitive), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " (" + body.length + " bytes)";
    }
}
