package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.store.Database;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 15: SIGTERM with a stream in flight. {@code /ready} turns 503 and new requests are
 * refused with 503 at once; the stream still finishes for its client; then the process exits, and
 * the stream's usage row is in the database.
 */
class GracefulDrainTest {
    private static final String ADMIN_TOKEN = "kr-admin-" + "DrainDrainDrainDrainDrainDrainDrainDrain1";
    private static final String UPSTREAM_KEY = "sk-" + "proj-drainUpstreamKey0123456789abcdefWXYZ";
    private static final String STREAMED = "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,"
            + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"drain me\"}]}";

    @TempDir
    Path dir;

    @Test
    void aStreamInFlightAtSigtermFinishesAndItsUsageIsStoredBeforeTheProcessExits() throws Exception {
        Map<String, String> env = KeyrouteProcess.env(ADMIN_TOKEN);
        try (var upstream = FakeOpenAi.builder().apiKey(UPSTREAM_KEY).start();
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            String config = """
                    security: { allow_private_base_urls: true }
                    providers:
                      - { id: openai, type: openai, base_url: "%s", api_key: "%s" }
                    """.formatted(upstream.baseUrl(), UPSTREAM_KEY);
            try (var keyroute = KeyrouteProcess.start(dir, config, env)) {
                String key = keyroute.issueKey(ADMIN_TOKEN, "pro", "");
                upstream.enqueue(Reply.text("one two three four").usage(7, 4, 0, 0).gated());
                upstream.releaseNextChunk();
                try (var stream = new RawSseClient(keyroute.port(), "/v1/chat/completions", key, STREAMED)) {
                    assertThat(stream.status).isEqualTo(200);
                    assertThat(stream.nextData()).contains("\"role\":\"assistant\"");

                    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                        try {
                            return keyroute.sigterm();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    HttpResponse<String> ready = awaitNotReady(http, keyroute.baseUrl());
                    assertThat(ready.statusCode()).isEqualTo(503);
                    assertThat(ready.body()).contains("\"status\":\"stopping\"");

                    HttpResponse<String> refused = http.send(HttpRequest.newBuilder(
                                    URI.create(keyroute.baseUrl() + "/v1/chat/completions"))
                            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(STREAMED)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(refused.statusCode()).isEqualTo(503);
                    assertThat(refused.headers().firstValue("retry-after")).isPresent();
                    JsonNode error = Json.MAPPER.readTree(refused.body()).path("error");
                    assertThat(error.path("code").asText()).isEqualTo("shutting_down");
                    assertThat(exit).isNotDone(); // the stream holds the process

                    upstream.releaseChunks(100);
                    List<String> rest = new ArrayList<>();
                    for (String data = stream.nextData(); data != null && !data.equals("[DONE]"); data = stream.nextData()) {
                        rest.add(data);
                    }
                    assertThat(String.join("\n", rest)).contains("\"content\":\" four\"")
                            .contains("\"prompt_tokens\":7,\"completion_tokens\":4");
                    assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(143);
                }
            }
        }
        try (var db = Database.open("jdbc:sqlite:" + dir.resolve("data/keyroute.db"))) {
            List<String> rows = new ArrayList<>();
            db.jdbc().query("SELECT status, outcome, streamed, prompt_tokens, completion_tokens FROM usage_events ORDER BY at",
                    rs -> rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getBoolean(3) + " " + rs.getLong(4)
                            + " " + rs.getLong(5)));
            assertThat(rows).contains("200 ok true 7 4");
        }
    }

    /** {@code GET /ready} until it is no longer 200 (the stop has begun), a bounded number of times. */
    private static HttpResponse<String> awaitNotReady(HttpClient http, String baseUrl) throws Exception {
        HttpResponse<String> ready = null;
        for (int i = 0; i < 500; i++) {
            ready = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (ready.statusCode() != 200) {
                return ready;
            }
            Thread.sleep(20); // polls for a condition: the shutdown hook has started
        }
        return ready;
    }
}
