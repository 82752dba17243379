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

/** {@code serve --config} on a LiteLLM file: converted at start, what was not carried printed, requests served. */
class LiteLlmServeTest {
    private static final String ADMIN_TOKEN = "kr-admin-" + "LiteLlmLiteLlmLiteLlmLiteLlmLiteLlmLite1";
    private static final String UPSTREAM_KEY = "sk-" + "litellmPlaintextUpstreamKey0123456789WXYZ";

    @TempDir
    Path dir;

    @Test
    void servesALiteLlmConfigsModelGroupThroughItsDeploymentAndListsWhatItDidNotCarry() throws Exception {
        try (var upstream = FakeOpenAi.builder().apiKey(UPSTREAM_KEY).start()) {
            String litellm = """
                    model_list:
                      - model_name: team-gpt
                        litellm_params:
                          model: openai/gpt-4o-mini
                          api_base: %s
                          api_key: %s
                          rpm: 60
                    litellm_settings:
                      num_retries: 2
                      success_callback: ["langfuse"]
                    general_settings:
                      master_key: sk-1234
                    """.formatted(upstream.baseUrl(), UPSTREAM_KEY);
            try (var keyroute = KeyrouteProcess.start(dir, litellm, KeyrouteProcess.env(ADMIN_TOKEN))) {
                String key = keyroute.issueKey(ADMIN_TOKEN, "pro", "");
                HttpResponse<String> answer = chat(keyroute, key, "team-gpt");

                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(upstream.lastRequest().header("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
                assertThat(upstream.lastRequest().bodyText()).contains("\"model\":\"gpt-4o-mini\"");
                assertThat(answer.headers().firstValue("x-keyroute-route-reason").orElse("")).contains("team-gpt");
                assertThat(keyroute.output()).contains(
                        "not carried over: model_list[0].litellm_params.api_key: written in plaintext in the LiteLLM"
                                + " file; the Keyroute config reads it from ${LITELLM_OPENAI_2_API_KEY}: set that"
                                + " variable (serve supplies it in memory)",
                        "not carried over: model_list[0].rpm: used as a load-balancing weight only; Keyroute limits"
                                + " rates per key, user and workspace, not per deployment",
                        "not carried over: litellm_settings.success_callback: Keyroute exports OpenTelemetry traces"
                                + " and metrics (OTEL_EXPORTER_OTLP_ENDPOINT) and keeps every request in its usage ledger");
                assertThat(keyroute.output()).anyMatch(line -> line.startsWith("not carried over: general_settings.master_key:"));
                assertThat(String.join("\n", keyroute.output())).doesNotContain(UPSTREAM_KEY, ADMIN_TOKEN, key);
            }
        }
    }

    private static HttpResponse<String> chat(KeyrouteProcess keyroute, String key, String model) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + "/v1/chat/completions"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
