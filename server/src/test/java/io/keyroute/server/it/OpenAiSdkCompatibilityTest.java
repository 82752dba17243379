package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.keyroute.api.Json;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, pointed at Keyroute, in front of a faithful fake OpenAI. */
class OpenAiSdkCompatibilityTest {
    private FakeOpenAi upstream;
    private TestGateway keyroute;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        upstream = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
        keyroute = TestGateway.inFrontOf(upstream.baseUrl());
        client = keyroute.sdk();
    }

    @AfterEach
    void stop() {
        keyroute.close();
        upstream.close();
    }

    private static ChatCompletionCreateParams.Builder ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text);
    }

    @Test
    void nonStreamingCompletionPassesThroughWithOnlyTheModelRewritten() throws Exception {
        var raw = client.chat().completions().withRawResponse()
                .create(ask("openai/gpt-4o-mini", "Hello there").build());
        ChatCompletion completion = raw.parse();

        assertThat(completion.choices().getFirst().message().content()).hasValue("Echo: Hello there");
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
        assertThat(raw.headers().values("x-keyroute-provider")).containsExactly("openai");
        assertThat(raw.headers().values("x-keyroute-model")).containsExactly("openai/gpt-4o-mini");
        assertThat(raw.headers().values("x-keyroute-attempts")).containsExactly("1");
        assertThat(raw.headers().values("x-keyroute-request-id").getFirst()).startsWith("req_");
        assertThat(raw.headers().values("x-keyroute-route-reason").getFirst()).contains("openai/gpt-4o-mini");

        JsonNode sent = upstream.lastRequest().json();
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(upstream.lastRequest().header("authorization")).isEqualTo("Bearer " + TestGateway.UPSTREAM_KEY);
        assertThat(keyroute.awaitRecords(1)).singleElement().satisfies(r -> {
            assertThat(r.usage().completionTokens()).isEqualTo(3);
            assertThat(r.keyId()).isEqualTo("key_test");
            assertThat(r.outcome()).isEqualTo("ok");
        });
    }

    @Test
    void unknownFieldsSurviveThePassThrough() throws Exception {
        String body = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"x_vendor_extension\":{\"nested\":[1,2,{\"deep\":true}]},\"seed\":7,\"user\":\"u-1\"}";
        var response = keyroute.post("/chat/completions", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sent = upstream.lastRequest().json();
        JsonNode expected = Json.MAPPER.readTree(body);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("model", "gpt-4o-mini");
        assertThat(sent).isEqualTo(expected);
    }

    @Test
    void routeNameResolvesToItsCandidate() {
        ChatCompletion completion = client.chat().completions().create(ask("chat", "route me").build());
        assertThat(completion.choices().getFirst().message().content()).hasValue("Echo: route me");
        assertThat(upstream.lastRequest().json().path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void streamingDeliversEveryChunkAndHidesTheUsageChunkTheClientDidNotAskFor() throws Exception {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                .createStreaming(ask("openai/gpt-4o-mini", "one two three").build())) {
            stream.stream().forEach(chunks::add);
        }

        String text = chunks.stream().flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content().orElse("")).reduce("", String::concat);
        assertThat(text).isEqualTo("Echo: one two three");
        assertThat(chunks).allSatisfy(c -> assertThat(c.choices()).isNotEmpty());
        assertThat(upstream.lastRequest().json().path("stream_options").path("include_usage").asBoolean()).isTrue();
        // Keyroute still counted the tokens from the chunk it held back.
        assertThat(keyroute.awaitRecords(1)).singleElement().satisfies(r -> assertThat(r.usage().completionTokens()).isEqualTo(4));
    }

    @Test
    void streamingWithIncludeUsageGivesTheClientTheUsageChunk() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (var stream = client.chat().completions().createStreaming(ask("openai/gpt-4o-mini", "count me")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }
        assertThat(chunks.getLast().choices()).isEmpty();
        assertThat(chunks.getLast().usage().orElseThrow().completionTokens()).isEqualTo(3);
    }

    @Test
    void upstreamBadRequestComesBackAsIsWithTheProvidersMessage() {
        upstream.enqueue(Reply.error(400, "Invalid value for 'temperature': must be at most 2."));
        assertThatThrownBy(() -> client.chat().completions().create(ask("openai/gpt-4o-mini", "x").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.getMessage()).contains("must be at most 2");
                    assertThat(e.headers().values("x-keyroute-attempts")).containsExactly("1");
                });
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void unknownModelIs404WithoutAnUpstreamCall() {
        assertThatThrownBy(() -> client.chat().completions().create(ask("nosuch/model-x", "x").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e ->
                        assertThat(e.getMessage()).contains("nosuch/model-x").contains("GET /v1/models"));
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void wrongKeyroutKeyIs401AndNeverEchoesTheKey() {
        String wrongKey = "kr-" + "WrongWrongWrongWrongWrongWrongWrongWrong123";
        OpenAIClient stranger = OpenAIOkHttpClient.builder().baseUrl(keyroute.baseUrl()).apiKey(wrongKey).maxRetries(0).build();
        assertThatThrownBy(() -> stranger.chat().completions().create(ask("openai/gpt-4o-mini", "x").build()))
                .isInstanceOfSatisfying(UnauthorizedException.class, e ->
                        assertThat(e.getMessage()).doesNotContain(wrongKey).contains("kr-…"));
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void retryableUpstreamFailureIsRetriedOnTheSameCandidate() throws Exception {
        upstream.enqueue(Reply.error(503, "The server is overloaded."));
        var raw = client.chat().completions().withRawResponse().create(ask("openai/gpt-4o-mini", "again").build());
        assertThat(raw.parse().choices().getFirst().message().content()).hasValue("Echo: again");
        assertThat(raw.headers().values("x-keyroute-attempts")).containsExactly("2");
        assertThat(upstream.requestCount()).isEqualTo(2);
    }

    @Test
    void refusedProviderKeyIsNotRetriedAndIsReportedAs502WithoutTheKey() {
        try (var wrongKeyUpstream = FakeOpenAi.builder().apiKey("sk-" + "someOtherKeyThatKeyrouteDoesNotHave99").start();
             var gateway = TestGateway.inFrontOf(wrongKeyUpstream.baseUrl())) {
            assertThatThrownBy(() -> gateway.sdk().chat().completions().create(ask("openai/gpt-4o-mini", "x").build()))
                    .isInstanceOfSatisfying(InternalServerException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(502);
                        assertThat(e.getMessage()).contains("openai returned 401").doesNotContain(TestGateway.UPSTREAM_KEY);
                    });
            assertThat(wrongKeyUpstream.requestCount()).isEqualTo(1);
        }
    }
}
