package io.keyroute.server.guardrails.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One JSON POST to a checker the operator configured, bounded by a timeout from the request's
 * start to its last byte; any failure is a {@link RemoteCheckFailed} naming the checker. The
 * checker's URL is trusted like a provider's base URL (it is the operator's), redirects are not
 * followed, and its answer is read up to {@link #MAX_ANSWER_BYTES}.
 */
final class JsonPost {
    static final int MAX_ANSWER_BYTES = 1 << 20;

    private final String checker;
    private final URI uri;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final HttpClient http;

    JsonPost(String checker, URI uri, Duration timeout, Map<String, String> headers) {
        this.checker = checker;
        this.uri = uri;
        this.timeout = timeout;
        this.headers = Map.copyOf(headers);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    /** The answer to {@code json}, when the status is 2xx and the body is JSON of the expected shape. */
    JsonNode post(JsonNode json, boolean array) {
        String body = post(json.toString());
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node != null && (array ? node.isArray() : node.isObject())) {
                return node;
            }
        } catch (IOException notJson) {
            // answered below, without the body
        }
        throw new RemoteCheckFailed(checker + " answered no JSON " + (array ? "array" : "object"));
    }

    /** The answer's body to {@code json}, when the status is 2xx. */
    private String post(String json) {
        var request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new RemoteCheckFailed(checker + " answered HTTP " + response.statusCode());
            }
            if (response.body().length > MAX_ANSWER_BYTES) {
                throw new RemoteCheckFailed(checker + " answered more than " + MAX_ANSWER_BYTES + " bytes");
            }
            return new String(response.body(), StandardCharsets.UTF_8);
        } catch (HttpTimeoutException e) {
            throw new RemoteCheckFailed(checker + " did not answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new RemoteCheckFailed(checker + " could not be reached: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteCheckFailed(checker + " was abandoned (interrupted)", e);
        }
    }
}
