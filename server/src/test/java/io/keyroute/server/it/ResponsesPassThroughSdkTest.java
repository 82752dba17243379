package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official openai-java SDK's {@code responses()} client, pointed at Keyroute, in front of a faithful
 * fake OpenAI: an {@code openai} target gets the caller's Responses request as sent (model rewritten
 * only), OpenAI keeps the conversation, and the answer is priced exactly from the usage it reports.
 */
class ResponsesPassThroughSdkTest {
    // openai/gpt-4o-mini: $0.15 in, $0.075 cached in, $0.60 out per million tokens.
    // 12,345 input (2,000 cached), 678 output (100 reasoning):
    // 10,345 × 0.15 + 2,000 × 0.075 + 678 × 0.60 = 1,551.75 + 150 + 406.8 = 2,108.55 → 2,109 µ$
    private static final long COST_MICROS = 2_109;

    private FakeOpenAi upstream;
    private TestGateway keyroute;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        upstream = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).rejectUnknownModels(true).start();
        keyroute = TestGateway.inFrontOf(upstream.baseUrl());
        client = keyroute.sdk();
    }

    @AfterEach
    void stop() {
        keyroute.close();
        upstream.close();
    }

    private static ResponseCreateParams.Builder ask(String text) {
        return ResponseCreateParams.builder().model("openai/gpt-4o-mini").input(text);
    }

    @Test
    void aConversationContinuesUpstreamThroughPreviousResponseIdAndIsPricedExactly() throws Exception {
        upstream.enqueue(Reply.text("Hello Ada.").usage(12_345, 678, 2_000, 100));
        var raw = client.responses().withRawResponse().create(ask("My name is Ada.").build());
        Response first = raw.parse().validate();

        assertThat(raw.headers().values("x-keyroute-cost-usd")).containsExactly("0.002109");
        assertThat(raw.headers().values("x-keyroute-provider")).containsExactly("openai");
        assertThat(upstream.lastRequest().path()).isEqualTo("/v1/responses");
        assertThat(upstream.lastRequest().json().path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(first.usage().orElseThrow().inputTokensDetails().cachedTokens()).isEqualTo(2_000);
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.costMicros()).isEqualTo(COST_MICROS);
        assertThat(record.usage().cachedTokens()).isEqualTo(2_000);
        assertThat(record.usage().reasoningTokens()).isEqualTo(100);

        Response second = client.responses().create(ask("What is my name?").previousResponseId(first.id()).build())
                .validate();

        assertThat(upstream.lastRequest().json().path("previous_response_id").asText()).isEqualTo(first.id());
        assertThat(second.previousResponseId()).hasValue(first.id());
        assertThat(second.output().getFirst().message().orElseThrow().content().getFirst().outputText()
                .orElseThrow().text()).isEqualTo("Echo: What is my name?");
        assertThat(keyroute.awaitRecords(2)).last().satisfies(r -> assertThat(r.outcome()).isEqualTo("ok"));
    }

    @Test
    void aStreamArrivesEventByEventAsOpenAiSentItAndIsPricedInItsRecord() {
        upstream.enqueue(Reply.chunks("hel", "lo").reasoningSummary("Greet.").usage(12_345, 678, 2_000, 100));

        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ask("hi").build())) {
            events = stream.stream().map(ResponseStreamEvent::validate).toList();
        }

        assertThat(events.getFirst().created()).isPresent();
        assertThat(events.stream().flatMap(e -> e.outputTextDelta().stream()).map(d -> d.delta())
                .collect(Collectors.joining())).isEqualTo("hello");
        var completed = events.getLast().completed().orElseThrow();
        assertThat(completed.sequenceNumber()).isEqualTo(events.size() - 1);
        assertThat(completed.response().usage().orElseThrow().outputTokens()).isEqualTo(678);
        assertThat(upstream.lastRequest().json().has("stream_options")).as("Responses report usage unasked").isFalse();
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.costMicros()).isEqualTo(COST_MICROS);
        assertThat(record.streamed()).isTrue();
        assertThat(record.outcome()).isEqualTo("ok");
    }

    @Test
    void anUpstreamErrorEventMidStreamIsRelayedOnceAndTheAnswerIsCut() {
        upstream.enqueue(Reply.chunks("a", "b", "c").errorAfterChunks(3, "The server had an error."));

        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ask("hi").build())) {
            events = stream.stream().map(ResponseStreamEvent::validate).toList();
        }

        assertThat(events.stream().filter(e -> e.error().isPresent())).singleElement()
                .satisfies(e -> assertThat(e.error().orElseThrow().message()).isEqualTo("The server had an error."));
        assertThat(events.getLast().error()).isPresent();
        assertThat(keyroute.awaitRecord(1).outcome()).isEqualTo("cut");
    }

    @Test
    void theCallersBytesGoUpstreamWithOnlyTheModelRewritten() throws Exception {
        String body = """
                { "model": "openai/gpt-4o-mini", "input": "caf\\u00e9 ☕",
                  "tools": [ {"type": "web_search"} ], "store": false,
                  "include": ["reasoning.encrypted_content"], "x_vendor": {"n": 1.50000000000000000001} }""";

        var response = keyroute.post("/responses", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstream.lastRequest().bodyText()).isEqualTo(body.replace("openai/gpt-4o-mini", "gpt-4o-mini"));
        assertThat(response.body()).contains("\"object\":\"response\"");
    }
}
