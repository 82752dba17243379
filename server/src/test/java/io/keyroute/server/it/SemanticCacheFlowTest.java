package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Json;
import io.keyroute.api.error.LimitExceeded;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.limits.Admission;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.usage.RequestRecord;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The semantic cache through the real gateway on loopback: the exact cache's step asks it on an exact miss, the
 * prompt is embedded through Keyroute's own embeddings path (testkit's fake OpenAI, whose vectors stand in for a
 * real model's), and a paraphrase is answered from the cache with its similarity.
 */
class SemanticCacheFlowTest {
    private static final String EMBEDDINGS = "openai/text-embedding-3-small";
    private final FakeOpenAi openai = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY)
            .models("gpt-4o-mini", "text-embedding-3-small").rejectUnknownModels(true).start();
    private final List<String> admitted = new CopyOnWriteArrayList<>();
    private TestGateway keyroute;

    @AfterEach
    void stop() {
        if (keyroute != null) {
            keyroute.close();
        }
        openai.close();
    }

    private void start(String embeddingModel, RequestGate gate) {
        KeyrouteConfig config = new ConfigLoader(Map.of()).load("""
                providers:
                  - { id: openai, type: openai, base_url: "%s", api_key: "%s" }
                routes:
                  - { name: faq, candidates: [openai/gpt-4o-mini], cache: { semantic: true } }
                  - { name: chat, candidates: [openai/gpt-4o-mini] }
                cache:
                  exact: { enabled: true }
                  semantic: { enabled: true, embedding_model: %s, min_similarity: 0.9, dimensions: 256 }
                """.formatted(openai.baseUrl(), TestGateway.UPSTREAM_KEY, embeddingModel), "keyroute.yaml")
                .withServer(new KeyrouteConfig.ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 256));
        RequestGate recording = request -> {
            admitted.add(request.decision().requested());
            return gate.admit(request);
        };
        keyroute = TestGateway.with(config, new Caller("key_sem", "user_sem", "ws_sem", null, Set.of(), false),
                recording);
    }

    private HttpResponse<String> ask(String model, String question) throws Exception {
        var body = Json.MAPPER.createObjectNode().put("model", model).put("temperature", 0);
        body.putArray("messages").addObject().put("role", "user").put("content", question);
        return keyroute.post("/chat/completions", body.toString());
    }

    private List<RequestRecord> embeddingRecords() {
        return keyroute.records.stream().filter(r -> "embeddings".equals(r.operation())).toList();
    }

    @Test
    void aParaphraseIsAHitWithItsSimilarityAndALookAlikeIsAMiss() throws Exception {
        start(EMBEDDINGS, RequestGate.open());

        HttpResponse<String> first = ask("faq", "What is the capital of France?");
        HttpResponse<String> paraphrase = ask("faq", "what's the capital of France");
        HttpResponse<String> lookAlike = ask("faq", "What is the capital of Spain?");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-keyroute-cache")).hasValue("miss");
        assertThat(paraphrase.statusCode()).isEqualTo(200);
        assertThat(paraphrase.headers().firstValue("x-keyroute-cache")).hasValue("hit");
        assertThat(Double.parseDouble(paraphrase.headers().firstValue("x-keyroute-cache-similarity").orElseThrow()))
                .isBetween(0.9, 1.0);
        assertThat(Json.MAPPER.readTree(paraphrase.body()).at("/choices/0/message/content").asText())
                .isEqualTo(Json.MAPPER.readTree(first.body()).at("/choices/0/message/content").asText());
        assertThat(lookAlike.headers().firstValue("x-keyroute-cache")).hasValue("miss");
        assertThat(lookAlike.headers().firstValue("x-keyroute-cache-similarity")).isEmpty();
        // two chats reached the provider, and one embedding per request (looked up, then remembered on a miss)
        assertThat(openai.requests().stream().filter(r -> r.path().endsWith("/chat/completions"))).hasSize(2);
        keyroute.awaitRecord(6);
        assertThat(embeddingRecords()).hasSize(3).allSatisfy(r -> {
            assertThat(r.keyId()).isEqualTo("key_sem");
            assertThat(r.workspaceId()).isEqualTo("ws_sem");
            assertThat(r.requestedModel()).isEqualTo(EMBEDDINGS);
            assertThat(r.model()).isEqualTo("text-embedding-3-small");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.usage().promptTokens()).isPositive();
            assertThat(r.costMicros()).isNotNull(); // priced ($0.02 per million tokens: under a micro-dollar here)
        });
        // each embedding passed the limits (rate limits, budgets) as a request of its own
        assertThat(admitted).filteredOn(EMBEDDINGS::equals).hasSize(3);
    }

    @Test
    void aStreamedParaphraseIsReplayedAsAStreamAndAMessagesCallerGetsItsOwnShape() throws Exception {
        start(EMBEDDINGS, RequestGate.open());
        var streamed = Json.MAPPER.createObjectNode().put("model", "faq").put("temperature", 0).put("stream", true);
        streamed.putArray("messages").addObject().put("role", "user").put("content", "How do I reset my password?");
        var paraphrase = streamed.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) paraphrase.get("messages").get(0))
                .put("content", "How can I reset my password?");
        var messages = Json.MAPPER.createObjectNode().put("model", "faq").put("temperature", 0).put("max_tokens", 100);
        messages.putArray("messages").addObject().put("role", "user").put("content", "How do I reset my password?");

        HttpResponse<String> first = keyroute.post("/chat/completions", streamed.toString());
        HttpResponse<String> again = keyroute.post("/chat/completions", paraphrase.toString());
        HttpResponse<String> anthropic = keyroute.post("/messages", messages.toString());

        assertThat(first.headers().firstValue("x-keyroute-cache")).hasValue("miss");
        assertThat(again.headers().firstValue("x-keyroute-cache")).hasValue("hit");
        assertThat(again.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(again.body()).isEqualTo(first.body()).contains("data: [DONE]");
        // another API shape is another context: a miss answered in the Messages shape, never a Chat Completions body
        assertThat(anthropic.headers().firstValue("x-keyroute-cache")).hasValue("miss");
        assertThat(Json.MAPPER.readTree(anthropic.body()).path("type").asText()).isEqualTo("message");
    }

    @Test
    void aRouteThatDidNotOptInAndRequestsOverMaxTurnsOrWithToolsEmbedNothing() throws Exception {
        start(EMBEDDINGS, RequestGate.open());

        ask("chat", "What is the capital of France?");
        var twoTurns = Json.MAPPER.createObjectNode().put("model", "faq").put("temperature", 0);
        twoTurns.putArray("messages").add(Json.MAPPER.createObjectNode().put("role", "user").put("content", "Hi"))
                .add(Json.MAPPER.createObjectNode().put("role", "assistant").put("content", "Hello"))
                .add(Json.MAPPER.createObjectNode().put("role", "user").put("content", "Capital of France?"));
        var tools = Json.MAPPER.createObjectNode().put("model", "faq").put("temperature", 0);
        tools.putArray("messages").addObject().put("role", "user").put("content", "Weather in Paris?");
        tools.putArray("tools").addObject().put("type", "function").putObject("function").put("name", "weather")
                .putObject("parameters").put("type", "object");

        assertThat(keyroute.post("/chat/completions", twoTurns.toString()).statusCode()).isEqualTo(200);
        assertThat(keyroute.post("/chat/completions", tools.toString()).statusCode()).isEqualTo(200);

        keyroute.awaitRecord(3);
        assertThat(embeddingRecords()).isEmpty();
        assertThat(openai.requests().stream().filter(r -> r.path().endsWith("/embeddings"))).isEmpty();
    }

    @Test
    void anEmbeddingTheBudgetRefusesIsRecordedAndTheRequestIsAnsweredWithoutALookUp() throws Exception {
        start(EMBEDDINGS, request -> {
            if (EMBEDDINGS.equals(request.decision().requested())) {
                throw new LimitExceeded("budget_exceeded", "The key's budget is spent.", Duration.ofHours(1));
            }
            return Admission.NONE;
        });

        HttpResponse<String> answer = ask("faq", "What is the capital of France?");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-keyroute-cache")).hasValue("miss");
        keyroute.awaitRecords(2); // the chat and its one embedding, refused (not tried again to remember it)
        assertThat(embeddingRecords()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.keyId()).isEqualTo("key_sem");
        });
        assertThat(openai.requests().stream().filter(r -> r.path().endsWith("/embeddings"))).isEmpty();
    }

    @Test
    void anEmbeddingThatFailsUpstreamIsNoLookUpNeverAFailedRequest() throws Exception {
        start("openai/text-embedding-3-large", RequestGate.open()); // the fake does not serve it: 404

        HttpResponse<String> answer = ask("faq", "What is the capital of France?");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-keyroute-cache")).hasValue("miss");
        keyroute.awaitRecords(2);
        assertThat(embeddingRecords()).singleElement().satisfies(r -> assertThat(r.status()).isNotEqualTo(200));
    }
}
