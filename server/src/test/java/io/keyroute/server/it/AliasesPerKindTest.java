package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.testkit.FakeUpstream;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.replies.Reply;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance matrix's alias case, where the matrix (an adapter over its transport) cannot reach:
 * an alias resolves before any adapter runs, so for each provider kind with a fake, Claude Code's
 * dated haiku id aliased to that kind's model reaches its upstream under the provider's own model
 * name, answered in the caller's shape, its count asked of the same provider, the route reason
 * naming the alias.
 */
class AliasesPerKindTest {
    private static final String ALIAS = "claude-haiku-4-5-20251001";
    private static final String TURN = "{\"model\":\"" + ALIAS + "\",\"max_tokens\":64,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello there friend\"}]}";
    private static final String COUNT = "{\"model\":\"" + ALIAS + "\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello there friend\"}]}";

    /** The fakes (their own gateway, without aliases, unused here). */
    private final ThreeUpstreams up = new ThreeUpstreams();

    @AfterEach
    void stop() {
        up.close();
    }

    /** The three providers, {@link #ALIAS} naming {@code target}. */
    private TestGateway aliasing(String target) {
        KeyrouteConfig c = TestGateway.threeProviders(up.openai.baseUrl(), up.anthropic.baseUrl(), up.gemini.baseUrl(),
                List.of());
        return TestGateway.with(new KeyrouteConfig(c.server(), c.database(), c.redis(), c.providers(), c.models(),
                c.routes(), c.retry(), c.plans(), c.security(), c.metrics(), c.circuitBreaker(), c.responses(),
                Map.of(ALIAS, target)), Caller.unrestricted("key_test", "user_test"));
    }

    /** The turn and its count through the alias: what {@code fake} got and what the caller was told. */
    private void assertServedThroughTheAlias(String target, FakeUpstream fake, String upstreamModel,
                                             String countPath) throws Exception {
        try (TestGateway keyroute = aliasing(target)) {
            fake.enqueue(Reply.text("Hi."));
            HttpResponse<String> turn = keyroute.post("/messages", TURN);

            assertThat(turn.statusCode()).as(turn.body()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(turn.body()).path("content").path(0).path("text").asText()).isEqualTo("Hi.");
            assertThat(turn.headers().firstValue("x-keyroute-model")).hasValue(target);
            assertThat(turn.headers().firstValue("x-keyroute-route-reason").orElseThrow())
                    .startsWith("'" + ALIAS + "' is an alias of " + target);
            RecordedRequest sent = fake.lastRequest();
            assertThat(sent.bodyText()).doesNotContain(ALIAS);
            assertThat(sent.json().has("model") ? sent.json().path("model").asText() : sent.rawPath())
                    .isIn(upstreamModel, "/v1beta/models/" + upstreamModel + ":generateContent");

            HttpResponse<String> count = keyroute.post("/messages/count_tokens", COUNT);
            assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
            assertThat(count.headers().firstValue("x-keyroute-model")).hasValue(target);
            if (countPath != null) {
                assertThat(count.headers().firstValue("x-keyroute-token-count")).hasValue("provider");
                assertThat(fake.lastRequest().rawPath()).isEqualTo(countPath);
            } else {
                assertThat(count.headers().firstValue("x-keyroute-token-count")).hasValue("tokenizer");
            }
        }
    }

    @Test
    void anAliasOfAnAnthropicModel() throws Exception {
        assertServedThroughTheAlias("anthropic/claude-haiku-4-5", up.anthropic, "claude-haiku-4-5",
                "/v1/messages/count_tokens");
    }

    @Test
    void anAliasOfAGeminiModel() throws Exception {
        assertServedThroughTheAlias("gemini/gemini-2.5-flash", up.gemini, "gemini-2.5-flash",
                "/v1beta/models/gemini-2.5-flash:countTokens");
    }

    /** OpenAI counts only a Responses body: an Anthropic one is counted by the model's own tokenizer. */
    @Test
    void anAliasOfAnOpenAiModel() throws Exception {
        assertServedThroughTheAlias("openai/gpt-4.1", up.openai, "gpt-4.1", null);
    }
}
