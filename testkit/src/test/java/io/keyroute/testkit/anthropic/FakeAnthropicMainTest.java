package io.keyroute.testkit.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import io.keyroute.testkit.FakeJson;
import io.keyroute.testkit.LoopbackServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeAnthropicMainTest {
    private static final String KEY = "sk-ant-bench";
    private static final String ASK = "{\"model\":\"claude\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]";
    private final HttpClient client = HttpClient.newHttpClient();
    private WebServer server;

    @BeforeEach
    void start() {
        server = LoopbackServer.start(0, new FakeAnthropicMain(Set.of(KEY))::routing);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aMessageIsAnsweredWholeOrAsAnthropicsEventSequence() throws Exception {
        JsonNode message = FakeJson.MAPPER.readTree(post(KEY, ASK + "}").body());
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.at("/content/0/text").asText()).isEqualTo(FakeAnthropicMain.TEXT);
        assertThat(message.at("/usage/output_tokens").asInt()).isEqualTo(7);

        HttpResponse<String> streamed = post(KEY, ASK + ",\"stream\":true}");
        assertThat(streamed.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> names = Arrays.stream(streamed.body().split("\n"))
                .filter(line -> line.startsWith("event: ")).map(line -> line.substring(7)).toList();
        assertThat(names).startsWith("message_start", "content_block_start").contains("content_block_delta")
                .endsWith("content_block_stop", "message_delta", "message_stop");
    }

    @Test
    void aWrongKeyIsRefusedInAnthropicsShape() throws Exception {
        HttpResponse<String> refused = post("sk-wrong", ASK + "}");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(FakeJson.MAPPER.readTree(refused.body()).at("/error/type").asText()).isEqualTo("authentication_error");
    }

    private HttpResponse<String> post(String key, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/messages"))
                .header("x-api-key", key).header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
