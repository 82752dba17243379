package io.keyroute.testkit.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.keyroute.testkit.replies.Reply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official openai-java client parses and strictly validates every shape the fake sends. */
class OpenAiSdkCompatibilityTest extends SdkAgainstFake {

    static final String KEY = "sk-sdk-test-key-1234";

    OpenAiSdkCompatibilityTest() {
        super(KEY);
    }

    ChatCompletionCreateParams.Builder params() {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("hello fake");
    }

    @Test
    void completionValidates() {
        fake.enqueue(Reply.text("hi there").usage(10, 2, 4, 1));
        ChatCompletion completion = client.chat().completions().create(params().build()).validate();
        assertThat(completion.choices().getFirst().message().content()).hasValue("hi there");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        var usage = completion.usage().orElseThrow();
        assertThat(usage.totalTokens()).isEqualTo(12);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).hasValue(4L);
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).hasValue(1L);
        assertThat(completion.serviceTier()).hasValue(ChatCompletion.ServiceTier.DEFAULT);
    }

    @Test
    void toolCallValidates() {
        fake.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        ChatCompletion completion = client.chat().completions().create(params().build()).validate();
        var call = completion.choices().getFirst().message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    }

    @Test
    void streamValidatesWithUsage() {
        var p = params().streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(p)) {
            List<ChatCompletionChunk> chunks = stream.stream().map(ChatCompletionChunk::validate).toList();
            String text = chunks.stream().flatMap(c -> c.choices().stream())
                    .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
            assertThat(text).isEqualTo("Echo: hello fake");
            assertThat(chunks.getLast().choices()).isEmpty();
            assertThat(chunks.getLast().usage().orElseThrow().completionTokens()).isEqualTo(3);
        }
    }

    @Test
    void errorsMapToTheSdksExceptions() {
        fake.enqueue(Reply.rateLimited("gpt-4o-mini", Duration.ofSeconds(1)));
        assertThatThrownBy(() -> client.chat().completions().create(params().build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.code()).hasValue("rate_limit_exceeded");
                    assertThat(e.headers().values("retry-after")).containsExactly("1");
                });
        OpenAIClient wrong = OpenAIOkHttpClient.builder().apiKey("sk-wrong-key-00000000").baseUrl(fake.baseUrl())
                .maxRetries(0).build();
        try {
            assertThatThrownBy(() -> wrong.chat().completions().create(params().build()))
                    .isInstanceOfSatisfying(UnauthorizedException.class,
                            e -> assertThat(e.code()).hasValue("invalid_api_key"));
        } finally {
            wrong.close();
        }
    }

    @Test
    void modelsAndEmbeddingsValidate() {
        assertThat(client.models().list().data()).extracting(m -> m.validate().id()).contains("gpt-4o-mini");
        var res = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("hello").build()).validate();
        assertThat(res.data().getFirst().embedding()).hasSize(1536);
    }
}
