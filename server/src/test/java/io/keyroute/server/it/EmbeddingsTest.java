package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.gemini.FakeGemini;
import io.keyroute.testkit.openai.FakeOpenAi;
import java.util.List;
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
}
