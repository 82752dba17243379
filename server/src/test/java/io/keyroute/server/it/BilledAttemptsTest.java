package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failed attempt the provider billed is counted in the request's one record, priced at its own
 * model: here a stream that reported its usage, then broke off before anything reached the caller.
 */
class BilledAttemptsTest {
    private FakeOpenAi upstream;
    private TestGateway keyroute;

    /** A usage chunk (no choices: held back from a caller that did not ask for usage), then the stream breaks off. */
    private static Reply usageThenCut(int prompt, int completion) {
        return Reply.raw(200, "text/event-stream", "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt
                + ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (prompt + completion) + "}}\n\n");
    }

    @BeforeEach
    void start() {
        upstream = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
        KeyrouteConfig base = TestGateway.config(upstream.baseUrl(), 5_000, 1, Duration.ofSeconds(2));
        // One attempt per candidate: a failure moves on to the next model at once.
        keyroute = TestGateway.with(new KeyrouteConfig(base.server(), base.database(), base.redis(), base.providers(),
                base.models(), List.of(new RouteSettings("pair", "fallback", List.of("openai/gpt-4o-mini", "openai/gpt-4o"),
                        List.of(), Map.of())), new RetrySettings(1, 1L, 5L), base.plans(), base.security()),
                Caller.unrestricted("key_test", "user_test"));
    }

    @AfterEach
    void stop() {
        keyroute.close();
        upstream.close();
    }

    private static String ask(boolean stream) {
        return "{\"model\":\"pair\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    @Test
    void aStreamThatReportedUsageAndBrokeOffIsCountedWithTheAttemptThatAnswered() throws Exception {
        // gpt-4o-mini ($0.15 in, $0.60 out): 1,004 × 0.15 + 20 × 0.60 = 162.6 µ$
        // gpt-4o ($2.50 in, $10 out):              1 × 2.5 + 10 × 10   = 102.5 µ$
        // summed exactly, rounded once: 265.1 → 265 (rounding each attempt first would say 266)
        upstream.enqueue(usageThenCut(1_004, 20), Reply.chunks("hel", "lo").usage(1, 10, 0, 0));

        var response = keyroute.post("/chat/completions", ask(true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("hel").contains("[DONE]");
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.attempts()).isEqualTo(2);
        assertThat(record.model()).isEqualTo("gpt-4o");
        assertThat(record.outcome()).isEqualTo("ok");
        assertThat(record.usage()).isEqualTo(new Usage(1_005, 30, 0, 0));
        assertThat(record.costMicros()).isEqualTo(265);
        assertThat(keyroute.records).hasSize(1);
    }

    @Test
    void whenEveryAttemptFailsAfterBillingTheErrorRecordCarriesTheirTokensAndCost() throws Exception {
        // 1,004 × 0.15 + 20 × 0.60 = 162.6 on gpt-4o-mini, 3 × 2.5 = 7.5 on gpt-4o: 170.1 → 170 µ$
        upstream.enqueue(usageThenCut(1_004, 20), usageThenCut(3, 0));

        var response = keyroute.post("/chat/completions", ask(true));

        assertThat(response.statusCode()).isEqualTo(502);
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.outcome()).isEqualTo("error");
        assertThat(record.attempts()).isEqualTo(2);
        assertThat(record.usage()).isEqualTo(new Usage(1_007, 20, 0, 0));
        assertThat(record.costMicros()).isEqualTo(170);
        assertThat(record.provider()).isEqualTo("openai");
        assertThat(record.model()).isEqualTo("gpt-4o");
    }

    @Test
    void anAttemptThatFailedWithoutReportingUsageAddsNothing() throws Exception {
        // 1,000 × 2.5 + 100 × 10 = 3,500 µ$ on gpt-4o alone
        upstream.enqueue(Reply.serverError(), Reply.text("hello").usage(1_000, 100, 0, 0));

        var response = keyroute.post("/chat/completions", ask(false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-keyroute-cost-usd")).hasValue("0.003500");
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.usage()).isEqualTo(new Usage(1_000, 100, 0, 0));
        assertThat(record.costMicros()).isEqualTo(3_500);
    }
}
