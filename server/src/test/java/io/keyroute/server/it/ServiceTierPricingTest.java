package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A call is charged at the prices of the {@code service_tier} OpenAI says served it, in a JSON
 * answer and in the usage chunk of a stream: Flex at its (Batch) prices, Priority at its premium;
 * a tier the catalog has no price for at the standard price.
 */
class ServiceTierPricingTest {
    private FakeOpenAi upstream;
    private TestGateway keyroute;

    @BeforeEach
    void start() {
        upstream = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).models("gpt-5-mini", "gpt-4o-mini").start();
        keyroute = TestGateway.inFrontOf(upstream.baseUrl());
    }

    @AfterEach
    void stop() {
        keyroute.close();
        upstream.close();
    }

    // 1,000 prompt tokens (200 of them cached) and 100 completion tokens:
    // gpt-5-mini flex ($0.125 in, $0.0125 cached, $1.00 out): 800 × 0.125 + 200 × 0.0125 + 100 × 1 = 202.5 → 203 µ$
    //   (standard, $0.25 / $0.025 / $2.00: 405 µ$)
    // gpt-4o-mini priority ($0.25 in, $0.125 cached, $1.00 out): 800 × 0.25 + 200 × 0.125 + 100 × 1 = 325 µ$
    //   (standard, $0.15 / $0.075 / $0.60: 120 + 15 + 60 = 195 µ$)
    // gpt-4o-mini scale: no catalog price, charged at the standard 195 µ$
    @ParameterizedTest(name = "{1} on {0}, stream={2}")
    @CsvSource({
            "gpt-5-mini, flex, false, 203",
            "gpt-5-mini, flex, true, 203",
            "gpt-4o-mini, priority, false, 325",
            "gpt-4o-mini, priority, true, 325",
            "gpt-4o-mini, scale, false, 195",
            "gpt-5-mini, default, true, 405"})
    void aCallIsChargedAtThePricesOfTheTierThatServedIt(String model, String tier, boolean stream, long micros)
            throws Exception {
        upstream.enqueue(Reply.chunks("hel", "lo").usage(1_000, 100, 200, 0).serviceTier(tier));

        var response = keyroute.post("/chat/completions", "{\"model\":\"openai/" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"service_tier\":\"" + tier + "\"");
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.usage()).isEqualTo(new Usage(1_000, 100, 200, 0));
        assertThat(record.costMicros()).isEqualTo(micros);
    }
}
