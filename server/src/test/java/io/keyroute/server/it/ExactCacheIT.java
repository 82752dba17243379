package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.CacheSettings;
import io.keyroute.server.config.ExactCacheSettings;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.config.RouteCacheSettings;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact answer cache over real HTTP, through the official SDKs, for each inbound API, whole and streamed: the
 * first ask is a miss that reaches the provider, the same ask again is a hit that does not, costs nothing and
 * says what it saved; the caller's opt-outs, the non-deterministic rule, a cut stream and the Responses API's
 * stored state are bypassed or not stored.
 */
class ExactCacheIT {
    private static final String HAIKU = "anthropic/claude-sonnet-4-5";

    private FakeOpenAi openai;
    private FakeAnthropic anthropic;
    private TestGateway keyroute;
    private OpenAIClient client;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        openai = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
        anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
        keyroute = TestGateway.with(config(new ExactCacheSettings(true, 3600L)),
                new Caller("key_a", "user_a", "ws_a", null, Set.of(), false));
        client = keyroute.sdk();
    }

    @AfterEach
    void stop() {
        keyroute.close();
        anthropic.close();
        openai.close();
    }

    private KeyrouteConfig config(ExactCacheSettings exact) {
        return TestGateway.threeProviders(openai.baseUrl(), anthropic.baseUrl(), "http://127.0.0.1:9", List.of(
                        new RouteSettings("sampled", "fallback", List.of("openai/gpt-4o-mini"), List.of(), Map.of(), Map.of(),
                                new RouteCacheSettings(60L, true, null)),
                        new RouteSettings("strict", "fallback", List.of("openai/gpt-4o-mini"), List.of(), Map.of())))
                .withCache(new CacheSettings(exact, null));
    }

    private static ChatCompletionCreateParams chat(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text).temperature(0).build();
    }

    @Test
    void aChatCompletionIsAnsweredOnceByTheProviderThenFromTheCacheAtNoCost() {
        var first = client.chat().completions().withRawResponse().create(chat("openai/gpt-4o-mini", "What is 2+2?"));
        ChatCompletion answer = first.parse();
        var second = client.chat().completions().withRawResponse().create(chat("openai/gpt-4o-mini", "What is 2+2?"));

        assertThat(first.headers().values("x-keyroute-cache")).containsExactly("miss");
        assertThat(second.headers().values("x-keyroute-cache")).containsExactly("hit");
        assertThat(second.headers().values("x-keyroute-cost-usd")).containsExactly("0.000000");
        assertThat(second.headers().values("x-keyroute-provider")).containsExactly("openai");
        assertThat(second.parse().choices().getFirst().message().content()).isEqualTo(answer.choices().getFirst()
                .message().content()).hasValue("Echo: What is 2+2?");
        assertThat(second.parse().id()).isEqualTo(answer.id());
        assertThat(openai.requestCount()).isEqualTo(1);

        List<RequestRecord> records = keyroute.awaitRecords(2);
        RequestRecord miss = records.get(0);
        RequestRecord hit = records.get(1);
        assertThat(miss.cache().status()).isEqualTo("miss");
        assertThat(miss.costMicros()).isPositive();
        assertThat(hit.cache().status()).isEqualTo("hit");
        assertThat(hit.cache().savedMicros()).isEqualTo(miss.costMicros());
        assertThat(hit.cache().similarity()).isNull();
        assertThat(hit.costMicros()).isZero();
        assertThat(hit.attempts()).isZero();
        assertThat(hit.usage().promptTokens()).isZero();
        assertThat(hit.provider()).isEqualTo("openai");
        assertThat(hit.model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void aChatStreamIsReplayedAsTheSameEventsTheSdkReads() throws Exception {
        openai.enqueue(Reply.chunks("Fo", "ur", "."));
        String streamed = "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"temperature\":0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Count\"}]}";
        HttpResponse<String> miss = keyroute.post("/chat/completions", streamed);
        HttpResponse<String> hit = keyroute.post("/chat/completions", streamed);

        assertThat(miss.headers().firstValue("x-keyroute-cache")).hasValue("miss");
        assertThat(hit.headers().firstValue("x-keyroute-cache")).hasValue("hit");
        assertThat(hit.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(hit.body()).isEqualTo(miss.body()).endsWith("data: [DONE]\n\n").contains("\"Fo\"");
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                chat("openai/gpt-4o-mini", "Count"))) {
            assertThat(stream.stream().flatMap(c -> c.choices().stream()).map(c -> c.delta().content().orElse(""))
                    .collect(Collectors.joining())).isEqualTo("Four.");
        }
        assertThat(openai.requestCount()).isEqualTo(1);
        assertThat(keyroute.awaitRecords(3)).extracting(r -> r.cache().status()).containsExactly("miss", "hit", "hit");
        assertThat(keyroute.records.get(1).streamed()).isTrue();
    }

    @Test
    void anthropicMessagesAreCachedWholeAndStreamed() {
        var anthropicClient = keyroute.anthropicSdk();
        MessageCreateParams ask = MessageCreateParams.builder().model(HAIKU).maxTokens(100)
                .putAdditionalBodyProperty("temperature", com.anthropic.core.JsonValue.from(0))
                .addUserMessage("Name a colour").build();
        Message first = anthropicClient.messages().create(ask);
        var second = anthropicClient.messages().withRawResponse().create(ask);
        assertThat(second.headers().values("x-keyroute-cache")).containsExactly("hit");
        assertThat(second.parse().content().getFirst().text().orElseThrow().text())
                .isEqualTo(first.content().getFirst().text().orElseThrow().text());

        MessageAccumulator once = MessageAccumulator.create();
        MessageAccumulator again = MessageAccumulator.create();
        try (var stream = anthropicClient.messages().createStreaming(ask)) {
            stream.stream().forEach(once::accumulate);
        }
        try (var stream = anthropicClient.messages().createStreaming(ask)) {
            stream.stream().forEach(again::accumulate);
        }
        assertThat(again.message().content().getFirst().text().orElseThrow().text())
                .isEqualTo(once.message().content().getFirst().text().orElseThrow().text());
        assertThat(anthropic.requests()).hasSize(2); // one whole, one streamed: each its own key
        assertThat(keyroute.awaitRecords(4)).extracting(r -> r.cache().status())
                .containsExactly("miss", "hit", "miss", "hit");
    }

    @Test
    void responsesWithoutStoredStateAreCachedWholeAndStreamed() {
        ResponseCreateParams ask = ResponseCreateParams.builder().model("openai/gpt-4o-mini").input("Say hi")
                .temperature(0).store(false).build();
        Response first = client.responses().create(ask);
        var second = client.responses().withRawResponse().create(ask);
        assertThat(second.headers().values("x-keyroute-cache")).containsExactly("hit");
        assertThat(text(second.parse())).isEqualTo(text(first)).isEqualTo("Echo: Say hi");

        List<String> once;
        List<String> again;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ask)) {
            once = stream.stream().map(Object::toString).toList();
        }
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ask)) {
            again = stream.stream().map(Object::toString).toList();
        }
        assertThat(again).isEqualTo(once).isNotEmpty();
        assertThat(openai.requestCount()).isEqualTo(2);
        assertThat(keyroute.awaitRecords(4)).extracting(r -> r.cache().status())
                .containsExactly("miss", "hit", "miss", "hit");
    }

    @Test
    void aResponseKeptOrContinuedIsNeverReplayedSoItsIdNeverReachesAnotherCaller() {
        ResponseCreateParams kept = ResponseCreateParams.builder().model("openai/gpt-4o-mini").input("Remember me")
                .temperature(0).build(); // store defaults to true
        Response first = client.responses().create(kept);
        var again = client.responses().withRawResponse().create(kept);
        var continued = client.responses().withRawResponse().create(ResponseCreateParams.builder()
                .model("openai/gpt-4o-mini").input("And now?").temperature(0).store(false)
                .previousResponseId(first.id()).build());

        assertThat(again.headers().values("x-keyroute-cache")).containsExactly("bypass");
        assertThat(again.parse().id()).isNotEqualTo(first.id());
        assertThat(continued.headers().values("x-keyroute-cache")).containsExactly("bypass");
        assertThat(openai.requestCount()).isEqualTo(3);
    }

    @Test
    void noCacheAndOffBypassTheCacheReadingStoringAndRemovingNothing() throws Exception {
        String body = "{\"model\":\"openai/gpt-4o-mini\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"Q1\"}]}";
        assertThat(send(body, Map.of()).headers().firstValue("x-keyroute-cache")).hasValue("miss");
        assertThat(send(body, Map.of("Cache-Control", "no-cache")).headers().firstValue("x-keyroute-cache")).hasValue("bypass");
        assertThat(send(body, Map.of("Cache-Control", "no-store")).headers().firstValue("x-keyroute-cache")).hasValue("bypass");
        assertThat(openai.requestCount()).as("a bypass reads nothing").isEqualTo(3);
        assertThat(send(body, Map.of()).headers().firstValue("x-keyroute-cache")).as("nor removes").hasValue("hit");

        String other = body.replace("Q1", "Q2");
        assertThat(send(other, Map.of("x-keyroute-cache", "off")).headers().firstValue("x-keyroute-cache")).hasValue("bypass");
        assertThat(send(other, Map.of()).headers().firstValue("x-keyroute-cache")).as("nor stores").hasValue("miss");
        assertThat(openai.requestCount()).isEqualTo(5);
    }

    @Test
    void aSampledRequestIsCachedOnlyWhereTheRouteSaysSo() throws Exception {
        String sampled = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell a joke\"}]}";
        assertThat(cacheHeader(send(sampled.formatted("openai/gpt-4o-mini"), Map.of()))).isEqualTo("bypass");
        assertThat(cacheHeader(send(sampled.formatted("openai/gpt-4o-mini"), Map.of()))).isEqualTo("bypass");
        assertThat(cacheHeader(send(sampled.formatted("strict"), Map.of()))).isEqualTo("bypass");
        assertThat(cacheHeader(send(sampled.formatted("sampled"), Map.of()))).isEqualTo("miss");
        assertThat(cacheHeader(send(sampled.formatted("sampled"), Map.of()))).isEqualTo("hit");
        String seeded = "{\"model\":\"openai/gpt-4o-mini\",\"seed\":7,\"messages\":[{\"role\":\"user\",\"content\":\"Roll\"}]}";
        assertThat(cacheHeader(send(seeded, Map.of()))).isEqualTo("miss");
        assertThat(cacheHeader(send(seeded, Map.of()))).isEqualTo("hit");
        assertThat(openai.requestCount()).isEqualTo(5);
    }

    @Test
    void aStreamCutShortIsNotStored() throws Exception {
        openai.enqueue(Reply.chunks("one", "two", "three").cutAfterChunks(2));
        String streamed = "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"temperature\":0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Cut\"}]}";
        HttpResponse<String> cut = keyroute.post("/chat/completions", streamed);
        assertThat(cut.body()).contains("\"error\"");
        HttpResponse<String> again = keyroute.post("/chat/completions", streamed);

        assertThat(cacheHeader(again)).isEqualTo("miss");
        assertThat(again.body()).doesNotContain("\"error\"").endsWith("data: [DONE]\n\n");
        assertThat(cacheHeader(keyroute.post("/chat/completions", streamed))).isEqualTo("hit");
        assertThat(openai.requestCount()).isEqualTo(2);
        assertThat(keyroute.awaitRecords(3)).extracting(RequestRecord::outcome).containsExactly("cut", "ok", "ok");
    }

    @Test
    void aProviderErrorIsNotStored() throws Exception {
        openai.enqueue(Reply.error(400, "bad request"));
        String body = "{\"model\":\"openai/gpt-4o-mini\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"E\"}]}";
        assertThat(send(body, Map.of()).statusCode()).isEqualTo(400);
        HttpResponse<String> again = send(body, Map.of());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(cacheHeader(again)).isEqualTo("miss");
    }

    @Test
    void aRequestRefusedBeforeTheCacheWasAskedSaysItWasBypassed() throws Exception {
        var unauthenticated = http.send(HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknownModel = send("{\"model\":\"nowhere/none\",\"temperature\":0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Q\"}]}", Map.of());

        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(cacheHeader(unauthenticated)).isEqualTo("bypass");
        assertThat(unknownModel.statusCode()).isBetween(400, 404);
        assertThat(cacheHeader(unknownModel)).isEqualTo("bypass");
        assertThat(openai.requestCount()).isZero();
    }

    @Test
    void withTheCacheOffAnswersSayNothingOfIt() throws Exception {
        keyroute.gateway.apply(config(ExactCacheSettings.DEFAULT));
        String body = "{\"model\":\"openai/gpt-4o-mini\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"Off\"}]}";
        assertThat(send(body, Map.of()).headers().firstValue("x-keyroute-cache")).isEmpty();
        assertThat(send(body, Map.of()).headers().firstValue("x-keyroute-cache")).isEmpty();
        assertThat(openai.requestCount()).isEqualTo(2);
        assertThat(keyroute.awaitRecords(2)).allSatisfy(r -> assertThat(r.cache()).isNull());
    }

    @Test
    void aRouteWhoseCandidatesChangedNoLongerServesWhatItStoredBefore() throws Exception {
        String body = "{\"model\":\"sampled\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"R\"}]}";
        assertThat(cacheHeader(send(body, Map.of()))).isEqualTo("miss");
        assertThat(cacheHeader(send(body, Map.of()))).isEqualTo("hit");
        KeyrouteConfig before = config(new ExactCacheSettings(true, 3600L));
        keyroute.gateway.apply(TestGateway.threeProviders(openai.baseUrl(), anthropic.baseUrl(), "http://127.0.0.1:9",
                List.of(new RouteSettings("sampled", "fallback", List.of("openai/gpt-4o-mini", "openai/gpt-4o"), List.of(),
                        Map.of(), Map.of(), new RouteCacheSettings(60L, true, null)))).withCache(before.cache()));
        assertThat(cacheHeader(send(body, Map.of()))).isEqualTo("miss");
    }

    @Test
    void theAnswerStoredIsTheOneTheGuardrailsLetThroughAndABlockedRequestNeverReachesTheCache() throws Exception {
        KeyrouteConfig guarded = config(new ExactCacheSettings(true, 3600L)).withGuardrails(List.of(
                new KeyrouteConfig.GuardrailSettings("pii-out", "pii", List.of("output"), "redact", List.of("email"),
                        null, null, null, null, null),
                new KeyrouteConfig.GuardrailSettings("secrets", "secrets", List.of("input"), "block", null, null, null,
                        null, null, null)));
        keyroute.gateway.apply(guarded);
        openai.enqueue(Reply.text("Write to grace.hopper@navy.example.org"), Reply.text("Write to grace.hopper@navy.example.org"));
        String body = "{\"model\":\"openai/gpt-4o-mini\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"Who?\"}]}";
        HttpResponse<String> miss = send(body, Map.of());
        HttpResponse<String> hit = send(body, Map.of());
        assertThat(cacheHeader(hit)).isEqualTo("hit");
        assertThat(hit.body()).isEqualTo(miss.body()).doesNotContain("grace.hopper").contains("Write to");

        String secret = body.replace("Who?", "my .env: AWS_ACCESS_KEY_ID=AKIA" + "Z7QW3RT5YU8IOP2L");
        HttpResponse<String> blocked = send(secret, Map.of());
        assertThat(blocked.statusCode()).isEqualTo(400);
        assertThat(cacheHeader(blocked)).as("refused before the cache: bypassed").isEqualTo("bypass");
        assertThat(openai.requestCount()).isEqualTo(1);
        assertThat(keyroute.awaitRecords(3).get(2).cache()).isNull();
    }

    private HttpResponse<String> send(String body, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + TestGateway.KEYROUTE_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(Response response) {
        return response.output().getFirst().message().orElseThrow().content().getFirst().outputText().orElseThrow().text();
    }

    private static String cacheHeader(HttpResponse<?> response) {
        return response.headers().firstValue("x-keyroute-cache").orElse(null);
    }
}
