package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ModelSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.gemini.FakeGemini;
import io.keyroute.testkit.openai.FakeOpenAi;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/embeddings} with the official OpenAI SDK: OpenAI passes through, Gemini is translated. */
class EmbeddingsTest {
    private ThreeUpstreams upstreams;
    private FakeOpenAi openai;
    private FakeAnthropic anthropic;
    private FakeGemini gemini;
    private TestGateway keyroute;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        upstreams = new ThreeUpstreams();
        openai = upstreams.openai;
        anthropic = upstreams.anthropic;
        gemini = upstreams.gemini;
        keyroute = upstreams.keyroute;
        client = keyroute.sdk();
    }

    @AfterEach
    void stop() {
        upstreams.close();
    }

    @Test
    void openAiEmbeddingsPassThroughAndAreCounted() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("openai/text-embedding-3-small").input("hello world").build());

        assertThat(response.data()).hasSize(1);
        assertThat(response.data().getFirst().embedding()).isNotEmpty();
        assertThat(openai.lastRequest().json().path("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(keyroute.awaitRecord(1).usage().promptTokens()).isEqualTo(response.usage().promptTokens());
        assertThat(keyroute.awaitRecord(1).usage().promptTokens()).isPositive();
    }

    @Test
    void oneGeminiInputIsEmbedContent() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("gemini/gemini-embedding-001").input("hello world").dimensions(8).build());

        assertThat(response.data()).hasSize(1);
        assertThat(response.data().getFirst().embedding()).hasSize(8);
        assertThat(response.usage().promptTokens()).isEqualTo(3);
        assertThat(gemini.lastRequest().path()).isEqualTo("/v1beta/models/gemini-embedding-001:embedContent");
        JsonNode sent = gemini.lastRequest().json();
        assertThat(sent.path("content").path("parts").get(0).path("text").asText()).isEqualTo("hello world");
        assertThat(sent.path("outputDimensionality").asInt()).isEqualTo(8);
        assertThat(keyroute.awaitRecord(1).usage().promptTokens()).isEqualTo(3);
    }

    @Test
    void severalGeminiInputsAreBatchEmbedContents() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("gemini/gemini-embedding-001").inputOfArrayOfStrings(List.of("a", "b", "c")).build());

        assertThat(response.data()).extracting(e -> e.index()).containsExactly(0L, 1L, 2L);
        assertThat(gemini.lastRequest().path()).endsWith(":batchEmbedContents");
        assertThat(gemini.lastRequest().json().path("requests")).hasSize(3);
        assertThat(gemini.lastRequest().json().path("requests").get(0).path("model").asText())
                .isEqualTo("models/gemini-embedding-001");
    }

    @Test
    void aProviderWithoutEmbeddingsIsA400() {
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder()
                .model("anthropic/claude-sonnet-4-5").input("x").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage()).contains("no embeddings"));
    }

    /** The kind's declared capabilities decide: the mock reuses OpenAI's adapter but declares no embeddings. */
    @Test
    void aKindThatDoesNotDeclareEmbeddingsIsA400EvenWithAnEmbeddingsAdapter() throws Exception {
        var config = new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 256), null, null,
                List.of(new ProviderSettings("local", "mock", null, null, null, null, Map.of())),
                List.of(new ModelSettings("local/mock-embed", 0.0, 0.0, null, null, null, 8_192, 1, "budget", List.of())),
                List.of(), new RetrySettings(1, 1L, 5L), null, null);
        try (var mock = TestGateway.with(config, Caller.unrestricted("key_test", "user_test"))) {
            HttpResponse<String> response = mock.post("/embeddings", "{\"model\":\"local/mock-embed\",\"input\":\"x\"}");

            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("embeddings_not_supported");
            assertThat(error.path("message").asText()).isEqualTo("Provider 'local' (mock) has no embeddings API.");
        }
    }
}
