package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.server.accounting.LedgerSink;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.store.Database;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.usage.LedgerJournal;
import io.keyroute.usage.RequestRecord;
import io.keyroute.usage.UsageLedger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller who reads part of a stream and hangs up is charged what the provider reported and, where
 * it reported nothing yet, an upper bound (the reservation's prompt and output bounds: the provider
 * may have generated far more than was read); the row says it is an estimate. Likewise an attempt the provider accepted and
 * that then failed without a count. A stream read to its end is charged exactly as reported.
 */
class AbandonedStreamChargeTest {
    private static final String OPENAI_BODY = "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"tell me a long story\"}]}";
    private static final String ANTHROPIC_BODY = "{\"model\":\"anthropic/claude-3-5-haiku-latest\",\"max_tokens\":2000,"
            + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"tell me a long story\"}]}";
    /** The reservation's prompt bound of those bodies at OpenAI: "user" and the 20-byte question, 3 + 3 of framing. */
    private static final long PROMPT_BOUND = 4 + 20 + 3 + 3;
    private static final Reply STORY = Reply.text("once upon a time there was a gateway that counted every token")
            .usage(1_200, 300, 0, 0);

    @TempDir
    Path journalDir;
    private FakeOpenAi openai;
    private FakeAnthropic anthropic;
    private Database database;
    private TestGateway keyroute;

    @BeforeEach
    void start() {
        openai = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
        anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
        database = Database.open(TestServices.sqlite().url());
        database.migrate();
        // A 100 ms heartbeat: a caller that hangs up while the upstream is silent is noticed at once.
        var config = new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 100L, 64), null, null,
                List.of(new ProviderSettings("openai", "openai", openai.baseUrl(), TestGateway.UPSTREAM_KEY, 5_000L,
                                2_000L, Map.of()),
                        new ProviderSettings("anthropic", "anthropic", anthropic.baseUrl(), TestGateway.ANTHROPIC_KEY,
                                5_000L, 2_000L, Map.of())),
                List.of(), List.of(), new RetrySettings(1, 1L, 5L), null, null);
        keyroute = TestGateway.with(config, Caller.unrestricted("key_test", "user_test"),
                new LedgerSink(UsageLedger.start(database,
                        LedgerJournal.open(journalDir, LedgerJournal.DEFAULT_SEGMENT_BYTES), UsageLedger.Settings.DEFAULT),
                        Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        keyroute.close();
        database.close();
        anthropic.close();
        openai.close();
    }

    @Test
    void anOpenAiStreamAbandonedBeforeItsUsageChunkIsChargedItsBounds() throws Exception {
        openai.enqueue(STORY.gated());
        openai.releaseChunks(3);
        try (var client = new RawSseClient(keyroute.gateway.port(), "/v1/chat/completions", TestGateway.KEYROUTE_KEY,
                OPENAI_BODY)) {
            for (int i = 0; i < 3; i++) { // the role chunk and two words, then the caller hangs up
                assertThat(client.nextData()).isNotNull();
            }
        }

        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.outcome()).isEqualTo("cancelled");
        assertThat(record.estimated()).isTrue();
        // no max_tokens: gpt-4o-mini's 16,384 output tokens, the reservation's bound
        assertThat(record.usage()).isEqualTo(new Usage(PROMPT_BOUND, 16_384, 0, 0));
        assertThat(record.costMicros()).isEqualTo(9_835); // 30 × 0.15 + 16,384 × 0.60 = 9,834.9
        assertThat(ledgerRow(record.requestId())).isEqualTo(List.of(9_835L, 1L));
        openai.releaseChunks(100);
    }

    @Test
    void anAnthropicStreamAbandonedBeforeMessageDeltaKeepsTheReportedInputAndBoundsTheOutput() throws Exception {
        anthropic.enqueue(STORY.gated());
        anthropic.releaseChunks(4);
        try (var client = new RawSseClient(keyroute.gateway.port(), "/v1/messages", TestGateway.KEYROUTE_KEY,
                ANTHROPIC_BODY)) {
            for (int i = 0; i < 4; i++) { // message_start (1,200 input tokens), content_block_start, ping, one word
                assertThat(client.nextData()).isNotNull();
            }
        }

        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.outcome()).isEqualTo("cancelled");
        assertThat(record.estimated()).isTrue();
        // the input as message_start reported it; the output at the request's max_tokens
        assertThat(record.usage()).isEqualTo(new Usage(1_200, 2_000, 0, 0));
        assertThat(record.costMicros()).isEqualTo(8_960); // 1,200 × 0.80 + 2,000 × 4.00
        assertThat(ledgerRow(record.requestId())).isEqualTo(List.of(8_960L, 1L));
        anthropic.releaseChunks(100);
    }

    @Test
    void aStreamReadToItsEndIsChargedExactlyAsReported() throws Exception {
        openai.enqueue(STORY);

        var response = keyroute.post("/chat/completions", OPENAI_BODY.replace("openai/gpt-4o-mini", "gpt-4o-mini"));

        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.estimated()).isFalse();
        assertThat(record.usage()).isEqualTo(new Usage(1_200, 300, 0, 0));
        assertThat(record.costMicros()).isEqualTo(360); // 1,200 × 0.15 + 300 × 0.60
        assertThat(ledgerRow(record.requestId())).isEqualTo(List.of(360L, 0L));
    }

    @Test
    void anAnthropicStreamReadToItsEndIsChargedExactlyAsReported() throws Exception {
        anthropic.enqueue(STORY);

        var response = keyroute.post("/messages", ANTHROPIC_BODY);

        assertThat(response.body()).contains("message_stop");
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.estimated()).isFalse();
        assertThat(record.usage()).isEqualTo(new Usage(1_200, 300, 0, 0));
        assertThat(record.costMicros()).isEqualTo(2_160); // 1,200 × 0.80 + 300 × 4.00
    }

    @Test
    void aStreamThatBrokeBeforeAnyEventIsChargedItsBounds() throws Exception {
        openai.enqueue(STORY.cutAfterChunks(0)); // 200 and headers, then the connection closes

        var response = keyroute.post("/chat/completions", OPENAI_BODY);

        assertThat(response.statusCode()).isEqualTo(502);
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.outcome()).isEqualTo("error");
        assertThat(record.estimated()).isTrue();
        assertThat(record.usage()).isEqualTo(new Usage(PROMPT_BOUND, 16_384, 0, 0));
        assertThat(record.costMicros()).isEqualTo(9_835);
        assertThat(ledgerRow(record.requestId())).isEqualTo(List.of(9_835L, 1L));
    }

    @Test
    void anAcceptedAnswerThatCannotBeReadIsChargedThePromptBoundAndTheOutputLimit() throws Exception {
        openai.enqueue(Reply.raw(200, "application/json", "{\"id\":\"chatcmpl-1\",\"choices\":[{\"mess"));
        String body = OPENAI_BODY.replace("\"stream\":true", "\"stream\":false,\"max_tokens\":700");

        var response = keyroute.post("/chat/completions", body);

        assertThat(response.statusCode()).isEqualTo(502);
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.estimated()).isTrue();
        assertThat(record.usage()).isEqualTo(new Usage(PROMPT_BOUND, 700, 0, 0));
        assertThat(record.costMicros()).isEqualTo(425); // 30 × 0.15 + 700 × 0.60 = 424.5
    }

    /** cost and estimated (1/0) of the request's ledger row, once the ledger wrote it. */
    private List<Long> ledgerRow(String requestId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var row = database.jdbc().queryOne("SELECT cost_micros, estimated FROM usage_events WHERE request_id = ?",
                    rs -> List.of(rs.getLong(1), rs.getBoolean(2) ? 1L : 0L), requestId);
            if (row.isPresent()) {
                return row.get();
            }
            Thread.sleep(Duration.ofMillis(25)); // the ledger writes every ~100 ms
        }
        throw new AssertionError("no ledger row for " + requestId);
    }
}
