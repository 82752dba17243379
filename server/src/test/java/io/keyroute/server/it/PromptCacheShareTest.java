package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.it.ManagementApiTest.Tenancy;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole way on loopback: two members of a workspace ask a support route with the same long system
 * prompt, OpenAI is sent both under one {@code prompt_cache_key} and reports the second's prefix read from
 * its cache, and {@code GET /api/v1/usage?group_by=route} shows the route's cached share of prompt tokens.
 */
class PromptCacheShareTest {
    private static final String KEY = "sk-proj-" + "PrefixPrefixPrefixPrefixPrefix01";
    private static final String SYSTEM = "You answer for Example Corp's help desk; cite the article you used. ".repeat(70);

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    private static String support(String question) {
        var body = Json.MAPPER.createObjectNode().put("model", "support");
        body.putArray("messages").add(Json.MAPPER.createObjectNode().put("role", "system").put("content", SYSTEM))
                .add(Json.MAPPER.createObjectNode().put("role", "user").put("content", question));
        return body.toString();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRoutesUsageRowSaysWhatShareOfItsPromptTheProviderReadFromItsCache(TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.builder().apiKey(KEY).start();
             var g = new VaultGateway(db, List.of(new ProviderSettings("openai", "openai", upstream.baseUrl(), KEY, 5_000L,
                     2_000L, Map.of())), List.of(new RouteSettings("support", "fallback", List.of("openai/gpt-4o-mini"),
                     List.of(), Map.of())))) {
            Tenancy t = Tenancy.create(g);
            upstream.enqueue(Reply.text("a").usage(1_400, 10, 0, 0), Reply.text("b").usage(1_500, 10, 1_280, 0));

            assertThat(g.call("POST", "/v1/chat/completions", t.adaKey(), support("Where is my order?")).status())
                    .isEqualTo(200);
            String first = upstream.lastRequest().json().path("prompt_cache_key").asText();
            assertThat(g.call("POST", "/v1/chat/completions", t.bobKey(), support("How do I reset my password?")).status())
                    .isEqualTo(200);
            assertThat(upstream.lastRequest().json().path("prompt_cache_key").asText()).matches("kr-[0-9a-f]{32}")
                    .as("one name for the workspace's prefix").isEqualTo(first);
            assertThat(g.awaitUsageRows(2)).isEqualTo(2);

            Response usage = g.call("GET", "/api/v1/usage?group_by=route", VaultGateway.ADMIN_TOKEN, null);
            assertThat(usage.status()).as(usage.body()).isEqualTo(200);
            JsonNode route = StreamSupport.stream(usage.json().get("data").spliterator(), false)
                    .filter(r -> "support".equals(r.path("group").asText())).findFirst().orElseThrow();
            assertThat(route.get("prompt_tokens").asLong()).isEqualTo(2_900);
            assertThat(route.get("cached_tokens").asLong()).isEqualTo(1_280);
            assertThat(route.get("cached_share").decimalValue()).isEqualByComparingTo("0.4414"); // 1,280 / 2,900
        }
    }
}
