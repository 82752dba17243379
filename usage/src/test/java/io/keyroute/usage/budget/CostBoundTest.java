package io.keyroute.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.PromptFraming;
import io.keyroute.catalog.Capability;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.Target;
import io.keyroute.catalog.Tier;
import io.keyroute.usage.tokens.PdfPagesTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostBoundTest {
    static final ModelInfo MINI = model("openai/gpt-4o-mini", 0.15, 0.60, 128_000, 16_384, Set.of());
    /** Anthropic's prices: cache reads at 0.1×, writes at 1.25× (5 minutes) and 2× (one hour) the input. */
    static final ModelInfo SONNET = new ModelInfo(Target.parse("anthropic/claude-sonnet-4-5"), 3.0, 15.0, 0.3, 3.75, 6.0,
            200_000, 64_000, Tier.PREMIUM, Set.of(), "test", null);
    private static final ModelInfo EMBED = model("openai/text-embedding-3-small", 0.02, 0.0, 8_191, null,
            Set.of(Capability.EMBEDDINGS));
    private static final ModelInfo UNPRICED = model("local/llama", null, null, 8_000, 4_000, Set.of());

    private static ModelInfo model(String id, Double in, Double out, Integer window, Integer maxOut, Set<Capability> caps) {
        return new ModelInfo(Target.parse(id), in, out, null, null, null, window, maxOut, Tier.BUDGET, caps, "test", null);
    }

    @Test
    void reservesForTheDearestTargetWithTheCallersOutputLimit() {
        long prompt = CostBound.promptTokens(4_000, 0); // 5,000 with the provider's allowance
        // sonnet: 5,000 × 6 (a one-hour cache write, its dearest input) + 1,000 × 15 = 45,000 µ$;
        // mini: 5,000 × 0.15 + 1,000 × 0.6 = 1,350 µ$
        assertThat(CostBound.maxMicros(List.of(MINI, SONNET, UNPRICED), prompt, 1_000)).isEqualTo(45_000);
        assertThat(CostBound.maxMicros(List.of(MINI), prompt, 1_000)).isEqualTo(1_350);
    }

    @Test
    void withoutACallerLimitTheModelsMaximumOutputIsReserved() {
        // 1,000 × 0.15 + 16,384 × 0.6 = 9,980.4 → 9,981 (rounded up: a bound)
        assertThat(CostBound.maxMicros(List.of(MINI), 1_000, 0)).isEqualTo(9_981);
    }

    @Test
    void imagesAddTheirAllowanceAndAChatPromptIsCappedAtTheContextWindow() {
        assertThat(CostBound.promptTokens(100, 2)).isEqualTo(100 + 2 * CostBound.TOKENS_PER_IMAGE + CostBound.PROVIDER_PROMPT_TOKENS);
        // 128,000 × 0.15 + 10 × 0.6 = 19,206
        assertThat(CostBound.maxMicros(List.of(MINI), 10_000_000, 10)).isEqualTo(19_206);
        // embeddings: many inputs may each fill the window, and nothing is output
        assertThat(CostBound.maxMicros(List.of(EMBED), 1_000_000, 0)).isEqualTo(20_000);
    }

    @Test
    void unpricedModelsReserveNothing() {
        assertThat(CostBound.maxMicros(List.of(UNPRICED), 1_000, 100)).isZero();
    }

    // The bound of a chat read from its body, at the built-in catalog's prices.
    static final CostBound.Target SONNET_45 = builtIn("anthropic/claude-sonnet-4-5", PromptFraming.ANTHROPIC);
    static final CostBound.Target MINI_AT_OPENAI = builtIn("openai/gpt-4o-mini", PromptFraming.OPENAI);

    static CostBound.Target builtIn(String id, PromptFraming api) {
        return new CostBound.Target(ModelCatalog.builtIn().find(Target.parse(id)).orElseThrow(), api);
    }

    static BillableRequest request(String json, Map<String, String> headers) {
        try {
            JsonNode body = Json.MAPPER.readTree(json);
            return BillableRequestReader.read(body, headers);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long bound(CostBound.Target target, String json) {
        return CostBound.maxMicros(List.of(target), request(json, Map.of()));
    }

    @Test
    void aPlainPromptIsItsTextBytesPlusTheProvidersFramingAtTheInputPrice() {
        String chat = "{\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
        // Anthropic: "user" + "Hello" = 9 bytes, 5 per message + 5 for the reply = 19 tokens at $3, 100 at $15:
        // 57 + 1,500 = 1,557 µ$ (it was (body bytes + 1,000) at the one-hour write price, $6: 8,000+).
        assertThat(bound(SONNET_45, chat)).isEqualTo(1_557);
        // OpenAI: 9 bytes + 3 + 3 = 15 tokens at $0.15, 100 at $0.60: 2.25 + 60 → 63 µ$ (rounded up).
        assertThat(bound(MINI_AT_OPENAI, chat)).isEqualTo(63);
        assertThat(CostBound.promptTokens(request(chat, Map.of()), SONNET_45)).isEqualTo(19);
    }

    @Test
    void multibyteTextCountsItsUtf8Bytes() {
        // "é日😀" is 2 + 3 + 4 = 9 UTF-8 bytes (a token covers at least one), with "user" 13.
        String chat = "{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"é日😀\"}]}";
        assertThat(request(chat, Map.of()).prompt().textBytes()).isEqualTo(13);
    }

    @Test
    void cacheWritePricesOnlyWhenTheRequestWritesACacheAndTheOneHourPriceOnlyForAnHour() {
        String none = "{\"max_tokens\":100,\"system\":[{\"type\":\"text\",\"text\":\"Be brief.\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
        String fiveMinutes = none.replace("\"Be brief.\"}", "\"Be brief.\",\"cache_control\":{\"type\":\"ephemeral\"}}");
        String anHour = none.replace("\"Be brief.\"}",
                "\"Be brief.\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}");
        // 9 + "Be brief." 9 = 18 bytes, 2 messages (the system one) × 5 + 5 = 33 tokens.
        assertThat(CostBound.promptTokens(request(none, Map.of()), SONNET_45)).isEqualTo(33);
        assertThat(bound(SONNET_45, none)).isEqualTo(33 * 3 + 1_500); // 1,599 µ$
        assertThat(bound(SONNET_45, fiveMinutes)).isEqualTo((33 * 375 + 99) / 100 + 1_500); // $3.75: 124 + 1,500
        assertThat(bound(SONNET_45, anHour)).isEqualTo(33 * 6 + 1_500); // $6
        // OpenAI's implicit caching bills cached tokens below the input price: a cache_control changes nothing.
        assertThat(bound(MINI_AT_OPENAI, anHour)).isEqualTo(bound(MINI_AT_OPENAI, none));
    }

    @Test
    void aCacheControlOnAToolOrAMessagePartCountsToo() {
        String onTool = "{\"max_tokens\":1,\"tools\":[{\"name\":\"f\",\"input_schema\":{},"
                + "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        String onPart = "{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}]}]}";
        assertThat(request(onTool, Map.of()).cacheWrite()).isEqualTo(BillableRequest.CacheWrite.ONE_HOUR);
        assertThat(request(onPart, Map.of()).cacheWrite()).isEqualTo(BillableRequest.CacheWrite.FIVE_MINUTES);
    }

    @Test
    void anthropicAddsItsPublishedToolUseSystemPromptOthersTheirFraming() {
        String tools = "{\"max_tokens\":1,\"tools\":[{\"name\":\"f\",\"input_schema\":{}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        long toolJson = "{\"name\":\"f\",\"input_schema\":{}}".length();
        long plain = 5 + 5 + 5 + toolJson; // "user" + "x", framing, the tool's JSON
        assertThat(CostBound.promptTokens(request(tools, Map.of()), SONNET_45)).isEqualTo(plain + 346);
        String forced = tools.replace("\"tools\"", "\"tool_choice\":{\"type\":\"any\"},\"tools\"");
        long choiceJson = "{\"type\":\"any\"}".length();
        assertThat(CostBound.promptTokens(request(forced, Map.of()), SONNET_45)).isEqualTo(plain + choiceJson + 313);
        var haiku35 = builtIn("anthropic/claude-3-5-haiku-latest", PromptFraming.ANTHROPIC);
        assertThat(CostBound.promptTokens(request(forced, Map.of()), haiku35)).isEqualTo(plain + choiceJson + 340);
        // OpenAI: 3 per message + 3, and 12 for the functions' namespace; no Anthropic prompt.
        assertThat(CostBound.promptTokens(request(tools, Map.of()), MINI_AT_OPENAI)).isEqualTo(5 + 3 + 3 + toolJson + 12);
        // Anthropic's own client tools add their documented prompt: bash 245.
        String bash = "{\"max_tokens\":1,\"tools\":[{\"type\":\"bash_20250124\",\"name\":\"bash\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        long bashJson = "{\"type\":\"bash_20250124\",\"name\":\"bash\"}".length();
        assertThat(CostBound.promptTokens(request(bash, Map.of()), SONNET_45)).isEqualTo(15 + bashJson + 346 + 245);
    }

    @Test
    void eachOfNChoicesIsBilledItsOutputThePromptOnce() {
        String three = "{\"n\":3,\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
        // 15 × 0.15 + 300 × 0.60 = 182.25 → 183
        assertThat(bound(MINI_AT_OPENAI, three)).isEqualTo(183);
    }

    @Test
    void theLongContextBetaOpensTheMillionTokenWindowAtThePremiumPrice() {
        String longPrompt = "{\"max_tokens\":1000,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "a".repeat(300_000) + "\"}]}";
        var plain = request(longPrompt, Map.of());
        var opened = request(longPrompt, Map.of("anthropic-beta", "files-api-2025-04-14, context-1m-2025-08-07"));
        // Without the beta, Anthropic refuses a prompt beyond 200k: 200,000 × $3 + 1,000 × $15.
        assertThat(CostBound.promptTokens(plain, SONNET_45)).isEqualTo(200_000);
        assertThat(CostBound.maxMicros(List.of(SONNET_45), plain)).isEqualTo(600_000 + 15_000);
        // With it, the whole prompt (300,014 tokens) at $6 and the output at $22.50.
        assertThat(CostBound.promptTokens(opened, SONNET_45)).isEqualTo(300_014);
        assertThat(CostBound.maxMicros(List.of(SONNET_45), opened)).isEqualTo(300_014 * 6 + 22_500);
    }

    @Test
    void imagesKeepTheirAllowanceAndContentByReferenceIsBoundedByTheWindow() {
        String image = "{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}]}]}";
        assertThat(CostBound.promptTokens(request(image, Map.of()), MINI_AT_OPENAI))
                .isEqualTo(4 + CostBound.TOKENS_PER_IMAGE + 3 + 3);
        String pdf = "{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\","
                + "\"source\":{\"type\":\"url\",\"url\":\"https://example.com/a.pdf\"}}]}]}";
        assertThat(CostBound.promptTokens(request(pdf, Map.of()), SONNET_45)).isEqualTo(200_000);
        // A plain-text document carries its text: "user" + "text/plain" + "Hi there" + framing.
        String text = "{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\","
                + "\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"Hi there\"}}]}]}";
        assertThat(CostBound.promptTokens(request(text, Map.of()), SONNET_45)).isEqualTo(4 + 10 + 8 + 10);
    }

    @Test
    void anInlinePdfIsBoundedByItsPagesAtEachApisPageRate() {
        String pdf = PdfPagesTest.base64(PdfPagesTest.pdf(3, new PdfPagesTest.Spelling(" ", false, true, "")));
        BillableRequest request = request("{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":[{"
                + "\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\","
                + "\"data\":\"" + pdf + "\"}}]}]}", Map.of());

        assertThat(request.prompt().pdfPages()).isEqualTo(3);
        assertThat(request.prompt().openEnded()).isFalse();
        // "user" + 3 pages at 3,000 text + 1,600 image + Anthropic's framing (5 + 5).
        assertThat(CostBound.promptTokens(request, SONNET_45)).isEqualTo(4 + 3 * 4_600 + 10);
        // Gemini: 560 a page (Gemini 3's default resolution; 258 on 2.x) + framing (5 + 5).
        assertThat(CostBound.promptTokens(request, builtIn("gemini/gemini-2.5-flash", PromptFraming.GEMINI)))
                .isEqualTo(4 + 3 * 560 + 10);
    }
}
