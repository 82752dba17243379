package io.keyroute.providers.http;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP call to a provider, fully built: the transport adds nothing but framing. A call is a
 * POST of {@code body} (chat, embeddings) or, without a body, a GET (a models probe, a kept
 * response) or a DELETE (a kept response).
 */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body, boolean stream) {
    private static final byte[] NO_BODY = new byte[0];

    public UpstreamRequest {
        if (!method.equals("POST") && !method.equals("GET") && !method.equals("DELETE")) {
            throw new IllegalArgumentException("an upstream call is a POST, a GET or a DELETE, not " + method);
        }
    }

    /** Whether this is a GET: no body is sent. */
    public boolean isGet() {
        return method.equals("GET");
    }

    /** Whether a body is sent: only a POST has one. */
    public boolean hasBody() {
        return method.equals("POST");
    }

    /** A POST of {@code body}. */
    public UpstreamRequest(URI uri, Map<String, String> headers, byte[] body, boolean stream) {
        this("POST", uri, headers, body, stream);
    }

    /** A GET of {@code uri}, answered whole. */
    public static UpstreamRequest get(URI uri, Map<String, String> headers) {
        return new UpstreamRequest("GET", uri, headers, NO_BODY, false);
    }

    /** A DELETE of {@code uri}, answered whole. */
    public static UpstreamRequest delete(URI uri, Map<String, String> headers) {
        return new UpstreamRequest("DELETE", uri, headers, NO_BODY, false);
    }
}
