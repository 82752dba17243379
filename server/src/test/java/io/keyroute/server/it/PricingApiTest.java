package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /api/v1/pricing/estimate} and {@code /compare} on a real gateway with the built-in catalog. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one gateway, and its token counters load each encoding once
class PricingApiTest {
    private final TestGateway keyroute = TestGateway.inFrontOf("http://127.0.0.1:9");

    @AfterAll
    void stop() {
        keyroute.close();
    }

    @Test
    void anOpenAiEstimateCountsWithTheModelsTokenizerAndCostsExactly() throws Exception {
        JsonNode estimate = post("""
                {"model": "openai/gpt-4o-mini", "max_tokens": 100,
                 "messages": [{"role": "user", "content": "Hello world"}]}""");

        assertThat(estimate.path("tokenizer").asText()).isEqualTo("o200k_base");
        assertThat(estimate.has("approximation")).isFalse();
        // "Hello world" is 2 o200k tokens; 3 per message + "user" + 3 priming the reply
        assertThat(estimate.path("prompt_tokens").asInt()).isEqualTo(9);
        assertThat(estimate.path("completion_tokens").asInt()).isEqualTo(100);
        assertThat(estimate.path("completion_tokens_from").asText()).isEqualTo("max_tokens");
        // 9 × $0.15 + 100 × $0.60 per million = 61.35 µ$ → 61
        assertThat(estimate.path("estimated_cost_micros").asLong()).isEqualTo(61);
        assertThat(estimate.path("estimated_cost_usd").decimalValue()).isEqualByComparingTo("0.000061");
    }

    @Test
    void otherFamiliesAreApproximatedAndSaySo() throws Exception {
        JsonNode estimate = post("""
                {"model": "claude-haiku-4-5",
                 "messages": [{"role": "user", "content": "Здравствуйте, как у вас дела сегодня?"}]}""");

        assertThat(estimate.path("model").asText()).isEqualTo("anthropic/claude-haiku-4-5");
        assertThat(estimate.path("approximation").asText()).isEqualTo("o200k_base");
        assertThat(estimate.has("tokenizer")).isFalse();
        assertThat(estimate.path("prompt_tokens").asInt()).isEqualTo(8 + 7);
        assertThat(estimate.path("completion_tokens").asInt()).isEqualTo(500);
        assertThat(estimate.path("completion_tokens_from").asText()).isEqualTo("default");
        // 15 × $1 + 500 × $5 per million
        assertThat(estimate.path("estimated_cost_micros").asLong()).isEqualTo(2_515);
        assertThat(estimate.path("estimated_cost_usd").decimalValue()).isEqualByComparingTo("0.002515");
    }

    @Test
    void givenPromptTokensAreTakenAsTheyAre() throws Exception {
        JsonNode estimate = post("{\"model\":\"openai/gpt-4o-mini\",\"prompt_tokens\":1000000,\"max_completion_tokens\":0}");

        assertThat(estimate.has("tokenizer") || estimate.has("approximation")).isFalse();
        assertThat(estimate.path("completion_tokens_from").asText()).isEqualTo("max_completion_tokens");
        assertThat(estimate.path("estimated_cost_micros").asLong()).isEqualTo(150_000);
    }

    @Test
    void aLongContextModelShowsItsPremiumAndEstimatesALongPromptAtIt() throws Exception {
        JsonNode sonnet = get("/api/v1/pricing/anthropic/claude-sonnet-4-5");
        JsonNode premium = sonnet.path("long_context");
        assertThat(premium.path("above_tokens").asInt()).isEqualTo(200_000);
        assertThat(premium.path("input_usd_per_mtok").decimalValue()).isEqualByComparingTo("6");
        assertThat(premium.path("output_usd_per_mtok").decimalValue()).isEqualByComparingTo("22.5");
        assertThat(premium.path("context_window").asInt()).isEqualTo(1_000_000);
        assertThat(premium.path("beta").asText()).isEqualTo("context-1m-2025-08-07");

        // Gemini 2.5 Pro above 200k: $2.50 in, $15 out per million (not $1.25 / $10).
        JsonNode estimate = post("{\"model\":\"gemini/gemini-2.5-pro\",\"prompt_tokens\":300000,\"max_tokens\":1000}");
        assertThat(estimate.path("estimated_cost_micros").asLong()).isEqualTo(750_000 + 15_000);
    }

    @Test
    void anEstimateWithoutMessagesOrPromptTokensIsABadRequest() throws Exception {
        var res = keyroute.call("POST", "/api/v1/pricing/estimate", "{\"model\":\"openai/gpt-4o-mini\"}");

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(res.body()).path("error").path("message").asText())
                .isEqualTo("'messages' or 'prompt_tokens' is required.");
    }

    @Test
    void compareListsCapableModelsCheapestFirstAtExactCost() throws Exception {
        JsonNode rows = get("/api/v1/pricing/compare?prompt_tokens=1000&completion_tokens=1000&capability=vision,reasoning")
                .path("data");
        JsonNode repeated = get("/api/v1/pricing/compare?prompt_tokens=1000&completion_tokens=1000"
                + "&capability=vision&capability=reasoning").path("data");

        assertThat(repeated).isEqualTo(rows);
        List<String> ids = new ArrayList<>();
        List<JsonNode> list = new ArrayList<>();
        rows.forEach(row -> {
            ids.add(row.path("id").asText());
            list.add(row);
            assertThat(row.path("capabilities").toString()).contains("\"vision\"", "\"reasoning\"");
            BigDecimal exact = row.path("input_usd_per_mtok").decimalValue().multiply(BigDecimal.valueOf(1000))
                    .add(row.path("output_usd_per_mtok").decimalValue().multiply(BigDecimal.valueOf(1000)));
            assertThat(row.path("cost_micros").asLong()).isEqualTo(exact.longValueExact());
        });
        assertThat(list).isSortedAccordingTo(Comparator.comparingLong((JsonNode r) -> r.path("cost_micros").asLong())
                .thenComparing(r -> r.path("id").asText()));
        // catalog 2026-11-21: gpt-5-nano $0.05/$0.40, gemini-2.5-flash-lite $0.10/$0.40
        assertThat(ids).startsWith("openai/gpt-5-nano", "gemini/gemini-2.5-flash-lite").doesNotContain("openai/gpt-4o-mini");
        assertThat(rows.get(0).path("cost_usd").decimalValue()).isEqualByComparingTo("0.000450");
    }

    @Test
    void anUnknownCapabilityIsABadRequest() throws Exception {
        assertThat(keyroute.call("GET", "/api/v1/pricing/compare?capability=telepathy", null).statusCode()).isEqualTo(400);
        assertThat(keyroute.call("GET", "/api/v1/pricing?capability=telepathy", null).statusCode()).isEqualTo(400);
    }

    @Test
    void theListFilteredByPdfHasThePdfReadingModelsOnly() throws Exception {
        JsonNode all = get("/api/v1/pricing").path("data");
        JsonNode pdf = get("/api/v1/pricing?capability=pdf").path("data");

        List<String> ids = new ArrayList<>();
        pdf.forEach(row -> ids.add(row.path("id").asText()));
        assertThat(ids).contains("anthropic/claude-sonnet-4-5", "anthropic/claude-3-5-haiku-latest",
                "gemini/gemini-2.5-flash", "openai/gpt-4o", "openai/gpt-5", "openai/o3")
                .doesNotContain("deepseek/deepseek-chat", "openai/text-embedding-3-small");
        pdf.forEach(row -> assertThat(row.path("capabilities").toString()).contains("\"pdf\""));
        assertThat(pdf.size()).isEqualTo(19).isLessThan(all.size());
    }

    private JsonNode post(String body) throws Exception {
        var res = keyroute.call("POST", "/api/v1/pricing/estimate", body);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return Json.MAPPER.readTree(res.body());
    }

    private JsonNode get(String path) throws Exception {
        var res = keyroute.call("GET", path, null);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return Json.MAPPER.readTree(res.body());
    }
}
