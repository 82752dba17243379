package io.keyroute.testkit.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.ToolCall;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official openai-java client's {@code responses()} parses and strictly validates what the fake sends. */
class OpenAiSdkResponsesTest extends SdkAgainstFake {

    static final String KEY = "sk-sdk-responses-1234";

    OpenAiSdkResponsesTest() {
        super(KEY);
    }

    static ResponseCreateParams.Builder params() {
        return ResponseCreateParams.builder().model("gpt-4o-mini").input("hello fake");
    }

    static FunctionTool weatherTool() {
        return FunctionTool.builder().name("get_weather").description("The weather in a city")
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .strict(true).build();
    }

    @Test
    void aTextResponseValidatesWithItsUsage() {
        fake.enqueue(Reply.text("hi there").usage(10, 2, 4, 1));

        Response response = client.responses().create(params().build()).validate();

        assertThat(response.id()).matches("resp_[0-9a-f]{48}");
        assertThat(response.status()).hasValue(ResponseStatus.COMPLETED);
        var message = response.output().getFirst().message().orElseThrow();
        assertThat(message.id()).matches("msg_[0-9a-f]{48}");
        assertThat(message.content().getFirst().outputText().orElseThrow().text()).isEqualTo("hi there");
        ResponseUsage usage = response.usage().orElseThrow();
        assertThat(usage.inputTokens()).isEqualTo(10);
        assertThat(usage.outputTokens()).isEqualTo(2);
        assertThat(usage.totalTokens()).isEqualTo(12);
        assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(4);
        assertThat(usage.inputTokensDetails().cacheWriteTokens()).isZero();
        assertThat(usage.outputTokensDetails().reasoningTokens()).isEqualTo(1);
        assertThat(fake.lastRequest().path()).isEqualTo("/v1/responses");
        assertThat(fake.lastRequest().json().get("input").asText()).isEqualTo("hello fake");
    }

    @Test
    void theDefaultAnswerEchoesTheInputAndCountsIt() {
        Response response = client.responses().create(params().instructions("Be brief.").build()).validate();

        assertThat(response.output().getFirst().message().orElseThrow().content().getFirst().outputText()
                .orElseThrow().text()).isEqualTo("Echo: hello fake");
        // "Be brief." (9) + "hello fake" (10) = 19 chars -> 5 tokens; "Echo: hello fake" = 3 words
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(5);
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(3);
    }

    @Test
    void aToolCallAndAReasoningSummaryValidate() {
        fake.enqueue(Reply.toolCalls(new ToolCall("call_weather1", "get_weather", "{\"city\":\"Paris\"}"))
                .reasoningSummary("Look up the weather."));

        Response response = client.responses().create(params().addTool(weatherTool()).build()).validate();

        assertThat(response.output()).hasSize(2);
        var reasoning = response.output().get(0).reasoning().orElseThrow();
        assertThat(reasoning.id()).startsWith("rs_");
        assertThat(reasoning.summary().getFirst().text()).isEqualTo("Look up the weather.");
        ResponseFunctionToolCall call = response.output().get(1).functionCall().orElseThrow();
        assertThat(call.id()).hasValueSatisfying(id -> assertThat(id).startsWith("fc_"));
        assertThat(call.callId()).isEqualTo("call_weather1");
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(response.tools().getFirst().function().orElseThrow().name()).isEqualTo("get_weather");
        // the summary's 4 words are reasoning tokens, on top of 7 for the 27 characters of name and arguments
        assertThat(response.usage().orElseThrow().outputTokensDetails().reasoningTokens()).isEqualTo(4);
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(7 + 4);
    }

    @Test
    void aStreamValidatesEventByEventAndEndsCompletedWithUsage() {
        fake.enqueue(Reply.text("hi you there").usage(12, 3, 8, 0));

        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params().build())) {
            events = stream.stream().map(ResponseStreamEvent::validate).toList();
        }

        assertThat(events.getFirst().created()).isPresent();
        assertThat(events.get(1).inProgress()).isPresent();
        String text = events.stream().flatMap(e -> e.outputTextDelta().stream()).map(d -> d.delta())
                .collect(Collectors.joining());
        assertThat(text).isEqualTo("hi you there");
        assertThat(events.stream().flatMap(e -> e.outputTextDone().stream()).map(d -> d.text()))
                .containsExactly("hi you there");
        var completed = events.getLast().completed().orElseThrow();
        assertThat(completed.sequenceNumber()).isEqualTo(events.size() - 1);
        ResponseUsage usage = completed.response().usage().orElseThrow();
        assertThat(List.of(usage.inputTokens(), usage.outputTokens(), usage.inputTokensDetails().cachedTokens()))
                .containsExactly(12L, 3L, 8L);
        assertThat(completed.response().id()).isEqualTo(events.getFirst().created().orElseThrow().response().id());
    }

    @Test
    void aStreamedToolCallArrivesInArgumentDeltas() {
        fake.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"));

        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses()
                .createStreaming(params().addTool(weatherTool()).build())) {
            events = stream.stream().map(ResponseStreamEvent::validate).toList();
        }

        String arguments = events.stream().flatMap(e -> e.functionCallArgumentsDelta().stream())
                .map(d -> d.delta()).collect(Collectors.joining());
        assertThat(arguments).isEqualTo("{\"city\":\"Paris\",\"unit\":\"celsius\"}");
        assertThat(events.stream().flatMap(e -> e.functionCallArgumentsDelta().stream())).hasSizeGreaterThan(1);
        var done = events.stream().flatMap(e -> e.outputItemDone().stream()).findFirst().orElseThrow();
        assertThat(done.item().functionCall().orElseThrow().name()).isEqualTo("get_weather");
        assertThat(events.getLast().completed()).isPresent();
    }

    @Test
    void aReasoningSummaryStreamsBeforeTheAnswer() {
        fake.enqueue(Reply.text("42").reasoningSummary("Think it through."));

        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params().build())) {
            events = stream.stream().map(ResponseStreamEvent::validate).toList();
        }

        String summary = events.stream().flatMap(e -> e.reasoningSummaryTextDelta().stream())
                .map(d -> d.delta()).collect(Collectors.joining());
        assertThat(summary).isEqualTo("Think it through.");
        var usage = events.getLast().completed().orElseThrow().response().usage().orElseThrow();
        assertThat(usage.outputTokensDetails().reasoningTokens()).isEqualTo(3);
        assertThat(usage.outputTokens()).isEqualTo(4);
    }

    @Test
    void aStreamScriptedToFailEndsWithAnErrorEventTheSdkParses() {
        fake.enqueue(Reply.text("a b c").errorAfterChunks(3, "The server had an error."));

        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params().build())) {
            events = stream.stream().map(ResponseStreamEvent::validate).toList();
        }

        var error = events.getLast().error().orElseThrow();
        assertThat(error.sequenceNumber()).isEqualTo(3);
        assertThat(error.code()).hasValue("server_error");
        assertThat(error.message()).isEqualTo("The server had an error.");
    }

    @Test
    void aStoredResponseIsRetrievedAndDeletedOnce() {
        fake.enqueue(Reply.text("keep me"));
        Response created = client.responses().create(params().build());

        Response retrieved = client.responses().retrieve(created.id()).validate();
        assertThat(retrieved.output().getFirst().message().orElseThrow().content().getFirst().outputText()
                .orElseThrow().text()).isEqualTo("keep me");

        client.responses().delete(created.id());
        assertThat(fake.lastRequest().method()).isEqualTo("DELETE");
        assertThatThrownBy(() -> client.responses().retrieve(created.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.responses().delete(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aPreviousResponseMustBeOneTheFakeStored() {
        Response kept = client.responses().create(params().build());
        Response notKept = client.responses().create(params().store(false).build());

        Response next = client.responses().create(params().previousResponseId(kept.id()).build()).validate();
        assertThat(next.previousResponseId()).hasValue(kept.id());
        assertThatThrownBy(() -> client.responses().create(params().previousResponseId(notKept.id()).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.code()).hasValue("previous_response_not_found");
                    assertThat(e.param()).hasValue("previous_response_id");
                });
        assertThatThrownBy(() -> client.responses().retrieve(notKept.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void errorsMapToTheSdksExceptionsAsOnChat() {
        fake.enqueue(Reply.rateLimited("gpt-4o-mini", Duration.ofSeconds(2)));

        assertThatThrownBy(() -> client.responses().create(params().build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.code()).hasValue("rate_limit_exceeded");
                    assertThat(e.headers().values("retry-after")).containsExactly("2");
                });
    }

    @Test
    void theBenchmarksFastPathAnswersTheSameTextWholeAndStreamedAndBothValidate() {
        try (FakeOpenAi fast = FakeOpenAi.builder().apiKey(KEY).fastPath(true).recordRequests(false)
                .fastReply("gpt-4o-mini", "Hello there friend").start()) {
            OpenAIClient fastClient = OpenAIOkHttpClient.builder().apiKey(KEY).baseUrl(fast.baseUrl()).maxRetries(0)
                    .build();
            try {
                assertFastPathAnswers(fastClient);
            } finally {
                fastClient.close();
            }
        }
    }

    /** The canned Response and its stream carry the same text, output and usage, each with an id of its own. */
    private static void assertFastPathAnswers(OpenAIClient fastClient) {
        Response response = fastClient.responses().create(params().build()).validate();
        assertThat(response.status()).hasValue(ResponseStatus.COMPLETED);
        assertThat(response.output().getFirst().message().orElseThrow().content().getFirst().outputText()
                .orElseThrow().text()).isEqualTo("Hello there friend");
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(3);

        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = fastClient.responses().createStreaming(params().build())) {
            events = stream.stream().map(ResponseStreamEvent::validate).toList();
        }
        assertThat(events.stream().flatMap(e -> e.outputTextDelta().stream()).map(d -> d.delta())
                .collect(Collectors.joining())).isEqualTo("Hello there friend");
        var completed = events.getLast().completed().orElseThrow();
        assertThat(completed.sequenceNumber()).isEqualTo(events.size() - 1);
        assertThat(completed.response().usage()).isEqualTo(response.usage());
        assertThat(completed.response().output()).isEqualTo(response.output());
        assertThat(completed.response().id()).startsWith("resp_").isNotEqualTo(response.id())
                .isEqualTo(events.getFirst().created().orElseThrow().response().id());
        assertThat(fastClient.responses().create(params().build()).id()).isNotIn(response.id(), completed.response().id());
    }
}
