package io.keyroute.server.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.catalog.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client of the bench's loopback gateway, as an application would be: one streamed OpenAI chat
 * request, timed from sending to the first streamed content (TTFT) and to the last byte.
 */
final class BenchClient {
    /** Bounds the answer's length (and cost); reasoning models spend part of it thinking. */
    static final int MAX_COMPLETION_TOKENS = 1024;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final Secret token;

    BenchClient(URI gatewayRoot, Secret token) {
        this.endpoint = gatewayRoot.resolve("/v1/chat/completions");
        this.token = token;
    }

    /**
     * @param errorCode    the gateway's error code ({@code no_credential}, …), or null
     * @param errorMessage its message, or null when the request succeeded
     */
    record Exchange(String requestId, int status, long latencyMicros, long ttftMicros, String errorCode,
                    String errorMessage) {
    }

    Exchange send(Target model, BenchPrompt prompt) throws IOException, InterruptedException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model.qualified());
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        body.put("max_completion_tokens", MAX_COMPLETION_TOKENS);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt.text());
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token.reveal())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();

        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String requestId = response.headers().firstValue("x-keyroute-request-id").orElse(null);
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                JsonNode error = Json.MAPPER.readTree(reader).path("error");
                return new Exchange(requestId, response.statusCode(), micros(start), 0, error.path("code").asText(null),
                        error.path("message").asText("HTTP " + response.statusCode()));
            }
            long ttft = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("data:") || line.endsWith("[DONE]")) {
                    continue;
                }
                JsonNode event = Json.MAPPER.readTree(line.substring("data:".length()));
                if (event.has("error")) { // the stream broke after it started: no failover then
                    return new Exchange(requestId, 200, micros(start), ttft, event.path("error").path("code").asText(null),
                            event.path("error").path("message").asText("stream error"));
                }
                if (ttft == 0 && !event.path("choices").path(0).path("delta").path("content").asText("").isEmpty()) {
                    ttft = micros(start);
                }
            }
            return new Exchange(requestId, 200, micros(start), ttft, null, null);
        }
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
