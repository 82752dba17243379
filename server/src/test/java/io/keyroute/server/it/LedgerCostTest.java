package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.accounting.LedgerSink;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.store.Database;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.gemini.FakeGemini;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.usage.LedgerJournal;
import io.keyroute.usage.UsageLedger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What lands in the usage ledger, to the micro-dollar, for each provider type, streamed and not:
 * every fake reports 12,345 prompt tokens (2,000 of them cached) and 678 completion tokens in its
 * own wire format. Expected costs are worked out by hand from the catalog's list prices (USD per
 * million tokens = micro-dollars per token), rounded once, half up.
 */
class LedgerCostTest {
    private static final Reply ANSWER = Reply.chunks("hel", "lo").usage(12_345, 678, 2_000, 0);

    private static FakeOpenAi openai;
    private static FakeAnthropic anthropic;
    private static FakeGemini gemini;
    private static Database database;
    private static TestGateway keyroute;
    @TempDir
    static Path journalDir;

    @BeforeAll
    static void start() {
        openai = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
        anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
        gemini = FakeGemini.start(TestGateway.GEMINI_KEY);
        database = Database.open(TestServices.sqlite().url());
        database.migrate();
        var config = new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 64), null, null,
                List.of(new ProviderSettings("openai", "openai", openai.baseUrl(), TestGateway.UPSTREAM_KEY, 5_000L, 2_000L, Map.of()),
                        new ProviderSettings("deepseek", "openai-compatible", openai.baseUrl(), TestGateway.UPSTREAM_KEY,
                                5_000L, 2_000L, Map.of()),
                        new ProviderSettings("anthropic", "anthropic", anthropic.baseUrl(), TestGateway.ANTHROPIC_KEY,
                                5_000L, 2_000L, Map.of()),
                        new ProviderSettings("gemini", "gemini", gemini.baseUrl(), TestGateway.GEMINI_KEY, 5_000L, 2_000L,
                                Map.of())),
                List.of(), List.of(), new RetrySettings(1, 1L, 5L), null, null);
        keyroute = TestGateway.with(config, Caller.unrestricted("key_test", "user_test"),
                new LedgerSink(UsageLedger.start(database,
                        LedgerJournal.open(journalDir, LedgerJournal.DEFAULT_SEGMENT_BYTES), UsageLedger.Settings.DEFAULT),
                        Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        keyroute.close();
        database.close();
        gemini.close();
        anthropic.close();
        openai.close();
    }

    @ParameterizedTest(name = "{0} stream={1}")
    @CsvSource({
            // 10,345 × 0.15 + 2,000 × 0.075 + 678 × 0.60 = 2,108.55
            "openai/gpt-4o-mini,         false, 2109",
            "openai/gpt-4o-mini,         true,  2109",
            // 10,345 × 0.28 + 2,000 × 0.028 + 678 × 0.42 = 3,237.36
            "deepseek/deepseek-chat,     false, 3237",
            "deepseek/deepseek-chat,     true,  3237",
            // 10,345 × 1.00 + 2,000 × 0.10 + 678 × 5.00 = 13,935
            "anthropic/claude-haiku-4-5, false, 13935",
            "anthropic/claude-haiku-4-5, true,  13935",
            // Google's context-caching read price: 10,345 × 0.30 + 2,000 × 0.075 + 678 × 2.50 = 4,948.5
            "gemini/gemini-2.5-flash,    false, 4949",
            "gemini/gemini-2.5-flash,    true,  4949"})
    void theLedgerHoldsTheExactCost(String model, boolean stream, long micros) throws Exception {
        fakeOf(model).run();

        HttpResponse<String> response = keyroute.post("/chat/completions", "{\"model\":\"" + model + "\",\"stream\":"
                + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        if (!stream) {
            assertThat(response.headers().firstValue("x-keyroute-cost-usd")).hasValue(String.format("0.%06d", micros));
        }
        String requestId = response.headers().firstValue("x-keyroute-request-id").orElseThrow();
        assertThat(ledgerRow(requestId)).isEqualTo(List.of(12_345L, 678L, 2_000L, micros));
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void anthropicPromptCacheWritesPayTheirOwnPrices(boolean stream) throws Exception {
        anthropic.enqueue(ANSWER.cacheWrites(5_000, 1_000));

        HttpResponse<String> response = keyroute.post("/chat/completions", "{\"model\":\"anthropic/claude-haiku-4-5\","
                + "\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        // 5,345 plain × 1.00 + 2,000 read × 0.10 + 4,000 written for 5 min × 1.25 + 1,000 for 1 h × 2.00
        // + 678 out × 5.00 = 5,345 + 200 + 5,000 + 2,000 + 3,390
        String requestId = response.headers().firstValue("x-keyroute-request-id").orElseThrow();
        assertThat(ledgerRow(requestId)).isEqualTo(List.of(12_345L, 678L, 2_000L, 15_935L));
    }

    private static Runnable fakeOf(String model) {
        return switch (model.substring(0, model.indexOf('/'))) {
            case "openai", "deepseek" -> () -> openai.enqueue(ANSWER);
            case "anthropic" -> () -> anthropic.enqueue(ANSWER);
            default -> () -> gemini.enqueue(ANSWER);
        };
    }

    /** prompt, completion, cached tokens and cost of the request's row, once the ledger wrote it. */
    private static List<Long> ledgerRow(String requestId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var row = database.jdbc().queryOne("SELECT prompt_tokens, completion_tokens, cached_tokens, cost_micros "
                            + "FROM usage_events WHERE request_id = ?",
                    rs -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), requestId);
            if (row.isPresent()) {
                return row.get();
            }
            Thread.sleep(25); // the ledger writes every ~100 ms
        }
        throw new AssertionError("no ledger row for " + requestId);
    }
}
