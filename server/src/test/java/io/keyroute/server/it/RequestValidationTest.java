package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input is refused in OpenAI's error shape before any upstream call; the server stays healthy. */
class RequestValidationTest {
    private FakeOpenAi upstream;
    private TestGateway keyroute;

    @BeforeEach
    void start() {
        upstream = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
        keyroute = TestGateway.inFrontOf(upstream.baseUrl());
    }

    @AfterEach
    void stop() {
        keyroute.close();
        upstream.close();
    }

    private static JsonNode error(String body) throws Exception {
        JsonNode root = Json.MAPPER.readTree(body);
        assertThat(root.fieldNames()).toIterable().containsExactly("error");
        assertThat(root.path("error").fieldNames()).toIterable().containsExactlyInAnyOrder("message", "type", "code", "param");
        return root.path("error");
    }

    @Test
    void invalidJsonIs400WithWhereItBroke() throws Exception {
        var response = keyroute.post("/chat/completions", "{\"model\": \"openai/gpt-4o-mini\", \"messages\": [");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = error(response.body());
        assertThat(error.path("code").asText()).isEqualTo("invalid_json");
        assertThat(error.path("message").asText()).contains("line 1");
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void missingMessagesIs400NamingTheParam() throws Exception {
        var response = keyroute.post("/chat/completions", "{\"model\":\"openai/gpt-4o-mini\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response.body()).path("param").asText()).isEqualTo("messages");
    }

    @Test
    void oversizedBodyIs413AndTheServerKeepsServing() throws Exception {
        String huge = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(70 * 1024) + "\"}]}";
        var response = keyroute.post("/chat/completions", huge);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(error(response.body()).path("code").asText()).isEqualTo("request_too_large");
        assertThat(upstream.requestCount()).isZero();

        var next = keyroute.post("/chat/completions",
                "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"still here\"}]}");
        assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    void modelsListsRoutesAndNeedsAKey() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var anonymous = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(keyroute.baseUrl() + "/models")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(error(anonymous.body()).path("type").asText()).isEqualTo("authentication_error");

        var listed = keyroute.sdk().models().list();
        assertThat(listed.data()).extracting(m -> m.id()).contains("chat");
    }

    @Test
    void unknownEndpointIs404InOpenAiShape() throws Exception {
        var response = keyroute.post("/nope", "{}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response.body()).path("message").asText()).contains("/v1/nope");
    }
}
