package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyLimits;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.server.limits.BudgetGate;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.gemini.FakeGemini;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import io.keyroute.usage.budget.Budgets;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * While any budget applies to the caller (here the key's own {@code budget_usd}), a request that
 * may reach a model without a catalog price is refused with 403 {@code model_not_priced} before
 * anything is sent; a provider's own spelling of a catalog model is that model, priced as it.
 * Without a budget an unpriced model is served and recorded with a null cost.
 */
class UnpricedModelsTest {
    private static final String UNPRICED = "openai/gpt-4o-2099-01-01";
    private static final Caller BUDGETED = new Caller("key_b", "user_b", null, null, Set.of(), false,
            new KeyLimits(null, null, 5_000_000L)); // $5 on the key

    private final FakeOpenAi openai = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
    private final FakeAnthropic anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
    private final FakeGemini gemini = FakeGemini.start(TestGateway.GEMINI_KEY);
    private final LocalBudgets local = LocalBudgets.open(Clock.systemUTC());
    private final Budgets budgets = local.budgets();
    private TestGateway keyroute;

    @AfterEach
    void stop() {
        if (keyroute != null) {
            keyroute.close();
        }
        local.close();
        gemini.close();
        anthropic.close();
        openai.close();
    }

    private void start(Caller caller) {
        var config = new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 64), null, null,
                List.of(new ProviderSettings("openai", "openai", openai.baseUrl(), TestGateway.UPSTREAM_KEY, 5_000L,
                                2_000L, Map.of()),
                        new ProviderSettings("anthropic", "anthropic", anthropic.baseUrl(), TestGateway.ANTHROPIC_KEY,
                                5_000L, 2_000L, Map.of()),
                        new ProviderSettings("gemini", "gemini", gemini.baseUrl(), TestGateway.GEMINI_KEY, 5_000L, 2_000L,
                                Map.of())),
                List.of(),
                List.of(new RouteSettings("cheap", "fallback", List.of("openai/gpt-4o-mini"), List.of(UNPRICED), Map.of()),
                        new RouteSettings("flash", "fallback", List.of("gemini/models/gemini-2.5-flash"), List.of(),
                                Map.of())),
                new RetrySettings(1, 1L, 5L), null, null);
        RequestGate gate = new BudgetGate(budgets, Clock.systemUTC());
        keyroute = TestGateway.with(config, caller, gate);
    }

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private void nothingWasSent() {
        assertThat(openai.requestCount()).isZero();
        assertThat(anthropic.requests()).isEmpty();
        assertThat(gemini.requests()).isEmpty();
    }

    @Test
    void underABudgetAnUnpricedModelIs403SayingHowToPriceIt() throws Exception {
        start(BUDGETED);

        HttpResponse<String> res = keyroute.post("/chat/completions", chat(UNPRICED));

        assertThat(res.statusCode()).isEqualTo(403);
        JsonNode error = Json.MAPPER.readTree(res.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("model_not_priced");
        assertThat(error.path("type").asText()).isEqualTo("permission_error");
        assertThat(error.path("message").asText()).contains(UNPRICED, "models:", "input_usd_per_mtok",
                "output_usd_per_mtok");
        nothingWasSent();
        assertThat(keyroute.awaitRecord(1).status()).isEqualTo(403);
    }

    @Test
    void theMessagesEndpointRefusesInAnthropicsShape() throws Exception {
        start(BUDGETED);

        HttpResponse<String> res = keyroute.post("/messages", chat("anthropic/claude-undated-alias"));

        assertThat(res.statusCode()).isEqualTo(403);
        JsonNode root = Json.MAPPER.readTree(res.body());
        assertThat(root.path("type").asText()).isEqualTo("error");
        assertThat(root.path("error").path("type").asText()).isEqualTo("permission_error");
        assertThat(root.path("error").path("message").asText()).contains("anthropic/claude-undated-alias", "models:");
        nothingWasSent();
    }

    @Test
    void embeddingsToAnUnpricedModelAreRefusedToo() throws Exception {
        start(BUDGETED);

        HttpResponse<String> res = keyroute.post("/embeddings", "{\"model\":\"openai/text-embedding-9\",\"input\":\"hi\"}");

        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(res.body()).path("error").path("code").asText()).isEqualTo("model_not_priced");
        nothingWasSent();
    }

    @Test
    void aRouteThatMayFailOverToAnUnpricedModelIsRefusedNamingIt() throws Exception {
        start(BUDGETED);

        HttpResponse<String> res = keyroute.post("/chat/completions", chat("cheap"));

        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(res.body()).path("error").path("message").asText()).contains(UNPRICED);
        nothingWasSent();
    }

    @Test
    void geminisOwnSpellingIsTheCatalogModelRoutedAndPricedAsIt() throws Exception {
        start(BUDGETED);
        gemini.enqueue(Reply.text("one").usage(1_000, 200, 0, 0), Reply.text("two").usage(1_000, 200, 0, 0));

        HttpResponse<String> spelled = keyroute.post("/chat/completions", chat("gemini/models/gemini-2.5-flash"));
        HttpResponse<String> catalog = keyroute.post("/chat/completions", chat("gemini/gemini-2.5-flash"));

        assertThat(spelled.statusCode()).isEqualTo(200);
        assertThat(catalog.statusCode()).isEqualTo(200);
        assertThat(spelled.headers().firstValue("x-keyroute-model")).hasValue("gemini/gemini-2.5-flash");
        assertThat(gemini.requests()).extracting(r -> r.rawPath()).containsOnly(
                "/v1beta/models/gemini-2.5-flash:generateContent");
        List<RequestRecord> records = keyroute.awaitRecords(2);
        assertThat(records).extracting(RequestRecord::model).containsOnly("gemini-2.5-flash");
        assertThat(records.getFirst().costMicros()).isPositive().isEqualTo(records.getLast().costMicros());
        assertThat(spelled.headers().firstValue("x-keyroute-cost-usd")).isEqualTo(
                catalog.headers().firstValue("x-keyroute-cost-usd"));
    }

    @Test
    void aRouteCandidateInTheProvidersSpellingIsTheCatalogModel() throws Exception {
        start(BUDGETED);
        gemini.enqueue(Reply.text("one").usage(1_000, 200, 0, 0));

        HttpResponse<String> res = keyroute.post("/chat/completions", chat("flash"));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("x-keyroute-model")).hasValue("gemini/gemini-2.5-flash");
        assertThat(keyroute.awaitRecord(1).costMicros()).isPositive();
    }

    @Test
    void withoutABudgetAnUnpricedModelIsServedWithANullCost() throws Exception {
        start(Caller.unrestricted("key_free", "user_free"));

        HttpResponse<String> res = keyroute.post("/chat/completions", chat(UNPRICED));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(openai.lastRequest().json().path("model").asText()).isEqualTo("gpt-4o-2099-01-01");
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.model()).isEqualTo("gpt-4o-2099-01-01");
        assertThat(record.costMicros()).isNull();
    }
}
