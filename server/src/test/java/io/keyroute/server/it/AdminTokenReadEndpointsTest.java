package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.testkit.openai.FakeOpenAi;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The read-only endpoints CONTRACT marks "any" answer the admin token (here the gateway's one token
 * authenticates as {@link Caller#operator()}), which has no plan or key allow-list; it still cannot call models.
 */
class AdminTokenReadEndpointsTest {

    @Test
    void providersPricingAndRouteExplainAnswerTheAdminToken() throws Exception {
        try (var upstream = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
             var g = TestGateway.with(TestGateway.config(upstream.baseUrl(), 5_000, 1, Duration.ofSeconds(2)),
                     Caller.operator())) {
            assertThat(ok(g.call("GET", "/api/v1/providers", null)).at("/data/0/id").asText()).isEqualTo("openai");
            assertThat(ok(g.call("GET", "/api/v1/providers/openai", null)).at("/health/circuit").asText())
                    .isEqualTo("closed");
            assertThat(ok(g.call("GET", "/api/v1/pricing", null)).path("data").size()).isPositive();
            assertThat(ok(g.call("GET", "/api/v1/pricing/openai/gpt-4o-mini", null)).path("id").asText())
                    .isEqualTo("openai/gpt-4o-mini");
            assertThat(ok(g.call("GET", "/api/v1/pricing/compare?prompt_tokens=10&completion_tokens=10", null))
                    .path("data").size()).isPositive();
            assertThat(ok(g.call("POST", "/api/v1/pricing/estimate",
                    "{\"model\":\"openai/gpt-4o-mini\",\"prompt_tokens\":1000000,\"max_tokens\":0}"))
                    .path("estimated_cost_micros").asLong()).isEqualTo(150_000);
            JsonNode explained = ok(g.call("POST", "/api/v1/route/explain",
                    "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
            assertThat(explained.path("chosen").asText()).isEqualTo("openai/gpt-4o-mini");
            assertThat(explained.path("route").asText()).isEqualTo("chat");

            HttpResponse<String> chat = g.post("/chat/completions",
                    "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(chat.statusCode()).isEqualTo(403);
            assertThat(Json.MAPPER.readTree(chat.body()).at("/error/code").asText()).isEqualTo("admin_token_not_allowed");
            assertThat(upstream.requests()).isEmpty();
        }
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }
}
