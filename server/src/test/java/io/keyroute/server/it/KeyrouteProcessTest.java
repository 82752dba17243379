package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.testkit.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code serve} process: it starts from a config file, serves a key, stops on SIGTERM and survives kill -9. */
class KeyrouteProcessTest {
    private static final String ADMIN_TOKEN = "kr-admin-" + "ProcessProcessProcessProcessProcessProc1";
    private static final String UPSTREAM_KEY = "sk-" + "proj-processUpstreamKey0123456789abcdWXYZ";

    @TempDir
    Path dir;

    @Test
    void servesAKeyAfterAKill9AndStopsCleanlyOnSigterm() throws Exception {
        Map<String, String> env = KeyrouteProcess.env(ADMIN_TOKEN);
        String masterKey = env.get("KEYROUTE_MASTER_KEY");
        try (var upstream = FakeOpenAi.builder().apiKey(UPSTREAM_KEY).start()) {
            String config = """
                    security: { allow_private_base_urls: true }
                    providers:
                      - { id: openai, type: openai, base_url: "%s", api_key: "%s" }
                    """.formatted(upstream.baseUrl(), UPSTREAM_KEY);
            String key;
            try (var first = KeyrouteProcess.start(dir, config, env)) {
                key = first.issueKey(ADMIN_TOKEN, "pro", "");
                assertThat(chat(first, key)).isEqualTo(200);
                assertThat(first.kill9()).isEqualTo(137);
            }
            try (var second = KeyrouteProcess.start(dir, config, env)) {
                assertThat(chat(second, key)).isEqualTo(200);
                assertThat(second.sigterm()).isEqualTo(143);
                assertThat(String.join("\n", second.output())).contains("Keyroute stopping")
                        .doesNotContain(ADMIN_TOKEN, masterKey, UPSTREAM_KEY, key);
                // The server's own logging set-up (ServerLogConfigurator, found by Logback in a real process).
                String stopping = second.output().stream().filter(line -> line.contains("Keyroute stopping"))
                        .findFirst().orElseThrow();
                var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stopping);
                assertThat(json.get("level").asText()).isEqualTo("INFO");
                assertThat(json.get("logger").asText()).startsWith("io.keyroute.");
                assertThat(json.has("timestamp") && json.has("thread") && !json.has("@version")).isTrue();
            }
        }
    }

    private static int chat(KeyrouteProcess keyroute, String key) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + "/v1/chat/completions"))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }
}
