package io.keyroute.providers;

import static io.keyroute.providers.CallerRequests.json;
import static io.keyroute.providers.ResponseItems.assertFunctionCall;
import static io.keyroute.providers.ResponseItems.assertMessage;
import static io.keyroute.providers.ResponseItems.assertUsage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Usage;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.replies.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conformance matrix's cases for a Responses API caller ({@code POST /v1/responses}, bodies from
 * {@link ResponsesCalls}), run for every kind of {@link ProviderConformanceTest} (its nested
 * {@code Responses}), over the same wiring and the same hooks as the chat cases. What the fake
 * received: for a kind declaring {@link ProviderCapability#OPENAI_RESPONSES_API}, the caller's bytes
 * with only the model rewritten; for the rest, the translation the chat hooks describe. What the
 * caller got: the Response object, or the events in order with gapless sequence numbers, its output
 * items and usage. The per-provider golden translations ({@code golden/<provider>/response/*.responses.json},
 * {@code stream/*.responses.jsonl}) are served by the fake here and expected as their files say.
 */
public abstract class ResponsesConformanceTest {
    private final KindUnderTest kind;

    protected ResponsesConformanceTest(KindUnderTest kind) {
        this.kind = kind;
    }

    /** A whole answer, its usage (cache reads included) counted alike by the caller and the gateway. */
    @Test
    void plain() {
        kind.requires(ProviderCapability.CHAT);
        kind.fake.enqueue(Reply.text("Hello from the fake").usage(12, 4, 5, 0));
        String body = ResponsesCalls.plain("Hi", false);

        ChatResult result = kind.call.chat(ResponsesCalls.read(body));

        assertSent(body, false, sent -> kind.assertChatCall(sent, false));
        JsonNode response = response(result);
        assertThat(response.path("object").asText()).isEqualTo("response");
        assertThat(response.path("status").asText()).isEqualTo("completed");
        assertThat(response.path("output")).hasSize(1);
        assertMessage(response.path("output").path(0), "Hello from the fake");
        assertUsage(response.path("usage"), 12, 4, 5);
        assertThat(result.usage()).isEqualTo(new Usage(12, 4, 5, 0));
    }

    @Test
    void stream() {
        kind.requires(ProviderCapability.STREAM);
        kind.fake.enqueue(Reply.text("Hello from the fake").usage(12, 4, 0, 0));
        String body = ResponsesCalls.plain("Hi", true);

        ResponsesEvents events = stream(body);

        assertSent(body, true, sent -> kind.assertChatCall(sent, true));
        assertThat(events.types()).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed");
        assertThat(events.deltas("response.output_text.delta")).isEqualTo("Hello from the fake");
        assertThat(events.response().path("status").asText()).isEqualTo("completed");
        assertMessage(events.response().path("output").path(0), "Hello from the fake");
        assertUsage(events.response().path("usage"), 12, 4, 0);
    }

    /** A provider's error after the first bytes ends the caller's stream in the Responses API's failure, numbered in order. */
    @Test
    void midStreamError() {
        kind.requires(ProviderCapability.STREAM);
        kind.fake.enqueue(Reply.text("one two three four").errorAfterChunks(3, "Overloaded"));

        ResponsesEvents events = ResponsesEvents.read(kind.call, ResponsesCalls.read(ResponsesCalls.plain("Hi", true)));

        assertThat(events.answer().reportedError()).isEqualTo("Overloaded");
        assertThat(events.answer().complete()).as("the provider's error event was its last word").isTrue();
        assertGapless(events);
        if (passes()) {
            assertThat(events.last().path("type").asText()).as("OpenAI's own error event, relayed").isEqualTo("error");
            assertThat(events.last().path("message").asText()).isEqualTo("Overloaded");
        } else {
            assertThat(events.last().path("type").asText()).isEqualTo("response.failed");
            assertThat(events.response().path("status").asText()).isEqualTo("failed");
            assertThat(events.response().path("error").path("message").asText()).isEqualTo("Overloaded");
        }
    }

    /** The model's call goes out as a function_call item the caller answers by its call_id. */
    @Test
    void functionCallOut() {
        kind.requires(ProviderCapability.TOOLS);
        kind.fake.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        String body = ResponsesCalls.tools(false);

        ChatResult result = kind.call.chat(ResponsesCalls.read(body));

        assertSent(body, false, sent -> kind.assertToolsSent(sent.json()));
        JsonNode output = response(result).path("output");
        assertThat(output).hasSize(1);
        assertFunctionCall(output.path(0));
    }

    @Test
    void streamedFunctionCallOut() {
        kind.requires(ProviderCapability.STREAM_TOOLS);
        kind.fake.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        String body = ResponsesCalls.tools(true);

        ResponsesEvents events = stream(body);

        assertSent(body, true, sent -> kind.assertToolsSent(sent.json()));
        assertThat(events.types()).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed");
        assertThat(json(events.deltas("response.function_call_arguments.delta"))).isEqualTo(json("{\"city\":\"Paris\"}"));
        assertFunctionCall(events.response().path("output").path(0));
    }

    /** The caller's function_call and function_call_output come back in as the provider's call and result. */
    @Test
    void functionCallOutputIn() {
        kind.requires(ProviderCapability.TOOLS);
        kind.fake.enqueue(Reply.text("Sunny in Paris."));
        String body = ResponsesCalls.toolResult();

        ChatResult result = kind.call.chat(ResponsesCalls.read(body));

        assertSent(body, false, sent -> {
            kind.assertToolsSent(sent.json());
            kind.assertToolResultSent(sent.json());
        });
        assertMessage(response(result).path("output").path(0), "Sunny in Paris.");
    }

    @Test
    void imageInput() {
        kind.requires(ProviderCapability.VISION);
        kind.fake.enqueue(Reply.text("One white pixel."));
        String body = ResponsesCalls.vision();

        ChatResult result = kind.call.chat(ResponsesCalls.read(body));

        assertSent(body, false, sent -> kind.assertImageSent(sent.json()));
        assertMessage(response(result).path("output").path(0), "One white pixel.");
    }

    /** text.format's JSON schema is asked for as the provider asks, and the answer is the output_text. */
    @Test
    void jsonSchema() {
        kind.requires(ProviderCapability.JSON_MODE);
        kind.fake.enqueue(passes() ? Reply.text("{\"a\":1}") : kind.jsonAnswer("{\"a\":1}"));
        String body = ResponsesCalls.jsonSchema();

        ChatResult result = kind.call.chat(ResponsesCalls.read(body));

        assertSent(body, false, sent -> kind.assertJsonModeSent(sent.json()));
        JsonNode output = response(result).path("output");
        assertThat(output).hasSize(1);
        assertThat(json(output.path(0).path("content").path(0).path("text").asText())).isEqualTo(json("{\"a\":1}"));
    }

    /** OpenAI's reasoning items are relayed as they come; the translated kinds' are their recorded goldens. */
    @Test
    void reasoning() {
        kind.requires(ProviderCapability.OPENAI_RESPONSES_API);
        Reply reply = Reply.text("Hello there").reasoningSummary("think first").usage(20, 5, 0, 3);
        kind.fake.enqueue(reply, reply);

        ChatResult whole = kind.call.chat(ResponsesCalls.read(ResponsesCalls.plain("Hi", false)));
        ResponsesEvents events = stream(ResponsesCalls.plain("Hi", true));

        JsonNode item = response(whole).path("output").path(0);
        assertThat(item.path("type").asText()).isEqualTo("reasoning");
        assertThat(item.path("summary").path(0).path("text").asText()).isEqualTo("think first");
        assertThat(events.deltas("response.reasoning_summary_text.delta")).isEqualTo("think first");
        assertThat(events.response().path("output").path(0).path("summary")).isEqualTo(item.path("summary"));
        assertThat(whole.usage()).isEqualTo(new Usage(20, 5, 0, 3));
        assertUsage(events.response().path("usage"), 20, 5, 0);
        assertThat(events.response().path("usage").path("output_tokens_details").path("reasoning_tokens").asInt()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {400, 401, 403, 404, 429, 500})
    void errorsByStatus(int status) {
        kind.requires(ProviderCapability.CHAT);
        kind.fake.enqueue(KindUnderTest.failure(status));

        UpstreamError error = catchThrowableOfType(UpstreamError.class,
                () -> kind.call.chat(ResponsesCalls.read(ResponsesCalls.plain("Hi", false))));

        kind.assertFailure(error, status);
    }

    /** Cached tokens reach the caller's usage and the gateway's count alike, reported as the chat stream reports them. */
    @Test
    void streamUsage() {
        kind.requires(ProviderCapability.STREAM);
        kind.fake.enqueue(Reply.text("one two three").usage(20, 3, 8, 0));

        ResponsesEvents events = stream(ResponsesCalls.plain("Count", true));

        assertThat(events.answer().finalUsage()).isEqualTo(new Usage(20, 3, 8, 0));
        kind.assertStreamUsageReports(events.answer().reports());
        assertUsage(events.response().path("usage"), 20, 3, 8);
    }

    /** Each recorded stream of the kind's goldens, served by the fake, reaches a Responses caller as its {@code .responses.jsonl}. */
    @TestFactory
    Stream<DynamicTest> recordedStreams() throws IOException {
        return recorded("stream", ".sse", this::recordedStream);
    }

    /** Each recorded answer of the kind's goldens, served by the fake, reaches a Responses caller as its {@code .responses.json}. */
    @TestFactory
    Stream<DynamicTest> recordedAnswers() throws IOException {
        return recorded("response", ".upstream.json", this::recordedAnswer);
    }

    private void recordedStream(Path dir, String name) throws IOException {
        translatedOnly();
        kind.fake.enqueue(Reply.raw(200, "text/event-stream", Files.readString(dir.resolve(name + ".sse"))));

        ResponsesEvents events = ResponsesEvents.read(kind.call, ResponsesCalls.read(ResponsesCalls.plain("Hi", true)));

        List<String> golden = Files.readAllLines(dir.resolve(name + ".responses.jsonl")).stream()
                .map(l -> l.replace("resp_golden", "resp_(random)")).toList();
        assertThat(events.goldenLines()).isEqualTo(golden.subList(0, golden.size() - 1));
        assertThat("complete=" + events.answer().complete()).isEqualTo(golden.getLast());
    }

    private void recordedAnswer(Path dir, String name) throws IOException {
        translatedOnly();
        kind.fake.enqueue(Reply.raw(200, "application/json", Files.readString(dir.resolve(name + ".upstream.json"))));

        ChatResult result = kind.call.chat(ResponsesCalls.read(ResponsesCalls.plain("Hi", false)));

        String golden = Files.readString(dir.resolve(name + ".responses.json")).replace("resp_golden", "resp_(random)");
        String answer = new String(result.body(), StandardCharsets.UTF_8);
        assertThat(json(ResponsesEvents.masked(answer))).isEqualTo(json(golden));
    }

    private Stream<DynamicTest> recorded(String direction, String suffix, RecordedCase check) throws IOException {
        Path dir = Path.of("src/test/resources/golden", kind.goldenProvider(), direction);
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(suffix)).sorted()
                    .map(f -> f.substring(0, f.length() - suffix.length()))
                    .map(name -> DynamicTest.dynamicTest(name, () -> check.run(dir, name))).toList().stream();
        }
    }

    /** One recorded golden case. */
    private interface RecordedCase {
        void run(Path dir, String name) throws IOException;
    }

    /** The goldens are the provider's own wire; a pass-through kind's is OpenAI's Responses API (OpenAiResponsesPassThroughTest). */
    private void translatedOnly() {
        assumeFalse(passes(), () -> kind.kind() + " declares OPENAI_RESPONSES_API: its answers pass through as they come");
    }

    /** A stream that completed, every event named by its type and numbered in order. */
    private ResponsesEvents stream(String body) {
        ResponsesEvents events = ResponsesEvents.read(kind.call, ResponsesCalls.read(body));
        assertThat(events.answer().complete()).isTrue();
        assertThat(events.answer().reportedError()).isNull();
        assertThat(events.named()).as("each event's name is its type").isTrue();
        assertGapless(events);
        return events;
    }

    private static void assertGapless(ResponsesEvents events) {
        assertThat(events.sequenceNumbers()).as("numbered from 0 without a gap")
                .isEqualTo(IntStream.range(0, events.events().size()).boxed().toList());
    }

    /** The prompts the token-count cases count. */
    public enum CountCase {
        /** {@code input} as a string. */
        PLAIN,
        /** A question with the get_weather tool. */
        TOOLS,
        /** A question about a PNG. */
        IMAGE,
        /** A question about a one-page PDF. */
        PDF
    }

    @Test
    void countPlain() {
        kind.requires(ProviderCapability.TOKEN_COUNT);
        String body = ResponsesCalls.plain("Hello there friend", false);

        assertCounted(body, CountCase.PLAIN, prompt -> { });
    }

    @Test
    void countTools() {
        kind.requires(ProviderCapability.TOKEN_COUNT);
        kind.requires(ProviderCapability.TOOLS);

        assertCounted(ResponsesCalls.tools(false), CountCase.TOOLS, kind::assertToolsSent);
    }

    @Test
    void countImage() {
        kind.requires(ProviderCapability.TOKEN_COUNT);
        kind.requires(ProviderCapability.VISION);

        assertCounted(ResponsesCalls.vision(), CountCase.IMAGE, kind::assertImageSent);
    }

    @Test
    void countPdf() {
        kind.requires(ProviderCapability.TOKEN_COUNT);
        kind.requires(ProviderCapability.PDF);

        assertCounted(ResponsesCalls.pdf(), CountCase.PDF, kind::assertPdfSent);
    }

    /**
     * The provider's count of {@code body}: its count call as the fake received it (the caller's bytes,
     * only the model rewritten, for a pass-through kind; for the rest the translated prompt, checked
     * by {@code translated}), and the count read from its answer, as the kind's fake counts the prompt.
     */
    private void assertCounted(String body, CountCase countCase, Consumer<JsonNode> translated) {
        long tokens = kind.call.count(ResponsesCalls.read(body));

        RecordedRequest sent = kind.fake.lastRequest();
        kind.assertCountCall(sent);
        if (passes()) {
            assertThat(sent.bodyText()).as("the caller's bytes, only the model rewritten")
                    .isEqualTo(body.replace("\"" + ResponsesCalls.CALLER_MODEL + "\"", "\"" + kind.upstreamModel() + "\""));
        } else {
            translated.accept(kind.countedPrompt(sent));
        }
        assertThat(tokens).isEqualTo(kind.fakeCounts().get(countCase));
    }

    private boolean passes() {
        return kind.descriptor().capabilities().contains(ProviderCapability.OPENAI_RESPONSES_API);
    }

    /**
     * What the fake received for the caller's {@code body}: for a pass-through kind, its bytes with
     * only the model rewritten; for the rest, the translation, as {@code translated} (the kind's hooks) checks it.
     */
    private void assertSent(String body, boolean stream, Consumer<RecordedRequest> translated) {
        RecordedRequest sent = kind.fake.lastRequest();
        if (!passes()) {
            translated.accept(sent);
            return;
        }
        kind.assertResponsesCall(sent, stream);
        assertThat(sent.bodyText()).as("the caller's bytes, only the model rewritten")
                .isEqualTo(body.replace("\"" + ResponsesCalls.CALLER_MODEL + "\"", "\"" + kind.upstreamModel() + "\""));
    }

    /** The Response object a whole answer is. */
    private static JsonNode response(ChatResult result) {
        return json(new String(result.body(), StandardCharsets.UTF_8));
    }
}
