package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.ConfigWatcher;
import io.keyroute.testkit.openai.FakeOpenAi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config file edit reaches a running gateway: valid changes apply, invalid ones are ignored. */
class HotReloadTest {
    private static final String ASK = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static String yaml(String baseUrl, String candidate) {
        return """
                server: { host: 127.0.0.1, port: 8080 }
                providers:
                  - id: openai
                    type: openai
                    base_url: %s
                    api_key: ${UPSTREAM_KEY}
                routes:
                  - name: chat
                    strategy: fallback
                    candidates: [%s]
                """.formatted(baseUrl, candidate);
    }

    @Test
    void editedRouteAppliesWithoutRestartAndABrokenEditIsIgnored(@TempDir Path dir) throws Exception {
        try (var upstream = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
             var keyroute = TestGateway.inFrontOf(upstream.baseUrl())) {
            Path file = dir.resolve("keyroute.yaml");
            Files.writeString(file, yaml(upstream.baseUrl(), "openai/gpt-4o-mini"));
            var loader = new ConfigLoader(Map.of("UPSTREAM_KEY", TestGateway.UPSTREAM_KEY));
            try (var watcher = new ConfigWatcher(file, loader, loader.load(file), keyroute.gateway::apply)) {
                watcher.start();

                Files.writeString(file, yaml(upstream.baseUrl(), "openai/gpt-4.1"));
                assertThat(awaitUpstreamModel(keyroute, upstream, "gpt-4.1")).isTrue();

                Files.writeString(file, yaml(upstream.baseUrl(), "openai/gpt-5") + "retry: { max_attempts: 0 }\n");
                watcher.reloadNow();
                assertThat(keyroute.post("/chat/completions", ASK).statusCode()).isEqualTo(200);
                assertThat(upstream.lastRequest().json().path("model").asText()).isEqualTo("gpt-4.1");
            }
        }
    }

    /** Polls (up to 10 s) until a request to route {@code chat} reaches the upstream as {@code model}. */
    private static boolean awaitUpstreamModel(TestGateway keyroute, FakeOpenAi upstream, String model) throws Exception {
        for (int i = 0; i < 100; i++) {
            keyroute.post("/chat/completions", ASK);
            if (model.equals(upstream.lastRequest().json().path("model").asText())) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
