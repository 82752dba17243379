package io.keyroute.server.cache.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** An embedder that asks testkit's fake OpenAI directly over HTTP (the gateway's own path is InternalEmbeddings). */
final class FakeModelEmbedder implements Embedder {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String key;
    int calls;

    FakeModelEmbedder(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    @Override
    public Optional<float[]> embed(Caller caller, String model, String text, Integer dimensions) {
        calls++;
        var body = Json.MAPPER.createObjectNode().put("model", model).put("input", text);
        if (dimensions != null) {
            body.put("dimensions", dimensions);
        }
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/embeddings"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode embedding = Json.MAPPER.readTree(res.body()).at("/data/0/embedding");
            float[] v = new float[embedding.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = embedding.get(i).floatValue();
            }
            return Optional.of(v);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
