package io.keyroute.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.api.Usage;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.http.HelidonTransport;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.replies.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conformance matrix: the same named cases run against every provider kind, each through its
 * adapter and a real {@link HelidonTransport} to the kind's testkit fake on loopback, so the URL,
 * query, auth and version headers and the body are checked as sent, and the answer as the caller
 * (an OpenAI Chat client; a Responses API client in the nested {@link Responses}) gets it. The adapter and capabilities are the kind's own, from
 * {@link ProviderRegistry}. A case needing a capability the kind does not declare
 * ({@link ProviderKind#capabilities()}) is skipped, naming the capability. One subclass per kind
 * says what its calls look like on its wire, through the hooks of {@link KindUnderTest}; adding a
 * provider adds one (docs/PROVIDERS.md).
 */
public abstract class ProviderConformanceTest extends KindUnderTest {

    @Test
    void plain() throws IOException {
        requires(ProviderCapability.CHAT);
        fake.enqueue(Reply.text("Hello from the fake").usage(12, 4, 0, 0));

        ChatResult result = call.chat(CallerRequests.plain("Hi", false));

        assertChatCall(fake.lastRequest(), false);
        assertMediaTypes(fake.lastRequest(), false);
        JsonNode choice = Json.MAPPER.readTree(result.body()).path("choices").path(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Hello from the fake");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(result.usage()).isEqualTo(new Usage(12, 4, 0, 0));
    }

    @Test
    void stream() {
        requires(ProviderCapability.STREAM);
        fake.enqueue(Reply.text("Hello from the fake").usage(12, 4, 0, 0));

        StreamedAnswer answer = call.stream(CallerRequests.plain("Hi", true));

        assertChatCall(fake.lastRequest(), true);
        assertMediaTypes(fake.lastRequest(), true);
        assertThat(answer.text()).isEqualTo("Hello from the fake");
        assertThat(answer.finishReason()).isEqualTo("stop");
        assertThat(answer.complete()).isTrue();
        assertThat(answer.reportedError()).isNull();
        assertThat(answer.finalUsage()).isEqualTo(new Usage(12, 4, 0, 0));
    }

    /** An error event after the first bytes: the caller gets it, and the decoder reports the stream failed. */
    @Test
    void midStreamError() {
        requires(ProviderCapability.STREAM);
        fake.enqueue(Reply.text("one two three four").errorAfterChunks(3, "Overloaded"));

        StreamedAnswer answer = call.stream(CallerRequests.plain("Hi", true));

        assertThat(answer.errorMessage()).isEqualTo("Overloaded");
        assertThat(answer.reportedError()).isEqualTo("Overloaded");
        assertThat(answer.complete()).as("the provider's error event was its last word").isTrue();
    }

    @Test
    void tools() throws IOException {
        requires(ProviderCapability.TOOLS);
        fake.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));

        ChatResult result = call.chat(CallerRequests.tools(false));

        assertToolsSent(fake.lastRequest().json());
        JsonNode choice = Json.MAPPER.readTree(result.body()).path("choices").path(0);
        JsonNode toolCall = choice.path("message").path("tool_calls").path(0);
        assertThat(toolCall.path("id").asText()).isNotBlank();
        assertThat(toolCall.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(Json.MAPPER.readTree(toolCall.path("function").path("arguments").asText()))
                .isEqualTo(Json.MAPPER.readTree("{\"city\":\"Paris\"}"));
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void streamTools() throws IOException {
        requires(ProviderCapability.STREAM_TOOLS);
        fake.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));

        StreamedAnswer answer = call.stream(CallerRequests.tools(true));

        assertToolsSent(fake.lastRequest().json());
        assertThat(answer.toolCalls()).hasSize(1);
        StreamedAnswer.ToolCallDelta toolCall = answer.toolCalls().getFirst();
        assertThat(toolCall.id()).isNotBlank();
        assertThat(toolCall.name()).isEqualTo("get_weather");
        assertThat(Json.MAPPER.readTree(toolCall.arguments())).isEqualTo(Json.MAPPER.readTree("{\"city\":\"Paris\"}"));
        assertThat(answer.finishReason()).isEqualTo("tool_calls");
        assertThat(answer.complete()).isTrue();
    }

    @Test
    void reasoning() throws IOException {
        requires(ProviderCapability.REASONING);
        fake.enqueue(Reply.text("No: 7 × 13.").thinking("Try small primes: 7 divides 91.", "c2lnbmVk"));

        ChatResult result = call.chat(CallerRequests.reasoning(false));

        assertReasoningAsked(fake.lastRequest().json());
        JsonNode message = Json.MAPPER.readTree(result.body()).path("choices").path(0).path("message");
        assertThat(message.path("reasoning_content").asText()).isEqualTo("Try small primes: 7 divides 91.");
        assertThat(message.path("content").asText()).isEqualTo("No: 7 × 13.");
    }

    @Test
    void streamReasoning() {
        requires(ProviderCapability.REASONING);
        fake.enqueue(Reply.text("No: 7 × 13.").thinking("Try small primes: 7 divides 91.", "c2lnbmVk"));

        StreamedAnswer answer = call.stream(CallerRequests.reasoning(true));

        assertReasoningAsked(fake.lastRequest().json());
        assertThat(answer.reasoning()).isEqualTo("Try small primes: 7 divides 91.");
        assertThat(answer.text()).isEqualTo("No: 7 × 13.");
        assertThat(answer.complete()).isTrue();
    }

    @Test
    void vision() throws IOException {
        requires(ProviderCapability.VISION);
        fake.enqueue(Reply.text("One white pixel."));

        ChatResult result = call.chat(CallerRequests.vision());

        assertImageSent(fake.lastRequest().json());
        assertThat(Json.MAPPER.readTree(result.body()).path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("One white pixel.");
    }

    @Test
    void pdf() throws IOException {
        requires(ProviderCapability.PDF);
        fake.enqueue(Reply.text("A one-page report."));

        ChatResult result = call.chat(CallerRequests.pdf());

        assertPdfSent(fake.lastRequest().json());
        assertThat(Json.MAPPER.readTree(result.body()).path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("A one-page report.");
    }

    @Test
    void jsonMode() throws IOException {
        requires(ProviderCapability.JSON_MODE);
        fake.enqueue(jsonAnswer("{\"a\":1}"));

        ChatResult result = call.chat(CallerRequests.jsonMode());

        assertJsonModeSent(fake.lastRequest().json());
        JsonNode choice = Json.MAPPER.readTree(result.body()).path("choices").path(0);
        assertThat(Json.MAPPER.readTree(choice.path("message").path("content").asText()))
                .isEqualTo(Json.MAPPER.readTree("{\"a\":1}"));
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void embeddings() throws IOException {
        requires(ProviderCapability.EMBEDDINGS);

        ChatResult result = call.embeddings(CallerRequests.embeddings(), embeddingsModel());

        assertEmbeddingsCall(fake.lastRequest());
        JsonNode answer = Json.MAPPER.readTree(result.body());
        assertThat(answer.path("object").asText()).isEqualTo("list");
        assertThat(answer.path("data")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode item = answer.path("data").path(i);
            assertThat(item.path("index").asInt()).isEqualTo(i);
            assertThat(item.path("embedding").isArray() && !item.path("embedding").isEmpty()).isTrue();
            assertThat(item.path("embedding").path(0).isNumber()).isTrue();
        }
        assertThat(result.usage().promptTokens()).isPositive()
                .isEqualTo(answer.path("usage").path("prompt_tokens").asLong());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {400, 401, 403, 404, 429, 500})
    void errorsByStatus(int status) {
        requires(ProviderCapability.CHAT);
        fake.enqueue(failure(status));

        UpstreamError error = catchThrowableOfType(UpstreamError.class,
                () -> call.chat(CallerRequests.plain("Hi", false)));

        assertFailure(error, status);
    }

    @Test
    void overloaded() {
        requires(ProviderCapability.CHAT);
        fake.enqueue(Reply.error(overloadStatus(), "Overloaded"));

        UpstreamError error = catchThrowableOfType(UpstreamError.class,
                () -> call.chat(CallerRequests.plain("Hi", false)));

        assertThat(error.getMessage()).isEqualTo(kind() + " returned " + overloadStatus() + ": Overloaded");
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void streamUsage() {
        requires(ProviderCapability.STREAM);
        fake.enqueue(Reply.text("one two three").usage(20, 3, 8, 0));

        StreamedAnswer answer = call.stream(CallerRequests.plain("Count", true));

        assertThat(answer.finalUsage()).isEqualTo(new Usage(20, 3, 8, 0));
        assertStreamUsageReports(answer.reports());
    }

    /**
     * Prompt-cache reads and writes as the provider reports them, whole and streamed: the gateway counts
     * them (its canonical usage, which the ledger prices) and the caller's usage carries them, reads as
     * {@code cached_tokens} and writes as {@code cache_write_tokens}.
     */
    @Test
    void cacheUsage() throws IOException {
        requires(ProviderCapability.PROMPT_CACHING);
        Reply reply = Reply.text("Cached prefix, short answer").usage(12_000, 200, 8_000, 0).cacheWrites(3_000, 2_000);
        Usage reported = cacheUsageReported(new Usage(12_000, 200, 8_000, 0, 3_000, 2_000));
        fake.enqueue(reply);
        fake.enqueue(reply);

        ChatResult whole = call.chat(CallerRequests.plain("Hi", false));
        StreamedAnswer streamed = call.stream(CallerRequests.plainWithUsage("Hi"));

        assertThat(whole.usage()).isEqualTo(reported);
        assertCallersCacheUsage(Json.MAPPER.readTree(whole.body()).path("usage"), reported);
        assertThat(streamed.finalUsage()).isEqualTo(reported);
        assertCallersCacheUsage(streamed.callersUsage(), reported);
    }

    private static void assertCallersCacheUsage(JsonNode usage, Usage reported) {
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(12_000);
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(200);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(8_000);
        assertThat(usage.path("prompt_tokens_details").path("cache_write_tokens").asLong()).isEqualTo(reported.cacheWriteTokens());
    }

    /** The credential check's call goes through the same transport: a good key lists models, a bad one is refused. */
    @Test
    void modelsProbe() {
        ProviderKind kind = descriptor();

        int good = call.status(kind.modelsProbe(baseUrl(fake), Secret.of(apiKey())).orElseThrow());
        RecordedRequest probe = fake.lastRequest();
        int bad = call.status(kind.modelsProbe(baseUrl(fake), Secret.of(apiKey() + "-revoked")).orElseThrow());

        assertThat(good).isEqualTo(200);
        assertModelsProbe(probe);
        assertThat(bad).isEqualTo(refusedKeyStatus());
    }

    @Test
    void cancellation() {
        requires(ProviderCapability.STREAM);
        fake.enqueue(Reply.text("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10").gated());
        fake.releaseChunks(1);

        try (AdapterOverTransport.OpenStream open = call.open(CallerRequests.plain("Talk", true))) {
            assertThat(open.next()).isTrue();
            open.cancel();
        }
        fake.releaseChunks(100);

        assertThat(fake.awaitCancelledStreams(1, Duration.ofSeconds(10)))
                .as("the fake saw its client leave mid-stream").isTrue();
    }

    /** Each recorded stream of the kind's golden files, served by the fake, decodes as its golden chunks say. */
    @TestFactory
    Stream<DynamicTest> recordedStreams() throws IOException {
        Path dir = Path.of("src/test/resources/golden", goldenProvider(), "stream");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".sse")).sorted()
                    .map(f -> f.substring(0, f.length() - ".sse".length()))
                    .map(name -> DynamicTest.dynamicTest(name, () -> recordedStream(dir, name))).toList().stream();
        }
    }

    private void recordedStream(Path dir, String name) throws IOException {
        requires(ProviderCapability.STREAM);
        fake.enqueue(Reply.raw(200, "text/event-stream", Files.readString(dir.resolve(name + ".sse"))));

        StreamedAnswer answer = call.stream(CallerRequests.plain("Hi", true));

        StreamedAnswer expected = StreamedAnswer.golden(dir.resolve(name + ".chunks.jsonl"));
        assertThat(answer.text()).as("text").isEqualTo(expected.text());
        assertThat(answer.toolCalls()).as("tool calls").isEqualTo(expected.toolCalls());
        assertThat(answer.finishReason()).as("finish reason").isEqualTo(expected.finishReason());
        assertThat(answer.errorMessage()).as("error").isEqualTo(expected.errorMessage());
        assertThat(answer.reportedError()).as("error reported as the stream's failure").isEqualTo(expected.reportedError());
        assertThat(answer.complete()).as("complete").isEqualTo(expected.complete());
        if (expected.finalUsage() != null) { // a chunk's usage has no share of cache writes kept for an hour
            assertThat(answer.finalUsage()).as("usage").usingRecursiveComparison().ignoringFields("cacheWrite1hTokens")
                    .isEqualTo(expected.finalUsage());
        }
    }

    /** The same kind for a Responses API caller: {@link ResponsesConformanceTest}'s cases over this wiring and these hooks. */
    @Nested
    class Responses extends ResponsesConformanceTest {
        Responses() {
            super(ProviderConformanceTest.this);
        }
    }

    /** Every kind sends JSON and asks for JSON, or for an event stream when it streams. */
    private static void assertMediaTypes(RecordedRequest call, boolean stream) {
        assertThat(call.header("content-type")).isEqualTo("application/json");
        assertThat(call.header("accept")).isEqualTo(stream ? "text/event-stream" : "application/json");
    }
}
