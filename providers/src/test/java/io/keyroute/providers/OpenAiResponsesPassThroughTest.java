package io.keyroute.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.api.Usage;
import io.keyroute.api.WireFormat;
import io.keyroute.api.wire.responses.ResponsesRequest;
import io.keyroute.api.wire.responses.ResponsesRequestReader;
import io.keyroute.providers.http.HelidonTransport;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Responses caller to an {@code openai} target, through the registry's adapter and a real
 * {@link HelidonTransport} to {@link FakeOpenAi}'s {@code /v1/responses}: the caller's bytes go up with
 * only the model rewritten, the answer (whole or event by event) comes back as it came, and its usage
 * is read exactly. An {@code openai-compatible} target gets chat completions instead.
 */
class OpenAiResponsesPassThroughTest {
    private static final String KEY = "sk-proj-responses0123456789abcdef";
    private static final String MODEL = "gpt-4o-mini";
    /** Everything only OpenAI's Responses API serves, and bytes a re-serialisation would change. */
    private static final String CALLER_BODY = """
            {
              "input" : [ {"role":"user","content":[{"type":"input_text","text":"caf\\u00e9 ☕ \\"quoted\\" 😀"}]} ],
              "model"   :  "openai/reasoner",
              "tools": [ {"type": "web_search"} ],
              "store": false,
              "include": ["reasoning.encrypted_content"],
              "reasoning": {"effort": "low", "summary": "auto"},
              "x_future": {"n": 1.50000000000000000001, "model": "nested"},
              "stream": %s
            }
            """;
    private static final Usage USAGE = new Usage(20, 5, 8, 3);

    private FakeOpenAi fake;
    private AdapterOverTransport call;

    @BeforeEach
    void start() {
        fake = FakeOpenAi.builder().apiKey(KEY).rejectUnknownModels(true).start();
        call = over("openai");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private AdapterOverTransport over(String kind) {
        ProviderAdapter adapter = ProviderRegistry.builtIn().find(kind).orElseThrow().newAdapter(Clock.systemUTC());
        return new AdapterOverTransport(kind, adapter, new HelidonTransport(Duration.ofSeconds(5), 4),
                URI.create(fake.baseUrl()), MODEL, new Credential("system:" + kind, Secret.of(KEY)));
    }

    /** A Responses request as the gateway carries it: its body in a ChatRequest, its bytes kept. */
    private static ChatRequest responses(String json) {
        ResponsesRequest read = ResponsesRequestReader.read(json.getBytes(StandardCharsets.UTF_8));
        return new ChatRequest(WireFormat.OPENAI_RESPONSES, read.body(), read.model(), read.stream(), false, Map.of(),
                read.raw());
    }

    private static String resource(String name) {
        try (InputStream in = OpenAiResponsesPassThroughTest.class.getResourceAsStream("/responses/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertSentAsIs(RecordedRequest sent, String callerBody, boolean stream) {
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.rawPath()).isEqualTo("/v1/responses");
        assertThat(sent.query()).isEmpty();
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.header("accept")).isEqualTo(stream ? "text/event-stream" : "application/json");
        assertThat(sent.bodyText()).as("the caller's bytes, only the model rewritten")
                .isEqualTo(callerBody.replace("\"openai/reasoner\"", "\"" + MODEL + "\""));
    }

    @Test
    void aWholeAnswerComesBackByteForByteWithItsUsage() {
        String answer = resource("answer.json");
        fake.enqueue(Reply.raw(200, "application/json", answer));
        String body = CALLER_BODY.formatted("false");

        ChatResult result = call.chat(responses(body));

        assertSentAsIs(fake.lastRequest(), body, false);
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo(answer);
        assertThat(result.usage()).isEqualTo(USAGE);
    }

    @Test
    void aStreamComesBackEventByEventByteForByteWithItsUsage() {
        String stream = resource("stream.sse");
        fake.enqueue(Reply.raw(200, "text/event-stream", stream));
        String body = CALLER_BODY.formatted("true");

        try (AdapterOverTransport.OpenStream open = call.open(responses(body))) {
            while (open.next()) {
                // relayed as read
            }
            StreamedAnswer answer = open.answer();

            assertSentAsIs(fake.lastRequest(), body, true);
            assertThat(new String(open.relayed(), StandardCharsets.UTF_8)).isEqualTo(stream);
            assertThat(answer.reports()).containsExactly(new StreamedAnswer.UsageReport(USAGE, false));
            assertThat(answer.complete()).as("response.completed ends it").isTrue();
            assertThat(answer.reportedError()).isNull();
        }
    }

    @Test
    void theFakesOwnAnswersCountCachedAndReasoningTokensExactlyOnTheirTier() {
        Reply reply = Reply.text("Hello there").reasoningSummary("think first").usage(20, 5, 8, 3).serviceTier("flex");
        fake.enqueue(reply, reply);

        ChatResult whole = call.chat(responses(CALLER_BODY.formatted("false")));
        StreamedAnswer streamed = call.stream(responses(CALLER_BODY.formatted("true")));

        assertThat(whole.usage()).isEqualTo(USAGE.onTier("flex"));
        assertThat(streamed.reports()).containsExactly(new StreamedAnswer.UsageReport(USAGE.onTier("flex"), false));
        assertThat(streamed.complete()).isTrue();
        assertThat(types(streamed.data())).startsWith("response.created", "response.in_progress")
                .contains("response.reasoning_summary_text.delta", "response.output_text.delta")
                .endsWith("response.completed");
    }

    @Test
    void previousResponseIdContinuesTheConversationUpstream() throws IOException {
        ChatResult first = call.chat(responses("{\"model\":\"openai/reasoner\",\"input\":\"My name is Ada.\"}"));
        String id = Json.MAPPER.readTree(first.body()).path("id").asText();
        String next = "{\"model\":\"openai/reasoner\",\"previous_response_id\":\"" + id + "\",\"input\":\"My name?\"}";

        ChatResult second = call.chat(responses(next));

        assertThat(fake.lastRequest().bodyText()).isEqualTo(next.replace("openai/reasoner", MODEL));
        assertThat(Json.MAPPER.readTree(second.body()).path("previous_response_id").asText()).isEqualTo(id);
        assertThat(second.usage().promptTokens()).isPositive();
    }

    @Test
    void anErrorEventMidStreamIsTheProvidersReportedFailure() {
        fake.enqueue(Reply.chunks("a", "b", "c").errorAfterChunks(3, "The server had an error"));

        StreamedAnswer answer = call.stream(responses(CALLER_BODY.formatted("true")));

        assertThat(answer.reportedError()).isEqualTo("The server had an error");
        assertThat(answer.complete()).as("the error event is the provider's last word").isTrue();
        assertThat(types(answer.data())).endsWith("error");
        assertThat(answer.reports()).as("no usage: the relay charges by its bound").isEmpty();
    }

    @Test
    void aFailedOrIncompleteResponseEndsTheStreamWithItsUsage() {
        String failed = "event: response.failed\ndata: {\"type\":\"response.failed\",\"sequence_number\":2,"
                + "\"response\":{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"overloaded\"},"
                + "\"usage\":{\"input_tokens\":20,\"output_tokens\":1}}}\n\n";
        String incomplete = "event: response.incomplete\ndata: {\"type\":\"response.incomplete\",\"sequence_number\":2,"
                + "\"response\":{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"},"
                + "\"usage\":{\"input_tokens\":20,\"output_tokens\":16}}}\n\n";
        fake.enqueue(Reply.raw(200, "text/event-stream", failed), Reply.raw(200, "text/event-stream", incomplete));

        StreamedAnswer failedAnswer = call.stream(responses(CALLER_BODY.formatted("true")));
        StreamedAnswer cutAnswer = call.stream(responses(CALLER_BODY.formatted("true")));

        assertThat(failedAnswer.reportedError()).isEqualTo("overloaded");
        assertThat(failedAnswer.complete()).isTrue();
        assertThat(failedAnswer.finalUsage()).isEqualTo(new Usage(20, 1, 0, 0));
        assertThat(cutAnswer.reportedError()).as("a length stop is an answer").isNull();
        assertThat(cutAnswer.complete()).isTrue();
        assertThat(cutAnswer.finalUsage()).isEqualTo(new Usage(20, 16, 0, 0));
    }

    @Test
    void aStreamThatEndsBeforeItsLastEventIsNotComplete() {
        String stream = resource("stream.sse");
        fake.enqueue(Reply.raw(200, "text/event-stream", stream.substring(0, stream.indexOf("event: response.completed"))));

        StreamedAnswer answer = call.stream(responses(CALLER_BODY.formatted("true")));

        assertThat(answer.data()).hasSize(11);
        assertThat(answer.complete()).as("no response.completed, incomplete or failed: cut").isFalse();
        assertThat(answer.reports()).as("no usage: the relay charges by its bound").isEmpty();
    }

    @Test
    void eventsWithoutAnEventLineAreKnownByTheirType() {
        String dataOnly = resource("stream.sse").replaceAll("(?m)^event: .*\n", "");
        fake.enqueue(Reply.raw(200, "text/event-stream", dataOnly));

        try (AdapterOverTransport.OpenStream open = call.open(responses(CALLER_BODY.formatted("true")))) {
            while (open.next()) {
                // relayed as read
            }
            assertThat(new String(open.relayed(), StandardCharsets.UTF_8)).isEqualTo(dataOnly);
            assertThat(open.answer().complete()).isTrue();
            assertThat(open.answer().reports()).containsExactly(new StreamedAnswer.UsageReport(USAGE, false));
        }
    }

    @Test
    void anOpenAiCompatibleServerIsAskedForChatCompletions() {
        AdapterOverTransport compatible = over("openai-compatible");

        ChatResult result = compatible.chat(responses("{\"model\":\"local/llama\",\"input\":\"Hi\"}"));

        assertThat(fake.lastRequest().rawPath()).isEqualTo("/v1/chat/completions");
        assertThat(fake.lastRequest().json().path("messages").path(0).path("content").asText()).isEqualTo("Hi");
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).contains("\"object\":\"response\"");
    }

    private static List<String> types(List<String> data) {
        return data.stream().map(d -> {
            try {
                JsonNode event = Json.MAPPER.readTree(d);
                return event.path("type").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
