package io.keyroute.benchmarks.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The management API (/api/v1) of one replica, called with the admin token. */
final class Admin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String baseUrl;
    private final String token;

    Admin(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    JsonNode post(String path, String json) {
        return call("POST", path, json);
    }

    JsonNode put(String path, String json) {
        return call("PUT", path, json);
    }

    JsonNode patch(String path, String json) {
        return call("PATCH", path, json);
    }

    JsonNode get(String path) {
        return call("GET", path, null);
    }

    void delete(String path) {
        call("DELETE", path, null);
    }

    /** A new workspace (plan pro), a member in it and a key of theirs. */
    Tenant tenant(String name) {
        return tenant(name, "");
    }

    /** The same, the key with these fields besides its name (e.g. {@code "rpm":600}). */
    Tenant tenant(String name, String keyFields) {
        String workspace = post("/workspaces", "{\"name\":\"" + name + "\",\"plan\":\"pro\"}").path("id").asText();
        String user = post("/workspaces/" + workspace + "/users",
                "{\"email\":\"" + name + "@example.com\",\"role\":\"member\"}").path("id").asText();
        JsonNode key = post("/users/" + user + "/keys", "{\"name\":\"" + name + "\""
                + (keyFields.isEmpty() ? "" : "," + keyFields) + "}");
        return new Tenant(workspace, user, key.path("id").asText(), key.path("key").asText());
    }

    /** Another key of a user. */
    Tenant key(Tenant of, String name) {
        JsonNode key = post("/users/" + of.user() + "/keys", "{\"name\":\"" + name + "\"}");
        return new Tenant(of.workspace(), of.user(), key.path("id").asText(), key.path("key").asText());
    }

    record Tenant(String workspace, String user, String keyId, String key) {
    }

    private JsonNode call(String method, String path, String json) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1" + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
