package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Catalog price × reported tokens, to the micro-dollar, in the header and the usage record. */
class CostAccountingTest {
    // openai/gpt-4o-mini: $0.15 in, $0.075 cached in, $0.60 out per million tokens.
    // 12,345 prompt (2,000 cached), 678 completion (100 reasoning):
    // 10,345 × 0.15 + 2,000 × 0.075 + 678 × 0.60 = 1,551.75 + 150 + 406.8 = 2,108.55 → 2,109 µ$
    private static final long COST_MICROS = 2_109;

    private FakeOpenAi upstream;
    private TestGateway keyroute;

    @BeforeEach
    void start() {
        upstream = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
        keyroute = TestGateway.inFrontOf(upstream.baseUrl());
    }

    @AfterEach
    void stop() {
        keyroute.close();
        upstream.close();
    }

    private static String ask(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    @Test
    void nonStreamingAnswerCarriesItsCostAndTheRecordHasIt() throws Exception {
        upstream.enqueue(Reply.text("hello").usage(12_345, 678, 2_000, 100));
        var response = keyroute.post("/chat/completions", ask("openai/gpt-4o-mini", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-keyroute-cost-usd")).hasValue("0.002109");
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.costMicros()).isEqualTo(COST_MICROS);
        assertThat(record.usage().cachedTokens()).isEqualTo(2_000);
        assertThat(record.usage().reasoningTokens()).isEqualTo(100);
        assertThat(record.userId()).isEqualTo("user_test");
        assertThat(record.credentialId()).isEqualTo("system:openai");
        assertThat(record.route()).isNull();
    }

    @Test
    void streamedAnswerIsPricedInItsRecord() throws Exception {
        upstream.enqueue(Reply.chunks("hel", "lo").usage(12_345, 678, 2_000, 100));
        var response = keyroute.post("/chat/completions", ask("chat", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-keyroute-cost-usd")).isEmpty();
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.costMicros()).isEqualTo(COST_MICROS);
        assertThat(record.route()).isEqualTo("chat");
        assertThat(record.streamed()).isTrue();
    }

    @Test
    void aRetriedRequestIsCountedOnce() throws Exception {
        upstream.enqueue(Reply.serverError(), Reply.serverError(), Reply.text("hello").usage(12_345, 678, 2_000, 100));
        var response = keyroute.post("/chat/completions", ask("openai/gpt-4o-mini", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-keyroute-attempts")).hasValue("3");
        assertThat(response.headers().firstValue("x-keyroute-cost-usd")).hasValue("0.002109");
        // The record is the handler's last act, so once one is there a second would be too.
        assertThat(keyroute.awaitRecords(1)).singleElement().satisfies(r -> {
            assertThat(r.attempts()).isEqualTo(3);
            assertThat(r.costMicros()).isEqualTo(COST_MICROS);
        });
    }
}
