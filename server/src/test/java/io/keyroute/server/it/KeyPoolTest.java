package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.it.ManagementApiTest.Tenancy;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key pools over real HTTP: a user's two OpenAI credentials, the first rate limited or out of
 * quota at the provider. The request that hits the limit is served by the second key within the
 * same request, and the next request goes to the second key straight away.
 */
class KeyPoolTest {
    private static final String KEY_A = "sk-proj-" + "PoolAPoolAPoolAPoolAPoolA0001";
    private static final String KEY_B = "sk-proj-" + "PoolBPoolBPoolBPoolBPoolB0002";

    static Stream<Arguments> limits() {
        return Stream.of(Arguments.of("rate limit", Reply.rateLimited("gpt-4o-mini", Duration.ofSeconds(1))),
                Arguments.of("insufficient_quota", Reply.quotaExceeded()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void theRequestThatHitsOnePooledKeysLimitIsServedByTheNext(String limit, Reply reply) throws Exception {
        try (var upstream = FakeOpenAi.builder().replyFor(KEY_A, reply).apiKey(KEY_B).start();
             var g = new VaultGateway(TestServices.sqlite(), upstream.baseUrl())) {
            Tenancy t = Tenancy.create(g);
            String mine = "/api/v1/users/me/llm-credentials";
            g.call("POST", mine, t.adaKey(), "{\"provider\":\"openai\",\"api_key\":\"" + KEY_A + "\",\"name\":\"a\"}");
            g.call("POST", mine, t.adaKey(), "{\"provider\":\"openai\",\"api_key\":\"" + KEY_B + "\",\"name\":\"b\"}");

            Response served = g.chat(t.adaKey(), null);

            assertThat(served.status()).as(served.body()).isEqualTo(200);
            assertThat(served.headers().firstValue("x-keyroute-attempts")).contains("2");
            assertThat(keysSeen(upstream)).containsExactly(KEY_A, KEY_B);

            Response next = g.chat(t.adaKey(), null);
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.headers().firstValue("x-keyroute-attempts")).as("key A rests").contains("1");
            assertThat(keysSeen(upstream)).containsExactly(KEY_A, KEY_B, KEY_B);
        }
    }

    private static List<String> keysSeen(FakeOpenAi upstream) {
        return upstream.requests().stream().filter(r -> r.path().equals("/v1/chat/completions"))
                .map((RecordedRequest r) -> r.header("authorization").substring("Bearer ".length())).toList();
    }
}
